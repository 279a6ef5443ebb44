import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { getOnHost, type HostResponse, startDnsServer, type TestDnsServer } from '@linkwire/test-kit';
import { createDnsResolver } from '../src/domains/dns.js';
import { createApp } from './apps-helpers.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

// The redirect fast path (web/fast-redirect.ts) answers cached short links in front of Fastify.
// Each request below is sent twice over a real socket: first with the link cache emptied, so the
// Fastify route answers it (and fills the cache), then again, when the fast path may answer. The
// two answers and the two events they recorded must be the same; linkwire_redirect_fast_path_total
// says which path answered.

const CNAME_TARGET = 'cname.linkwire.test';
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

async function fastCount(node: TestNode): Promise<number> {
  const metric = await node.ctx.metrics.fastRedirects.get();
  return metric.values[0]?.value ?? 0;
}

/** The events a link's follows recorded, oldest first, as their data. */
async function eventsOf(node: TestNode, accountId: string, type: string): Promise<Record<string, unknown>[]> {
  const rows = await node.ctx.db.selectFrom('events').select(['payload']).where('accountId', '=', accountId).where('type', '=', type).orderBy('id').execute();
  return rows.map((r) => JSON.parse(String(r.payload)).data);
}

/** What must match between the two paths: the status and every header but the per-response ones. */
function comparable(res: HostResponse) {
  const { date, 'x-request-id': requestId, ...headers } = res.headers;
  assert.match(String(requestId), /^req_[\w-]+$/);
  assert.ok(date);
  return { status: res.status, headers, body: res.body };
}

function setUp(dialect: Parameters<typeof suiteNode>[0], env: Record<string, string> = {}) {
  const node = suiteNode(dialect, { LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET, LINKWIRE_PLAN_PRO_DOMAINS: '20', ...env });
  const state = { origin: '', dns: undefined as TestDnsServer | undefined };
  before(async () => {
    state.dns = await startDnsServer();
    node.ctx.dns = createDnsResolver({ dnsServers: [state.dns.address], dnsTimeoutMs: 300 });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    state.origin = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  });
  after(() => state.dns?.close());
  const get = (path: string, headers: Record<string, string> = {}, host = '127.0.0.1') =>
    getOnHost(state.origin, host, path, { 'user-agent': CHROME, ...headers });
  /** The same request through Fastify (cache emptied first), then again: both answers, and how many the fast path took. */
  const twice = async (path: string, headers: Record<string, string> = {}, host?: string) => {
    node.ctx.links.bySlug.clear();
    const before = await fastCount(node);
    const viaRoute = await get(path, headers, host);
    const between = await fastCount(node);
    const viaFast = await get(path, headers, host);
    return { viaRoute, viaFast, routeTook: between - before, fastTook: (await fastCount(node)) - between };
  };
  const link = async (token: string, payload: Record<string, unknown> = {}) => {
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token,
      payload: { url: 'https://shop.example.com/spring?utm_source=linkwire', title: 'Spring', ...payload },
    });
    assert.equal(res.status, 201, res.raw);
    return res.body as { id: string; slug: string };
  };
  return { node, state, get, twice, link };
}

