import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ANDROID, createApp, FP1, IOS } from './apps-helpers.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

async function audit(node: TestNode, accountId: string) {
  return node.ctx.db.selectFrom('auditLog').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
}

const golden = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8').trim();

describeEachDialect('apps API', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com' });

  it('creates an app with a pk_app_ key shown once, stored hashed, normalising fingerprints; audits it', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, { name: 'Music', ios: IOS, android: { ...ANDROID, sha256CertFingerprints: [FP1.toLowerCase()] } });
    assert.match(app.id, /^app_/);
    assert.match(app.publishableKey, /^pk_app_[A-Za-z0-9_-]{32}$/);
    assert.equal(app.keyPrefix, app.publishableKey.slice(0, 12));
    assert.deepEqual(app.android, { packageName: 'com.example.music', sha256CertFingerprints: [FP1.toUpperCase()], playStoreUrl: null });
    assert.deepEqual(app.deferred, { windowMinutes: 120, probabilistic: false });
    const row = await node.ctx.db.selectFrom('apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
    assert.notEqual(row.keyHash, app.publishableKey);
    assert.ok(!JSON.stringify(row).includes(app.publishableKey));
    const got = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}`, token: u.apiKey });
    assert.equal(got.status, 200);
    assert.equal(got.body.publishableKey, undefined);
    const list = await node.request({ method: 'GET', url: '/api/v1/apps', token: u.apiKey });
    assert.deepEqual(
      list.body.data.map((a: any) => a.id),
      [app.id],
    );
    const rows = await audit(node, u.accountId);
    assert.deepEqual(
      rows.map((r) => [r.action, r.targetId]),
      [['app.created', app.id]],
    );
    assert.ok(!JSON.stringify(rows).includes(app.publishableKey));
  });

  it('names each invalid field: fingerprint, team id, bundle id, package name, window', async () => {
    const u = await node.signup();
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/apps',
      token: u.apiKey,
      payload: {
        name: 'Bad',
        ios: { teamId: 'abc', bundleId: 'nodots', appStoreId: 'id123' },
        android: { packageName: '1com.example', sha256CertFingerprints: ['AA:BB'] },
        deferred: { windowMinutes: 0 },
      },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body.errors.map((e: any) => e.field).sort(), [
      'android.packageName',
      'android.sha256CertFingerprints.0',
      'deferred.windowMinutes',
      'ios.appStoreId',
      'ios.bundleId',
      'ios.teamId',
    ]);
    assert.match(res.body.errors.find((e: any) => e.field === 'android.sha256CertFingerprints.0').message, /32 bytes/);
  });

  it('refuses a config that would push the association file past 128 KB', async () => {
    const u = await node.signup();
    // A body is at most 64 KiB, so the limit is reached by the account's third app of 600
    // fingerprints (95 characters + 3 JSON bytes each: about 59 KB per app).
    const many = Array.from(
      { length: 600 },
      (_, i) => `${FP1.slice(0, -5)}${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
    );
    const body = (n: number) => ({ name: `Huge ${n}`, android: { ...ANDROID, packageName: `com.example.huge${n}`, sha256CertFingerprints: many } });
    await createApp(node, u.apiKey, body(1));
    await createApp(node, u.apiKey, body(2));
    const res = await node.request({ method: 'POST', url: '/api/v1/apps', token: u.apiKey, payload: body(3) });
    assert.equal(res.status, 400, res.raw);
    assert.equal(res.body.errors[0].field, 'android');
    assert.match(res.body.errors[0].message, /128 KB/);
  });

  it('updates, rotates the key (the old one stops working) and deletes, each audited', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const patched = await node.request({
      method: 'PATCH',
      url: `/api/v1/apps/${app.id}`,
      token: u.apiKey,
      payload: { name: 'Music 2', deferred: { probabilistic: true } },
    });
    assert.equal(patched.status, 200, patched.raw);
    assert.equal(patched.body.name, 'Music 2');
    assert.deepEqual(patched.body.deferred, { windowMinutes: 120, probabilistic: true });
    const rotated = await node.request({ method: 'POST', url: `/api/v1/apps/${app.id}/rotate-key`, token: u.apiKey });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.publishableKey, app.publishableKey);
    const old = await node.request({
      method: 'POST',
      url: '/api/v1/sdk/deferred',
      headers: { 'x-linkwire-app-key': app.publishableKey },
      payload: { platform: 'android', installId: 'install-0001' },
    });
    assert.equal(old.status, 401);
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://music.example.com/t/1', title: 'T', app: { appId: app.id, path: '/t/1' } },
    });
    assert.equal(link.status, 201, link.raw);
    const del = await node.request({ method: 'DELETE', url: `/api/v1/apps/${app.id}`, token: u.apiKey });
    assert.equal(del.status, 204);
    const after = await node.request({ method: 'GET', url: `/api/v1/links/${link.body.id}`, token: u.apiKey });
    assert.equal(after.body.app, null);
    assert.deepEqual(
      (await audit(node, u.accountId)).map((r) => r.action),
      ['app.created', 'app.updated', 'app.key_rotated', 'app.deleted'],
    );
    const rotation = (await audit(node, u.accountId)).find((r) => r.action === 'app.key_rotated')!;
    assert.ok(!rotation.changes!.includes(rotated.body.publishableKey));
    const gone = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}`, token: u.apiKey });
    assert.equal(gone.status, 404);
  });

  it('links take app settings, validated against the account’s apps', async () => {
    const u = await node.signup();
    const other = await node.signup();
    const app = await createApp(node, u.apiKey);
    const foreign = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: other.apiKey,
      payload: { url: 'https://e.example.com', title: 'x', app: { appId: app.id, path: '/x' } },
    });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errors[0].field, 'app.appId');
    const bad = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://e.example.com', title: 'x', app: { appId: app.id, path: 'x' } },
    });
    assert.equal(bad.body.errors[0].field, 'app.path');
    const made = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://e.example.com/a', title: 'x', app: { appId: app.id, path: '/album/7', params: { ref: 'bio' } } },
    });
    assert.deepEqual(made.body.app, { appId: app.id, path: '/album/7', params: { ref: 'bio' }, forceWeb: false });
    for (const params of [
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])),
      { '': 'empty key' },
      { [`${'k'.repeat(101)}`]: 'v' },
      { ref: 7 },
    ]) {
      const res = await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: u.apiKey,
        payload: { url: 'https://e.example.com/a', title: 'x', app: { appId: app.id, path: '/a', params } },
      });
      assert.equal(res.status, 400, res.raw);
      assert.match(res.body.errors[0].field, /^app\.params/);
    }
    const patched = await node.request({
      method: 'PATCH',
      url: `/api/v1/links/${made.body.id}`,
      token: u.apiKey,
      payload: { app: { appId: app.id, path: '/album/8', forceWeb: true } },
    });
    assert.deepEqual(patched.body.app, { appId: app.id, path: '/album/8', params: {}, forceWeb: true });
    const cleared = await node.request({ method: 'PATCH', url: `/api/v1/links/${made.body.id}`, token: u.apiKey, payload: { app: null } });
    assert.equal(cleared.body.app, null);
  });

  it('serves the association files as 200 application/json with cache headers, matching the golden files', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const slug = `gold${node.dialect}`;
    await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://music.example.com/a/1', title: 'A', slug, app: { appId: app.id, path: '/a/1' } },
    });
    for (const url of ['/.well-known/apple-app-site-association', '/apple-app-site-association']) {
      const res = await node.request({ method: 'GET', url });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.headers['cache-control'], 'public, max-age=3600');
      assert.ok(res.headers.etag);
      // Other suites' apps share this database's instance host: keep only this test's entry.
      const mine = res.body.applinks.details.filter((d: any) => d.components.some((c: any) => c['/'] === `/l/${slug}`));
      assert.equal(JSON.stringify({ applinks: { details: mine } }, null, 2).replaceAll(slug, '{slug}'), golden('aasa.json'));
      const again = await node.request({ method: 'GET', url, headers: { 'if-none-match': res.headers.etag } });
      assert.equal(again.status, 304);
    }
    const links = await node.request({ method: 'GET', url: '/.well-known/assetlinks.json' });
    assert.equal(links.status, 200);
    assert.equal(links.headers['content-type'], 'application/json; charset=utf-8');
    const statement = links.body.find((s: any) => s.target.package_name === 'com.example.music');
    assert.equal(JSON.stringify([statement], null, 2), golden('assetlinks.json'));
  });

  it('diagnostics fetch the files back through the public listener and pass for a good app; name the rule for a missing one; refuse a foreign host', async () => {
    // Listening: diagnostics go through the socket with the host's Host header, as in production.
    if (!node.app.server.listening) await node.app.listen({ port: 0, host: '127.0.0.1' });
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, {
      name: 'Diag',
      ios: { ...IOS, bundleId: 'com.example.diag' },
      android: { ...ANDROID, packageName: 'com.example.diag' },
    });
    const before = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics`, token: u.apiKey });
    assert.equal(before.status, 200, before.raw);
    assert.equal(before.body.host, 'lnk.example.com');
    assert.equal(before.body.ok, false);
    assert.equal(before.body.appleAppSiteAssociation.url, 'https://lnk.example.com/.well-known/apple-app-site-association');
    assert.equal(before.body.appleAppSiteAssociation.status, 200);
    assert.equal(before.body.appleAppSiteAssociation.checks.find((c: any) => c.rule === 'app_listed').ok, false);
    // On the instance host only apps with at least one app link are listed (apps/association.ts).
    assert.equal(before.body.assetLinks.checks.find((c: any) => c.rule === 'app_listed').ok, false);
    assert.equal(before.body.assetLinks.checks.find((c: any) => c.rule === 'content_type').ok, true);
    await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://e.example.com', title: 'x', app: { appId: app.id, path: '/' } },
    });
    const after = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics`, token: u.apiKey });
    assert.equal(after.body.ok, true, JSON.stringify(after.body, null, 1));
    assert.deepEqual(
      after.body.appleAppSiteAssociation.checks.map((c: any) => c.rule),
      ['status_200', 'content_type', 'size', 'json', 'applinks_details', 'app_id_format', 'app_listed', 'components'],
    );
    assert.deepEqual(
      after.body.assetLinks.checks.map((c: any) => c.rule),
      ['status_200', 'content_type', 'size', 'json', 'array', 'app_listed', 'fingerprints', 'fingerprints_listed'],
    );
    assert.ok(after.body.hints.some((h: string) => h.includes('app-site-association.cdn-apple.com/a/v1/lnk.example.com')));
    assert.ok(after.body.hints.some((h: string) => h.includes('applinks:lnk.example.com?mode=developer')));
    assert.ok(after.body.hints.some((h: string) => h.includes('digitalassetlinks.googleapis.com')));
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics?host=LNK.example.com`, token: u.apiKey })).body.ok, true);
    for (const host of ['evil.example.net', 'a b', 'x%0d%0aX-Evil:%201', '127.0.0.1']) {
      const res = await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics?host=${host}`, token: u.apiKey });
      assert.equal(res.status, 400, `${host}: ${res.raw}`);
      assert.match(res.headers['content-type'], /^application\/problem\+json/);
      assert.equal(res.body.errors[0].field, 'host');
    }
    const other = await node.signup();
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/apps/${app.id}/diagnostics`, token: other.apiKey })).status, 404);
  });

  it('diagnostics name what Apple and Google reject: redirects, other statuses, content types, size, JSON, ids, components, fingerprints', async () => {
    const { checkAppleFile, checkAssetLinks } = await import('../src/apps/diagnostics.js');
    const appId = `${IOS.teamId}.${IOS.bundleId}`;
    const good = JSON.stringify({ applinks: { details: [{ appIDs: [appId], components: [{ '/': '/l/a' }] }] } });
    const f = (over: Partial<{ status: number; contentType: string | null; location: string | null; body: string }> = {}) => ({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      location: null,
      body: good,
      ...over,
    });
    const failed = (checks: Array<{ ok: boolean; rule: string }>) => checks.filter((c) => !c.ok).map((c) => c.rule);
    assert.deepEqual(failed(checkAppleFile(f(), appId).checks), []);
    const redirect = checkAppleFile(f({ status: 301, location: 'https://www.lnk.example.com/.well-known/apple-app-site-association', body: '' }), appId);
    assert.ok(failed(redirect.checks).includes('no_redirect'));
    assert.match(redirect.checks.find((c) => c.rule === 'no_redirect')!.message, /301 to https:\/\/www\.lnk/);
    assert.ok(failed(checkAppleFile(f({ status: 404 }), appId).checks).includes('status_200'));
    assert.deepEqual(failed(checkAppleFile(f({ contentType: 'text/html' }), appId).checks), ['content_type']);
    assert.deepEqual(failed(checkAppleFile(f({ contentType: null }), appId).checks), ['content_type']);
    const big = JSON.stringify({ applinks: { details: [{ appIDs: [appId], components: [{ '/': `/${'x'.repeat(132_000)}` }] }] } });
    assert.deepEqual(failed(checkAppleFile(f({ body: big }), appId).checks), ['size']);
    assert.deepEqual(failed(checkAppleFile(f({ body: '{"applinks":' }), appId).checks), ['json', 'applinks_details', 'app_listed']);
    assert.deepEqual(failed(checkAppleFile(f({ body: '{"webcredentials":{}}' }), appId).checks), ['applinks_details', 'app_listed']);
    const badId = JSON.stringify({ applinks: { details: [{ appIDs: ['abc.com.example.music'], components: [{ '/': '/*' }] }] } });
    assert.deepEqual(failed(checkAppleFile(f({ body: badId }), appId).checks), ['app_id_format', 'app_listed']);
    const noComponents = JSON.stringify({ applinks: { details: [{ appIDs: [appId], components: [] }] } });
    assert.deepEqual(failed(checkAppleFile(f({ body: noComponents }), appId).checks), ['components']);

    const android = { packageName: 'com.example.music', sha256CertFingerprints: [FP1.toUpperCase()] };
    const statement = (prints: string[], pkg = android.packageName, relation = 'delegate_permission/common.handle_all_urls') =>
      JSON.stringify([{ relation: [relation], target: { namespace: 'android_app', package_name: pkg, sha256_cert_fingerprints: prints } }]);
    assert.deepEqual(failed(checkAssetLinks(f({ body: statement([FP1.toUpperCase()]) }), android).checks), []);
    assert.deepEqual(failed(checkAssetLinks(f({ body: '{}' }), android).checks), ['array', 'app_listed', 'fingerprints']);
    assert.deepEqual(failed(checkAssetLinks(f({ body: statement([FP1.toUpperCase()], 'com.example.other') }), android).checks), ['app_listed', 'fingerprints']);
    assert.deepEqual(
      failed(checkAssetLinks(f({ body: statement([FP1.toUpperCase()], undefined, 'delegate_permission/common.get_login_creds') }), android).checks),
      ['app_listed', 'fingerprints'],
    );
    assert.deepEqual(failed(checkAssetLinks(f({ body: statement([FP1.toLowerCase()]) }), android).checks), ['fingerprints', 'fingerprints_listed']);
    const upload = FP1.toUpperCase().replace(/^00/, 'FF');
    const onlyUpload = checkAssetLinks(f({ body: statement([upload]) }), android);
    assert.deepEqual(failed(onlyUpload.checks), ['fingerprints_listed']);
    assert.match(onlyUpload.checks.find((c) => c.rule === 'fingerprints_listed')!.message, /are not in the file/);
    assert.ok(failed(checkAssetLinks(f({ status: 302, location: 'https://lnk.example.com/', body: '' }), android).checks).includes('no_redirect'));
  });
});

