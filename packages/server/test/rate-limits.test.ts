// The per-client limits of the public routes (src/http/rate-limits.ts), on the real routes.
// Each test speaks from its own client address, since the counters live for the node's lifetime.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

function assertRateLimited(res: { status: number; body: any; headers: Record<string, any> }, limit: string, max: number, windowSeconds: number) {
  assert.equal(res.status, 429);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.body.type, 'https://linkwire.dev/problems/rate_limited');
  assert.equal(res.body.limit, limit);
  assert.equal(res.body.max, max);
  assert.equal(res.body.windowSeconds, windowSeconds);
  const retryAfter = Number(res.headers['retry-after']);
  assert.ok(retryAfter >= 1 && retryAfter <= windowSeconds, `retry-after ${retryAfter}`);
  const resetsIn = Date.parse(res.body.resetsAt) - Date.now();
  assert.ok(resetsIn > 0 && resetsIn <= windowSeconds * 1000 + 1000, `resetsAt ${res.body.resetsAt}`);
  assert.match(res.body.detail, new RegExp(`try again in ${retryAfter} s`));
  assert.equal(res.headers['x-ratelimit-limit'], undefined);
}

describeEachDialect('rate limits on public routes', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect);
  });
  after(async () => node.close());

  it('sign-up: 20 an hour per client, counted before the body is read; another client is not affected', async () => {
    const signup = (remoteAddress: string) => node.request({ method: 'POST', url: '/api/v1/signup', payload: { email: 'x' }, remoteAddress });
    // Invalid bodies cost no scrypt hash and still count: the limit runs before validation.
    for (let i = 0; i < 20; i++) assert.equal((await signup('198.51.100.10')).status, 400, `attempt ${i + 1}`);
    assertRateLimited(await signup('198.51.100.10'), 'signup', 20, 3600);
    assert.equal((await signup('198.51.100.11')).status, 400);
  });

  it('login: 20 a minute per client, in front of the failed-login throttle', async () => {
    const login = (remoteAddress: string) => node.request({ method: 'POST', url: '/api/v1/login', payload: {}, remoteAddress });
    for (let i = 0; i < 20; i++) assert.equal((await login('198.51.100.20')).status, 400, `attempt ${i + 1}`);
    assertRateLimited(await login('198.51.100.20'), 'login', 20, 60);
    assert.equal((await login('198.51.100.21')).status, 400);
  });

  it('unknown slugs, handles and routes share one counter of 60 a minute; links that exist are not counted', async () => {
    const u = await node.signup();
    const link = (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/x', title: 'X' } })).body;
    assert.ok(link.slug, JSON.stringify(link));
    const client = '2001:db8:7:7::1';
    const misses = ['/l/no-such-slug', '/q/no-such-slug', '/no-such-handle-here', '/api/v1/no-such-route', '/no/such/page'];
    for (let i = 0; i < 60; i++) {
      const url = misses[i % misses.length]!;
      const res = await node.request({ method: 'GET', url, remoteAddress: client });
      assert.equal(res.status, 404, `${url} (miss ${i + 1})`);
      // Hits in between cost nothing against the limit.
      if (i % 10 === 0) assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}`, remoteAddress: client })).status, 302);
    }
    // The same /64 is the same client (the plugin's IPv6 folding, before the address is hashed).
    for (const url of misses) assertRateLimited(await node.request({ method: 'GET', url, remoteAddress: '2001:db8:7:7::beef' }), 'notFound', 60, 60);
    assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}`, remoteAddress: client })).status, 302, 'a link that exists still redirects');
    assert.equal((await node.request({ method: 'GET', url: `/${u.handle}`, remoteAddress: client })).status, 200, 'a page that exists still renders');
    assert.equal((await node.request({ method: 'GET', url: '/l/no-such-slug', remoteAddress: '2001:db8:7:8::1' })).status, 404, 'another /64');
    // What browsers ask for on their own is not a handle: a plain 404, never counted (it would use up
    // a shared address's limit), even for a client that is over it.
    for (const url of ['/favicon.ico', '/robots.txt']) {
      const res = await node.request({ method: 'GET', url, remoteAddress: client });
      assert.equal(res.status, 404, url);
      assert.match(String(res.headers['content-type']), /^text\/html/);
    }
  });

  it('subscribe: 5 a minute per visitor and widget; JSON gets problem+json, another widget or visitor is not affected', async () => {
    const u = await node.signup();
    const widget = async (title: string) =>
      (await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title } })).body.id as string;
    const [a, b] = [await widget('A'), await widget('B')];
    const sub = (widgetId: string, email: string, remoteAddress: string) =>
      node.request({ method: 'POST', url: `/${u.handle}/subscribe`, payload: { widgetId, email }, remoteAddress });
    for (let i = 0; i < 5; i++) assert.equal((await sub(a, `a${i}@example.com`, '198.51.100.30')).status, 201);
    assertRateLimited(await sub(a, 'a5@example.com', '198.51.100.30'), 'subscribe', 5, 60);
    assert.equal((await sub(b, 'b0@example.com', '198.51.100.30')).status, 201, 'another widget');
    assert.equal((await sub(a, 'a6@example.com', '198.51.100.31')).status, 201, 'another visitor');
    const list = await node.request({ method: 'GET', url: '/api/v1/subscribers?limit=100', token: u.apiKey });
    assert.equal(list.body.data.length, 7);
  });

  it('invites: creating and resending share 30 an hour per client; accepting has 20 a minute', async () => {
    const u = await node.signup();
    const invite = (payload: Record<string, string>, remoteAddress: string) =>
      node.request({ method: 'POST', url: '/api/v1/invites', token: u.apiKey, payload, remoteAddress });
    // Invalid bodies count too: the limit runs before validation (and before the seat limit).
    for (let i = 0; i < 29; i++) assert.equal((await invite({ email: 'not-an-email', role: 'viewer' }, '198.51.100.40')).status, 400, `attempt ${i + 1}`);
    const resend = await node.request({ method: 'POST', url: '/api/v1/invites/mem_missing/resend', token: u.apiKey, remoteAddress: '198.51.100.40' });
    assert.equal(resend.status, 404, 'the 30th, a resend');
    assertRateLimited(await invite({ email: 'x@example.com', role: 'viewer' }, '198.51.100.40'), 'invite', 30, 3600);
    assertRateLimited(
      await node.request({ method: 'POST', url: '/api/v1/invites/mem_missing/resend', token: u.apiKey, remoteAddress: '198.51.100.40' }),
      'invite',
      30,
      3600,
    );
    assert.equal((await invite({ email: 'x@example.com', role: 'viewer' }, '198.51.100.41')).status, 201, 'another client');

    const accept = (remoteAddress: string) => node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: 'forged' }, remoteAddress });
    for (let i = 0; i < 20; i++) assert.equal((await accept('198.51.100.42')).status, 404, `accept ${i + 1}`);
    assertRateLimited(await accept('198.51.100.42'), 'acceptInvite', 20, 60);
    assert.equal((await accept('198.51.100.43')).status, 404);
  });
});
