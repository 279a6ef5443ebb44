// Every runnable example, started as its own process on 127.0.0.1:<ephemeral port>, receiving real
// signed HTTP requests: a valid one is accepted, a tampered one is refused.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateSecret, signWebhook } from '../src/index.js';
import { SDK_DIR, sampleBody, sampleEvent, startExample } from './helpers.js';

const secret = generateSecret();

function deliver(url: string, { body = sampleBody, tamper = false, sign = true } = {}) {
  const id = sampleEvent.id;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
  };
  if (sign) headers['webhook-signature'] = signWebhook({ id, timestamp, body, secret });
  return fetch(url, { method: 'POST', headers, body: tamper ? body.replace('Blog', 'Blag') : body });
}

const servers = [
  { name: 'express', file: 'examples/express.ts', path: '/webhooks' },
  { name: 'fastify', file: 'examples/fastify.ts', path: '/webhooks' },
  { name: 'hono', file: 'examples/hono.ts', path: '/webhooks' },
  { name: 'next (route handler via node:http adapter)', file: 'examples/next/serve.ts', path: '/api/webhooks' },
];

for (const { name, file, path } of servers) {
  describe(`example: ${name}`, () => {
    let server: Awaited<ReturnType<typeof startExample>>;
    before(async () => {
      server = await startExample(file, { LINKWIRE_WEBHOOK_SECRET: secret });
    });
    after(() => server.stop());

    test('accepts a valid signed delivery and sees the typed event', async () => {
      const res = await deliver(server.url + path);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { received: 'link.click' });
    });

    test('refuses a tampered body with 401', async () => {
      const res = await deliver(server.url + path, { tamper: true });
      assert.equal(res.status, 401);
      assert.deepEqual((await res.json()).error, 'invalid_signature');
    });

    test('refuses a request without signature with 400', async () => {
      const res = await deliver(server.url + path, { sign: false });
      assert.equal(res.status, 400);
      assert.deepEqual((await res.json()).error, 'missing_header');
    });

    if (name === 'fastify') {
      test('the raw-body parser is scoped to the plugin: other routes still parse JSON', async () => {
        const res = await fetch(`${server.url}/echo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"a":1}',
        });
        assert.deepEqual(await res.json(), { parsed: { a: 1 } });
      });
    }
  });
}

// Without python3 the tests that run the Python example are reported skipped (CI installs it).
const needsPython = { skip: spawnSync('python3', ['--version']).status === 0 ? undefined : 'python3 not installed' };

describe('example: Python, standard library only', () => {
  const script = join(SDK_DIR, 'examples/python/verify.py');
  const run = (body: string, headers: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        'python3',
        [script, headers['webhook-id']!, headers['webhook-timestamp']!, headers['webhook-signature']!],
        { env: { ...process.env, LINKWIRE_WEBHOOK_SECRET: secret } },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end(body);
    });
  const headersFor = (body: string, signWith = secret) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      'webhook-id': sampleEvent.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: sampleEvent.id, timestamp, body, secret: signWith }),
    };
  };

  test('valid delivery: exit 0, prints the event type', needsPython, async () => {
    const result = await run(sampleBody, headersFor(sampleBody));
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.trim(), 'link.click');
  });

  test('rotation: one good signature among several is enough', needsPython, async () => {
    const good = headersFor(sampleBody);
    const old = headersFor(sampleBody, generateSecret());
    const result = await run(sampleBody, { ...good, 'webhook-signature': `${old['webhook-signature']} ${good['webhook-signature']}` });
    assert.equal(result.code, 0, result.stderr);
  });

  test('tampered body: non-zero exit, invalid signature', needsPython, async () => {
    const result = await run(sampleBody.replace('Blog', 'Blag'), headersFor(sampleBody));
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /invalid signature/);
  });

  test('stale timestamp: non-zero exit', needsPython, async () => {
    const body = sampleBody;
    const timestamp = Math.floor(Date.now() / 1000) - 301;
    const headers = {
      'webhook-id': sampleEvent.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: sampleEvent.id, timestamp, body, secret }),
    };
    const result = await run(body, headers);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /timestamp outside tolerance/);
  });

  test('the README shows exactly this file', () => {
    const readme = readFileSync(join(SDK_DIR, 'README.md'), 'utf8');
    const block = /<!-- python:verify\.py -->\n```python\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README has no python block marked <!-- python:verify.py -->');
    assert.equal(block[1], readFileSync(join(SDK_DIR, 'examples/python/verify.py'), 'utf8'));
  });
});
