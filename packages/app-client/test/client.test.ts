import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { randomBytes } from 'node:crypto';
import { type EventData, verifyWebhook } from '@linkwire/webhooks';
import { type Receiver, type SpawnedNode, spawnNode, startReceiver, waitFor } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import { devices, type Page } from 'playwright-core';
import { configure } from '../src/index.js';

// The reference client against a real server process (SQLite), with the four deep-link events
// delivered to a loopback receiver and verified as docs/deep-links.md shows. A simulated install:
// the Play Store URL of an Android click is captured and its referrer handed to the client; on
// iOS, Chromium with iPhone emulation taps "Get the app", the clipboard is read back, and the App
// Store request is intercepted (page.route), so nothing leaves the machine.

const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36';
const FP = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

let server: SpawnedNode;
let receiver: Receiver;
let dataDir: string;
let apiKey = '';
let secret = '';
let appKey = '';
let shortUrl = '';
let linkId = '';
let probAppKey = '';
let probShortUrl = '';
let probLinkId = '';

async function api(path: string, body?: unknown, method = body ? 'POST' : 'GET') {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as any;
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (a fresh database per run).
const DIALECTS = process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
let dropDatabase: (() => Promise<void>) | null = null;

async function postgresDatabase(): Promise<string> {
  const { default: pg } = await import('pg');
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `lw_app_client_${randomBytes(6).toString('hex')}`;
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await query(`CREATE DATABASE ${name}`);
  dropDatabase = () => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

async function setUp(dialect: 'sqlite' | 'postgres') {
  receiver = await startReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'lw-app-client-'));
  const database = dialect === 'postgres' ? { DATABASE_URL: await postgresDatabase() } : {};
  server = await spawnNode({
    env: { LINKWIRE_DATA_DIR: dataDir, LINKWIRE_DEV: '1', LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8', NODE_ENV: 'test', ...database },
  });
  const signup = await fetch(`${server.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'app-dev@example.com', password: 'correct horse battery', handle: 'appdev' }),
  });
  apiKey = ((await signup.json()) as any).apiKey;
  const endpoint = await api('/webhooks', {
    url: receiver.url,
    events: ['link.token_created', 'link.claim', 'link.app_open', 'link.deferred_claim_attempt'],
  });
  secret = endpoint.secret;
  const app = await api('/apps', {
    name: 'Music',
    ios: { teamId: 'A1B2C3D4E5', bundleId: 'com.example.music', appStoreId: '1234567890' },
    android: { packageName: 'com.example.music', sha256CertFingerprints: [FP] },
  });
  appKey = app.publishableKey;
  const link = await api('/links', {
    url: 'https://music.example.com/album/7',
    title: 'Album 7',
    app: { appId: app.id, path: '/album/7', params: { ref: 'bio' } },
  });
  shortUrl = link.shortUrl;
  linkId = link.id;
  // A second app that enabled probabilistic matching (Android only: docs/deep-links.md §8).
  const prob = await api('/apps', {
    name: 'Prob',
    android: { packageName: 'com.example.prob', sha256CertFingerprints: [FP] },
    deferred: { probabilistic: true },
  });
  probAppKey = prob.publishableKey;
  const probLink = await api('/links', { url: 'https://music.example.com/album/9', title: 'Album 9', app: { appId: prob.id, path: '/album/9' } });
  probShortUrl = probLink.shortUrl;
  probLinkId = probLink.id;
}

async function tearDown() {
  await server?.stop();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await dropDatabase?.();
  dropDatabase = null;
}

/**
 * Playwright's routes never see the target of a redirect (playwright#33882: the browser would go
 * to the network), so the server's own documents are fetched by the route and a 3xx becomes a
 * page that navigates to its Location: that navigation is routed like any other.
 */
async function routeServerRedirects(page: Page): Promise<string[]> {
  const redirects: string[] = [];
  // The short links name the public URL (localhost), the API is reached at server.url (127.0.0.1): both.
  const origins = new Set([new URL(server.url).origin, new URL(shortUrl).origin]);
  await page.route(
    (url) => origins.has(url.origin),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      const location = response.headers().location;
      if (response.status() < 300 || response.status() >= 400 || !location) return route.fulfill({ response });
      redirects.push(location);
      return route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><script>location.replace(${JSON.stringify(location)})</script>` });
    },
  );
  return redirects;
}

