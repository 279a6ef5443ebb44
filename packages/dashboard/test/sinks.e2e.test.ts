// End-to-end for the analytics sinks section of the Integrations page: the real server (CLI, SQLite in a temp dir) with GA4
// pointed at a local receiver (LINKWIRE_GA4_ENDPOINT) that answers like GA4's validation server,
// and headless Chromium. Connect (a bad measurement ID first), see the masked credential, remove;
// every state checked with axe (no serious/critical violations).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { type Receiver, type SpawnedNode, spawnNode, startReceiver, waitFor } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser, Page } from 'playwright-core';

const dashboardDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: SpawnedNode | undefined;
let ga4: Receiver;
let dataDir = '';
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

async function axeCheck(name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const bad = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(bad, [], `axe: serious/critical violations on ${name}:\n${JSON.stringify(bad, null, 2)}`);
}

before(async () => {
  if (!existsSync(join(dashboardDir, 'dist', 'index.html'))) {
    execFileSync(process.execPath, [join(dashboardDir, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
  // GA4's collect answers 2xx with no body; its validation server answers {"validationMessages": []} for a valid request.
  ga4 = await startReceiver((req, res) => {
    if (req.url.startsWith('/debug/mp/collect')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"validationMessages":[]}');
    else res.writeHead(204).end();
  });
  dataDir = mkdtempSync(join(tmpdir(), 'lw-sinks-e2e-'));
  server = await spawnNode({
    env: {
      LINKWIRE_DATA_DIR: dataDir,
      LINKWIRE_DEV: '1',
      LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
      LINKWIRE_GA4_ENDPOINT: new URL(ga4.url).origin,
      NODE_ENV: 'test',
    },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 }, colorScheme: 'light', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await ga4?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('dashboard: analytics sinks', { timeout: 120_000 }, () => {
  it('connects GA4 (refusing a bad measurement ID with a field error), shows it masked, and removes it', async () => {
    const handle = `sink${Date.now().toString(36).slice(-6)}`;
    const signup = await page.request.post(`${server!.url}/api/v1/signup`, {
      data: { email: `${handle}@example.com`, password: 'correct horse battery staple', handle },
    });
    assert.equal(signup.status(), 201);
    // The old /sinks address lands on the Integrations page, whose sinks section is where they live now.
    await page.goto(`${server!.url}/dashboard/sinks`);
    await page.getByRole('heading', { name: 'Integrations', exact: true, level: 1 }).waitFor();
    await page.waitForURL(/\/dashboard\/integrations$/);
    await page.getByRole('heading', { name: 'Analytics sinks', exact: true, level: 2 }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Sinks' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Integrations' }).getAttribute('aria-current'), 'page');
    await page.getByText('No sinks yet').waitFor();
    await axeCheck('sinks (empty)');

    await page.getByLabel('Measurement ID').fill('UA-1234-1');
    await page.getByLabel('API secret').fill('ga4-secret-abcdef123456');
    await page.getByRole('button', { name: 'Connect Google Analytics 4' }).click();
    await page.getByText('Measurement ID must be a GA4 measurement ID such as G-ABC123XYZ').waitFor();
    await axeCheck('sinks (field error)');

    await page.getByLabel('Measurement ID').fill('G-TEST1234');
    await page.getByRole('button', { name: 'Connect Google Analytics 4' }).click();
    await page.getByText('Google Analytics 4 connected').waitFor();
    const card = page.getByTestId('sink-card');
    await card.waitFor();
    assert.match((await card.textContent()) ?? '', /G-TEST1234/);
    assert.match((await card.textContent()) ?? '', /••••3456/);
    // The form forgets the secret once connected; the page shows only its masked form.
    assert.equal(await page.getByLabel('API secret').inputValue(), '');
    assert.ok(!(await page.content()).includes('ga4-secret-abcdef123456'));
    await waitFor('the validation request reached GA4', () => ga4.requests.some((r) => r.url.startsWith('/debug/mp/collect?measurement_id=G-TEST1234')));
    await axeCheck('sinks (connected)');

    await page.getByRole('button', { name: 'Disable Google Analytics 4' }).click();
    await page.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Remove Google Analytics 4' }).click();
    await page.getByRole('button', { name: 'Remove sink' }).click();
    await page.getByText('No sinks yet').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
