import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { sha256 } from '../src/apps/service.js';
import { ANDROID, createApp, IOS } from './apps-helpers.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

// Real user agents of the routing matrix (PRODUCT.md §11).
export const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  ipadAsMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  facebookIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.37.101;FBBV/585012345;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]',
  facebookAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/460.0.0.48.109;]',
  instagramAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36 Instagram 330.0.0.40.92 Android (34/14; 420dpi; 1080x2400; Google/google; Pixel 7; panther; panther; en_US; 602712345)',
  instagramIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.3.28.91 (iPhone15,2; iOS 17_4; en_US; en; scale=3.00; 1179x2556; 602712345)',
  googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  facebookBot: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  desktopChrome: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  macChrome: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

export async function appLink(node: TestNode, token: string, appId: string, extra: Record<string, unknown> = {}) {
  const res = await node.request({
    method: 'POST',
    url: '/api/v1/links',
    token,
    payload: { url: 'https://music.example.com/album/7', title: 'Album 7', app: { appId, path: '/album/7', params: { ref: 'bio' } }, ...extra },
  });
  assert.equal(res.status, 201, res.raw);
  return res.body;
}

async function eventsOf(node: TestNode, token: string, type: string) {
  const res = await node.request({ method: 'GET', url: `/api/v1/events?type=${type}&limit=100`, token });
  return res.body.data as Array<{ type: string; data: any }>;
}

/** The token a store URL or an interstitial carries. */
export function tokenFromPlayUrl(location: string): string {
  const referrer = new URL(location).searchParams.get('referrer')!;
  return new URLSearchParams(referrer).get('lw_token')!;
}
const tokenFromPage = (html: string) => /"lw:([A-Za-z0-9_-]+)"/.exec(html)![1]!;

const sdk = (node: TestNode, key: string, route: string, payload: unknown, headers: Record<string, string> = {}) =>
  node.request({ method: 'POST', url: `/api/v1/sdk/${route}`, headers: { 'x-linkwire-app-key': key, ...headers }, payload: payload as object });

