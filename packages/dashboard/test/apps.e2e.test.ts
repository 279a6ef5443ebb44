// End-to-end for the Apps page and the link editor's app settings (docs/deep-links.md): the real
// server (CLI, SQLite in a temp dir) and headless Chromium; every state is checked with axe.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type SpawnedNode, spawnNode } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser, Page } from 'playwright-core';

const dashboardDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FP = Array.from({ length: 32 }, (_, i) => (255 - i).toString(16).toUpperCase()).join(':');

let server: SpawnedNode;
let browser: Browser;
let page: Page;
let dataDir = '';
let apiKey = '';
let firstAppKey = '';
const email = `apps${Date.now().toString(36)}@example.com`;
const password = 'correct horse battery staple';

async function axeCheck(name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const bad = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...a: unknown[]) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const res = await axe.run({ exclude: [['iframe']] }, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(bad, [], `axe on ${name}: ${JSON.stringify(bad, null, 2)}`);
}

async function api(path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as any;
}

before(async () => {
  if (!existsSync(join(dashboardDir, 'dist', 'index.html'))) execFileSync(process.execPath, [join(dashboardDir, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'lw-apps-e2e-'));
  server = await spawnNode({ env: { LINKWIRE_PUBLIC_URL: 'http://links.example.com', LINKWIRE_DATA_DIR: dataDir, LINKWIRE_DEV: '1', NODE_ENV: 'test' } });
  const signup = await fetch(`${server.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, handle: `apps${Date.now().toString(36)}` }),
  });
  apiKey = ((await signup.json()) as any).apiKey;
  browser = await launchChromium();
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1360, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard: Apps page and link app settings', { timeout: 120_000 }, () => {
  it('adds an app, shows its key once, names invalid fields, and runs diagnostics', async () => {
    await page.goto(`${server.url}/dashboard/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Links', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Apps', exact: true }).click();
    await page.getByRole('heading', { name: 'Apps', exact: true }).waitFor();
    await page.getByText('No apps yet').waitFor();
    await axeCheck('apps (empty)');

    await page.getByRole('button', { name: 'Add app' }).first().click();
    await page.getByLabel('App name').fill('Music');
    await page.getByLabel('Team ID').fill('abc');
    await page.getByLabel('Bundle ID').fill('com.example.music');
    await page.getByLabel('App Store ID').fill('1234567890');
    await page.getByLabel('Package name').fill('com.example.music');
    await page.getByLabel('SHA-256 certificate fingerprints').fill(FP);
    await page.locator('form').getByRole('button', { name: 'Add app' }).click();
    await page.getByText(/Team ID must be the 10-character/).waitFor();
    await axeCheck('apps (form with errors)');
    await page.getByLabel('Team ID').fill('A1B2C3D4E5');
    await page.locator('form').getByRole('button', { name: 'Add app' }).click();
    const key = await page.getByTestId('new-app-key').textContent();
    assert.match(key ?? '', /^pk_app_/);
    firstAppKey = key!;
    await axeCheck('apps (key shown once)');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('cell', { name: /Music/ }).first().waitFor();
    assert.equal(await page.getByTestId('new-app-key').count(), 0);

    await page.getByRole('button', { name: 'Diagnostics of Music' }).click();
    await page.getByText('apple-app-site-association', { exact: true }).waitFor();
    await page.getByText(/is not listed: give at least one link/).waitFor();
    await axeCheck('apps (diagnostics)');
    await page.keyboard.press('Escape');
  });

  it('gives a link app settings in the link editor: app, path, parameters, "always the website"; and clears them', async () => {
    const link = await api('/links', { url: 'https://music.example.com/album/7', title: 'Album 7' });
    await page.getByRole('link', { name: 'Links', exact: true }).click();
    await page.getByRole('button', { name: 'Edit Album 7' }).click();
    await page.getByLabel('Open in app').selectOption({ label: 'Music' });
    await page.getByLabel('In-app path').fill('/album/7');
    await page.getByLabel('In-app parameters').fill('ref=bio\n\ncampaign = spring=2026\n');
    await axeCheck('link editor (app settings)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByText(/saved|updated/i)
      .first()
      .waitFor();
    const saved = await api(`/links/${link.id}`);
    assert.deepEqual(
      { path: saved.app.path, params: saved.app.params, forceWeb: saved.app.forceWeb },
      { path: '/album/7', params: { ref: 'bio', campaign: 'spring=2026' }, forceWeb: false },
    );
    assert.match(saved.app.appId, /^app_/);

    // The editor shows what was saved; "always open the website" pauses the app routing.
    await page.getByRole('button', { name: 'Edit Album 7' }).click();
    assert.equal(await page.getByLabel('In-app parameters').inputValue(), 'ref=bio\ncampaign=spring=2026');
    await page.getByLabel(/Always open the website/).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForFunction(async (id) => {
      const res = await fetch(`/api/v1/links/${id}`);
      return res.ok && (await res.json()).app?.forceWeb === true;
    }, link.id);
    assert.equal((await api(`/links/${link.id}`)).app.forceWeb, true);

    await page.getByRole('button', { name: 'Edit Album 7' }).click();
    await page.getByLabel('Open in app').selectOption({ label: 'No app (web link)' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForFunction(async (id) => {
      const res = await fetch(`/api/v1/links/${id}`);
      return res.ok && (await res.json()).app === null;
    }, link.id);
  });

  it('rotates an app’s key (shown once, the old one stops working) and removes the app', async () => {
    const [music] = (await api('/apps')).data;
    await page.getByRole('link', { name: 'Apps', exact: true }).click();
    await page.getByRole('button', { name: 'Rotate the key of Music' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
    const key = await page.getByTestId('new-app-key').textContent();
    assert.match(key ?? '', /^pk_app_/);
    const sdk = (k: string) =>
      fetch(`${server.url}/api/v1/sdk/deferred`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-linkwire-app-key': k },
        body: JSON.stringify({ platform: 'android', installId: 'install-e2e-0001' }),
      });
    assert.equal((await sdk(key!)).status, 200, 'the new key works');
    assert.equal((await sdk(firstAppKey)).status, 401, 'the old one does not');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    assert.equal((await api('/apps')).data[0].keyPrefix, key!.slice(0, 12));
    assert.notEqual(music.keyPrefix, key!.slice(0, 12));

    await page.getByRole('button', { name: 'Remove Music' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove app' }).click();
    await page.getByText('No apps yet').waitFor();
    assert.equal((await sdk(key!)).status, 401, 'a removed app’s key stops working');
    await axeCheck('apps (after removal)');
  });
});
