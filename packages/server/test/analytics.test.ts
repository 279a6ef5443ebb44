import assert from 'node:assert/strict';
import { it } from 'node:test';
import { inTransaction } from '../src/db/transaction.js';
import { writeBatch } from '../src/links/clicks.js';
import { findRedirectTarget } from '../src/links/lookup.js';
import type { Visitor } from '../src/links/visitor.js';
import { describeEachDialect, suiteNode } from './helpers.js';

const DESKTOP = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const visitor: Visitor = {
  referer: null,
  country: null,
  city: null,
  device: 'desktop',
  browser: 'Safari',
  os: 'macOS',
  utm: { source: null, medium: null, campaign: null, term: null, content: null },
  visitorId: 'v_test',
};

describeEachDialect('analytics and milestones', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_TRUST_PROXY: '1' });

  it('counts visits, clicks, CTR, top links, countries, referrers and days from the rollups', async () => {
    const u = await node.signup();
    const mk = async (title: string) =>
      (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com', title } })).body;
    const a = await mk('A');
    const b = await mk('B');
    const get = (url: string, headers: Record<string, string> = {}) => node.request({ method: 'GET', url, headers: { 'user-agent': DESKTOP, ...headers } });
    for (let i = 0; i < 4; i++) await get(`/${u.handle}`, { 'cf-ipcountry': i < 3 ? 'FR' : 'US', referer: 'https://www.instagram.com/p/1' });
    for (let i = 0; i < 2; i++) await get(`/l/${a.slug}?src=profile`, { 'cf-ipcountry': 'FR' });
    await get(`/l/${b.slug}?src=profile`);
    // Short-link and QR clicks never saw the page: they count as clicks and arrivals, not in the CTR.
    await get(`/l/${a.slug}`, { 'cf-ipcountry': 'DE', referer: 'https://news.example.com/a?b=c' });
    await get(`/q/${a.slug}`, { 'cf-ipcountry': 'DE' });
    const res = await node.request({ method: 'GET', url: '/api/v1/analytics', token: u.apiKey });
    assert.equal(res.status, 200);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal(res.body.to, today);
    assert.equal(res.body.perDay.length, 30);
    assert.deepEqual(res.body.perDay.at(-1), { date: today, visits: 4, clicks: 5 });
    assert.equal(res.body.visits, 4);
    assert.equal(res.body.clicks, 5);
    assert.equal(res.body.ctr, 0.75);
    assert.deepEqual(res.body.topLinks, [
      { linkId: a.id, title: 'A', clicks: 4 },
      { linkId: b.id, title: 'B', clicks: 1 },
    ]);
    assert.deepEqual(res.body.countries, [
      { country: 'FR', count: 3 },
      { country: 'DE', count: 2 },
      { country: 'US', count: 1 },
    ]);
    assert.deepEqual(res.body.referrers, [
      { referer: 'https://www.instagram.com/p/1', count: 4 },
      { referer: 'https://news.example.com/a', count: 1 },
    ]);
    const window = await node.request({ method: 'GET', url: `/api/v1/analytics?from=2020-01-01&to=2020-01-03`, token: u.apiKey });
    assert.deepEqual(window.body.perDay, [
      { date: '2020-01-01', visits: 0, clicks: 0 },
      { date: '2020-01-02', visits: 0, clicks: 0 },
      { date: '2020-01-03', visits: 0, clicks: 0 },
    ]);
    assert.equal(window.body.ctr, 0);
    const bad = await node.request({ method: 'GET', url: '/api/v1/analytics?from=2020-02-30&to=yesterday', token: u.apiKey });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['from', 'to']);
    const reversed = await node.request({ method: 'GET', url: '/api/v1/analytics?from=2020-01-05&to=2020-01-01', token: u.apiKey });
    assert.equal(reversed.status, 400);
  });

  it('analytics.milestone fires exactly once per threshold, built-in and account-defined', async () => {
    const u = await node.signup();
    const put = await node.request({ method: 'PUT', url: '/api/v1/analytics/milestones', token: u.apiKey, payload: { thresholds: [5, 3, 5] } });
    assert.deepEqual(put.body, { thresholds: [3, 5], defaults: [1000, 10000, 100000, 1000000] });
    const badPut = await node.request({ method: 'PUT', url: '/api/v1/analytics/milestones', token: u.apiKey, payload: { thresholds: [0, 1.5] } });
    assert.equal(badPut.status, 400);
    const link = (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com', title: 'Hit' } })).body;
    // Start near 1K so the built-in threshold is reached without 1 000 requests.
    await node.ctx.db.updateTable('links').set({ clicks: 996 }).where('id', '=', link.id).execute();
    await node.ctx.db.insertInto('profileCounters').values({ accountId: u.accountId, visits: 1, clicks: 0 }).execute();
    const target = (await findRedirectTarget(node.ctx, link.slug))!;
    const now = Date.now();
    // Batches of clicks and visits as the recorder writes them: 996 → 999 → 1001 crosses 1 000 once.
    await inTransaction(node.ctx.db, (tx) =>
      writeBatch(node.ctx, tx, [
        ...Array.from({ length: 3 }, () => ({ kind: 'click' as const, link: target, source: 'short_link' as const, visitor, at: now })),
        ...Array.from({ length: 3 }, () => ({ kind: 'visit' as const, accountId: u.accountId, handle: u.handle, visitor, at: now })),
      ]),
    );
    await inTransaction(node.ctx.db, (tx) =>
      writeBatch(node.ctx, tx, [
        ...Array.from({ length: 2 }, () => ({ kind: 'click' as const, link: target, source: 'short_link' as const, visitor, at: now })),
        ...Array.from({ length: 4 }, () => ({ kind: 'visit' as const, accountId: u.accountId, handle: u.handle, visitor, at: now })),
      ]),
    );
    // Through HTTP too: one more click and visit cross nothing new.
    await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': DESKTOP } });
    await node.request({ method: 'GET', url: `/${u.handle}`, headers: { 'user-agent': DESKTOP } });
    const res = await node.request({ method: 'GET', url: '/api/v1/events?type=analytics.milestone', token: u.apiKey });
    assert.deepEqual(
      res.body.data.map((e: any) => e.data),
      [
        { linkId: null, metric: 'visits', value: 4, threshold: 3 },
        { linkId: link.id, metric: 'clicks', value: 1001, threshold: 1000 },
        { linkId: null, metric: 'visits', value: 8, threshold: 5 },
      ],
    );
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/links/${link.id}`, token: u.apiKey })).body.clicks, 1002);
    const got = await node.request({ method: 'GET', url: '/api/v1/analytics/milestones', token: u.apiKey });
    assert.deepEqual(got.body.thresholds, [3, 5]);
  });
});