function receivedEvents() {
  return receiver.requests.map((r) => verifyWebhook(r.body, r.headers as Record<string, string>, secret));
}

for (const dialect of DIALECTS)
  describe(`@linkwire/app-client against a real server [${dialect}]`, { timeout: 120_000 }, () => {
    before(() => setUp(dialect));
    after(tearDown);
    const expected = { linkId: '', path: '/album/7', params: { ref: 'bio' }, url: 'https://music.example.com/album/7' };

    it('Android: install + first open claims the token from the captured Play Store referrer (once per install)', async () => {
      expected.linkId = linkId;
      const click = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': ANDROID_UA } });
      assert.equal(click.status, 302);
      const store = new URL(click.headers.get('location')!);
      assert.equal(store.hostname, 'play.google.com');
      // What Play's Install Referrer API returns to the app: the referrer parameter, decoded.
      const referrer = store.searchParams.get('referrer')!;
      const client = configure({ baseUrl: server.url, appKey, installId: 'a1f0c3e2-0000-4000-8000-000000000001', platform: 'android' });
      assert.deepEqual(await client.claimInstallReferrer(referrer), expected);
      assert.deepEqual(await client.claimInstallReferrer(referrer), expected, 'the same install may ask again');
      const otherInstall = configure({ baseUrl: server.url, appKey, installId: 'a1f0c3e2-0000-4000-8000-000000000002', platform: 'android' });
      assert.equal(await otherInstall.claimInstallReferrer(referrer), null, 'another install gets nothing (409)');
      assert.equal(await client.claimInstallReferrer('utm_source=google-play'), null, 'no token, no call');
      const deferred = await client.deferred();
      assert.deepEqual(deferred, { matched: false, reason: 'disabled', link: null });
    });

    it('iOS in Chromium (iPhone emulation): the interstitial copies the token and opens the App Store; the app claims it from the clipboard', async () => {
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ ...devices['iPhone 13'] });
        // Granted everywhere: the copy happens on the Linkwire page, the read-back (the "app") on the store page.
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const page = await context.newPage();
        const storeRequests: string[] = [];
        // Nothing leaves the machine: every other host is refused (Playwright tries the last route first).
        await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
        await page.route('https://apps.apple.com/**', (route) => {
          storeRequests.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>App Store</title><h1>App Store</h1>' });
        });
        await page.goto(shortUrl);
        await page.getByRole('heading', { name: 'Album 7' }).waitFor();
        // The interstitial is accessible (axe: no serious or critical violation) and loads nothing but itself.
        await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
          return (await axe.run()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
        });
        assert.deepEqual(violations, []);
        await page.getByRole('link', { name: 'Get the app' }).click();
        await page.waitForURL('https://apps.apple.com/**');
        assert.deepEqual(storeRequests, ['https://apps.apple.com/app/id1234567890']);
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        assert.match(clipboard, /^lw:[A-Za-z0-9_-]{22}$/);
        const client = configure({ baseUrl: server.url, appKey, installId: 'b2e1d4f3-0000-4000-8000-000000000003', platform: 'ios' });
        assert.deepEqual(await client.claimPasteboard(clipboard), expected);
        assert.equal(await client.claimPasteboard('https://example.com/some/url'), null, 'anything else on the clipboard is ignored');
      } finally {
        await browser.close();
      }
    });

    it('iOS Facebook in-app browser without navigator.clipboard: the tap still copies the token (execCommand fallback)', async () => {
      const FB_IOS =
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.37.101;FBBV/585012345;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]';
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ ...devices['iPhone 13'], userAgent: FB_IOS });
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        // The webview has no async clipboard on Linkwire's page; the store page (the "app") keeps it to read back.
        await context.addInitScript(() => {
          if (location.hostname === 'localhost' || location.hostname === '127.0.0.1')
            Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
        });
        const page = await context.newPage();
        await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
        await page.route('https://apps.apple.com/**', (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>App Store</title><h1>App Store</h1>' }),
        );
        await page.goto(shortUrl);
        assert.equal(await page.evaluate(() => typeof navigator.clipboard), 'undefined');
        await page.getByRole('link', { name: 'Get the app' }).click();
        await page.waitForURL('https://apps.apple.com/**');
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        assert.match(clipboard, /^lw:[A-Za-z0-9_-]{22}$/);
        const client = configure({ baseUrl: server.url, appKey, installId: 'f6c5b8d7-0000-4000-8000-000000000008', platform: 'ios' });
        assert.deepEqual(await client.claimPasteboard(clipboard), expected);
      } finally {
        await browser.close();
      }
    });

    it('Android in Chromium (Pixel 7 emulation): the Play Store request is intercepted, its referrer carries the token, the new install claims it', async () => {
      const browser = await launchChromium();
      try {
        const context = await browser.newContext({ ...devices['Pixel 7'] });
        const page = await context.newPage();
        const storeRequests: string[] = [];
        await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
        await page.route('https://play.google.com/**', (route) => {
          storeRequests.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Google Play</title><h1>Google Play</h1>' });
        });
        const redirects = await routeServerRedirects(page);
        await page.goto(shortUrl);
        await page.getByRole('heading', { name: 'Google Play' }).waitFor();
        assert.equal(storeRequests.length, 1);
        assert.deepEqual(redirects, storeRequests, 'the 302 of the short link is what the browser followed');
        const store = new URL(storeRequests[0]!);
        assert.equal(store.searchParams.get('id'), 'com.example.music');
        const client = configure({ baseUrl: server.url, appKey, installId: 'd4a3f6b5-0000-4000-8000-000000000006', platform: 'android' });
        assert.deepEqual(await client.claimInstallReferrer(store.searchParams.get('referrer')!), expected);
      } finally {
        await browser.close();
      }
    });

    it('iPad sending a Mac user agent in Chromium (touch emulation): the probe finds the touch screen and lands on the interstitial; a Mac without touch gets the website', async () => {
      const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
      const browser = await launchChromium();
      try {
        const ipad = await browser.newContext({ userAgent: MAC_SAFARI, viewport: { width: 820, height: 1180 }, hasTouch: true });
        await ipad.grantPermissions(['clipboard-read', 'clipboard-write']);
        const page = await ipad.newPage();
        // iPadOS reports five touch points; Chromium's emulation is told the same.
        const cdp = await ipad.newCDPSession(page);
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
        await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
        await page.route('https://apps.apple.com/**', (route) =>
          route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>App Store</title><h1>App Store</h1>' }),
        );
        await page.goto(shortUrl);
        await page.getByRole('link', { name: 'Get the app' }).waitFor();
        assert.equal(new URL(page.url()).searchParams.get('lw_platform'), 'ios');
        await page.getByRole('link', { name: 'Get the app' }).click();
        await page.waitForURL('https://apps.apple.com/**');
        const clipboard = await page.evaluate(() => navigator.clipboard.readText());
        const client = configure({ baseUrl: server.url, appKey, installId: 'e5b4a7c6-0000-4000-8000-000000000007', platform: 'ios' });
        assert.deepEqual(await client.claimPasteboard(clipboard), expected);

        const mac = await browser.newContext({ userAgent: MAC_SAFARI, viewport: { width: 1440, height: 900 } });
        const macPage = await mac.newPage();
        const web: string[] = [];
        await macPage.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
        await macPage.route('https://music.example.com/**', (route) => {
          web.push(route.request().url());
          return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Album 7 on the web</title><h1>Web</h1>' });
        });
        await routeServerRedirects(macPage);
        await macPage.goto(shortUrl);
        await macPage.getByRole('heading', { name: 'Web' }).waitFor();
        assert.deepEqual(web, ['https://music.example.com/album/7']);
      } finally {
        await browser.close();
      }
    });

    it('Android without a referrer: probabilistic matching (enabled by the app) finds the one click from this network, once', async () => {
      const click = await fetch(probShortUrl, { redirect: 'manual', headers: { 'user-agent': ANDROID_UA } });
      assert.equal(click.status, 302);
      const client = configure({ baseUrl: server.url, appKey: probAppKey, installId: 'c3f2e5a4-0000-4000-8000-000000000004', platform: 'android' });
      assert.deepEqual(await client.deferred(), {
        matched: true,
        reason: 'matched',
        link: { linkId: probLinkId, path: '/album/9', params: {}, url: 'https://music.example.com/album/9' },
      });
      const again = configure({ baseUrl: server.url, appKey: probAppKey, installId: 'c3f2e5a4-0000-4000-8000-000000000005', platform: 'android' });
      assert.deepEqual(await again.deferred(), { matched: false, reason: 'no_candidate', link: null }, 'the match was single-use');
    });

    it('handleUrl: a Universal Link open returns the deep link; another URL returns null', async () => {
      const client = configure({ baseUrl: server.url, appKey, installId: 'b2e1d4f3-0000-4000-8000-000000000003', platform: 'ios', appVersion: '2.4.0' });
      assert.deepEqual(await client.handleUrl(shortUrl, { firstOpen: false }), expected);
      assert.equal(await client.handleUrl(`${server.url}/l/nosuchlink`), null);
    });

    it('each of the four events reached the loopback receiver, signed, exactly as docs/events.md and the SDK types document them', async () => {
      // 6 tokens and 6 claims (Android referrer twice, iPhone, Facebook-iOS and iPad clipboard, Android probabilistic), 1 open, 3 deferred attempts.
      await waitFor('the sixteen deep-link deliveries', () => receiver.requests.length >= 16, 30_000);
      await new Promise((r) => setTimeout(r, 300)); // nothing more should come
      const events = receivedEvents();
      assert.equal(events.length, 16, JSON.stringify(events.map((e) => e.type)));
      for (const [i, e] of events.entries()) {
        assert.deepEqual(Object.keys(e).sort(), ['accountId', 'data', 'id', 'timestamp', 'type'], 'the documented envelope');
        assert.equal(receiver.requests[i]!.headers['webhook-id'], e.id);
        assert.match(e.id, /^evt_/);
        assert.ok(!Number.isNaN(Date.parse(e.timestamp)));
        const data = e.data as unknown as Record<string, unknown>;
        const type = e.type as DeepLinkType;
        assert.deepEqual(Object.keys(data).sort(), Object.keys(SDK_FIELDS[type]).sort(), `${type}: the SDK type's fields, no more, no fewer`);
        const documented = documentedFields(type);
        assert.deepEqual(Object.keys(data).sort(), [...documented.keys()].sort(), `${type}: the fields of docs/events.md`);
        for (const [field, docType] of documented)
          assert.ok(matchesDocType(data[field], docType), `${type}.${field} = ${JSON.stringify(data[field])} is not ${docType}`);
      }
      const byType = (t: string) => events.filter((e) => e.type === t).map((e) => e.data as unknown as Record<string, unknown>);
      const created = byType('link.token_created');
      assert.deepEqual(created.map((d) => d.channel).sort(), [
        'install_referrer',
        'install_referrer',
        'install_referrer',
        'pasteboard',
        'pasteboard',
        'pasteboard',
      ]);
      for (const d of created) assert.doesNotMatch(String(d.storeUrl), /lw_token%3D[A-Za-z0-9]|lw_token=[A-Za-z0-9]/, 'the token is never in an event');
      const claims = byType('link.claim');
      assert.deepEqual(claims.map((d) => d.method).sort(), ['install_referrer', 'install_referrer', 'pasteboard', 'pasteboard', 'pasteboard', 'probabilistic']);
      assert.deepEqual(new Set(claims.map((d) => d.tokenId)), new Set(created.map((d) => d.tokenId)));
      const [open] = byType('link.app_open');
      assert.deepEqual(open, {
        linkId,
        appId: open!.appId,
        platform: 'ios',
        destUrl: 'https://music.example.com/album/7',
        deepLinkPath: '/album/7',
        source: 'universal_link',
        firstOpen: false,
        installId: 'b2e1d4f3-0000-4000-8000-000000000003',
        appVersion: '2.4.0',
      });
      const attempts = byType('link.deferred_claim_attempt');
      assert.deepEqual(attempts.map((a) => a.reason).sort(), ['disabled', 'matched', 'no_candidate']);
      const matched = attempts.find((a) => a.matched)!;
      assert.equal(matched.confidence, 'unique');
      assert.equal(matched.linkId, probLinkId);
      assert.equal(matched.tokenId, claims.find((c) => c.method === 'probabilistic')!.tokenId);
      // Never a raw IP or user agent in any of them.
      assert.doesNotMatch(JSON.stringify(events), /Mozilla\/|Safari\/|127\.0\.0\.1/);
    });
  });