describeEachDialect('the redirect fast path answers as the route does', (dialect) => {
  const { node, state, twice, link } = setUp(dialect);

  it('a short link with UTM tags, a referrer and ?src=profile: the same 302, the same link.click', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const headers = { referer: 'https://news.example.org/post/1?secret=x', 'user-agent': IPHONE };
    const { viaRoute, viaFast, routeTook, fastTook } = await twice(`/l/${l.slug}?utm_source=news&utm_medium=mail&src=profile`, headers);
    assert.equal(routeTook, 0, 'the first request (cache emptied) is answered by the route');
    assert.equal(fastTook, 1, 'the second by the fast path');
    assert.equal(viaRoute.status, 302);
    assert.deepEqual(comparable(viaFast), comparable(viaRoute));
    assert.equal(viaFast.headers.location, 'https://shop.example.com/spring?utm_source=linkwire');
    assert.equal(viaFast.headers['cache-control'], 'no-store');

    const clicks = await eventsOf(node, u.accountId, 'link.click');
    assert.equal(clicks.length, 2);
    assert.deepEqual(clicks[1], clicks[0]);
    assert.equal(clicks[0]!.source, 'profile');
    assert.equal(clicks[0]!.referer, 'https://news.example.org/post/1');
    assert.deepEqual(clicks[0]!.utm, { source: 'news', medium: 'mail', campaign: null, term: null, content: null });
    assert.equal(clicks[0]!.device, 'mobile');
    // The counters count both.
    const stats = await node.request({ method: 'GET', url: `/api/v1/links/${l.id}`, token: u.apiKey });
    assert.equal(stats.body.clicks, 2);
  });

  it('a URL with characters a header cannot carry is sent percent-encoded (it was a 500), by both paths', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey, { url: 'https://例え.example/日本/café?q=ü&x=1' });
    const { viaRoute, viaFast, fastTook } = await twice(`/l/${l.slug}`);
    assert.equal(fastTook, 1);
    assert.equal(viaRoute.status, 302);
    assert.equal(viaRoute.headers.location, new URL('https://例え.example/日本/café?q=ü&x=1').href);
    assert.match(String(viaRoute.headers.location), /^https:\/\/xn--r8jz45g\.example\/%E6%97%A5%E6%9C%AC\/caf%C3%A9\?q=%C3%BC&x=1$/);
    assert.deepEqual(comparable(viaFast), comparable(viaRoute));
    // The link keeps the URL as it was typed; so do its events.
    const clicks = await eventsOf(node, u.accountId, 'link.click');
    assert.equal(clicks[0]!.url, 'https://例え.example/日本/café?q=ü&x=1');
  });

  it('a QR code: qr.scanned and link.click, from both paths alike', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const { viaRoute, viaFast, fastTook } = await twice(`/q/${l.slug}`);
    assert.equal(fastTook, 1);
    assert.deepEqual(comparable(viaFast), comparable(viaRoute));
    const scans = await eventsOf(node, u.accountId, 'qr.scanned');
    assert.equal(scans.length, 2);
    assert.deepEqual(scans[1], scans[0]);
    const clicks = await eventsOf(node, u.accountId, 'link.click');
    assert.deepEqual(
      clicks.map((c) => c.source),
      ['qr', 'qr'],
    );
  });

  it('a custom domain’s /{slug}: the same 302, and the domain in both events', async () => {
    const u = await node.signup();
    const hostname = `go${process.pid}${dialect}.fast.test`;
    const created = await node.request({ method: 'POST', url: '/api/v1/domains', token: u.apiKey, payload: { hostname } });
    assert.equal(created.status, 201, created.raw);
    state.dns!.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [created.body.records[0].value] });
    state.dns!.zone.set(hostname, { CNAME: CNAME_TARGET });
    const checked = await node.request({ method: 'POST', url: `/api/v1/domains/${created.body.id}/verify`, token: u.apiKey });
    assert.equal(checked.body.status, 'verified', checked.raw);
    const onDomain = await link(u.apiKey, { domain: hostname });
    const { viaRoute, viaFast, fastTook } = await twice(`/${onDomain.slug}`, {}, hostname);
    assert.equal(fastTook, 1);
    assert.equal(viaRoute.status, 302);
    assert.deepEqual(comparable(viaFast), comparable(viaRoute));
    // The account's domain-less link on its own domain (its profile's /l/ buttons), as the route serves it.
    const plain = await link(u.apiKey);
    const viaL = await twice(`/l/${plain.slug}`, {}, hostname);
    assert.equal(viaL.fastTook, 1);
    assert.deepEqual(comparable(viaL.viaFast), comparable(viaL.viaRoute));
    const clicks = await eventsOf(node, u.accountId, 'link.click');
    assert.deepEqual(
      clicks.map((c) => c.domain),
      [hostname, hostname, hostname, hostname],
    );
    // Not on the instance host: a domain's link is not /l/{slug} there (the route's 404, not the cache's target).
    const elsewhere = await twice(`/l/${onDomain.slug}`);
    assert.equal(elsewhere.fastTook, 0);
    assert.equal(elsewhere.viaFast.status, 404);
  });

  it('leaves to Fastify what it does not serve: bots, HEAD, expired, app links, unknown and malformed slugs', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const bot = await twice(`/l/${l.slug}`, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' });
    assert.equal(bot.fastTook, 0);
    assert.equal(bot.viaFast.status, 302);
    assert.deepEqual(comparable(bot.viaFast), comparable(bot.viaRoute));
    assert.equal((await eventsOf(node, u.accountId, 'link.click')).length, 0, 'bots are redirected, not counted');

    const head = await new Promise<number>((resolve, reject) => {
      const req = request(`${state.origin}/l/${l.slug}`, { method: 'HEAD', headers: { 'user-agent': CHROME } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(head, 302);

    const expiring = await link(u.apiKey);
    await node.ctx.db
      .updateTable('links')
      .set({ expiresAt: Date.now() - 1_000 })
      .where('id', '=', expiring.id)
      .execute();
    const expired = await twice(`/l/${expiring.slug}`);
    assert.equal(expired.fastTook, 0);
    assert.equal(expired.viaFast.status, 410);
    assert.deepEqual(comparable(expired.viaFast), comparable(expired.viaRoute));

    const app = await createApp(node, u.apiKey);
    const withApp = await link(u.apiKey, { app: { appId: app.id, path: '/album/7' } });
    const opened = await twice(`/l/${withApp.slug}`, { 'user-agent': IPHONE });
    assert.equal(opened.fastTook, 0, 'app links are routed by user agent in apps/routing.ts');
    assert.deepEqual({ ...comparable(opened.viaFast), body: null }, { ...comparable(opened.viaRoute), body: null });

    for (const path of ['/l/nosuchlinkhere', '/l/a%62c', `/l/${l.slug}/`, '/l/ab']) {
      const res = await twice(path);
      assert.equal(res.fastTook, 0, path);
      assert.equal(res.viaFast.status, res.viaRoute.status, path);
    }
    const before = await fastCount(node);
    const posted = await node.request({ method: 'POST', url: `/api/v1/links/${l.id}`, token: u.apiKey });
    assert.notEqual(posted.status, 302);
    assert.equal(await fastCount(node), before);
  });

  it('a click that cannot be recorded: the same 503 problem from both paths, and no redirect', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const recorder = node.ctx.clickRecorder;
    const record = recorder.record;
    recorder.record = () => Promise.reject(new Error('disk full (test)'));
    try {
      node.ctx.links.bySlug.clear();
      const viaRoute = await getOnHost(state.origin, '127.0.0.1', `/l/${l.slug}`, { 'user-agent': CHROME });
      // The route filled the cache before the record failed: the fast path answers the second.
      const before = await fastCount(node);
      const viaFast = await getOnHost(state.origin, '127.0.0.1', `/l/${l.slug}`, { 'user-agent': CHROME });
      assert.equal(await fastCount(node), before, 'a failed redirect is not counted as served');
      assert.equal(viaRoute.status, 503);
      assert.deepEqual(comparable(viaFast), comparable(viaRoute));
      assert.equal(viaFast.headers['retry-after'], '1');
      assert.match(String(viaFast.headers['content-type']), /^application\/problem\+json/);
      assert.equal(JSON.parse(viaFast.body).type.endsWith('/unavailable'), true);
    } finally {
      recorder.record = record;
    }
  });

  it('counts its answers in the request-duration metric under the route’s name', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const countOf = async () => {
      const m = await node.ctx.metrics.httpDuration.get();
      return m.values.find((v) => v.metricName?.endsWith('_count') && v.labels.route === '/l/:slug' && v.labels.status === '302')?.value ?? 0;
    };
    const start = await countOf();
    const { fastTook } = await twice(`/l/${l.slug}`);
    assert.equal(fastTook, 1);
    assert.equal((await countOf()) - start, 2);
  });
});

