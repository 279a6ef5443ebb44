// The /dashboard Fastify plugin (packages/server/src/web/dashboard.ts) against the built dist/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { installProblemHandler } from '../../server/src/http/problem.ts';
import { dashboardDistDir, dashboardPlugin } from '../../server/src/web/dashboard.ts';

let app: FastifyInstance;
let jsFile: string;

before(async () => {
  const dist = dashboardDistDir();
  if (!existsSync(`${dist}/index.html`))
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: new URL('..', import.meta.url).pathname, stdio: 'inherit' });
  jsFile = readdirSync(dist).find((f) => /^app\.[A-Z0-9]+\.js$/i.test(f)) as string;
  app = Fastify();
  installProblemHandler(app);
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

  it('keeps the CSP and no-cache on the gzipped index and on client-side routes', async () => {
    for (const url of ['/dashboard/', '/dashboard/webhooks/wh_123', '/dashboard/index.html']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['content-encoding'], 'gzip', url);
      assert.match(String(res.headers['content-type']), /^text\/html/, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
      assert.match(String(res.headers.vary), /accept-encoding/i, url);
      assert.match(gunzipSync(res.rawPayload).toString(), /<div id="app">/, url);
    }
  });

  it('answers 304 to a matching If-None-Match, and a Range with 206', async () => {
    const first = await app.inject(`/dashboard/${jsFile}`);
    const etag = String(first.headers.etag);
    assert.match(etag, /^(W\/)?"/);
    const again = await app.inject({ url: `/dashboard/${jsFile}`, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers['cache-control'], 'public, max-age=31536000, immutable');
    const index = await app.inject('/dashboard/');
    const indexAgain = await app.inject({ url: '/dashboard/', headers: { 'if-none-match': String(index.headers.etag) } });
    assert.equal(indexAgain.statusCode, 304);
    assert.match(String(indexAgain.headers['content-security-policy']), /script-src 'self'/);
    const range = await app.inject({ url: `/dashboard/${jsFile}`, headers: { range: 'bytes=0-9' } });
    assert.equal(range.statusCode, 206);
    assert.equal(range.body, first.body.slice(0, 10));
  });

  it('serves other assets with a one-hour cache', async () => {
    const res = await app.inject('/dashboard/favicon.svg');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
    assert.equal(res.headers['cache-control'], 'public, max-age=3600');
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
    // Through the central handler: a documented problem type, not about:blank.
    const missing = JSON.parse((await app.inject('/dashboard/app.NOPENOPE.js')).body);
    assert.equal(missing.type, 'https://linkwire.dev/problems/not_found');
    assert.match(missing.detail, /app\.NOPENOPE\.js/);
    const post = await app.inject({ method: 'POST', url: '/dashboard/webhooks' });
    assert.equal(post.statusCode, 404);
    assert.match(String(post.headers['content-type']), /application\/problem\+json/);
  });

  it('answers 503 problem+json naming the fix when the dashboard is not built', async () => {
    const bare = Fastify();
    installProblemHandler(bare);
    await bare.register(dashboardPlugin, { dist: join(tmpdir(), 'linkwire-no-such-dist') });
    try {
      for (const url of ['/dashboard/', '/dashboard/webhooks', `/dashboard/${jsFile}`]) {
        const res = await bare.inject(url);
        assert.equal(res.statusCode, 503, url);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
        assert.match(JSON.parse(res.body).detail, /npm run build/, url);
      }
    } finally {
      await bare.close();
    }
  });
});
