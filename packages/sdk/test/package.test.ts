// The published shape: zero runtime dependencies, and every `exports` subpath builds to JS + .d.ts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SDK_DIR } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(SDK_DIR, 'package.json'), 'utf8'));
const outDir = mkdtempSync(join(tmpdir(), 'linkwire-sdk-build-'));
after(() => rmSync(outDir, { recursive: true, force: true }));

test('no runtime dependencies', () => {
  assert.equal(pkg.dependencies, undefined);
  assert.equal(pkg.peerDependencies, undefined);
});

test('every exports subpath has types and JS produced by the build, and loads', async () => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(SDK_DIR, 'tsconfig.json'), '--outDir', outDir]);
  const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json');
  assert.deepEqual(subpaths.sort(), ['.', './express', './fastify', './hono', './next', './web']);
  for (const subpath of subpaths) {
    const entry = pkg.exports[subpath];
    for (const key of ['types', 'default']) {
      const built = join(outDir, entry[key].replace(/^\.\/dist\//, ''));
      assert.ok(existsSync(built), `${subpath} ${key}: ${built} not built`);
    }
    assert.ok(existsSync(join(SDK_DIR, entry['@linkwire/source'])), `${subpath}: source missing`);
    const mod = await import(pathToFileURL(join(outDir, entry.default.replace(/^\.\/dist\//, ''))).href);
    assert.ok(Object.keys(mod).length > 0, `${subpath} exports nothing`);
  }
  const main = await import(pathToFileURL(join(outDir, 'index.js')).href);
  for (const name of [
    'verifyWebhook',
    'signWebhook',
    'createSigner',
    'generateSecret',
    'verifyWebhookAsync',
    'signWebhookAsync',
    'WebhookVerificationError',
    'EVENT_TYPES',
    'createDeduper',
    'createMemoryStore',
  ]) {
    assert.ok(name in main, `main entry lacks ${name}`);
  }
  const web = await import(pathToFileURL(join(outDir, 'web.js')).href);
  assert.deepEqual(Object.keys(web).sort(), ['EVENT_TYPES', 'WebhookVerificationError', 'isKnownEventType', 'signWebhookAsync', 'verifyWebhookAsync']);
});
