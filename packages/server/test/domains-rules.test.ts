import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { getOnHost, startDnsServer, type TestDnsServer } from '@linkwire/test-kit';
import { createDnsResolver } from '../src/domains/dns.js';
import { startTlsAsk, type TlsAskService } from '../src/domains/tls-ask.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// The rules of PRODUCT.md §10 that domains.test.ts leaves implicit: the instance's own host refused
// in every spelling (its test instance is localhost, so the "own host" rule never ran there), the
// per-plan limits beyond free, a verified domain with live links claimed by another account (only
// with the TXT record, and nothing of the old holder deleted), and the TLS ask endpoint answering
// while the database itself is unreachable.

const CNAME_TARGET = 'cname.linkwire.test';

describeEachDialect('custom domain rules', (dialect) => {
  // Default plan limits (pro: 3, business: 25); a public URL that is not localhost.
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://links.linkwire.test', LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET });
  let dns: TestDnsServer;
  let ask: TlsAskService;
  let origin: string;
  before(async () => {
    dns = await startDnsServer();
    node.ctx.dns = createDnsResolver({ dnsServers: [dns.address], dnsTimeoutMs: 300 });
    ask = await startTlsAsk(node.ctx, 0);
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await ask.stop();
    await dns.close();
  });

  let n = 0;
  const uniqueHost = (label: string) => `${label}${++n}${process.pid}.rules-${dialect}.test`;
  const add = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/domains', token, payload });
  const proveTxt = (hostname: string, value: string) => {
    dns.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [value] });
    dns.zone.set(hostname, { CNAME: CNAME_TARGET });
  };
  const get = async (host: string, path: string) => {
    const res = await getOnHost(origin, host, path, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' });
    return { status: res.status, location: res.headers.location as string | undefined };
  };

  it("refuses the instance's own host in every spelling, and allows its subdomains only as any other hostname", async () => {
    const u = await node.signup();
    for (const hostname of ['links.linkwire.test', 'LINKS.Linkwire.TEST', 'links.linkwire.test.', ' links.linkwire.test:443 ']) {
      const res = await add(u.apiKey, { hostname });
      assert.equal(res.status, 400, `${hostname}: ${res.raw}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.body.errors[0].field, 'hostname');
      assert.match(res.body.errors[0].message, /own host/, hostname);
    }
    const ipv4Mapped = await add(u.apiKey, { hostname: '::ffff:192.0.2.1' });
    assert.equal(ipv4Mapped.status, 400, ipv4Mapped.raw);
    assert.match(ipv4Mapped.body.errors[0].message, /IP address/);
    // IPv4 in the forms a URL parser accepts (shortened, hex, one number) is still an IP address.
    for (const hostname of ['127.1', '0x7f.0.0.1', '2130706433', '::1', '[::1]:80']) {
      const res = await add(u.apiKey, { hostname });
      assert.equal(res.status, 400, `${hostname}: ${res.raw}`);
      assert.match(res.body.errors[0].message, /IP address/, hostname);
    }
    // Full-width letters fold to ASCII (IDNA mapping), as browsers do.
    const wide = await add(u.apiKey, { hostname: `ＧＯ${n}.rules-${dialect}.test` });
    assert.equal(wide.status, 201, wide.raw);
    assert.equal(wide.body.hostname, `go${n}.rules-${dialect}.test`);
    const numeric = await add(u.apiKey, { hostname: '192.0.2.300' });
    assert.equal(numeric.status, 400, numeric.raw);
    assert.equal(numeric.body.errors[0].field, 'hostname');
    // A subdomain of the instance's host is an ordinary hostname: added pending, proven by its TXT like any other.
    const sub = await add(u.apiKey, { hostname: 'Go.Links.linkwire.test.' });
    assert.equal(sub.status, 201, sub.raw);
    assert.equal(sub.body.hostname, 'go.links.linkwire.test');
    assert.equal(sub.body.status, 'pending');
  });

  it('per-plan limits: pro 3, the fourth a named 403; a removed or transferred domain frees its place; business allows more', async () => {
    const u = await node.signup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await add(u.apiKey, { hostname: uniqueHost('lim') });
      assert.equal(res.status, 201, res.raw);
      ids.push(res.body.id);
    }
    const fourth = await add(u.apiKey, { hostname: uniqueHost('lim') });
    assert.equal(fourth.status, 403, fourth.raw);
    assert.match(String(fourth.headers['content-type']), /^application\/problem\+json/);
    assert.equal(fourth.body.limit, 'domains');
    assert.equal(fourth.body.max, 3);
    assert.match(fourth.body.detail, /allows 3 custom domains/);
    // Refused before anything was stored or announced.
    const { n: stored } = await node.ctx.db
      .selectFrom('domains')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accountId', '=', u.accountId)
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored), 3);

    // Deleting one frees a place.
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/domains/${ids[0]}`, token: u.apiKey })).status, 204);
    const replaced = await add(u.apiKey, { hostname: uniqueHost('lim') });
    assert.equal(replaced.status, 201, replaced.raw);
    // Another account proves one of them: the released row stays but no longer counts.
    const other = await node.signup();
    const taken = (await node.request({ method: 'GET', url: `/api/v1/domains/${ids[1]}`, token: u.apiKey })).body;
    const theirs = await add(other.apiKey, { hostname: taken.hostname });
    assert.equal(theirs.status, 409);
    proveTxt(taken.hostname, theirs.body.records[0].value);
    assert.equal((await add(other.apiKey, { hostname: taken.hostname })).status, 201);
    assert.equal((await add(u.apiKey, { hostname: uniqueHost('lim') })).status, 201);
    assert.equal((await add(u.apiKey, { hostname: uniqueHost('lim') })).status, 403);

    await node.ctx.db.updateTable('accounts').set({ plan: 'business' }).where('id', '=', u.accountId).execute();
    assert.equal((await add(u.apiKey, { hostname: uniqueHost('lim') })).status, 201);
  });

  it('a verified domain with live links: another account without the TXT gets 409 and changes nothing; with it, the host is theirs and the old links stay', async () => {
    const first = await node.signup();
    const second = await node.signup();
    const hostname = uniqueHost('held');
    const held = (await add(first.apiKey, { hostname })).body;
    proveTxt(hostname, held.records[0].value);
    const verified = await node.request({ method: 'POST', url: `/api/v1/domains/${held.id}/verify`, token: first.apiKey });
    assert.equal(verified.body.status, 'verified', verified.raw);
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: first.apiKey,
      payload: { url: 'https://first.example/a', title: 'First', slug: 'spring', domain: hostname },
    });
    assert.equal(link.status, 201, link.raw);
    assert.equal((await get(hostname, '/spring')).location, 'https://first.example/a');

    // The first account's TXT record is what DNS shows: the second account's claim is refused.
    const refused = await add(second.apiKey, { hostname });
    assert.equal(refused.status, 409, refused.raw);
    assert.equal(refused.body.type, 'https://linkwire.dev/problems/domain_held');
    assert.equal(refused.body.errors[0].field, 'hostname');
    assert.notEqual(refused.body.records[0].value, held.records[0].value);
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/domains/${held.id}`, token: first.apiKey })).body.status, 'verified');
    assert.equal((await get(hostname, '/spring')).location, 'https://first.example/a');
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/domains', token: second.apiKey })).body.data.length, 0);

    // The second account sets its own TXT value: the claim succeeds now, verified at once.
    proveTxt(hostname, refused.body.records[0].value);
    const claimed = await add(second.apiKey, { hostname });
    assert.equal(claimed.status, 201, claimed.raw);
    assert.equal(claimed.body.status, 'verified');
    const theirs = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: second.apiKey,
      payload: { url: 'https://second.example/a', title: 'Second', slug: 'spring', domain: hostname },
    });
    assert.equal(theirs.status, 201, theirs.raw);
    assert.equal((await get(hostname, '/spring')).location, 'https://second.example/a');

    // Nothing of the first account was deleted: its link is still there (no longer served on the
    // host), the released domain row is kept, and it was told (domain.removed, the audit log).
    const old = await node.request({ method: 'GET', url: `/api/v1/links/${link.body.id}`, token: first.apiKey });
    assert.equal(old.status, 200, old.raw);
    assert.equal(old.body.url, 'https://first.example/a');
    const row = await node.ctx.db.selectFrom('domains').selectAll().where('id', '=', held.id).executeTakeFirstOrThrow();
    assert.equal(row.lastReason, 'ownership_transferred');
    const removed = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.removed', token: first.apiKey });
    assert.deepEqual(removed.body.data[0].data, { domainId: held.id, domain: hostname, reason: 'ownership_transferred' });
    const audit = await node.ctx.db.selectFrom('auditLog').select('action').where('accountId', '=', first.accountId).execute();
    assert.ok(audit.some((a) => a.action === 'domain.removed'));
  });

  it('routes by purpose: short_links sends / to rootUrl (or 404), profile serves / and no slugs; a profile domain takes no links; rootUrl must be http(s)', async () => {
    const u = await node.signup();
    const verified = async (payload: Record<string, unknown>) => {
      const created = await add(u.apiKey, payload);
      assert.equal(created.status, 201, created.raw);
      proveTxt(created.body.hostname, created.body.records[0].value);
      const res = await node.request({ method: 'POST', url: `/api/v1/domains/${created.body.id}/verify`, token: u.apiKey });
      assert.equal(res.body.status, 'verified', res.raw);
      return res.body.hostname as string;
    };
    const links = await verified({ hostname: uniqueHost('go'), purpose: 'short_links', rootUrl: 'https://brand.example/' });
    const bare = await verified({ hostname: uniqueHost('bare'), purpose: 'short_links' });
    const profile = await verified({ hostname: uniqueHost('me'), purpose: 'profile' });
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/p', title: 'P', domain: links },
    });
    assert.equal(link.status, 201, link.raw);

    assert.deepEqual(await get(links, '/'), { status: 302, location: 'https://brand.example/' });
    assert.equal((await get(links, `/${link.body.slug}`)).location, 'https://example.com/p');
    assert.equal((await get(links, `/${u.handle}`)).status, 404);
    assert.equal((await get(bare, '/')).status, 404);
    assert.equal((await get(profile, '/')).status, 200);
    assert.equal((await get(profile, `/${link.body.slug}`)).status, 404);

    const onProfile = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/x', title: 'X', domain: profile },
    });
    assert.equal(onProfile.status, 400, onProfile.raw);
    assert.equal(onProfile.body.errors[0].field, 'domain');
    const notMine = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/x', title: 'X', domain: 'nobody.example.test' },
    });
    assert.equal(notMine.status, 400, notMine.raw);
    assert.equal(notMine.body.errors[0].field, 'domain');
    const badRoot = await add(u.apiKey, { hostname: uniqueHost('bad'), rootUrl: 'javascript:alert(1)' });
    assert.equal(badRoot.status, 400, badRoot.raw);
    assert.equal(badRoot.body.errors[0].field, 'rootUrl');
  });

  it('PATCH changes how a domain routes (audited, served at once); turning it to profile is refused while links live on it; bad input names the field', async () => {
    const u = await node.signup();
    const created = await add(u.apiKey, { hostname: uniqueHost('edit'), purpose: 'short_links' });
    proveTxt(created.body.hostname, created.body.records[0].value);
    await node.request({ method: 'POST', url: `/api/v1/domains/${created.body.id}/verify`, token: u.apiKey });
    const hostname = created.body.hostname as string;
    const patch = (payload: Record<string, unknown>, token = u.apiKey) =>
      node.request({ method: 'PATCH', url: `/api/v1/domains/${created.body.id}`, token, payload });
    assert.equal((await get(hostname, '/')).status, 404, 'no rootUrl yet');

    const set = await patch({ rootUrl: 'https://brand.example/home', notFoundUrl: 'https://brand.example/404' });
    assert.equal(set.status, 200, set.raw);
    assert.equal(set.body.rootUrl, 'https://brand.example/home');
    assert.equal(set.body.hostname, hostname);
    assert.equal(set.body.status, 'verified');
    assert.deepEqual(await get(hostname, '/'), { status: 302, location: 'https://brand.example/home' });
    assert.equal((await get(hostname, '/no-such-slug')).location, 'https://brand.example/404');
    for (const path of ['/', '/no-such-slug']) {
      const res = await getOnHost(origin, hostname, path, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' });
      assert.equal(res.headers['cache-control'], 'no-store', `${path}: a domain's own redirect is never cached, so an edit applies at once`);
    }
    const audit = await node.ctx.db
      .selectFrom('auditLog')
      .select(['action', 'changes'])
      .where('accountId', '=', u.accountId)
      .where('action', '=', 'domain.updated')
      .execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(String(audit[0]!.changes)), {
      rootUrl: { from: null, to: 'https://brand.example/home' },
      notFoundUrl: { from: null, to: 'https://brand.example/404' },
    });

    const cleared = await patch({ notFoundUrl: null });
    assert.equal(cleared.status, 200, cleared.raw);
    assert.equal(cleared.body.notFoundUrl, null);
    assert.equal(cleared.body.rootUrl, 'https://brand.example/home', 'a field left out is kept');
    assert.equal((await get(hostname, '/no-such-slug')).status, 404);

    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/e', title: 'E', domain: hostname },
    });
    assert.equal(link.status, 201, link.raw);
    const toProfile = await patch({ purpose: 'profile' });
    assert.equal(toProfile.status, 409, toProfile.raw);
    assert.match(String(toProfile.headers['content-type']), /^application\/problem\+json/);
    assert.equal(toProfile.body.errors[0].field, 'purpose');
    assert.match(toProfile.body.detail, /1 link lives on/);
    assert.equal((await get(hostname, `/${link.body.slug}`)).location, 'https://example.com/e', 'nothing changed');
    assert.equal((await patch({ purpose: 'both' })).body.purpose, 'both');

    for (const [payload, field] of [
      [{ rootUrl: 'javascript:alert(1)' }, 'rootUrl'],
      [{ purpose: 'everything' }, 'purpose'],
      [{ hostname: 'other.example' }, 'hostname'],
    ] as const) {
      const res = await patch(payload);
      assert.equal(res.status, 400, res.raw);
      assert.equal(res.body.errors[0].field, field, res.raw);
    }
    const empty = await patch({});
    assert.equal(empty.status, 400, empty.raw);
    assert.match(empty.raw, /at least one of purpose, rootUrl, notFoundUrl/);
    const other = await node.signup();
    assert.equal((await patch({ rootUrl: null }, other.apiKey)).status, 404, "another account's domain is not found");
  });

  it('the TLS ask endpoint answers from memory while the database is unreachable', async () => {
    const u = await node.signup();
    const hostname = uniqueHost('blip');
    const created = (await add(u.apiKey, { hostname })).body;
    proveTxt(hostname, created.records[0].value);
    assert.equal((await node.request({ method: 'POST', url: `/api/v1/domains/${created.id}/verify`, token: u.apiKey })).body.status, 'verified');
    const allow = async (domain: string) => (await fetch(`http://127.0.0.1:${ask.port}/internal/tls/allow?domain=${domain}`)).status;
    const before = await node.request({ method: 'GET', url: '/metrics' });
    const count = (raw: string, result: string) => Number(new RegExp(`linkwire_tls_ask_total\\{result="${result}"\\} (\\d+)`).exec(raw)?.[1] ?? 0);

    // Every query now fails, as when the database is down: the endpoint never asks it.
    const realDb = node.ctx.db;
    const down = new Proxy(realDb, {
      get() {
        throw new Error('database unreachable (test)');
      },
    });
    (node.ctx as { db: unknown }).db = down;
    try {
      assert.equal(await allow(hostname), 200);
      assert.equal(await allow('links.linkwire.test'), 200);
      assert.equal(await allow(`nothere.rules-${dialect}.test`), 403);
    } finally {
      (node.ctx as { db: unknown }).db = realDb;
    }
    // Only the loopback listener answers it: the public port does not know the path.
    assert.equal((await node.request({ method: 'GET', url: `/internal/tls/allow?domain=${hostname}` })).status, 404);
    const after = await node.request({ method: 'GET', url: '/metrics' });
    assert.equal(count(after.raw, 'allowed') - count(before.raw, 'allowed'), 2);
    assert.equal(count(after.raw, 'denied') - count(before.raw, 'denied'), 1);
  });
});