// The whole instance-host files of a fresh database, byte for byte against golden files: which
// apps are listed (only those with a domain-less app link), in which order, with which paths.
describeEachDialect('association files: the whole instance-host files', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com' });
  const FP2 = FP1.replace(/^00/, 'AB');

  it('match the golden files; the legacy path serves the same bytes; the ETag follows the content', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const music = await createApp(node, a.apiKey, { name: 'Music', ios: IOS, android: ANDROID });
    const video = await createApp(node, a.apiKey, { name: 'Video', ios: { ...IOS, bundleId: 'com.example.video' } });
    const droid = await createApp(node, a.apiKey, {
      name: 'Droid',
      android: { packageName: 'com.example.droid', sha256CertFingerprints: [FP1, FP2.toLowerCase()] },
    });
    await createApp(node, b.apiKey, {
      name: 'Unlinked',
      ios: { ...IOS, teamId: 'Z9Y8X7W6V5', bundleId: 'com.example.unlinked' },
      android: { ...ANDROID, packageName: 'com.example.unlinked' },
    });
    const link = async (slug: string, app?: string) => {
      const res = await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: a.apiKey,
        payload: { url: `https://example.com/${slug}`, title: slug, slug, ...(app ? { app: { appId: app, path: `/${slug}` } } : {}) },
      });
      assert.equal(res.status, 201, res.raw);
    };
    await link('music-2', music.id);
    await link('music-1', music.id);
    await link('video-1', video.id);
    await link('droid-1', droid.id);
    await link('web-only');

    const aasa = await node.request({ method: 'GET', url: '/.well-known/apple-app-site-association' });
    assert.equal(aasa.status, 200);
    assert.equal(aasa.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(aasa.headers.location, undefined);
    assert.equal(aasa.raw, JSON.stringify(aasa.body), 'compact JSON');
    assert.equal(JSON.stringify(aasa.body, null, 2), golden('aasa-instance.json'));
    const legacy = await node.request({ method: 'GET', url: '/apple-app-site-association' });
    assert.equal(legacy.raw, aasa.raw);
    assert.equal(legacy.headers.etag, aasa.headers.etag);
    const links = await node.request({ method: 'GET', url: '/.well-known/assetlinks.json' });
    assert.equal(links.status, 200);
    assert.equal(links.headers['cache-control'], 'public, max-age=3600');
    assert.equal(JSON.stringify(links.body, null, 2), golden('assetlinks-instance.json'));

    await link('video-2', video.id);
    const changed = await node.request({ method: 'GET', url: '/.well-known/apple-app-site-association', headers: { 'if-none-match': aasa.headers.etag } });
    assert.equal(changed.status, 200, 'a new app link changes the file, so the old ETag no longer matches');
    assert.notEqual(changed.headers.etag, aasa.headers.etag);
    assert.ok(changed.body.applinks.details.some((d: any) => d.components.some((c: any) => c['/'] === '/l/video-2')));
  });
});

