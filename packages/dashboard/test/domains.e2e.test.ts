// End-to-end for custom domains: the real server (CLI, SQLite in a temp dir) reading DNS from a
// loopback DNS server, headless Chromium: add a domain on the Domains page, set its records, check
// now → verified, then a link on the domain from the link editor, followed over a real socket with
// its Host header. Every page is checked with axe (no serious/critical violations).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getOnHost, type SpawnedNode, spawnNode, startDnsServer, type TestDnsServer } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser, Page } from 'playwright-core';

const dashboardDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CNAME_TARGET = 'cname.links.example.com';
const HOSTNAME = 'go.brand-e2e.test';

let server: SpawnedNode | undefined;
let dns: TestDnsServer;
let browser: Browser;
let page: Page;
let dataDir = '';

async function axeCheck(name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const res = await axe.run({ exclude: [['iframe']] }, { iframes: false, resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `axe: serious/critical violations on ${name}:\n${JSON.stringify(bad, null, 2)}`);
}

/** GET on the node's socket with a Host header: what a browser on the custom domain would send. */
async function followOnHost(host: string, path: string): Promise<{ status: number; location: string | undefined }> {
  const res = await getOnHost(server!.url, host, path, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' });
  return { status: res.status, location: res.headers.location as string | undefined };
}

before(async () => {
  if (!existsSync(join(dashboardDir, 'dist', 'index.html'))) execFileSync(process.execPath, [join(dashboardDir, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  dns = await startDnsServer();
  dataDir = mkdtempSync(join(tmpdir(), 'lw-domains-e2e-'));
  server = await spawnNode({
    env: {
      LINKWIRE_PUBLIC_URL: 'http://links.example.com',
      LINKWIRE_DATA_DIR: dataDir,
      LINKWIRE_DEV: '1',
      LINKWIRE_DEFAULT_PLAN: 'pro',
      LINKWIRE_DNS_SERVERS: dns.address,
      LINKWIRE_DNS_TIMEOUT_MS: '500',
      LINKWIRE_DOMAIN_CNAME_TARGET: CNAME_TARGET,
      NODE_ENV: 'test',
    },
  });
  browser = await launchChromium();
  // Reduced motion: the stylesheet then drops its animations, so axe never measures a toast
  // half-way through its fade-in (a colour-contrast failure seen once under load).
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1360, height: 900 }, colorScheme: 'light', bypassCSP: true });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  await dns?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('custom domains in the dashboard', { timeout: 120_000 }, () => {
  it('adds a domain, shows its records, verifies it with "Check now", and puts a link on it', async () => {
    const handle = `dom${Date.now().toString(36).slice(-5)}`;
    await page.goto(`${server!.url}/dashboard/signup`);
    await page.getByLabel('Email').fill(`${handle}@example.com`);
    await page.getByLabel('Handle').fill(handle);
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Continue to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Links', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Domains' }).click();
    await page.getByRole('heading', { name: 'Domains', exact: true }).waitFor();
    await page.getByText('No custom domains yet').waitFor();
    await axeCheck('domains (empty)');

    await page.getByLabel('Hostname').fill(`  ${HOSTNAME.toUpperCase()}. `);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByRole('heading', { name: HOSTNAME }).waitFor();
    const rows = page.getByTestId('domain-records').locator('tbody tr');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).locator('td').nth(1).locator('code').textContent(), `_linkwire-challenge.${HOSTNAME}`);
    const token = (await rows.nth(0).locator('code.break').textContent()) ?? '';
    assert.match(token, /^lw-verify=/);
    assert.equal(await rows.nth(1).locator('code.break').textContent(), CNAME_TARGET);
    await page.getByText('Pending: waiting for the DNS records').waitFor();
    await axeCheck('domains (pending)');

    // The first check finds nothing: the reason is shown in the history.
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('domain-checks').getByText('txt_missing').waitFor();

    dns.zone.set(`_linkwire-challenge.${HOSTNAME}`, { TXT: [token] });
    dns.zone.set(HOSTNAME, { CNAME: CNAME_TARGET });
    // "Check now" allows one check per 10 s per domain; the button answers with a toast until then.
    await page.getByRole('button', { name: 'Check now' }).click();
    await page
      .getByText(/try again in \d+ s/)
      .first()
      .waitFor();
    await page.waitForTimeout(10_500);
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByTestId('domain-status').getByText('Verified: serving your links').waitFor();
    await axeCheck('domains (verified)');

    await page.getByRole('link', { name: 'Links' }).first().click();
    await page.getByLabel('Title').fill('Spring sale');
    await page.getByLabel('Destination URL').fill('https://shop.example.com/spring');
    await page.getByLabel('Domain', { exact: false }).selectOption(HOSTNAME);
    await axeCheck('links (domain choice)');
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByText('Link “Spring sale” added').waitFor();
    const short = (await page.getByTestId('link-row').first().locator('code').textContent()) ?? '';
    assert.match(short, new RegExp(`^http://${HOSTNAME.replace(/\./g, '\\.')}/[A-Za-z0-9]{7}$`));

    const followed = await followOnHost(HOSTNAME, new URL(short).pathname);
    assert.equal(followed.status, 302);
    assert.equal(followed.location, 'https://shop.example.com/spring');

    // Routing changes after the domain is added: unknown slugs go where the owner says, at once.
    await page.getByRole('link', { name: 'Domains' }).click();
    const routing = page.getByRole('form', { name: `Routing of ${HOSTNAME}` });
    await routing.getByLabel('Unknown links go to').fill('https://shop.example.com/not-found');
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await page.getByText(`${HOSTNAME}: routing saved`).waitFor();
    assert.deepEqual(await followOnHost(HOSTNAME, '/no-such-link'), { status: 302, location: 'https://shop.example.com/not-found' });
    await routing.getByLabel('Unknown links go to').fill('not a url');
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await routing
      .getByText(/must be/)
      .first()
      .waitFor();
    await axeCheck('domains (routing)');

    // Nothing is deleted silently: removing a domain that still has a link is refused, and says why.
    await page.getByRole('button', { name: `Remove ${HOSTNAME}` }).click();
    await page.getByRole('button', { name: 'Remove domain' }).click();
    await page.getByText(/1 link lives on go\.brand-e2e\.test; delete it first/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: HOSTNAME }).waitFor();
    assert.equal((await followOnHost(HOSTNAME, new URL(short).pathname)).status, 302);
  });
});