type DeepLinkType = 'link.token_created' | 'link.claim' | 'link.app_open' | 'link.deferred_claim_attempt';

/** Every field of the SDK's data types: a missing or an extra key here is a compile error. */
const SDK_FIELDS: { [T in DeepLinkType]: Record<keyof EventData<T>, true> } = {
  'link.token_created': {
    tokenId: true,
    linkId: true,
    slug: true,
    domain: true,
    appId: true,
    platform: true,
    destUrl: true,
    deepLinkPath: true,
    channel: true,
    storeUrl: true,
    expiresAt: true,
    country: true,
    device: true,
  },
  'link.claim': {
    tokenId: true,
    linkId: true,
    appId: true,
    platform: true,
    destUrl: true,
    deepLinkPath: true,
    method: true,
    clickedAt: true,
    claimedAt: true,
    secondsToClaim: true,
    installId: true,
  },
  'link.app_open': {
    linkId: true,
    appId: true,
    platform: true,
    destUrl: true,
    deepLinkPath: true,
    source: true,
    firstOpen: true,
    installId: true,
    appVersion: true,
  },
  'link.deferred_claim_attempt': {
    appId: true,
    platform: true,
    matched: true,
    method: true,
    confidence: true,
    linkId: true,
    destUrl: true,
    tokenId: true,
    reason: true,
    installId: true,
  },
};