// The instance host's file is shared by every account: each app link adds two exact paths to it,
// so a link (not only an app) can be what would push it past Apple's 128 KB.
describeEachDialect('association files: the 128 KB limit on app links', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com' });

  it('refuses the app link that would push the instance host’s AASA past 128 KB (400 naming app), on create and on update', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, { name: 'Many', ios: IOS });
    const post = (payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload });
    const first = await post({ url: 'https://example.com/0', title: 'first', app: { appId: app.id, path: '/0' } });
    assert.equal(first.status, 201, first.raw);
    // About 152 bytes per 64-character slug (two components): 870 links are over 131 072 bytes.
    const template = await node.ctx.db.selectFrom('links').selectAll().where('id', '=', first.body.id).executeTakeFirstOrThrow();
    const rows = Array.from({ length: 870 }, (_, i) => ({
      ...template,
      id: `lnk_bulk${dialect}${String(i).padStart(6, '0')}`,
      slug: `bulk-${String(i).padStart(6, '0')}-${'x'.repeat(53)}`,
      position: i + 1,
    }));
    for (let i = 0; i < rows.length; i += 100)
      await node.ctx.db
        .insertInto('links')
        .values(rows.slice(i, i + 100))
        .execute();
    const aasa = await node.request({ method: 'GET', url: '/.well-known/apple-app-site-association' });
    const size = Buffer.byteLength(aasa.raw);
    assert.ok(size > 128 * 1024, `the fixture is over the limit: ${size}`);
    await node.ctx.db.deleteFrom('links').where('id', '>=', `lnk_bulk${dialect}000030`).where('id', 'like', 'lnk_bulk%').execute();
    // Now just under: the next app link is refused until enough are gone.
    await node.ctx.db.insertInto('links').values(rows.slice(30, 850)).execute();
    const under = Buffer.byteLength((await node.request({ method: 'GET', url: '/.well-known/apple-app-site-association' })).raw);
    assert.ok(under < 128 * 1024, `under the limit before the last link: ${under}`);
    let refused: Awaited<ReturnType<typeof post>> | null = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await post({ url: `https://example.com/n${i}`, title: `n${i}`, slug: `next-${i}-${'y'.repeat(50)}`, app: { appId: app.id, path: '/n' } });
      if (res.status === 400) refused = res;
      else assert.equal(res.status, 201, res.raw);
    }
    assert.ok(refused, 'an app link was refused');
    assert.equal(refused.body.errors[0].field, 'app');
    assert.match(refused.body.errors[0].message, /128 KB/);
    assert.match(refused.body.errors[0].message, /custom domain/);
    const after = Buffer.byteLength((await node.request({ method: 'GET', url: '/.well-known/apple-app-site-association' })).raw);
    assert.ok(after <= 128 * 1024, `the served file stayed under the limit: ${after}`);
    // A web link is fine; giving it app settings is refused the same way.
    const web = await post({ url: 'https://example.com/web', title: 'web', slug: `web-${'z'.repeat(60)}` });
    assert.equal(web.status, 201, web.raw);
    const patched = await node.request({
      method: 'PATCH',
      url: `/api/v1/links/${web.body.id}`,
      token: u.apiKey,
      payload: { app: { appId: app.id, path: '/w' } },
    });
    assert.equal(patched.status, 400, patched.raw);
    assert.equal(patched.body.errors[0].field, 'app');
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/links/${web.body.id}`, token: u.apiKey })).body.app, null, 'rolled back');
  });
});
