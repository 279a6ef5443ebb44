import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expireDueLinks } from '../src/links/expiry.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

async function events(node: TestNode, token: string, type: string) {
  const out: Array<{ id: string; type: string; data: any }> = [];
  let cursor = '';
  for (;;) {
    const res = await node.request({ method: 'GET', url: `/api/v1/events?type=${type}&limit=100${cursor ? `&cursor=${cursor}` : ''}`, token });
    out.push(...res.body.data);
    if (!res.body.nextCursor) return out;
    cursor = res.body.nextCursor;
  }
}

describeEachDialect('short links and clicks', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com', LINKWIRE_TRUST_PROXY: '1' });

  async function setup() {
    const u = await node.signup();
    const link = (
      await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: u.apiKey,
        payload: { url: 'https://shop.example.com/spring?x=1', title: 'Spring', type: 'product' },
      })
    ).body;
    return { u, link };
  }

  it('GET /l/{slug} redirects after recording link.click with the visitor fields (no IP anywhere)', async () => {
    const { u, link } = await setup();
    const res = await node.request({
      method: 'GET',
      url: `/l/${link.slug}?utm_source=newsletter&utm_medium=email&utm_campaign=spring`,
      headers: { 'user-agent': IPHONE, referer: 'https://mail.example.com/inbox?token=secret', 'x-forwarded-for': '203.0.113.7', 'cf-ipcountry': 'fr' },
    });
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, 'https://shop.example.com/spring?x=1');
    const [click] = await events(node, u.apiKey, 'link.click');
    assert.ok(click, 'the click is in the event log when the 302 is answered');
    const { visitorId, ...data } = click.data;
    assert.deepEqual(data, {
      profileCode: u.handle,
      linkId: link.id,
      type: 'product',
      title: 'Spring',
      url: 'https://shop.example.com/spring?x=1',
      slug: link.slug,
      source: 'short_link',
      referer: 'https://mail.example.com/inbox',
      country: 'FR',
      city: null,
      device: 'mobile',
      browser: 'Safari',
      os: 'iOS',
      utm: { source: 'newsletter', medium: 'email', campaign: 'spring', term: null, content: null },
    });
    assert.match(visitorId, /^v_[A-Za-z0-9_-]{22}$/);
    const stored = await node.ctx.db.selectFrom('events').select('payload').where('accountId', '=', u.accountId).execute();
    assert.ok(
      stored.every((e) => !e.payload.includes('203.0.113.7')),
      'the raw IP is never stored',
    );
    const got = await node.request({ method: 'GET', url: `/api/v1/links/${link.id}`, token: u.apiKey });
    assert.equal(got.body.clicks, 1);
  });

  it('the same visitor gets the same visitorId within a day; another address gets another', async () => {
    const { u, link } = await setup();
    for (const ip of ['198.51.100.1', '198.51.100.1', '198.51.100.2']) {
      await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP, 'x-forwarded-for': ip } });
    }
    const ids = (await events(node, u.apiKey, 'link.click')).map((e) => e.data.visitorId);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[1], ids[2]);
  });

  it('profile-page links carry source "profile"; /q/{slug} emits qr.scanned then link.click with source "qr"', async () => {
    const { u, link } = await setup();
    assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}?src=profile`, headers: { 'user-agent': DESKTOP } })).status, 302);
    const qr = await node.request({ method: 'GET', url: `/q/${link.slug}`, headers: { 'user-agent': IPHONE, 'cf-ipcountry': 'DE' } });
    assert.equal(qr.status, 302);
    assert.equal(qr.headers.location, link.url);
    const clicks = await events(node, u.apiKey, 'link.click');
    assert.deepEqual(
      clicks.map((c) => c.data.source),
      ['profile', 'qr'],
    );
    const [scan] = await events(node, u.apiKey, 'qr.scanned');
    assert.deepEqual(scan!.data, { profileCode: u.handle, linkId: link.id, title: 'Spring', url: link.url, slug: link.slug, country: 'DE', device: 'mobile' });
    assert.ok(scan!.id < clicks[1]!.id, 'qr.scanned precedes its link.click');
  });

  it('bots are redirected but not counted', async () => {
    const { u, link } = await setup();
    const res = await node.request({
      method: 'GET',
      url: `/l/${link.slug}`,
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' },
    });
    assert.equal(res.status, 302);
    assert.deepEqual(await events(node, u.apiKey, 'link.click'), []);
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/links/${link.id}`, token: u.apiKey })).body.clicks, 0);
  });

  it('unknown slugs answer a 404 page', async () => {
    const res = await node.request({ method: 'GET', url: '/l/no-such-link', headers: { 'user-agent': DESKTOP } });
    assert.equal(res.status, 404);
    assert.match(res.headers['content-type'], /text\/html/);
  });

  it('concurrent clicks are written in shared batches and every one is counted', async () => {
    const { u, link } = await setup();
    const recorder = node.ctx.clickRecorder;
    const before = recorder.batchSizes.length;
    const histogram = async () => (await node.ctx.metrics.clickBatchSize.get()).values;
    const countBefore = (await histogram()).find((v) => v.metricName === 'linkwire_click_batch_size_count')?.value ?? 0;
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP, 'x-forwarded-for': `192.0.2.${i % 250}` } }),
      ),
    );
    assert.ok(results.every((r) => r.status === 302));
    const batches = recorder.batchSizes.slice(before);
    assert.equal(
      batches.reduce((a, b) => a + b, 0),
      300,
    );
    assert.ok(batches.length < 300, `300 clicks took ${batches.length} transactions`);
    assert.ok(Math.max(...batches) <= 256);
    // The same batches reach /metrics: linkwire_click_batch_size counts the transactions.
    const count = (await histogram()).find((v) => v.metricName === 'linkwire_click_batch_size_count')?.value ?? 0;
    assert.equal(count - countBefore, batches.length);
    assert.equal((await events(node, u.apiKey, 'link.click')).length, 300);
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/links/${link.id}`, token: u.apiKey })).body.clicks, 300);
  });

  it('a batch that fails answers 503 to all its requests and records none of them', async () => {
    const { u, link } = await setup();
    // Make the batch transaction fail: the daily rollup table is gone.
    await node.ctx.db.schema.alterTable('daily_stats').renameTo('daily_stats_away').execute();
    try {
      const res = await Promise.all([1, 2, 3].map(() => node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP } })));
      assert.deepEqual(
        res.map((r) => r.status),
        [503, 503, 503],
      );
      assert.equal(res[0]!.headers['retry-after'], '1');
    } finally {
      await node.ctx.db.schema.alterTable('daily_stats_away').renameTo('daily_stats').execute();
    }
    assert.deepEqual(await events(node, u.apiKey, 'link.click'), []);
    assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP } })).status, 302);
  });

  it('link.expired fires once when the expiry passes; /l and /q answer 410 and the page hides the link', async () => {
    const { u, link } = await setup();
    const soon = new Date(Date.now() + 60_000).toISOString();
    await node.request({ method: 'PATCH', url: `/api/v1/links/${link.id}`, token: u.apiKey, payload: { expiresAt: soon } });
    assert.equal(await expireDueLinks(node.ctx), 0, 'not yet due');
    const later = Date.now() + 61_000;
    // Two ticks (as two api processes would run) race for the same link: one event.
    const fired = await Promise.all([expireDueLinks(node.ctx, later), expireDueLinks(node.ctx, later)]);
    assert.equal(fired[0]! + fired[1]!, 1);
    assert.equal(await expireDueLinks(node.ctx, later + 30_000), 0);
    const expired = await events(node, u.apiKey, 'link.expired');
    assert.equal(expired.length, 1);
    assert.deepEqual(expired[0]!.data, {
      linkId: link.id,
      slug: link.slug,
      title: 'Spring',
      url: link.url,
      expiredAt: new Date(Date.parse(soon)).toISOString(),
    });
    for (const path of ['l', 'q']) {
      const res = await node.request({ method: 'GET', url: `/${path}/${link.slug}`, headers: { 'user-agent': DESKTOP } });
      assert.equal(res.status, 410);
      assert.match(res.raw, /expired/);
    }
    const page = await node.request({ method: 'GET', url: `/${u.handle}`, headers: { 'user-agent': 'Googlebot' } });
    assert.ok(!page.raw.includes(link.slug));
    // A new expiry in the future brings it back.
    await node.request({ method: 'PATCH', url: `/api/v1/links/${link.id}`, token: u.apiKey, payload: { expiresAt: null } });
    assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP } })).status, 302);
  });

  it('an expiry in the past answers 410 even before the scheduler ran', async () => {
    const { u, link } = await setup();
    await node.request({ method: 'PATCH', url: `/api/v1/links/${link.id}`, token: u.apiKey, payload: { expiresAt: '2020-01-01T00:00:00Z' } });
    assert.equal((await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP } })).status, 410);
  });
});