/** The top-level fields of an event's table in docs/events.md, with their documented types. */
function documentedFields(type: string): Map<string, string> {
  const doc = readFileSync(new URL('../../../docs/events.md', import.meta.url), 'utf8');
  const section = doc
    .slice(doc.indexOf(`### ${type}\n`))
    .split('\n### ')[0]!
    .split('Example `data`')[0]!;
  const fields = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([A-Za-z]+)` \| (.+?) \| (yes|no) \|/.exec(line);
    if (m) fields.set(m[1]!, m[2]!.replaceAll('\\|', '|'));
  }
  assert.ok(fields.size > 0, `docs/events.md documents ${type}`);
  return fields;
}

/** Does a value have a documented type such as `string | null`, `integer`, `"ios" | "android"`? */
function matchesDocType(value: unknown, docType: string): boolean {
  return docType.split('|').some((alt) => {
    const t = alt.trim();
    if (t === 'null') return value === null;
    if (t === 'string') return typeof value === 'string';
    if (t === 'integer') return Number.isInteger(value);
    if (t === 'number') return typeof value === 'number';
    if (t === 'boolean') return typeof value === 'boolean';
    if (t === 'object') return typeof value === 'object' && value !== null;
    if (t.startsWith('"')) return value === JSON.parse(t);
    throw new Error(`unknown documented type ${t}`);
  });
}
