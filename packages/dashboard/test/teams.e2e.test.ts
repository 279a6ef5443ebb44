// End-to-end, two browser contexts: the owner invites from the Team page, the invitee opens the
// link in their own browser, picks a password, and sees only what the viewer role allows. Real
// server (CLI, SQLite in a temp dir), headless Chromium, axe on each page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, it } from 'node:test';
import { type SpawnedNode, spawnNode } from '@linkwire/test-kit';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser, Page } from 'playwright-core';

const dashboardDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: SpawnedNode | undefined;
let browser: Browser;
let dataDir = '';

async function axeClean(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const bad = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (...a: unknown[]) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  assert.deepEqual(bad, [], `axe on ${name}: ${JSON.stringify(bad)}`);
}

before(async () => {
  if (!existsSync(join(dashboardDir, 'dist', 'index.html'))) execFileSync(process.execPath, [join(dashboardDir, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  dataDir = mkdtempSync(join(tmpdir(), 'lw-teams-e2e-'));
  server = await spawnNode({ env: { LINKWIRE_DATA_DIR: dataDir, LINKWIRE_DEV: '1', LINKWIRE_DEFAULT_PLAN: 'pro', NODE_ENV: 'test' } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('owner invites from the Team page → the invitee accepts in another browser → a viewer sees a viewer’s dashboard', { timeout: 120_000 }, async () => {
  const base = server!.url;
  const signup = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery', handle: 'teamowner' }),
  });
  assert.equal(signup.status, 201);
  const cookies = signup.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const [name, value] = pair!.split('=');
    return { name: name!, value: value!, url: base };
  });

  const ownerContext = await browser.newContext({ reducedMotion: 'reduce', bypassCSP: true });
  ownerContext.setDefaultTimeout(15_000);
  await ownerContext.addCookies(cookies);
  const owner = await ownerContext.newPage();
  await owner.goto(`${base}/dashboard/team`);
  await owner.getByRole('heading', { name: 'Team', exact: true }).waitFor();
  await owner.getByLabel('Email').fill('viewer@example.com');
  await owner.getByLabel('Role', { exact: true }).selectOption('viewer');
  await owner.getByRole('button', { name: 'Send invite' }).click();
  const acceptUrl = (await owner.getByTestId('accept-url').textContent()) ?? '';
  assert.match(acceptUrl, /\/dashboard\/accept-invite#token=/);
  await owner.getByRole('cell', { name: 'viewer@example.com' }).waitFor();
  await axeClean(owner, 'team (owner)');

  const inviteeContext = await browser.newContext({ reducedMotion: 'reduce', bypassCSP: true });
  inviteeContext.setDefaultTimeout(15_000);
  const invitee = await inviteeContext.newPage();
  await invitee.goto(`${base}/dashboard/accept-invite${new URL(acceptUrl).hash}`);
  await invitee.getByRole('heading', { name: 'Join a workspace' }).waitFor();
  await axeClean(invitee, 'accept invite');
  await invitee.getByLabel('Password').fill('another horse battery');
  await invitee.getByRole('button', { name: 'Accept invite' }).click();
  await invitee.getByRole('heading', { name: 'Team', exact: true }).waitFor();
  await invitee.getByText('Your role:').waitFor();
  assert.equal(await invitee.locator('.page-header strong').textContent(), 'viewer');
  // Role-limited: no invite form, no Webhooks in the nav, no audit log.
  assert.equal(await invitee.getByRole('button', { name: 'Send invite' }).count(), 0);
  assert.equal(await invitee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).count(), 0);
  assert.equal(await invitee.getByRole('heading', { name: 'Audit log' }).count(), 0);
  await axeClean(invitee, 'team (viewer)');

  await owner.reload();
  await owner.getByRole('heading', { name: 'Audit log' }).waitFor();
  await owner.getByText('member.joined').waitFor();

  // A second workspace invites the same person as an editor: accepted while signed in (no password
  // asked), it lands on that Team page with an editor's navigation, and the workspace switcher appears.
  const other = await signupApi(base, 'other@example.com', 'otherteam');
  const invite = await fetch(`${base}/api/v1/invites`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${other.apiKey}` },
    body: JSON.stringify({ email: 'viewer@example.com', role: 'editor' }),
  });
  assert.equal(invite.status, 201);
  const { acceptUrl: secondUrl } = (await invite.json()) as { acceptUrl: string };
  await invitee.goto(`${base}/dashboard/accept-invite${new URL(secondUrl).hash}`);
  await invitee.getByText('You are signed in as viewer@example.com').waitFor();
  assert.equal(await invitee.getByLabel('Password').count(), 0);
  await invitee.getByRole('button', { name: 'Accept invite' }).click();
  await invitee.getByRole('heading', { name: 'Team', exact: true }).waitFor();
  await invitee.locator('.page-header strong', { hasText: 'editor' }).waitFor();
  const nav = invitee.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Webhooks' }).waitFor();
  assert.equal(await invitee.getByRole('button', { name: 'Send invite' }).count(), 0);
  const switcher = invitee.getByLabel('Workspace');
  await switcher.waitFor();
  assert.deepEqual(await switcher.locator('option').allTextContents(), ['@teamowner (viewer)', '@otherteam (editor)']);
  await axeClean(invitee, 'team (editor, two workspaces)');

  // Switching back: the viewer's dashboard again.
  await switcher.selectOption({ label: '@teamowner (viewer)' });
  await invitee.waitForURL(/\/dashboard\/links$/);
  await invitee.goto(`${base}/dashboard/team`);
  await invitee.locator('.page-header strong', { hasText: 'viewer' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Webhooks' }).count(), 0);

  // Leaving this workspace: the session moves to the other one, and the switcher goes away.
  await invitee.getByRole('button', { name: 'Leave workspace' }).click();
  await invitee.getByRole('dialog').getByRole('button', { name: 'Leave workspace' }).click();
  await invitee.waitForURL(/\/dashboard\/links$/);
  await invitee.getByLabel('Workspace').waitFor({ state: 'detached' });
  const account = await invitee.evaluate(async () => (await fetch('/api/v1/account')).json());
  assert.equal(account.handle, 'otherteam');
  assert.equal(account.role, 'editor');

  // The owner of the other workspace removes the editor and keeps their keys: the dialog asks.
  const otherContext = await browser.newContext({ reducedMotion: 'reduce', bypassCSP: true });
  otherContext.setDefaultTimeout(15_000);
  await otherContext.addCookies(other.cookies);
  const otherOwner = await otherContext.newPage();
  await otherOwner.goto(`${base}/dashboard/team`);
  const memberRow = otherOwner.getByRole('table', { name: 'Members and pending invites' }).getByRole('row', { name: /viewer@example\.com/ });
  await memberRow.getByRole('button', { name: 'Remove' }).click();
  const dialog = otherOwner.getByRole('dialog');
  await dialog.getByLabel(/Keep them working/).check();
  await axeClean(otherOwner, 'remove dialog');
  await dialog.getByRole('button', { name: 'Remove and keep their keys' }).click();
  await memberRow.waitFor({ state: 'detached' });
  await otherOwner.getByText('member.removed').first().waitFor();
  // The removed member's session no longer acts there (and has no workspace left).
  assert.equal(await invitee.evaluate(async () => (await fetch('/api/v1/account')).status), 401);

  // The audit log shows 20 changes and pages further with its cursor.
  await owner.evaluate(async () => {
    const csrf = /lw_csrf=([^;]+)/.exec(document.cookie)![1]!;
    for (let i = 0; i < 20; i++) {
      await fetch('/api/v1/api-keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ name: `k${i}` }),
      });
    }
  });
  await owner.reload();
  const auditRows = owner.getByRole('table', { name: 'Recent changes' }).locator('tbody tr');
  await owner.getByRole('button', { name: 'Load older changes' }).click();
  await owner.getByText('member.invited').waitFor();
  assert.ok((await auditRows.count()) > 20, String(await auditRows.count()));
  assert.equal(await owner.getByRole('button', { name: 'Load older changes' }).count(), 0, 'no older page left');

  await otherContext.close();
  await ownerContext.close();
  await inviteeContext.close();
});

async function signupApi(base: string, email: string, handle: string) {
  const res = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', handle }),
  });
  assert.equal(res.status, 201);
  const body = (await res.json()) as { apiKey: string };
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const [name, value] = pair!.split('=');
    return { name: name!, value: value!, url: base };
  });
  return { apiKey: body.apiKey, cookies };
}
