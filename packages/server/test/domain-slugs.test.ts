import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { getOnHost, startDnsServer, type TestDnsServer } from '@linkwire/test-kit';
import { createDnsResolver } from '../src/domains/dns.js';
import { ANDROID, createApp, IOS } from './apps-helpers.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// Slugs are unique per domain (015_slugs_per_domain), and a verified custom domain serves its
// account's association files (PRODUCT.md §10–§11): over real sockets with a Host header, the
// domains verified through a DNS server on loopback.

const CNAME_TARGET = 'cname.linkwire.test';
const CHROME = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36' };

describeEachDialect('slugs per domain and association files on custom domains', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET, LINKWIRE_PLAN_PRO_DOMAINS: '20' });
  let dns: TestDnsServer;
  let origin: string;
  before(async () => {
    dns = await startDnsServer();
    node.ctx.dns = createDnsResolver({ dnsServers: [dns.address], dnsTimeoutMs: 300 });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    origin = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  });
  after(() => dns.close());

  let n = 0;
  const uniqueHost = (label: string) => `${label}${++n}${process.pid}.slugs-${dialect}.test`;

  const get = (host: string, path: string, headers: Record<string, string> = {}) => getOnHost(origin, host, path, headers);

  /** Adds a domain; with `verified`, sets its records on the loopback DNS server and verifies it. */
  async function domainOf(token: string, label: string, verified = true): Promise<{ id: string; hostname: string }> {
    const hostname = uniqueHost(label);
    const created = await node.request({ method: 'POST', url: '/api/v1/domains', token, payload: { hostname } });
    assert.equal(created.status, 201, created.raw);
    if (verified) {
      dns.zone.set(`_linkwire-challenge.${hostname}`, { TXT: [created.body.records[0].value] });
      dns.zone.set(hostname, { CNAME: CNAME_TARGET });
      const checked = await node.request({ method: 'POST', url: `/api/v1/domains/${created.body.id}/verify`, token });
      assert.equal(checked.body.status, 'verified', checked.raw);
    }
    return { id: created.body.id, hostname };
  }
  const createLink = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/links', token, payload });

  it('two accounts’ domains both serve /{slug} to their own link; the instance /l/{slug} is a third; a duplicate is a 409 naming slug and the domain', async () => {
    const slug = `spring${dialect}${n}`;
    const a = await node.signup();
    const b = await node.signup();
    const c = await node.signup();
    const da = await domainOf(a.apiKey, 'a');
    const db = await domainOf(b.apiKey, 'b');
    const onA = await createLink(a.apiKey, { url: 'https://a.example/spring', title: 'A', slug, domain: da.hostname });
    assert.equal(onA.status, 201, onA.raw);
    const onB = await createLink(b.apiKey, { url: 'https://b.example/spring', title: 'B', slug, domain: db.hostname });
    assert.equal(onB.status, 201, onB.raw);
    const instance = await createLink(c.apiKey, { url: 'https://c.example/spring', title: 'C', slug });
    assert.equal(instance.status, 201, instance.raw);
    assert.equal(onA.body.shortUrl, `http://${da.hostname}/${slug}`);
    assert.equal(instance.body.shortUrl, `${node.config.publicUrl}/l/${slug}`);

    for (const [host, path, location] of [
      [da.hostname, `/${slug}`, 'https://a.example/spring'],
      [db.hostname, `/${slug}`, 'https://b.example/spring'],
      [db.hostname, `/q/${slug}`, 'https://b.example/spring'],
      ['127.0.0.1', `/l/${slug}`, 'https://c.example/spring'],
    ] as const) {
      const res = await get(host, path, CHROME);
      assert.equal(res.status, 302, `${host}${path}`);
      assert.equal(res.headers.location, location, `${host}${path}`);
    }

    // A duplicate on one domain, and on the instance: 409 naming the field and where it is taken.
    const again = await createLink(b.apiKey, { url: 'https://b.example/other', title: 'B2', slug, domain: db.hostname });
    assert.equal(again.status, 409, again.raw);
    assert.equal(again.body.errors[0].field, 'slug');
    assert.match(again.body.detail, new RegExp(`"${slug}" is already taken on ${db.hostname.replaceAll('.', '\\.')}`));
    const againInstance = await createLink(a.apiKey, { url: 'https://a.example/other', title: 'A2', slug });
    assert.equal(againInstance.status, 409, againInstance.raw);
    assert.equal(againInstance.body.errors[0].field, 'slug');
    assert.match(againInstance.body.detail, /on this instance/);
    // Renaming into a taken slug on the same domain is a 409 too; the same slug on another domain is free.
    const second = await createLink(b.apiKey, { url: 'https://b.example/second', title: 'B3', domain: db.hostname });
    assert.equal(second.status, 201, second.raw);
    const renamed = await node.request({ method: 'PATCH', url: `/api/v1/links/${second.body.id}`, token: b.apiKey, payload: { slug } });
    assert.equal(renamed.status, 409, renamed.raw);
    assert.equal(renamed.body.errors[0].field, 'slug');
    assert.match(renamed.body.detail, new RegExp(db.hostname.replaceAll('.', '\\.')));

    // The database itself refuses a duplicate on one domain, and allows it across domains.
    const row = await node.ctx.db.selectFrom('links').selectAll().where('id', '=', onB.body.id).executeTakeFirstOrThrow();
    await assert.rejects(
      node.ctx.db
        .insertInto('links')
        .values({ ...row, id: `lnk_dup${n}` })
        .execute(),
    );
    await assert.rejects(
      node.ctx.db
        .insertInto('links')
        .values({ ...row, id: `lnk_dup${n}b`, domainId: null, slug: instance.body.slug })
        .execute(),
    );
  });

  it('a cached miss on one domain does not hide the new link there, nor a link of the same slug elsewhere', async () => {
    const u = await node.signup();
    const d = await domainOf(u.apiKey, 'cache');
    const slug = `cached${dialect}${n}`;
    assert.equal((await get('127.0.0.1', `/l/${slug}`, CHROME)).status, 404);
    assert.equal((await get(d.hostname, `/${slug}`, CHROME)).status, 404);
    assert.equal((await createLink(u.apiKey, { url: 'https://example.com/on-domain', title: 'D', slug, domain: d.hostname })).status, 201);
    assert.equal((await get(d.hostname, `/${slug}`, CHROME)).headers.location, 'https://example.com/on-domain');
    // The domain's link is not the instance's /l/{slug}.
    assert.equal((await get('127.0.0.1', `/l/${slug}`, CHROME)).status, 404);
  });

  it('serves the domain’s account’s association files on a verified domain (AASA with /*, legacy path, assetlinks); pending → challenge only; unknown host 421', async () => {
    const owner = await node.signup();
    const other = await node.signup();
    const app = await createApp(node, owner.apiKey);
    const otherApp = await createApp(node, other.apiKey, {
      name: 'Other',
      ios: { ...IOS, bundleId: 'com.example.other' },
      android: { ...ANDROID, packageName: 'com.example.other' },
    });
    const d = await domainOf(owner.apiKey, 'apps');
    const appLink = await createLink(owner.apiKey, {
      url: 'https://example.com/song',
      title: 'Song',
      domain: d.hostname,
      app: { appId: app.id, path: '/song/1' },
    });
    assert.equal(appLink.status, 201, appLink.raw);
    assert.equal((await createLink(other.apiKey, { url: 'https://example.com/x', title: 'X', app: { appId: otherApp.id, path: '/x' } })).status, 201);

    for (const path of ['/.well-known/apple-app-site-association', '/apple-app-site-association']) {
      const res = await get(d.hostname, path);
      assert.equal(res.status, 200, path);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(res.headers['set-cookie'], undefined);
      assert.deepEqual(JSON.parse(res.body), { applinks: { details: [{ appIDs: [`${IOS.teamId}.${IOS.bundleId}`], components: [{ '/': '/*' }] }] } }, path);
    }
    const links = await get(d.hostname, '/.well-known/assetlinks.json');
    assert.equal(links.status, 200);
    assert.deepEqual(
      JSON.parse(links.body).map((s: { target: { package_name: string } }) => s.target.package_name),
      [ANDROID.packageName],
    );
    // The instance host lists only domain-less app links, by exact path: not the domain's link.
    const instance = JSON.parse((await get('127.0.0.1', '/.well-known/apple-app-site-association')).body);
    const paths = instance.applinks.details.flatMap((x: { components: Array<{ '/': string }> }) => x.components.map((c) => c['/']));
    assert.ok(!paths.includes(`/l/${appLink.body.slug}`), JSON.stringify(paths));

    // The diagnostics fetch the files back with the domain as Host.
    const diag = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics?host=${d.hostname}`, token: owner.apiKey });
    assert.equal(diag.status, 200, diag.raw);
    for (const report of [diag.body.appleAppSiteAssociation, diag.body.assetLinks]) {
      assert.ok(
        report.checks.every((c: { ok: boolean }) => c.ok),
        JSON.stringify(report.checks),
      );
    }

    // A click on the domain without the app: the store route, and both events name the domain.
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';
    const click = await get(d.hostname, `/${appLink.body.slug}`, { 'user-agent': android });
    assert.equal(click.status, 302);
    assert.match(String(click.headers.location), /^https:\/\/play\.google\.com\/store\/apps\/details\?id=com\.example\.music&referrer=lw_token/);
    const events = async (type: string) =>
      (await node.request({ method: 'GET', url: `/api/v1/events?type=${type}`, token: owner.apiKey })).body.data.map((e: { data: any }) => e.data);
    assert.deepEqual(
      (await events('link.click')).map((c: { slug: string; domain?: string }) => [c.slug, c.domain]),
      [[appLink.body.slug, d.hostname]],
    );
    assert.deepEqual(
      (await events('link.token_created')).map((t: { domain: string }) => t.domain),
      [d.hostname],
    );

    // A pending domain serves only its challenge; an unknown host gets 421.
    const pending = await domainOf(owner.apiKey, 'pending', false);
    assert.equal((await get(pending.hostname, '/.well-known/apple-app-site-association')).status, 404);
    assert.equal((await get(pending.hostname, '/.well-known/assetlinks.json')).status, 404);
    assert.equal((await get(pending.hostname, `/.well-known/linkwire-challenge/${pending.id}`)).status, 200);
    assert.equal((await get('unknown.slugs.test', '/.well-known/apple-app-site-association')).status, 421);
  });

  it('with two iOS apps on one domain, each keeps the exact paths of its links there', async () => {
    const u = await node.signup();
    const music = await createApp(node, u.apiKey, { name: 'Music', ios: IOS });
    const video = await createApp(node, u.apiKey, { name: 'Video', ios: { ...IOS, bundleId: 'com.example.video' } });
    const d = await domainOf(u.apiKey, 'two');
    const m = (await createLink(u.apiKey, { url: 'https://example.com/m', title: 'M', domain: d.hostname, app: { appId: music.id, path: '/m' } })).body;
    const v = (await createLink(u.apiKey, { url: 'https://example.com/v', title: 'V', app: { appId: video.id, path: '/v' } })).body;
    const aasa = JSON.parse((await get(d.hostname, '/.well-known/apple-app-site-association')).body);
    const byApp = Object.fromEntries(
      aasa.applinks.details.map((x: { appIDs: string[]; components: Array<{ '/': string }> }) => [x.appIDs[0], x.components.map((c) => c['/'])]),
    );
    assert.deepEqual(byApp, {
      [`${IOS.teamId}.${IOS.bundleId}`]: [`/${m.slug}`, `/q/${m.slug}`],
      [`${IOS.teamId}.com.example.video`]: [`/l/${v.slug}`, `/q/${v.slug}`],
    });
  });
});
