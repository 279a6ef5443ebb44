import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { launchChromium } from '@linkwire/test-kit/browser';
import type { Browser } from 'playwright-core';
import { OPENAPI_DOC_PATH } from '../scripts/openapi-doc.js';
import { EVENT_TYPES } from '../src/events/catalog.js';
import { createTestNode, type TestNode } from './helpers.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The operations of docs/openapi.json, the document the UI renders. */
function committedOperations(): number {
  const doc = JSON.parse(readFileSync(OPENAPI_DOC_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.values(doc.paths).reduce((n, item) => n + METHODS.filter((m) => item[m]).length, 0);
}

// The docs page in a real browser with every other host unreachable: it must render the whole
// reference from this origin alone (no CDN, no validator badge) without a CSP violation.

let node: TestNode;
let browser: Browser;
let base: string;

before(async () => {
  node = await createTestNode('sqlite');
  await node.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await node?.close();
});

it('Swagger UI at /docs/api renders every operation offline, from this origin only, with no CSP violation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const elsewhere: string[] = [];
  const problems: string[] = [];
  // Offline: any request to another origin fails, and is recorded.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));

  await page.goto(`${base}/docs/api/`);
  await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
  assert.match((await page.locator('.info .title').first().textContent()) ?? '', /^Linkwire API/);
  // Every operation of the committed document (test/openapi.test.ts counts them by family) and one
  // per event type of the webhooks section.
  assert.equal(await page.locator('.opblock').count(), committedOperations() + EVENT_TYPES.length);
  assert.ok(
    await page.locator('.opblock-summary-operation-id, .opblock-summary-path').filter({ hasText: '/api/v1/webhooks/{id}/replay' }).count(),
    'the replay route is listed',
  );
  assert.deepEqual(elsewhere, [], 'no request left the origin');
  assert.deepEqual(problems, [], 'no script error and no CSP violation');
  await context.close();
});