describeEachDialect('deep links: routing and the app API', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com' });

  it('routes the user-agent matrix on /l/ and /q/: Android → Play with a token, iOS → interstitial, iPad-as-Mac → probe, bots → preview, desktop → web', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const link = await appLink(node, u.apiKey, app.id);
    for (const prefix of ['/l/', '/q/']) {
      const get = (ua: string, qs = '') => node.request({ method: 'GET', url: `${prefix}${link.slug}${qs}`, headers: { 'user-agent': ua } });
      for (const ua of [UA.androidChrome, UA.facebookAndroid, UA.instagramAndroid]) {
        const res = await get(ua);
        assert.equal(res.status, 302, `${prefix} ${ua}`);
        assert.equal(res.headers['cache-control'], 'no-store');
        const location = new URL(res.headers.location);
        assert.equal(location.origin + location.pathname, 'https://play.google.com/store/apps/details');
        assert.equal(location.searchParams.get('id'), 'com.example.music');
        assert.match(tokenFromPlayUrl(res.headers.location), /^[A-Za-z0-9_-]{22}$/);
        assert.equal(new URLSearchParams(location.searchParams.get('referrer')!).get('utm_campaign'), link.slug);
      }
      for (const ua of [UA.iphoneSafari, UA.facebookIos, UA.instagramIos, UA.ipadAsMac]) {
        const res = await get(ua, ua === UA.ipadAsMac ? '?lw_platform=ios' : '');
        assert.equal(res.status, 200, `${prefix} ${ua}`);
        assert.match(res.headers['content-type'], /^text\/html/);
        assert.equal(res.headers['cache-control'], 'no-store');
        assert.match(res.raw, /href="https:\/\/apps\.apple\.com\/app\/id1234567890"/);
        assert.match(res.raw, /href="https:\/\/music\.example\.com\/album\/7"/, 'the website stays one tap away');
        assert.match(tokenFromPage(res.raw), /^[A-Za-z0-9_-]{22}$/);
        assert.doesNotMatch(res.raw, /<(link|img|iframe)\b|src=|url\(/, 'no external asset');
        assert.ok(Buffer.byteLength(res.raw) < 4096, `small: ${Buffer.byteLength(res.raw)} bytes`);
        assert.match(res.raw, /<html lang="en">/);
        assert.match(res.raw, /role="status" aria-live="polite"/);
        assert.match(res.headers['content-security-policy'], /default-src 'none'/);
      }
      const probe = await get(UA.ipadAsMac);
      assert.equal(probe.status, 200);
      assert.match(probe.raw, /maxTouchPoints/);
      assert.doesNotMatch(probe.raw, /"lw:/, 'the probe makes no token');
      const mac = await get(UA.ipadAsMac, '?lw_platform=desktop');
      assert.equal(mac.status, 302);
      assert.equal(mac.headers.location, link.url);
      for (const ua of [UA.desktopChrome, UA.macChrome]) {
        const res = await get(ua);
        assert.equal(res.status, 302);
        assert.equal(res.headers.location, 'https://music.example.com/album/7');
      }
      for (const ua of [UA.googlebot, UA.facebookBot]) {
        const res = await get(ua);
        assert.equal(res.status, 200);
        assert.match(res.raw, /<meta property="og:title" content="Album 7">/);
        assert.doesNotMatch(res.raw, /"lw:/, 'a bot gets no token');
      }
    }
    // Per prefix: 3 Android + 4 iOS tokens; 3 Android + 4 iOS + 1 Mac + 2 desktop clicks; bots and the probe are not counted.
    const clicks = await eventsOf(node, u.apiKey, 'link.click');
    assert.deepEqual(clicks.map((c) => c.data.source).sort(), [...Array(10).fill('qr'), ...Array(10).fill('short_link')]);
    assert.equal((await eventsOf(node, u.apiKey, 'qr.scanned')).length, 10);
    const tokens = await eventsOf(node, u.apiKey, 'link.token_created');
    assert.deepEqual(tokens.map((t) => t.data.platform).sort(), [...Array(6).fill('android'), ...Array(8).fill('ios')]);
    const android = tokens.find((t) => t.data.platform === 'android')!.data;
    assert.equal(android.channel, 'install_referrer');
    assert.equal(android.destUrl, link.url);
    assert.equal(android.deepLinkPath, '/album/7');
    assert.equal(android.appId, app.id);
    assert.equal(android.device, 'mobile');
    assert.equal(tokens.find((t) => t.data.platform === 'ios')!.data.channel, 'pasteboard');
    assert.doesNotMatch(JSON.stringify(tokens), /lw_token=[A-Za-z0-9]/, 'the token itself is never in an event');
    const rows = await node.ctx.db.selectFrom('deeplinkTokens').select(['id', 'platform']).where('appId', '=', app.id).execute();
    assert.deepEqual(rows.map((r) => r.id).sort(), tokens.map((t) => t.data.tokenId).sort(), 'one stored token per link.token_created');
  });

  it('the click, the token and link.token_created commit together: when the token cannot be written, none is, and no store redirect is sent', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const link = await appLink(node, u.apiKey, app.id);
    const clicksOf = async () => (await node.request({ method: 'GET', url: `/api/v1/links/${link.id}`, token: u.apiKey })).body.clicks;
    // The token table out of reach: the batch transaction's token INSERT fails after its events were written.
    await sql`ALTER TABLE deeplink_tokens RENAME TO deeplink_tokens_parked`.execute(node.ctx.db);
    try {
      const res = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome } });
      assert.equal(res.status, 503, res.raw);
      assert.equal(res.headers.location, undefined, 'no store redirect without a durable token');
      assert.match(res.headers['content-type'], /^application\/problem\+json/);
      const ios = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.iphoneSafari } });
      assert.equal(ios.status, 503);
      assert.doesNotMatch(ios.raw, /"lw:/, 'no interstitial with an unsaved token');
    } finally {
      await sql`ALTER TABLE deeplink_tokens_parked RENAME TO deeplink_tokens`.execute(node.ctx.db);
    }
    assert.equal((await eventsOf(node, u.apiKey, 'link.click')).length, 0, 'the click rolled back with the token');
    assert.equal((await eventsOf(node, u.apiKey, 'link.token_created')).length, 0);
    assert.equal(await clicksOf(), 0, 'nor was it counted');
    // Once the table is back, one click writes exactly one of each.
    const ok = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome } });
    assert.equal(ok.status, 302);
    const [click] = await eventsOf(node, u.apiKey, 'link.click');
    const [created] = await eventsOf(node, u.apiKey, 'link.token_created');
    assert.equal(click!.data.linkId, link.id);
    assert.equal(created!.data.linkId, link.id);
    assert.equal(await clicksOf(), 1);
    const row = await node.ctx.db.selectFrom('deeplinkTokens').selectAll().where('id', '=', created!.data.tokenId).executeTakeFirstOrThrow();
    assert.equal(row.tokenHash, sha256(tokenFromPlayUrl(ok.headers.location)), 'stored as the hash of the token handed out');
    assert.equal(row.expiresAt - row.createdAt, 120 * 60_000, "expires after the app's window");
  });

  it('forceWeb and a platform the app lacks follow the web URL', async () => {
    const u = await node.signup();
    const iosOnly = await createApp(node, u.apiKey, { name: 'iOS only', ios: IOS });
    const link = await appLink(node, u.apiKey, iosOnly.id);
    const android = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome } });
    assert.equal(android.headers.location, link.url);
    const forced = await appLink(node, u.apiKey, iosOnly.id, { app: { appId: iosOnly.id, path: '/x', forceWeb: true } });
    const iphone = await node.request({ method: 'GET', url: `/l/${forced.slug}`, headers: { 'user-agent': UA.iphoneSafari } });
    assert.equal(iphone.status, 302);
    assert.equal(iphone.headers.location, forced.url);
  });

  it('claims are single-use: the same install gets the same answer, another gets 409, an expired token 410; link.claim once', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, { name: 'Short window', ios: IOS, android: ANDROID, deferred: { windowMinutes: 1 } });
    const link = await appLink(node, u.apiKey, app.id);
    const res = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome } });
    const token = tokenFromPlayUrl(res.headers.location);
    const referrer = new URL(res.headers.location).searchParams.get('referrer')!;
    // The app passes the whole install-referrer string; the server reads lw_token from it.
    const first = await sdk(node, app.publishableKey, 'claim', { token: referrer, installId: 'install-aaaa-1' });
    assert.equal(first.status, 200, first.raw);
    assert.deepEqual(first.body, { linkId: link.id, path: '/album/7', params: { ref: 'bio' }, url: link.url });
    const again = await sdk(node, app.publishableKey, 'claim', { token, installId: 'install-aaaa-1' });
    assert.deepEqual(again.body, first.body);
    const other = await sdk(node, app.publishableKey, 'claim', { token, installId: 'install-bbbb-2' });
    assert.equal(other.status, 409);
    assert.equal(other.body.type, 'https://linkwire.dev/problems/already_claimed');
    const claims = await eventsOf(node, u.apiKey, 'link.claim');
    assert.equal(claims.length, 1);
    assert.equal(claims[0]!.data.method, 'install_referrer');
    assert.equal(claims[0]!.data.installId, 'install-aaaa-1');
    assert.equal(claims[0]!.data.platform, 'android');

    const late = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.iphoneSafari } });
    const lateToken = tokenFromPage(late.raw);
    await node.ctx.db
      .updateTable('deeplinkTokens')
      .set({ expiresAt: Date.now() - 1 })
      .where('claimedAt', 'is', null)
      .where('appId', '=', app.id)
      .execute();
    const expired = await sdk(node, app.publishableKey, 'claim', { token: `lw:${lateToken}`, installId: 'install-cccc-3' });
    assert.equal(expired.status, 410);
    const unknown = await sdk(node, app.publishableKey, 'claim', { token: 'nope', installId: 'install-cccc-3' });
    assert.equal(unknown.status, 404);
    // Another app's key cannot claim this app's token.
    const stranger = await createApp(node, u.apiKey, { name: 'Other', android: { ...ANDROID, packageName: 'com.example.other' } });
    const cross = await sdk(node, stranger.publishableKey, 'claim', { token, installId: 'install-aaaa-1' });
    assert.equal(cross.status, 404);
  });

  it('concurrent claims of one token by two installs: exactly one wins', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const link = await appLink(node, u.apiKey, app.id);
    const res = await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome } });
    const token = tokenFromPlayUrl(res.headers.location);
    const results = await Promise.all(
      ['install-race-1', 'install-race-2', 'install-race-3'].map((installId) => sdk(node, app.publishableKey, 'claim', { token, installId })),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409]);
    assert.equal((await eventsOf(node, u.apiKey, 'link.claim')).length, 1);
  });

  it('open reports an app open for the app’s own links only; emits link.app_open', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey);
    const link = await appLink(node, u.apiKey, app.id);
    const web = await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://e.example.com', title: 'web' } });
    const opened = await sdk(node, app.publishableKey, 'open', {
      url: link.shortUrl,
      installId: 'install-open-1',
      platform: 'ios',
      firstOpen: true,
      appVersion: '2.4.0',
    });
    assert.equal(opened.status, 200, opened.raw);
    assert.deepEqual(opened.body, { linkId: link.id, path: '/album/7', params: { ref: 'bio' }, url: link.url });
    const notApp = await sdk(node, app.publishableKey, 'open', { url: web.body.shortUrl, installId: 'install-open-1' });
    assert.equal(notApp.status, 404);
    const malformed = await sdk(node, app.publishableKey, 'open', { url: 'https://lnk.example.com/l/%E0%A4%A', installId: 'install-open-1' });
    assert.equal(malformed.status, 404, 'a malformed escape is no link, not a 500');
    const notUrl = await sdk(node, app.publishableKey, 'open', { url: 'not a url', installId: 'install-open-1' });
    assert.equal(notUrl.status, 400);
    assert.equal(notUrl.body.errors[0].field, 'url');
    const [event] = await eventsOf(node, u.apiKey, 'link.app_open');
    assert.deepEqual(event!.data, {
      linkId: link.id,
      appId: app.id,
      platform: 'ios',
      destUrl: link.url,
      deepLinkPath: '/album/7',
      source: 'universal_link',
      firstOpen: true,
      installId: 'install-open-1',
      appVersion: '2.4.0',
    });
    const noKey = await node.request({ method: 'POST', url: '/api/v1/sdk/open', payload: { url: link.shortUrl, installId: 'install-open-1' } });
    assert.equal(noKey.status, 401);
  });

  it('deferred: disabled by default; when enabled, answers only on exactly one candidate; match keys are purged at the window’s end', async () => {
    const u = await node.signup();
    const off = await createApp(node, u.apiKey);
    const disabled = await sdk(node, off.publishableKey, 'deferred', { platform: 'android', installId: 'install-def-1' });
    assert.deepEqual(disabled.body, { matched: false, reason: 'disabled' });

    const on = await createApp(node, u.apiKey, { name: 'Prob', android: { ...ANDROID, packageName: 'com.example.prob' }, deferred: { probabilistic: true } });
    const link = await appLink(node, u.apiKey, on.id);
    const none = await sdk(node, on.publishableKey, 'deferred', { platform: 'android', installId: 'install-def-1' });
    assert.deepEqual(none.body, { matched: false, reason: 'no_candidate' });
    const click = () => node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome }, remoteAddress: '203.0.113.7' });
    await click();
    const row = await node.ctx.db.selectFrom('deeplinkTokens').select(['matchKey']).where('appId', '=', on.id).executeTakeFirstOrThrow();
    assert.ok(row.matchKey && !row.matchKey.includes('203.0.113'), 'a hash, never the address');
    // Same /24, another host: one candidate.
    const matched = await sdk(node, on.publishableKey, 'deferred', { platform: 'android', installId: 'install-def-2' }, {});
    assert.equal(matched.body.matched, false, 'inject’s default address is not in 203.0.113.0/24');
    const hit = await node.request({
      method: 'POST',
      url: '/api/v1/sdk/deferred',
      headers: { 'x-linkwire-app-key': on.publishableKey },
      payload: { platform: 'android', installId: 'install-def-2' },
      remoteAddress: '203.0.113.99',
    });
    assert.deepEqual(hit.body, { matched: true, reason: 'matched', linkId: link.id, path: '/album/7', params: { ref: 'bio' }, url: link.url });
    await click();
    await click();
    const ambiguous = await node.request({
      method: 'POST',
      url: '/api/v1/sdk/deferred',
      headers: { 'x-linkwire-app-key': on.publishableKey },
      payload: { platform: 'android', installId: 'install-def-3' },
      remoteAddress: '203.0.113.99',
    });
    assert.deepEqual(ambiguous.body, { matched: false, reason: 'ambiguous' });
    const attempts = await eventsOf(node, u.apiKey, 'link.deferred_claim_attempt');
    assert.deepEqual(attempts.map((a) => a.data.reason).sort(), ['ambiguous', 'disabled', 'matched', 'no_candidate', 'no_candidate']);
    assert.deepEqual(
      attempts.map((a) => a.data.platform),
      Array(5).fill('android'),
    );
    const m = attempts.find((a) => a.data.matched)!.data;
    assert.equal(m.confidence, 'unique');
    assert.equal(m.linkId, link.id);
    assert.equal((await eventsOf(node, u.apiKey, 'link.claim')).find((c) => c.data.method === 'probabilistic')!.data.installId, 'install-def-2');

    // Never on iOS, even with probabilistic on: no match key is stored, the attempt is "disabled".
    const both = await createApp(node, u.apiKey, {
      name: 'Both',
      ios: IOS,
      android: { ...ANDROID, packageName: 'com.example.both' },
      deferred: { probabilistic: true },
    });
    const bothLink = await appLink(node, u.apiKey, both.id);
    await node.request({ method: 'GET', url: `/l/${bothLink.slug}`, headers: { 'user-agent': UA.iphoneSafari }, remoteAddress: '203.0.113.7' });
    const iosToken = await node.ctx.db.selectFrom('deeplinkTokens').select(['matchKey', 'platform']).where('appId', '=', both.id).executeTakeFirstOrThrow();
    assert.deepEqual(iosToken, { matchKey: null, platform: 'ios' });
    const iosAttempt = await node.request({
      method: 'POST',
      url: '/api/v1/sdk/deferred',
      headers: { 'x-linkwire-app-key': both.publishableKey },
      payload: { platform: 'ios', installId: 'install-def-ios' },
      remoteAddress: '203.0.113.99',
    });
    assert.deepEqual(iosAttempt.body, { matched: false, reason: 'disabled' });

    const { purgeDeeplinkTokens, TOKEN_RETENTION_MS } = await import('../src/apps/sdk.js');
    await node.ctx.db
      .updateTable('deeplinkTokens')
      .set({ expiresAt: Date.now() - 1 })
      .where('appId', '=', on.id)
      .execute();
    assert.equal((await purgeDeeplinkTokens(node.ctx)).matchKeys, 2);
    const left = await node.ctx.db.selectFrom('deeplinkTokens').select('matchKey').where('appId', '=', on.id).where('matchKey', 'is not', null).execute();
    assert.equal(left.length, 0);
    // Kept for the retention period, then deleted.
    assert.equal((await node.ctx.db.selectFrom('deeplinkTokens').select('id').where('appId', '=', on.id).execute()).length, 3);
    await node.ctx.db
      .updateTable('deeplinkTokens')
      .set({ expiresAt: Date.now() - TOKEN_RETENTION_MS - 1 })
      .where('appId', '=', on.id)
      .execute();
    assert.ok((await purgeDeeplinkTokens(node.ctx)).deleted >= 3);
    assert.equal((await node.ctx.db.selectFrom('deeplinkTokens').select('id').where('appId', '=', on.id).execute()).length, 0);
  });

  it('probabilistic match keys are salted by the master key, rotate daily (a window crosses one midnight), and use IPv4 /24 and IPv6 /48 only', async () => {
    const { deferredMatch } = await import('../src/apps/sdk.js');
    const { matchKey } = await import('../src/apps/tokens.js');
    const { ClientHashes } = await import('../src/lib/privacy.js');
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, {
      name: 'Daily',
      android: { ...ANDROID, packageName: 'com.example.daily' },
      deferred: { probabilistic: true, windowMinutes: 1440 },
    });
    const link = await appLink(node, u.apiKey, app.id);
    const row = async () => node.ctx.db.selectFrom('apps').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
    const now = Date.now();
    const day = 86_400_000;
    const k = (ip: string, at = now) => matchKey(node.ctx.clientHashes, app.id, ip, 'android', at);
    assert.equal(k('203.0.113.7'), k('203.0.113.250'), 'one /24, one key');
    assert.notEqual(k('203.0.113.7'), k('203.0.114.7'));
    assert.notEqual(k('203.0.113.7'), k('203.0.113.7', now + day), 'a new key every UTC day');
    assert.notEqual(k('203.0.113.7'), matchKey(node.ctx.clientHashes, app.id, '203.0.113.7', 'ios', now), 'per platform');
    assert.notEqual(
      k('203.0.113.7'),
      new ClientHashes(Buffer.alloc(32, 7)).of('deeplink-match', `${app.id}|android|203.0.113`, now),
      'salted by the master key',
    );
    assert.equal(k('2001:db8:1234:1::1'), k('2001:db8:1234:ffff::9'), 'one /48, one key');
    assert.notEqual(k('2001:db8:1234:1::1'), k('2001:db8:1235:1::1'));

    await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { 'user-agent': UA.androidChrome }, remoteAddress: '203.0.113.7' });
    const token = await node.ctx.db.selectFrom('deeplinkTokens').selectAll().where('appId', '=', app.id).executeTakeFirstOrThrow();
    assert.equal(token.matchKey, k('203.0.113.7', token.createdAt));
    // Keep the token alive past two midnights to see which days' keys a lookup tries.
    await node.ctx.db
      .updateTable('deeplinkTokens')
      .set({ expiresAt: now + 3 * day })
      .where('id', '=', token.id)
      .execute();
    const two = await deferredMatch(node.ctx, await row(), '203.0.113.99', { platform: 'android', installId: 'install-day-1' }, token.createdAt + 2 * day);
    assert.deepEqual(two, { matched: false, reason: 'no_candidate' }, 'two days later the click’s key is gone from the lookup');
    const next = await deferredMatch(node.ctx, await row(), '203.0.113.99', { platform: 'android', installId: 'install-day-1' }, token.createdAt + day);
    assert.equal(next.matched, true, 'the next UTC day still finds it (yesterday’s key)');
    assert.equal('linkId' in next ? next.linkId : null, link.id);
  });

  it('the app API is rate-limited per key and client (429 with Retry-After)', async () => {
    const u = await node.signup();
    const app = await createApp(node, u.apiKey, { name: 'Limited', android: ANDROID });
    const call = (remoteAddress: string) =>
      node.request({
        method: 'POST',
        url: '/api/v1/sdk/deferred',
        headers: { 'x-linkwire-app-key': app.publishableKey },
        payload: { platform: 'android', installId: 'install-rate-1' },
        remoteAddress,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await call('198.51.100.20')).status);
    assert.deepEqual([...new Set(statuses.slice(0, 60))], [200]);
    assert.equal(statuses[60], 429);
    const limited = await call('198.51.100.20');
    assert.equal(limited.body.limit, 'sdk');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((await call('198.51.100.21')).status, 200, 'another client has its own budget');
    const second = await createApp(node, u.apiKey, { name: 'Limited 2', android: { ...ANDROID, packageName: 'com.example.limited2' } });
    const otherKey = await node.request({
      method: 'POST',
      url: '/api/v1/sdk/deferred',
      headers: { 'x-linkwire-app-key': second.publishableKey },
      payload: { platform: 'android', installId: 'install-rate-1' },
      remoteAddress: '198.51.100.20',
    });
    assert.equal(otherKey.status, 200, 'another app key from the same client has its own budget');
  });
});
