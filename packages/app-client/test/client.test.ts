import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { verifyWebhook } from '@linkwire/webhooks';
import { type Receiver, type SpawnedNode, spawnNode, startReceiver, waitFor } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import { devices } from 'playwright-core';
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

before(async () => {
  receiver = await startReceiver();
  dataDir = mkdtempSync(join(tmpdir(), 'lw-app-client-'));
  server = await spawnNode({
    env: { LINKWIRE_DATA_DIR: dataDir, LINKWIRE_DEV: '1', LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8', NODE_ENV: 'test' },
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
});

after(async () => {
  await server?.stop();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function receivedEvents() {
  return receiver.requests.map((r) => verifyWebhook(r.body, r.headers as Record<string, string>, secret));
}

describe('@linkwire/app-client against a real server', { timeout: 120_000 }, () => {
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

  it('handleUrl: a Universal Link open returns the deep link; another URL returns null', async () => {
    const client = configure({ baseUrl: server.url, appKey, installId: 'b2e1d4f3-0000-4000-8000-000000000003', platform: 'ios', appVersion: '2.4.0' });
    assert.deepEqual(await client.handleUrl(shortUrl, { firstOpen: false }), expected);
    assert.equal(await client.handleUrl(`${server.url}/l/nosuchlink`), null);
  });

  it('each of the four events reached the loopback receiver, signed, with the documented fields', async () => {
    // 2 tokens and 2 claims (Android, iOS), 1 open, 1 deferred attempt.
    await waitFor('the six deep-link deliveries', () => receiver.requests.length >= 6, 30_000);
    const events = receivedEvents();
    const byType = (t: string) => events.filter((e) => e.type === t).map((e) => e.data as unknown as Record<string, unknown>);
    const created = byType('link.token_created');
    assert.deepEqual(created.map((d) => d.channel).sort(), ['install_referrer', 'pasteboard']);
    for (const d of created)
      assert.deepEqual(
        Object.keys(d).sort(),
        ['appId', 'channel', 'country', 'destUrl', 'deepLinkPath', 'device', 'domain', 'expiresAt', 'linkId', 'platform', 'slug', 'storeUrl', 'tokenId'].sort(),
      );
    const claims = byType('link.claim');
    assert.deepEqual(claims.map((d) => d.method).sort(), ['install_referrer', 'pasteboard']);
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
    const [attempt] = byType('link.deferred_claim_attempt');
    assert.equal(attempt!.reason, 'disabled');
    assert.equal(attempt!.matched, false);
    // Never a raw IP or user agent in any of them.
    assert.doesNotMatch(JSON.stringify(events), /Mozilla\/|Safari\//);
  });
});