describeEachDialect('the redirect fast path behind a trusted proxy', (dialect) => {
  const { node, twice, link } = setUp(dialect, { LINKWIRE_TRUST_PROXY: '1' });

  it('reads the visitor and the country from the proxy’s headers as the route does', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const a = await twice(`/l/${l.slug}`, { 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'cf-ipcountry': 'NZ' });
    assert.equal(a.fastTook, 1);
    const b = await twice(`/l/${l.slug}`, { 'x-forwarded-for': '198.51.100.9', 'cf-ipcountry': 'PT' });
    assert.equal(b.fastTook, 1);
    const clicks = await eventsOf(node, u.accountId, 'link.click');
    assert.equal(clicks.length, 4);
    assert.deepEqual(clicks[1], clicks[0]);
    assert.deepEqual(clicks[3], clicks[2]);
    assert.equal(clicks[0]!.country, 'NZ');
    assert.equal(clicks[2]!.country, 'PT');
    assert.notEqual(clicks[0]!.visitorId, clicks[2]!.visitorId, 'another forwarded address is another visitor');
  });
});

describeEachDialect('LINKWIRE_REDIRECT_FAST_PATH=0', (dialect) => {
  const { node, twice, link } = setUp(dialect, { LINKWIRE_REDIRECT_FAST_PATH: '0' });

  it('leaves every redirect to the route', async () => {
    const u = await node.signup();
    const l = await link(u.apiKey);
    const { viaRoute, viaFast, fastTook } = await twice(`/l/${l.slug}`);
    assert.equal(fastTook, 0);
    assert.equal(viaFast.status, 302);
    assert.deepEqual(comparable(viaFast), comparable(viaRoute));
  });
});
