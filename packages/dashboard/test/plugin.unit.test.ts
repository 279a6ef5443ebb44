// The /dashboard Fastify plugin (packages/server/src/web/dashboard.ts) against the built dist/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { dashboardDistDir, dashboardPlugin } from '../../server/src/web/dashboard.ts';

let app: FastifyInstance;
let jsFile: string;

before(async () => {
  const dist = dashboardDistDir();
  if (!existsSync(`${dist}/index.html`))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: new URL('..', import.meta.url).pathname, stdio: 'inherit' });
  jsFile = readdirSync(dist).find((f) => /^app\.[A-Z0-9]+\.js$/i.test(f)) as string;
  app = Fastify();
  await app.register(dashboardPlugin);
  await app.ready();
});
after(() => app.close());

describe('dashboard plugin', () => {
  it('redirects /dashboard to /dashboard/ keeping the query', async () => {
    const res = await app.inject('/dashboard?x=1');
    assert.equal(res.statusCode, 301);
    assert.equal(res.headers.location, '/dashboard/?x=1');
  });

  it('serves index.html with no-cache and a strict CSP', async () => {
    const res = await app.inject('/dashboard/');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.match(res.body, new RegExp(`/dashboard/${jsFile.replace(/\./g, '\\.')}`));
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await app.inject('/dashboard/webhooks/wh_123');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<div id="app">/);
  });

  it('serves hashed assets with a one-year immutable cache, gzipped when accepted', async () => {
    const plain = await app.inject(`/dashboard/${jsFile}`);
    assert.equal(plain.statusCode, 200);
    assert.match(String(plain.headers['content-type']), /text\/javascript/);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(plain.headers['content-encoding'], undefined);
    const gz = await app.inject({ url: `/dashboard/${jsFile}`, headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
  });

  it('answers 404 problem+json for unknown assets and traversal attempts', async () => {
    for (const url of ['/dashboard/app.NOPENOPE.js', '/dashboard/..%2Fpackage.json', '/dashboard/..%2F..%2Fserver%2Fpackage.json', `/dashboard/${jsFile}.gz`]) {
      const res = await app.inject(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
      assert.doesNotMatch(res.body, /"name":/, url);
    }
    // Dot segments are resolved by the router before the plugin sees them: never outside /dashboard.
    const dots = await app.inject('/dashboard/%2e%2e/%2e%2e/package.json');
    assert.equal(dots.statusCode, 404);
    assert.doesNotMatch(dots.body, /@linkwire\/dashboard/);
  });
});
