import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { freePort, getOnHost, type SpawnedNode, spawnNode, startDnsServer, type TestDnsServer, waitFor } from '@linkwire/test-kit';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { AppContext } from '../src/context.js';
import { createContext } from '../src/context.js';
import { createDnsResolver } from '../src/domains/dns.js';
import { HostCache } from '../src/domains/hosts.js';
import { createLogger } from '../src/logger.js';
import { createTestNode, describeEachDialect, dialectSkip, freshDatabase, type TestDatabase, type TestNode, testConfig } from './helpers.js';

// The host map and what a custom host may answer, beyond domains.test.ts: no cookie is ever set
// on a custom host (even by a route that sets one), the HTTP fallback for proxied DNS, a change
// reaching every process on PostgreSQL (NOTIFY), and overlapping reloads of the map.

const CNAME_TARGET = 'cname.linkwire.test';

const getOn = (origin: string, host: string, path: string) => getOnHost(origin, host, path, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' });

describeEachDialect('custom hosts: no cookies, and the HTTP fallback for proxied DNS', (dialect) => {
  let database: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;
  let dns: TestDnsServer;
  let proxy: Server;
  let origin: string;
  let port: number;
  before(async () => {
    dns = await startDnsServer();
    // The challenge file is fetched on LINKWIRE_DOMAIN_CHALLENGE_PORT (80 in production): the app's own port here.
    port = await freePort();
    database = await freshDatabase(dialect);
    const config = testConfig({
      ...database.env,
      LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET,
      LINKWIRE_PLAN_PRO_DOMAINS: '20',
      LINKWIRE_DNS_SERVERS: dns.address,
      LINKWIRE_DNS_TIMEOUT_MS: '300',
      LINKWIRE_DOMAIN_CHALLENGE_PORT: String(port),
    });
    ctx = await createContext(config, { log: createLogger(config.logLevel) });
    ctx.dns = createDnsResolver({ dnsServers: [dns.address], dnsTimeoutMs: 300 });
    app = await buildApp(ctx);
    // A route reachable on a custom host (a one-segment path is a slug there: /cookieprobe →
    // /l/cookieprobe) that sets a cookie, as a future feature might: the guard must strip it.
    app.get('/l/cookieprobe', async (_req, reply) => reply.setCookie('probe', '1', { path: '/' }).send('probe'));
    await app.listen({ port, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${port}`;
    // What sits in front of a domain whose DNS points elsewhere: another server on the port, answering the wrong file.
    proxy = createServer((_req, res) => res.end('lw-verify=not-this-one'));
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.2', resolve));
  });
  after(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await app.close();
    await ctx.database.close();
    await database.drop();
    await dns.close();
  });

  let n = 0;
  const uniqueHost = (label: string) => `${label}${++n}${process.pid}.hosts-${dialect}.test`;
  const api = async (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, raw: res.body };
  };
  const signup = async () => {
    const handle = `hosts${n}${process.pid}${dialect.slice(0, 2)}${Math.random().toString(36).slice(2, 6)}`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: `${handle}@example.com`, password: 'correct horse battery', handle },
    });
    assert.equal(res.statusCode, 201, res.body);
    return { apiKey: JSON.parse(res.body).apiKey as string, handle };
  };

  it('sets no cookie on a custom host, even from a route that sets one; the instance host keeps it', async () => {
    const u = await signup();
    const hostname = uniqueHost('cookie');
    const created = await api('POST', '/api/v1/domains', u.apiKey, { hostname });
    assert.equal(created.status, 201, created.raw);
    dns.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [created.body.records[0].value] });
    dns.zone.set(hostname, { CNAME: CNAME_TARGET });
    assert.equal((await api('POST', `/api/v1/domains/${created.body.id}/verify`, u.apiKey)).body.status, 'verified');
    const link = await api('POST', '/api/v1/links', u.apiKey, { url: 'https://example.com/c', title: 'C', domain: hostname });
    assert.equal(link.status, 201, link.raw);

    // The probe proves a cookie would be sent: on the instance's host it is.
    const onInstance = await getOn(origin, '127.0.0.1', '/l/cookieprobe');
    assert.equal(onInstance.status, 200);
    assert.match(String(onInstance.headers['set-cookie']), /^probe=1/);
    for (const path of ['/cookieprobe', '/l/cookieprobe', '/', `/${link.body.slug}`, `/q/${link.body.slug}`]) {
      const res = await getOn(origin, hostname, path);
      assert.ok(res.status < 400, `${path}: ${res.status}`);
      assert.equal(res.headers['set-cookie'], undefined, path);
    }
  });

  it('proxied DNS (the CNAME hidden behind a proxy): the challenge file over HTTP verifies, named "proxied"; a wrong file does not', async () => {
    const u = await signup();
    const hostname = uniqueHost('proxied');
    const created = await api('POST', '/api/v1/domains', u.apiKey, { hostname });
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.challengeUrl, `http://${hostname}/.well-known/linkwire-challenge/${created.body.id}`);
    // No TXT and no CNAME: the proxy's address only, which forwards to this instance.
    dns.zone.set(hostname, { A: ['127.0.0.1'] });
    const checked = await api('POST', `/api/v1/domains/${created.body.id}/verify`, u.apiKey);
    assert.equal(checked.status, 200, checked.raw);
    assert.equal(checked.body.status, 'verified');
    assert.equal(checked.body.verifyMethod, 'http');
    assert.equal(checked.body.lastReason, 'proxied');
    const checks = (await api('GET', `/api/v1/domains/${created.body.id}/checks`, u.apiKey)).body.data;
    assert.deepEqual({ outcome: checks[0].outcome, reason: checks[0].reason }, { outcome: 'pass', reason: 'proxied' });
    // Each record is still shown as DNS answered it: ownership and routing judged separately.
    assert.deepEqual(
      checks[0].records.map((r: { type: string; status: string; reason: string | null }) => [r.type, r.status, r.reason]),
      [
        ['TXT', 'failed', 'txt_missing'],
        ['CNAME', 'failed', 'cname_missing'],
      ],
    );
    const events = (await api('GET', '/api/v1/events?type=domain.verified', u.apiKey)).body.data;
    assert.equal(events[0].data.domainId, created.body.id);
    assert.equal(events[0].data.method, 'http');

    // Another server answers at the domain's address with someone else's token: still pending.
    const other = uniqueHost('wrongfile');
    const pending = await api('POST', '/api/v1/domains', u.apiKey, { hostname: other });
    dns.zone.set(other, { A: ['127.0.0.2'] });
    const refused = await api('POST', `/api/v1/domains/${pending.body.id}/verify`, u.apiKey);
    assert.equal(refused.status, 200, refused.raw);
    assert.equal(refused.body.status, 'pending');
    assert.equal(refused.body.lastReason, 'txt_missing');
    assert.equal((await api('GET', `/api/v1/domains/${pending.body.id}/checks`, u.apiKey)).body.data[0].outcome, 'fail');
  });
});

describe('the host map on PostgreSQL: a change reaches every process at once (NOTIFY)', dialectSkip('postgres'), () => {
  let node: TestNode;
  let dns: TestDnsServer;
  let other: SpawnedNode;
  before(async () => {
    dns = await startDnsServer();
    node = await createTestNode('postgres', { LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET, LINKWIRE_PLAN_PRO_DOMAINS: '20' });
    node.ctx.dns = createDnsResolver({ dnsServers: [dns.address], dnsTimeoutMs: 300 });
    // A second api process on the same database, started before the domain exists: it learns of it only by NOTIFY
    // (its periodic reload is every 60 s, far beyond the waits below).
    other = await spawnNode({
      args: ['start', '--role', 'api'],
      env: {
        DATABASE_URL: node.config.databaseUrl!,
        LINKWIRE_DATA_DIR: node.config.dataDir,
        LINKWIRE_SECRET_KEY: node.config.secretKey!.toString('base64'),
        LINKWIRE_DEV: '1',
        LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET,
        NODE_ENV: 'test',
      },
    });
  });
  after(async () => {
    await other?.stop(2_000);
    await node?.close();
    await dns?.close();
  });

  it('add → the other process serves the challenge; verify → it serves the link; delete → 421 there', async () => {
    const u = await node.signup();
    const hostname = `multi${process.pid}.hosts-pg.test`;
    const within = 5_000;
    assert.equal((await getOn(other.url, hostname, '/')).status, 421);
    const created = await node.request({ method: 'POST', url: '/api/v1/domains', token: u.apiKey, payload: { hostname } });
    assert.equal(created.status, 201, created.raw);
    const challenge = `/.well-known/linkwire-challenge/${created.body.id}`;
    await waitFor('the other process to know the pending domain', async () => (await getOn(other.url, hostname, challenge)).status === 200, within);
    assert.equal((await getOn(other.url, hostname, challenge)).body, created.body.records[0].value);

    dns.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [created.body.records[0].value] });
    dns.zone.set(hostname, { CNAME: CNAME_TARGET });
    const verified = await node.request({ method: 'POST', url: `/api/v1/domains/${created.body.id}/verify`, token: u.apiKey });
    assert.equal(verified.body.status, 'verified', verified.raw);
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://example.com/multi', title: 'Multi', domain: hostname },
    });
    assert.equal(link.status, 201, link.raw);
    const followed = await waitFor(
      'the other process to serve the verified domain',
      async () => {
        const res = await getOn(other.url, hostname, `/${link.body.slug}`);
        return res.status === 302 && res;
      },
      within,
    );
    assert.equal(followed.headers.location, 'https://example.com/multi');

    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/links/${link.body.id}`, token: u.apiKey })).status, 204);
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/domains/${created.body.id}`, token: u.apiKey })).status, 204);
    await waitFor('the other process to forget the removed domain', async () => (await getOn(other.url, hostname, '/')).status === 421, within);
    assert.match(other.output(), /linkwire listening/);
  });
});

describe('HostCache reloads', () => {
  it('a slow reload that read the table before a change does not overwrite a newer one', async () => {
    const row = (status: string) => ({ domainId: 'dom_1', accountId: 'acc_1', hostname: 'go.race.test', handle: 'h', status, purpose: 'both' });
    const answers: Array<{ rows: unknown[]; delayMs: number }> = [
      { rows: [row('pending')], delayMs: 80 },
      { rows: [row('verified')], delayMs: 0 },
    ];
    // Just enough of Kysely's builder for reload(): each execute() answers the next canned rows.
    const chain: Record<string, unknown> = {};
    for (const m of ['selectFrom', 'innerJoin', 'select', 'where']) chain[m] = () => chain;
    chain.execute = () => {
      const next = answers.shift()!;
      return new Promise((resolve) => setTimeout(() => resolve(next.rows), next.delayMs));
    };
    const cache = new HostCache();
    await Promise.all([cache.reload(chain as never), cache.reload(chain as never)]);
    assert.equal(cache.get('go.race.test')?.status, 'verified');
  });
});
