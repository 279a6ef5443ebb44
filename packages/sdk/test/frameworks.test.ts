// In-process checks of the helpers' edges that the example servers do not exercise.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import express from 'express';
import Fastify from 'fastify';
import { webhookMiddleware } from '../src/express.js';
import { webhookPlugin } from '../src/fastify.js';
import { withWebhook } from '../src/next.js';
import { SECRET, sampleBody, signedHeaders } from './helpers.js';

const freshHeaders = () => signedHeaders({ timestamp: Math.floor(Date.now() / 1000) });

describe('express webhookMiddleware', () => {
  test('with express.json() instead of express.raw() it fails loudly (500), never verifies a re-serialised body', async () => {
    const app = express();
    const errors: unknown[] = [];
    app.post('/webhooks', express.json(), webhookMiddleware(SECRET), (_req, res) => {
      res.json({ reached: true });
    });
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(err);
      res.status(500).json({ error: 'setup' });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks`, {
        method: 'POST',
        headers: { ...freshHeaders(), 'content-type': 'application/json' },
        body: sampleBody,
      });
      assert.equal(res.status, 500);
      assert.match(String(errors[0]), /express\.raw/);
    } finally {
      server.close();
    }
  });
});

describe('express webhookMiddleware without a parsed body', () => {
  test('a request of another content type gets a 4xx, not a setup error', async () => {
    const app = express();
    app.post('/webhooks', express.raw({ type: 'application/json' }), webhookMiddleware(SECRET), (_req, res) => {
      res.json({ reached: true });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/webhooks`, {
        method: 'POST',
        headers: { ...freshHeaders(), 'content-type': 'text/plain' },
        body: sampleBody,
      });
      assert.equal(res.status, 401);
      assert.equal((await res.json()).error, 'invalid_signature');
    } finally {
      server.close();
    }
  });
});

describe('fastify webhookPlugin', () => {
  test('a POST with no body is a 401, not a crash', async () => {
    const app = Fastify();
    await app.register(webhookPlugin, { prefix: '/webhooks', secret: SECRET, handler: () => ({ ok: true }) });
    const res = await app.inject({ method: 'POST', url: '/webhooks', headers: freshHeaders() });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error, 'invalid_signature');
    await app.close();
  });

  test('verifies whatever content-type the request claims, on the exact bytes', async () => {
    const app = Fastify();
    await app.register(webhookPlugin, { prefix: '/webhooks', secret: SECRET, handler: (event) => ({ id: event.id }) });
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks',
      headers: { ...freshHeaders(), 'content-type': 'text/plain' },
      payload: sampleBody,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { id: 'evt_2Vb5example' });
    await app.close();
  });
});

describe('next withWebhook, called with real Request objects', () => {
  const POST = withWebhook(SECRET, (event, req) => Response.json({ type: event.type, method: req.method }));
  const request = (body: string, headers: Record<string, string>) => new Request('http://localhost/api/webhooks', { method: 'POST', headers, body });

  test('valid → handler response', async () => {
    const res = await POST(request(sampleBody, freshHeaders()));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { type: 'link.click', method: 'POST' });
  });

  test('stale timestamp → 401 timestamp_too_old', async () => {
    const res = await POST(request(sampleBody, signedHeaders({ timestamp: Math.floor(Date.now() / 1000) - 301 })));
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, 'timestamp_too_old');
  });

  test('signed non-JSON body → 400 invalid_json', async () => {
    const body = 'hello';
    const res = await POST(request(body, signedHeaders({ body, timestamp: Math.floor(Date.now() / 1000) })));
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error, 'invalid_json');
  });
});
