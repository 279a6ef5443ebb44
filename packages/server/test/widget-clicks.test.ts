import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect, suiteNode } from './helpers.js';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36';

describeEachDialect('widget links: link.click with type "widget"', (dialect) => {
  const node = suiteNode(dialect);

  it('shows the widget’s link on the profile and records following it as a link.click of type widget', async () => {
    const u = await node.signup();
    const created = await node.request({
      method: 'POST',
      url: '/api/v1/widgets',
      token: u.apiKey,
      payload: { kind: 'mailing_list', title: 'Join my newsletter', url: 'https://news.example.com/archive' },
    });
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.url, 'https://news.example.com/archive');
    const page = await node.request({ method: 'GET', url: `/${u.handle}`, headers: { 'user-agent': ANDROID } });
    assert.ok(page.raw.includes(`href="/${u.handle}/w/${created.body.id}"`), 'the page links the widget through Linkwire');
    assert.ok(page.raw.includes('More at news.example.com'));

    const followed = await node.request({ method: 'GET', url: `/${u.handle}/w/${created.body.id}`, headers: { 'user-agent': ANDROID } });
    assert.equal(followed.status, 302);
    assert.equal(followed.headers.location, 'https://news.example.com/archive');
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=link.click', token: u.apiKey });
    assert.equal(events.body.data.length, 1);
    const data = events.body.data[0].data;
    assert.equal(data.type, 'widget');
    assert.equal(data.linkId, created.body.id);
    assert.equal(data.title, 'Join my newsletter');
    assert.equal(data.url, 'https://news.example.com/archive');
    assert.equal(data.source, 'profile');
    assert.equal(data.device, 'mobile');
  });

  it('answers 404 for a widget without a link or of another profile, and refuses a link that is not http(s)', async () => {
    const u = await node.signup();
    const other = await node.signup();
    const plain = await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title: 'News' } });
    assert.equal(plain.body.url, null);
    assert.equal((await node.request({ method: 'GET', url: `/${u.handle}/w/${plain.body.id}`, headers: { 'user-agent': ANDROID } })).status, 404);
    const linked = await node.request({
      method: 'POST',
      url: '/api/v1/widgets',
      token: u.apiKey,
      payload: { kind: 'mailing_list', title: 'News', url: 'https://news.example.com/' },
    });
    assert.equal((await node.request({ method: 'GET', url: `/${other.handle}/w/${linked.body.id}`, headers: { 'user-agent': ANDROID } })).status, 404);
    const bad = await node.request({
      method: 'POST',
      url: '/api/v1/widgets',
      token: u.apiKey,
      payload: { kind: 'mailing_list', title: 'News', url: 'javascript:alert(1)' },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'url');
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=link.click', token: u.apiKey });
    assert.deepEqual(events.body.data, []);
  });
});
