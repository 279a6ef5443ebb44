// End-to-end: the real Linkwire server (CLI, SQLite in a temp dir) + a real local webhook receiver +
// headless Chromium driven by playwright-core. Walks the main journey, checks every page with axe
// (no serious/critical violations), and writes docs/screenshots/*.png.
//
// Chromium: CHROMIUM_PATH, else the system's /usr/bin/chromium, else the one npm installed
// (@linkwire/test-kit/browser).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type ReceivedRequest, type Receiver, type SpawnedNode, spawnNode, startReceiver, waitFor } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dashboardDir = join(here, '..');
const repo = join(dashboardDir, '..', '..');
// Screenshots land in docs/screenshots/ only when asked (LINKWIRE_SCREENSHOTS=1, see the README),
// so an ordinary `npm test` does not rewrite committed images; otherwise they go to a temp dir.
const shots = process.env.LINKWIRE_SCREENSHOTS === '1' ? join(repo, 'docs', 'screenshots') : join(tmpdir(), 'linkwire-e2e-screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The node picks its own port (PORT=0), so the public URL cannot name it: short links are built
// from this fixed one (http, so the session cookies are not Secure on the plain-http loopback).
const PUBLIC_URL = 'http://links.example.com';

/** Standard Webhooks verification, written independently of the server and the SDK. */
function verifySignature(r: ReceivedRequest, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const id = String(r.headers['webhook-id']);
  const ts = String(r.headers['webhook-timestamp']);
  const expected = createHmac('sha256', key).update(`${id}.${ts}.`).update(r.raw).digest();
  return String(r.headers['webhook-signature'] ?? '')
    .split(' ')
    .some((s) => {
      const [v, b64] = s.split(',');
      const given = Buffer.from(b64 ?? '', 'base64');
      return v === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

let server: SpawnedNode | undefined;
let receiver: Receiver;
let base = '';
let dataDir = '';
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** The API key made in Settings, named Zapier (used as Zapier would). */
let zapierKey = '';

async function axeCheck(name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (...args: unknown[]) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    // The public profile page in the preview iframe is not part of the dashboard.
    const res = await axe.run({ exclude: [['iframe']] }, { iframes: false, resultTypes: ['violations'] });
    return res.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  const bad = violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `axe: serious/critical violations on ${name}:\n${JSON.stringify(bad, null, 2)}`);
}

async function shot(name: string, fullPage = true): Promise<void> {
  // Let toasts fade from the picture so screenshots show the page itself.
  await page.evaluate(() => {
    for (const t of document.querySelectorAll('.toast')) t.remove();
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

before(async () => {
  if (!existsSync(join(dashboardDir, 'dist', 'index.html'))) {
    execFileSync(process.execPath, [join(dashboardDir, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  mkdirSync(shots, { recursive: true });
  receiver = await startReceiver((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}'), {
    path: '/hooks/linkwire',
  });
  dataDir = mkdtempSync(join(tmpdir(), 'lw-e2e-'));
  server = await spawnNode({
    env: {
      LINKWIRE_PUBLIC_URL: PUBLIC_URL,
      LINKWIRE_DATA_DIR: dataDir,
      LINKWIRE_DEV: '1',
      LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
      LINKWIRE_DEFAULT_PLAN: 'pro',
      LINKWIRE_RETRY_SCHEDULE: '1s,2s',
      NODE_ENV: 'test',
    },
  });
  base = server.url;
  browser = await launchChromium();
  // bypassCSP: axe is injected as an inline script, which the dashboard's CSP rightly forbids.
  context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1360, height: 900 }, colorScheme: 'light', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await receiver?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard end-to-end', { timeout: 180_000 }, () => {
  const handle = `ada${Date.now().toString(36).slice(-5)}`;
  const email = `${handle}@example.com`;
  const password = 'correct horse battery staple';
  let secret = '';

  it('serves the dashboard and sends a logged-out visitor to the log-in page', async () => {
    const res = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    assert.equal(res.status, 301);
    await page.goto(`${base}/dashboard/`);
    await page.getByRole('heading', { name: 'Log in to Linkwire' }).waitFor();
    assert.match(page.url(), /\/dashboard\/login$/);
    await axeCheck('login');
    await shot('login', false);
  });

  it('signs up, shows the first API key once, and lands on Links', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Password').fill(password);
    await axeCheck('signup');
    await shot('signup', false);
    await page.getByRole('button', { name: 'Create account' }).click();
    const key = await page.getByTestId('signup-api-key').textContent();
    assert.match(key ?? '', /\S{20,}/);
    await axeCheck('welcome');
    await page.getByRole('button', { name: 'Continue to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Links', exact: true }).waitFor();
    await page.getByText('No links yet').waitFor();
    await axeCheck('links (empty)');
  });

  it('adds links, reorders them with the keyboard buttons, and persists the order', async () => {
    const links: [string, string][] = [
      ['My website', 'https://ada.example.com/'],
      ['New book: Notes on the Engine', 'https://shop.example.com/notes'],
    ];
    for (const [title, url] of links) {
      await page.getByLabel('Title').fill(title);
      await page.getByLabel('Destination URL').fill(url);
      await page.getByRole('button', { name: 'Add link' }).click();
      await page.getByText(`Link “${title}” added`).waitFor();
    }
    const rows = page.getByTestId('link-row');
    assert.equal(await rows.count(), 2);
    const short = await rows.first().locator('code').textContent();
    assert.match(short ?? '', /^http:\/\/links\.example\.com\/l\/\S+$/);
    // Swapping two links moves both (order.ts, reorderPatches): two PATCHes, sent one after the other.
    const patches: number[] = [];
    const onResponse = (res: Response) => {
      if (res.request().method() === 'PATCH' && new URL(res.url()).pathname.startsWith('/api/v1/links/')) patches.push(res.status());
    };
    page.on('response', onResponse);
    await page.getByRole('button', { name: 'Move New book: Notes on the Engine up' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid=link-row] strong')?.textContent?.startsWith('New book'));
    // The order survives a reload once the server has answered both PATCHes.
    await waitFor('both position PATCHes answered', () => patches.length === 2);
    page.off('response', onResponse);
    assert.deepEqual(patches, [200, 200]);
    await page.reload();
    await page.getByTestId('link-row').first().waitFor();
    assert.match((await page.getByTestId('link-row').first().locator('strong').first().textContent()) ?? '', /^New book/);
    // QR downloads point at the API.
    const svgHref = await page
      .getByRole('link', { name: /as SVG$/ })
      .first()
      .getAttribute('href');
    const qr = await page.request.get(`${base}${svgHref}`);
    assert.equal(qr.status(), 200);
    assert.match(await qr.text(), /<svg/);
    await page.frameLocator('iframe[title="Public profile preview"]').locator('body').waitFor();
    await axeCheck('links');
    await shot('links');
  });

  it('edits the profile and manages a mailing-list widget', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('heading', { name: 'Profile', exact: true }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Ada Lovelace');
    await page.getByLabel('Bio').fill('Writing about engines, numbers and poetry.');
    await page.getByLabel('ocean').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Profile saved').waitFor();
    await page.getByLabel('Widget title').fill('Get my monthly letter');
    await page.getByRole('button', { name: 'Add widget' }).click();
    await page.getByText('Widget added').waitFor();
    await page.getByText('No subscribers yet').waitFor();
    await axeCheck('profile');
    await shot('profile');
  });

  it('shows analytics for a date range', async () => {
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics', exact: true }).waitFor();
    await page.getByText('Click-through rate', { exact: true }).waitFor();
    await page.getByRole('button', { name: '7 days' }).click();
    await page.getByRole('button', { name: '7 days' }).and(page.locator('[aria-pressed=true]')).waitFor();
    await page.waitForLoadState('networkidle');
    await axeCheck('analytics');
    await shot('analytics');
  });

  it('creates a webhook endpoint to a local receiver with the event picker', async () => {
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByText('No endpoints yet').waitFor();
    await page.getByRole('heading', { name: 'Endpoints', exact: true }).waitFor();
    await axeCheck('webhooks (empty)');
    await page.getByRole('button', { name: 'Add your first endpoint' }).click();
    await page.getByLabel('Endpoint URL').fill(receiver.url);
    await page.getByText(/requires https:\/\/ endpoints unless the server runs in dev mode/).waitFor();
    await page.getByLabel('Description').fill('Local receiver (e2e)');
    await page.getByLabel('link.click', { exact: true }).check();
    await page.getByLabel('profile.visit', { exact: true }).check();
    // Client-side filter feedback, then a valid filter.
    await page.locator('#wh-filter').fill('{"data.country": ');
    await page.getByText(/Not valid JSON/).waitFor();
    await page.locator('#wh-filter').fill('');
    await axeCheck('webhook form');
    await shot('webhook-new');
    await page.getByRole('button', { name: 'Create endpoint' }).click();
    await page.getByRole('heading', { name: receiver.url }).waitFor();
    await page.getByText('Endpoint created. Put this secret').waitFor();
    secret = ((await page.getByTestId('webhook-secret').textContent()) ?? '').trim();
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/);
  });

  it('sends a test event, sees the delivery succeed, and opens the attempt', async () => {
    await page.getByTestId('test-event').selectOption('link.click');
    await page.getByRole('button', { name: 'Send test' }).click();
    await page.getByText('Test link.click queued').waitFor();
    const row = page.locator('[data-testid=delivery-row][data-status=succeeded]').first();
    await row.waitFor({ timeout: 30_000 });
    assert.match((await row.textContent()) ?? '', /link\.click/);
    assert.match((await row.textContent()) ?? '', /200/);

    // The receiver really got a signed request that verifies with the secret shown in the UI.
    const got = receiver.requests.at(-1);
    assert.ok(got, 'the local receiver got the test delivery');
    assert.equal(JSON.parse(got.body).type, 'link.click');
    assert.ok(verifySignature(got, secret), 'webhook-signature verifies with the dashboard secret');

    // Snippets for the three languages.
    await page.getByRole('tab', { name: 'Python (stdlib)' }).click();
    assert.match((await page.getByTestId('snippet').textContent()) ?? '', /hmac\.compare_digest/);
    await page.getByRole('tab', { name: 'Node.js + SDK' }).click();
    assert.match((await page.getByTestId('snippet').textContent()) ?? '', /verifyWebhook/);
    await axeCheck('webhook detail');
    await shot('webhook-detail');

    await row.getByRole('button', { name: /^Details of link\.click delivery/ }).click();
    const attempt = page.getByTestId('attempt').first();
    await attempt.waitFor();
    assert.match((await attempt.textContent()) ?? '', /Attempt 1/);
    assert.match((await attempt.textContent()) ?? '', /200/);
    assert.match((await page.getByTestId('delivery-drawer').textContent()) ?? '', /"type": "link\.click"/);
    await axeCheck('delivery drawer');
    await shot('delivery-attempt', false);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('lists the endpoint with its status and usage meters', async () => {
    await page.getByRole('link', { name: '← Webhooks' }).click();
    const card = page.getByTestId('endpoint-card').first();
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Active/);
    await page.getByRole('meter', { name: 'Endpoints' }).waitFor();
    assert.equal(await page.getByRole('meter', { name: 'Endpoints' }).getAttribute('aria-valuenow'), '1');
    await axeCheck('webhooks');
    await shot('webhooks');
  });

  it('connects a Slack channel on the Integrations page and sends a test message', async () => {
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', exact: true }).waitFor();
    await page.getByText('No chat channel yet').waitFor();
    // The format is suggested from the URL's host…
    await page.getByLabel('Incoming webhook URL').fill('https://hooks.slack.com/services/T000/B000/XXXX');
    assert.equal(await page.getByLabel('Service').inputValue(), 'slack');
    await page.getByText('Suggested from the URL: Slack.').waitFor();
    // …and chosen by hand for the loopback receiver standing in for Slack.
    await page.getByLabel('Incoming webhook URL').fill(receiver.url);
    await page.getByLabel('Service').selectOption('slack');
    await axeCheck('integrations');
    // Exact: the page's analytics sinks section has "Connect Google Analytics 4" too.
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const card = page.getByTestId('chat-endpoint').first();
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /Slack/);
    assert.doesNotMatch((await card.textContent()) ?? '', /hooks\/linkwire/, 'the URL is shown masked');
    const before = receiver.requests.length;
    await card.getByRole('button', { name: 'Send test message' }).click();
    const message = await waitFor('the Slack message', () => receiver.requests.slice(before).find((r) => r.method === 'POST'), 30_000);
    const body = JSON.parse(message.body);
    assert.equal(typeof body.text, 'string', 'Slack messages always carry text');
    assert.equal(body.blocks[0].type, 'header');
    assert.equal(message.headers['webhook-signature'], undefined, 'chat messages are not Standard Webhooks requests');
    await axeCheck('integrations (connected)');
    await shot('integrations');
    await card.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByText('No chat channel yet').waitFor();
  });

  it('creates an API key shown once and sees plan limits in Settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Plan and limits' }).waitFor();
    await page.getByLabel('New key name').fill('Zapier');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByTestId('new-api-key').textContent()) ?? '';
    assert.ok(key.length > 20);
    zapierKey = key;
    // The key works as a Bearer token against the API.
    const res = await fetch(`${base}/api/v1/account`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { handle: string }).handle, handle);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('cell', { name: 'Zapier', exact: true }).waitFor();
    await axeCheck('settings');
    await shot('settings');
  });

  it('lists the subscriptions a no-code tool made with the key, with their source, on the Integrations page', async () => {
    // What the Zapier app's performSubscribe sends (packages/zapier-app), with the key made above.
    const res = await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${zapierKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/hooks/catch/123/abc/`, events: ['link.click'], source: 'zapier' }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const created = (await res.json()) as { id: string };
    await page.getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { name: 'Integrations', exact: true }).waitFor();
    const row = page.getByTestId('nocode-subscription');
    await row.waitFor();
    assert.equal(await row.count(), 1);
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Zapier/);
    assert.match(text, /hooks\/catch\/123\/abc/);
    assert.match(text, /link\.click/);
    await page.getByText('No-code subscriptions (1)').waitFor();
    // A no-code subscription is not a chat channel.
    await page.getByText('No chat channel yet').waitFor();
    await axeCheck('integrations (no-code subscription)');
    // Zapier turns the Zap off: the subscription goes, and the page says so.
    const removed = await fetch(`${base}/api/v1/webhooks/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${zapierKey}` } });
    assert.equal(removed.status, 204);
    await page.reload();
    await page.getByText('No Zapier, Make or n8n subscription').waitFor();
  });

  it('works on a phone and in dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Links' }).click();
    await page.getByTestId('link-row').first().waitFor();
    await axeCheck('links (phone)');
    await shot('links-phone', false);
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByTestId('endpoint-card').first().click();
    await page.getByRole('heading', { name: receiver.url }).waitFor();
    await page.locator('[data-testid=delivery-row]').first().waitFor();
    await axeCheck('webhook detail (dark)');
    await shot('webhook-detail-dark', false);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logs out and back in', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in to Linkwire' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Links', exact: true }).waitFor();
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page');
  });
});
