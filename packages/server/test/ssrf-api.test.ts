import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';
import { BLOCKED_URLS } from './ssrf-forms.js';

// The same forms as the guard's unit tests, through the API of a node that is not in dev mode.
describeEachDialect('SSRF guard at endpoint creation', (dialect) => {
  let node: TestNode;
  let apiKey: string;
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_DEV: '0', LINKWIRE_ALLOW_PRIVATE_TARGETS: '' });
    apiKey = (await node.signup()).apiKey;
  });
  after(async () => node.close());

  it('refuses every blocked form with a 400 naming url, on create and on update', async () => {
    for (const url of [...BLOCKED_URLS, 'http://8.8.8.8/hook', 'https://user:pw@8.8.8.8/', 'https://localhost/hook', 'https://localhost:3000/hook']) {
      const res = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: apiKey, payload: { url, events: ['*'] } });
      assert.equal(res.status, 400, url);
      assert.deepEqual(
        res.body.errors.map((e: any) => e.field),
        ['url'],
        url,
      );
    }
    const ok = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: apiKey, payload: { url: 'https://8.8.8.8/hook', events: ['*'] } });
    assert.equal(ok.status, 201, ok.raw);
    const patch = await node.request({ method: 'PATCH', url: `/api/v1/webhooks/${ok.body.id}`, token: apiKey, payload: { url: 'https://0x7f.1/' } });
    assert.equal(patch.status, 400);
    assert.deepEqual(patch.body.errors[0].field, 'url');
    assert.match(patch.body.errors[0].message, /127\.0\.0\.1.*loopback/);
  });

  it('allows a private target covered by LINKWIRE_ALLOW_PRIVATE_TARGETS', async () => {
    const allowed = await createTestNode(dialect, { LINKWIRE_DEV: '0', LINKWIRE_ALLOW_PRIVATE_TARGETS: '10.8.0.0/16' });
    try {
      const u = await allowed.signup();
      const ok = await allowed.request({ method: 'POST', url: '/api/v1/webhooks', token: u.apiKey, payload: { url: 'https://10.8.1.2/hook', events: ['*'] } });
      assert.equal(ok.status, 201);
      const no = await allowed.request({ method: 'POST', url: '/api/v1/webhooks', token: u.apiKey, payload: { url: 'https://10.9.1.2/hook', events: ['*'] } });
      assert.equal(no.status, 400);
    } finally {
      await allowed.close();
    }
  });
});
