import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { createDnsResolver } from '../src/domains/dns.js';
import { DAY } from '../src/domains/schedule.js';
import { checkDueDomains, claimDueDomains } from '../src/domains/service.js';
import { startTlsAsk, type TlsAskService } from '../src/domains/tls-ask.js';
import { createEndpoint, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';
import { getOnHost, startDnsServer, type TestDnsServer } from '@linkwire/test-kit';
import { describeEachDialect, suiteNode } from './helpers.js';

const CNAME_TARGET = 'cname.linkwire.test';

describeEachDialect('custom domains on real DNS', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET, LINKWIRE_PLAN_PRO_DOMAINS: '20' });
  let dns: TestDnsServer;
  let receiver: Receiver;
  let dispatcher: Dispatcher;
  let origin: string;
  before(async () => {
    dns = await startDnsServer();
    // The one resolver, pointed at the loopback server (what LINKWIRE_DNS_SERVERS does at start).
    node.ctx.dns = createDnsResolver({ dnsServers: [dns.address], dnsTimeoutMs: 300 });
    receiver = await startReceiver();
    dispatcher = new Dispatcher(node.ctx, { pollMs: 100 });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await dispatcher.stop();
    await receiver.close();
    await dns.close();
  });

  let n = 0;
  const uniqueHost = (label = 'go') => `${label}${++n}${process.pid}.brand-${dialect}.test`;
  const add = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/domains', token, payload });
  const verify = (token: string, id: string) => node.request({ method: 'POST', url: `/api/v1/domains/${id}/verify`, token });
  const setRecords = (hostname: string, txt: string | null, cname: string | null = CNAME_TARGET) => {
    if (txt === null) dns.zone.delete(`_linkwire-challenge.${hostname}`);
    else dns.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [txt] });
    if (cname === null) dns.zone.delete(hostname);
    else dns.zone.set(hostname, { CNAME: cname });
  };
  /** The next scheduled check, as the worker would run it at `at`. */
  const scheduledCheck = async (at: number) => checkDueDomains(node.ctx, at);

  /** Real sockets: a GET with a Host header (no DNS needed on the client side). */
  const get = (host: string, path: string, headers: Record<string, string> = {}) => getOnHost(origin, host, path, headers);

  it('adds a domain: normalised, the records to set, pending; refuses IPs, localhost and the instance host', async () => {
    const u = await node.signup();
    const res = await add(u.apiKey, { hostname: '  Bücher.Brand-Domains.TEST. ' });
    assert.equal(res.status, 201, res.raw);
    assert.match(res.body.id, /^dom_/);
    assert.equal(res.body.hostname, 'xn--bcher-kva.brand-domains.test');
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.purpose, 'both');
    assert.equal(res.body.records.length, 2);
    const [txt, cname] = res.body.records;
    assert.equal(txt.type, 'TXT');
    assert.equal(txt.name, '_linkwire-challenge.xn--bcher-kva.brand-domains.test');
    assert.match(txt.value, /^lw-verify=[A-Za-z0-9_-]{43}$/);
    assert.equal(txt.purpose, 'ownership');
    assert.equal(txt.status, 'pending');
    assert.deepEqual(
      { type: cname.type, name: cname.name, value: cname.value, purpose: cname.purpose },
      {
        type: 'CNAME',
        name: 'xn--bcher-kva.brand-domains.test',
        value: CNAME_TARGET,
        purpose: 'routing',
      },
    );
    assert.ok(Date.parse(res.body.nextCheckAt) > Date.now());

    const again = await add(u.apiKey, { hostname: 'XN--BCHER-KVA.brand-domains.test' });
    assert.equal(again.status, 409);
    for (const [hostname, rule] of [
      ['192.0.2.1', /IP address/],
      ['[2001:db8::1]', /IP address/],
      ['localhost', /localhost/],
      ['app.localhost', /localhost/],
      ['localhost.', /localhost/],
      [new URL(node.config.publicUrl).hostname, /localhost|own host/],
      ['https://go.brand.test/x', /without a scheme/],
      ['nodot', /fully qualified/],
    ] as const) {
      const bad = await add(u.apiKey, { hostname });
      assert.equal(bad.status, 400, `${hostname}: ${bad.raw}`);
      assert.equal(bad.body.errors[0].field, 'hostname');
      assert.match(bad.body.errors[0].message, rule, hostname);
    }
    const unknownField = await add(u.apiKey, { hostname: uniqueHost(), colour: 'red' });
    assert.equal(unknownField.status, 400);

    const audit = await node.ctx.db.selectFrom('auditLog').selectAll().where('accountId', '=', u.accountId).execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['domain.added'],
    );
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.added', token: u.apiKey });
    assert.equal(events.body.data[0].data.domain, 'xn--bcher-kva.brand-domains.test');
    assert.deepEqual(
      events.body.data[0].data.records.map((r: { type: string }) => r.type),
      ['TXT', 'CNAME'],
    );
  });

  it('enforces the plan limit (free: 0, a named 403)', async () => {
    const u = await node.signup();
    await node.ctx.db.updateTable('accounts').set({ plan: 'free' }).where('id', '=', u.accountId).execute();
    const res = await add(u.apiKey, { hostname: uniqueHost() });
    assert.equal(res.status, 403, res.raw);
    assert.equal(res.body.limit, 'domains');
    assert.equal(res.body.max, 0);
  });

  it('pending → TXT set → verified (event at a loopback receiver) → TXT removed → misconfigured after 3 daily checks, still serving', async () => {
    const u = await node.signup();
    await createEndpoint(node.ctx, u.accountId, { url: receiver.url, events: ['domain.verified', 'domain.misconfigured'] });
    const hostname = uniqueHost();
    const created = (await add(u.apiKey, { hostname })).body;
    const token = created.records[0].value;

    const first = await verify(u.apiKey, created.id);
    assert.equal(first.status, 200, first.raw);
    assert.equal(first.body.status, 'pending');
    assert.equal(first.body.lastReason, 'txt_missing');
    assert.deepEqual(
      first.body.records.map((r: { status: string; reason: string | null }) => [r.status, r.reason]),
      [
        ['failed', 'txt_missing'],
        ['failed', 'nxdomain'],
      ],
    );
    // "Check now" is limited to one per 10 s per domain.
    const tooSoon = await verify(u.apiKey, created.id);
    assert.equal(tooSoon.status, 429);
    assert.match(String(tooSoon.headers['content-type']), /^application\/problem\+json/);
    assert.ok(Number(tooSoon.headers['retry-after']) >= 1 && Number(tooSoon.headers['retry-after']) <= 10);
    assert.match(tooSoon.body.detail, /try again in \d+ s/);
    // The window passed: a check again. While a worker holds the domain's lease: 429 too.
    await node.ctx.db
      .updateTable('domains')
      .set({ manualCheckAt: Date.now() - 11_000 })
      .where('id', '=', created.id)
      .execute();
    assert.equal((await verify(u.apiKey, created.id)).status, 200);
    await node.ctx.db
      .updateTable('domains')
      .set({ manualCheckAt: Date.now() - 11_000, leaseUntil: Date.now() + 60_000 })
      .where('id', '=', created.id)
      .execute();
    assert.equal((await verify(u.apiKey, created.id)).status, 429);
    await node.ctx.db.updateTable('domains').set({ leaseUntil: 0 }).where('id', '=', created.id).execute();

    setRecords(hostname, token);
    assert.ok((await scheduledCheck(Date.now() + 2 * 60_000)) >= 1);
    const verified = (await node.request({ method: 'GET', url: `/api/v1/domains/${created.id}`, token: u.apiKey })).body;
    assert.equal(verified.status, 'verified');
    assert.equal(verified.verifyMethod, 'dns_txt');
    assert.deepEqual(
      verified.records.map((r: { status: string; found: string }) => [r.status, r.found]),
      [
        ['ok', token],
        ['ok', CNAME_TARGET],
      ],
    );
    const delivered = await waitFor('domain.verified at the receiver', () =>
      receiver.requests.map((r) => JSON.parse(r.body)).find((b) => b.type === 'domain.verified' && b.data.domainId === created.id),
    );
    assert.equal(delivered.data.domain, hostname);
    assert.equal(delivered.data.method, 'dns_txt');
    assert.equal(delivered.data.purpose, 'both');

    // The TXT record goes: two failed daily checks change nothing, the third → misconfigured.
    setRecords(hostname, null);
    const start = Date.now();
    for (let day = 1; day <= 3; day++) {
      assert.ok((await scheduledCheck(start + day * DAY + 60_000)) >= 1, `day ${day}`);
      const d = (await node.request({ method: 'GET', url: `/api/v1/domains/${created.id}`, token: u.apiKey })).body;
      assert.equal(d.status, day < 3 ? 'verified' : 'misconfigured', `day ${day}`);
    }
    const misconfigured = await waitFor('domain.misconfigured at the receiver', () =>
      receiver.requests.map((r) => JSON.parse(r.body)).find((b) => b.type === 'domain.misconfigured' && b.data.domainId === created.id),
    );
    assert.equal(misconfigured.data.reason, 'txt_missing');
    assert.equal(misconfigured.data.records[0].found, null);

    const checks = await node.request({ method: 'GET', url: `/api/v1/domains/${created.id}/checks`, token: u.apiKey });
    assert.deepEqual(
      checks.body.data.map((c: { outcome: string; reason: string | null; trigger: string }) => [c.trigger, c.outcome, c.reason]),
      [
        ['scheduled', 'fail', 'txt_missing'],
        ['scheduled', 'fail', 'txt_missing'],
        ['scheduled', 'fail', 'txt_missing'],
        ['scheduled', 'pass', null],
        ['manual', 'fail', 'txt_missing'],
        ['manual', 'fail', 'txt_missing'],
      ],
    );
    assert.equal(checks.body.data[0].records[0].expected, token);

    // Misconfigured still serves its links.
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/spring', title: 'Spring', domain: hostname },
    });
    assert.equal(link.status, 201, link.raw);
    const followed = await get(hostname, `/${link.body.slug}`);
    assert.equal(followed.status, 302);
    assert.equal(followed.headers.location, 'https://example.com/spring');
  });

  it('a wrong CNAME, NXDOMAIN and a timeout each give their reason', async () => {
    const u = await node.signup();
    const cases: Array<[string, (host: string, token: string) => void, string, string]> = [
      ['wrongcname', (h, t) => setRecords(h, t, 'elsewhere.example.test'), 'cname_wrong_target', 'elsewhere.example.test'],
      ['nx', () => {}, 'txt_missing', ''],
      ['mismatch', (h) => setRecords(h, 'lw-verify=someone-else'), 'txt_mismatch', 'lw-verify=someone-else'],
      [
        'slow',
        (h, t) => {
          setRecords(h, t);
          dns.silent.add(`_linkwire-challenge.${h}`);
        },
        'dns_timeout',
        '',
      ],
    ];
    for (const [label, arrange, reason, found] of cases) {
      const hostname = uniqueHost(label);
      const created = (await add(u.apiKey, { hostname })).body;
      arrange(hostname, created.records[0].value);
      const res = await verify(u.apiKey, created.id);
      assert.equal(res.status, 200, res.raw);
      assert.equal(res.body.status, 'pending', label);
      assert.equal(res.body.lastReason, reason, label);
      const checks = (await node.request({ method: 'GET', url: `/api/v1/domains/${created.id}/checks`, token: u.apiKey })).body.data;
      const failing = checks[0].records.find((r: { status: string }) => r.status === 'failed');
      assert.equal(failing.reason, reason, label);
      if (found) assert.equal(failing.found, found, label);
      if (label === 'nx') assert.equal(checks[0].records[1].reason, 'nxdomain');
    }
  });

  it('routes by Host over real sockets: /{slug}, / → profile, unknown slug → notFoundUrl; no API, dashboard or cookie; unknown host 421', async () => {
    const u = await node.signup();
    await createEndpoint(node.ctx, u.accountId, { url: receiver.url, events: ['link.click'] });
    const hostname = uniqueHost('route');
    const created = (await add(u.apiKey, { hostname, notFoundUrl: 'https://brand.example/404' })).body;
    // Pending: only the challenge file is served (the HTTP fallback for proxied DNS).
    const challenge = await get(hostname, `/.well-known/linkwire-challenge/${created.id}`);
    assert.equal(challenge.status, 200);
    assert.equal(challenge.body, created.records[0].value);
    assert.equal((await get(hostname, '/')).status, 404);

    setRecords(hostname, created.records[0].value);
    assert.equal((await verify(u.apiKey, created.id)).body.status, 'verified');
    const link = (
      await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: u.apiKey,
        payload: { url: 'https://example.com/a', title: 'A', slug: `s${n}${dialect}x`, domain: hostname.toUpperCase() },
      })
    ).body;
    assert.equal(link.domain, hostname);
    assert.equal(link.shortUrl, `http://${hostname}/${link.slug}`);
    assert.equal(link.qrUrl, `http://${hostname}/q/${link.slug}`);

    const followed = await get(hostname, `/${link.slug}`, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' });
    assert.equal(followed.status, 302);
    assert.equal(followed.headers.location, 'https://example.com/a');
    const click = await waitFor('link.click with the domain', () =>
      receiver.requests.map((r) => JSON.parse(r.body)).find((b) => b.type === 'link.click' && b.data.linkId === link.id),
    );
    assert.equal(click.data.domain, hostname);
    assert.equal(click.data.source, 'short_link');
    // The instance's own host does not serve a link that lives on a custom domain.
    assert.equal((await get('127.0.0.1', `/l/${link.slug}`)).status, 404);

    const profile = await get(hostname, '/');
    assert.equal(profile.status, 200);
    assert.match(profile.body, new RegExp(u.handle));
    const missing = await get(hostname, '/nothing-here');
    assert.equal(missing.status, 302);
    assert.equal(missing.headers.location, 'https://brand.example/404');

    for (const path of ['/api/v1/account', '/dashboard/login', '/dashboard/links', '/docs/api', '/api/v1/openapi.json', '/l/../api/v1/account']) {
      const res = await get(hostname, path);
      assert.equal(res.status, 404, path);
      assert.equal(res.headers['set-cookie'], undefined, path);
    }
    // One-segment paths are slugs there: /dashboard and /metrics are unknown slugs, not the pages.
    for (const path of ['/dashboard', '/metrics']) {
      const res = await get(hostname, path);
      assert.equal(res.status, 302, path);
      assert.equal(res.headers.location, 'https://brand.example/404', path);
    }
    const login = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${origin}/api/v1/login`, { method: 'POST', headers: { host: hostname, 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ email: u.email, password: 'correct horse battery' }));
    });
    assert.equal(login, 404);
    assert.equal((await get('unknown.brand.test', '/')).status, 421);
    assert.equal((await get('unknown.brand.test', '/api/v1/account')).status, 421);
    // X-Forwarded-Host is ignored without LINKWIRE_TRUST_PROXY=1.
    assert.equal((await get('127.0.0.1', `/${link.slug}`, { 'x-forwarded-host': hostname })).status, 404);
  });

  it('a hostname held by another account is claimed only by proving its TXT record now', async () => {
    const first = await node.signup();
    const second = await node.signup();
    const hostname = uniqueHost('claim');
    const held = (await add(first.apiKey, { hostname })).body;

    const refused = await add(second.apiKey, { hostname });
    assert.equal(refused.status, 409, refused.raw);
    const theirTxt = refused.body.records[0];
    assert.notEqual(theirTxt.value, held.records[0].value);

    setRecords(hostname, theirTxt.value);
    const claimed = await add(second.apiKey, { hostname });
    assert.equal(claimed.status, 201, claimed.raw);
    assert.equal(claimed.body.status, 'verified');

    const old = await node.ctx.db.selectFrom('domains').selectAll().where('id', '=', held.id).executeTakeFirstOrThrow();
    assert.equal(old.status, 'failed');
    assert.equal(old.lastReason, 'ownership_transferred');
    assert.notEqual(old.releasedAt, null);
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/domains/${held.id}`, token: first.apiKey })).status, 404);
    const removed = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.removed', token: first.apiKey });
    assert.deepEqual(removed.body.data[0].data, { domainId: held.id, domain: hostname, reason: 'ownership_transferred' });
    const verified = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.verified', token: second.apiKey });
    assert.equal(verified.body.data[0].data.domainId, claimed.body.id);
  });

  it('gives up on a pending domain after 14 days (domain.verification_failed), deletes only on request', async () => {
    const u = await node.signup();
    const hostname = uniqueHost('late');
    const created = (await add(u.apiKey, { hostname })).body;
    await node.ctx.db
      .updateTable('domains')
      .set({ createdAt: Date.now() - 15 * DAY })
      .where('id', '=', created.id)
      .execute();
    assert.ok((await scheduledCheck(Date.now() + 2 * 60_000)) >= 1);
    const d = (await node.request({ method: 'GET', url: `/api/v1/domains/${created.id}`, token: u.apiKey })).body;
    assert.equal(d.status, 'failed');
    assert.equal(d.nextCheckAt, null);
    const failed = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.verification_failed', token: u.apiKey });
    assert.equal(failed.body.data[0].data.reason, 'txt_missing');
    assert.equal(failed.body.data[0].data.checks, 1);

    const del = await node.request({ method: 'DELETE', url: `/api/v1/domains/${created.id}`, token: u.apiKey });
    assert.equal(del.status, 204);
    const removed = await node.request({ method: 'GET', url: '/api/v1/events?type=domain.removed', token: u.apiKey });
    assert.equal(removed.body.data[0].data.reason, 'deleted');
  });

  it('two claims at once never take the same domain', async () => {
    const u = await node.signup();
    for (let i = 0; i < 6; i++) await add(u.apiKey, { hostname: uniqueHost('pair') });
    const at = Date.now() + 10 * 60_000;
    const [a, b] = await Promise.all([claimDueDomains(node.ctx, at, 50), claimDueDomains(node.ctx, at, 50)]);
    const ids = [...a, ...b].map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.length >= 6);
    // Leased: a third claim in the lease window gets none of them.
    const third = await claimDueDomains(node.ctx, at, 50);
    assert.equal(third.filter((d) => ids.includes(d.id)).length, 0);
    await node.ctx.db.updateTable('domains').set({ leaseUntil: 0 }).where('id', 'in', ids).execute();
  });
});

