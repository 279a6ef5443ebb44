// The WebCrypto build: same answers as the node:crypto build, and an import graph free of `node:`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { WebhookVerificationError, signWebhook, verifyWebhook } from '../src/index.js';
import * as web from '../src/web.js';
import { NOW_MS, NOW_S, SDK_DIR, SECRET, sampleBody, sampleEvent, signedHeaders } from './helpers.js';

async function outcome(fn: () => unknown): Promise<unknown> {
  try {
    return { ok: await fn() };
  } catch (err) {
    assert.ok(err instanceof WebhookVerificationError, String(err));
    return { reason: err.reason };
  }
}

describe('WebCrypto build', () => {
  test('signs exactly like the node build (string, Buffer, Uint8Array bodies; Date timestamps)', async () => {
    const bodies = [sampleBody, Buffer.from('héllo'), new Uint8Array([0, 255, 10]), ''];
    for (const body of bodies) {
      for (const timestamp of [NOW_S, new Date(NOW_MS + 500)]) {
        const params = { id: 'evt_x', timestamp, body, secret: SECRET };
        assert.equal(await web.signWebhookAsync(params), signWebhook(params));
      }
    }
  });

  test('gives the same result or the same reason for every case', async () => {
    const h = signedHeaders();
    const cases: Array<[string | Uint8Array, Record<string, string> | Headers, number]> = [
      [sampleBody, h, NOW_MS],
      [Buffer.from(sampleBody), new Headers(h), NOW_MS],
      [sampleBody, { ...h, 'webhook-id': '' }, NOW_MS],
      [sampleBody, { ...h, 'webhook-timestamp': 'x' }, NOW_MS],
      [sampleBody, h, NOW_MS + 301_000],
      [sampleBody, h, NOW_MS - 301_000],
      [sampleBody, h, NOW_MS + 300_000],
      [`${sampleBody} `, h, NOW_MS],
      ['nope', signedHeaders({ body: 'nope' }), NOW_MS],
    ];
    for (const [body, headers, now] of cases) {
      const node = await outcome(() => verifyWebhook(body, headers, SECRET, { now }));
      const edge = await outcome(() => web.verifyWebhookAsync(body, headers, SECRET, { now }));
      assert.deepEqual(edge, node);
    }
    assert.deepEqual(await web.verifyWebhookAsync(sampleBody, h, SECRET, { now: NOW_MS }), sampleEvent);
  });

  test('errors are the same class in both entry points', () => {
    assert.equal(web.WebhookVerificationError, WebhookVerificationError);
  });

  test('web.ts, hono.ts and next.ts import nothing from node:', () => {
    for (const entry of ['web.ts', 'hono.ts', 'next.ts']) {
      const seen = new Set<string>();
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        const source = readFileSync(file, 'utf8');
        for (const [, spec = ''] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
          assert.ok(spec.startsWith('./'), `${file} imports ${spec}: only relative imports are allowed`);
          visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
        }
      };
      visit(join(SDK_DIR, 'src', entry));
      assert.ok(seen.size >= 3, `${entry}: import graph not followed`);
    }
  });
});