describeEachDialect('TLS ask endpoint', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://links.linkwire.test' });
  let ask: TlsAskService;
  before(async () => {
    ask = await startTlsAsk(node.ctx, 0);
  });
  after(async () => {
    await ask.stop();
  });
  const allow = async (domain: string) => (await fetch(`http://127.0.0.1:${ask.port}/internal/tls/allow?domain=${encodeURIComponent(domain)}`)).status;

  it('answers 200 for the instance host and verified domains, 403 otherwise, from memory through a database blip, counted in /metrics', async () => {
    const u = await node.signup();
    const verified = `ok${process.pid}.tls-${dialect}.test`;
    const pending = `wait${process.pid}.tls-${dialect}.test`;
    for (const hostname of [verified, pending]) {
      const res = await node.request({ method: 'POST', url: '/api/v1/domains', token: u.apiKey, payload: { hostname } });
      assert.equal(res.status, 201, res.raw);
    }
    await node.ctx.db.updateTable('domains').set({ status: 'verified' }).where('hostname', '=', verified).execute();
    await node.ctx.hosts.reload(node.ctx.db);

    assert.equal(await allow('links.linkwire.test'), 200);
    assert.equal(await allow(verified), 200);
    assert.equal(await allow(verified.toUpperCase()), 200);
    assert.equal(await allow(pending), 403);
    assert.equal(await allow('unknown.tls.test'), 403);
    assert.equal(await allow(''), 403);
    assert.equal((await fetch(`http://127.0.0.1:${ask.port}/other`)).status, 404);

    // A database blip: the reload fails, the map keeps its last good load.
    const broken = node.ctx.db.withTables<{ nothing: { id: string } }>();
    const reload = node.ctx.hosts.reload.bind(node.ctx.hosts);
    await assert.rejects(reload(broken.withSchema('no_such_schema_here') as never));
    assert.equal(await allow(verified), 200);

    const metrics = await node.request({ method: 'GET', url: '/metrics' });
    assert.match(metrics.raw, /linkwire_tls_ask_total\{result="allowed"\} 4/);
    assert.match(metrics.raw, /linkwire_tls_ask_total\{result="denied"\} 3/);
  });
});
