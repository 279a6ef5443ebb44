import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createSigner, verifyWebhook } from '@linkwire/webhooks';
import { Webhook } from 'standardwebhooks';
import { USER_AGENT } from '../src/delivery/request-headers.js';
import { STORE_LIMIT } from '../src/delivery/send-result.js';
import { type SendRequest, Sender } from '../src/delivery/sender.js';
import { targetPolicy } from '../src/lib/ssrf.js';
import { newSecret, type Receiver, startReceiver } from './delivery-helpers.js';

// The sender against real loopback receivers: what it sends, what it records, how it classifies.

const secret = newSecret();
const sign = createSigner(secret);
let counter = 0;

function request(url: string, extra: Partial<SendRequest> = {}): SendRequest {
  const eventId = `evt_test${++counter}`;
  return {
    endpointId: 'ep_1',
    url,
    eventId,
    body: JSON.stringify({ id: eventId, type: 'link.click', timestamp: new Date().toISOString(), data: { title: 'Ünïcödé ✓' } }),
    signers: [sign],
    customHeaders: {},
    timeoutMs: 5_000,
    ...extra,
  };
}

/** A raw server for the cases startReceiver cannot express (stalls, streams that never end). */
async function rawServer(onRequest: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(onRequest);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Sender', () => {
  let sender: Sender;
  let receiver: Receiver;
  before(async () => {
    sender = new Sender({ policy: targetPolicy({ dev: true, allowPrivateTargets: ['127.0.0.0/8'] }), connectionsPerOrigin: 4 });
    receiver = await startReceiver();
  });
  after(async () => {
    await sender.close();
    await receiver.close();
  });

  it('2xx is ok; the body is stored, cut at 4 KiB', async () => {
    receiver.handle((_req, res) => res.end('ok'));
    const small = await sender.send(request(receiver.url));
    assert.equal(small.ok, true);
    assert.equal(small.statusCode, 200);
    assert.equal(small.errorKind, null);
    assert.equal(small.error, null);
    assert.equal(small.responseBody, 'ok');
    assert.equal(small.retryAfterMs, null);
    assert.ok(small.durationMs >= 0 && small.startedAt <= Date.now());

    receiver.handle((_req, res) => {
      res.statusCode = 202;
      res.end('x'.repeat(10_000));
    });
    const big = await sender.send(request(receiver.url));
    assert.equal(big.ok, true);
    assert.equal(big.statusCode, 202);
    assert.equal(big.responseBody, 'x'.repeat(STORE_LIMIT));

    receiver.handle((_req, res) => {
      res.statusCode = 204;
      res.end();
    });
    const empty = await sender.send(request(receiver.url));
    assert.equal(empty.ok, true);
    assert.equal(empty.responseBody, null);
  });

  it('a body over 64 KiB is cut off without waiting for its end', async () => {
    const endless = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'y'.repeat(16 * 1024);
      const pump = () => {
        // 16 KiB every 10 ms, never ending: only the read limit can end this exchange
        if (!res.destroyed) res.write(chunk, () => setTimeout(pump, 10));
      };
      pump();
    });
    try {
      const r = await sender.send(request(endless.url, { endpointId: 'ep_endless', timeoutMs: 20_000 }));
      // Ended by the read limit: the 20 s deadline would have made it a timeout.
      assert.equal(r.ok, true);
      assert.equal(r.errorKind, null);
      assert.equal(r.statusCode, 200);
      assert.equal(r.responseBody, 'y'.repeat(STORE_LIMIT));
    } finally {
      await endless.close();
    }
  });

  it('429 and 503 carry Retry-After (seconds or HTTP date); other statuses do not', async () => {
    receiver.handle((_req, res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end('slow down');
    });
    const seconds = await sender.send(request(receiver.url));
    assert.equal(seconds.ok, false);
    assert.equal(seconds.statusCode, 429);
    assert.equal(seconds.errorKind, 'http');
    assert.equal(seconds.error, 'HTTP 429');
    assert.equal(seconds.retryAfterMs, 7_000);
    assert.equal(seconds.responseBody, 'slow down');

    receiver.handle((_req, res) => {
      res.writeHead(429, { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() });
      res.end();
    });
    const date = await sender.send(request(receiver.url));
    assert.equal(date.statusCode, 429);
    assert.ok(date.retryAfterMs !== null && date.retryAfterMs > 25_000 && date.retryAfterMs <= 30_000, `retryAfterMs ${date.retryAfterMs}`);

    receiver.handle((_req, res) => {
      res.writeHead(503, { 'retry-after': '2' });
      res.end('maintenance');
    });
    const unavailable = await sender.send(request(receiver.url));
    assert.equal(unavailable.statusCode, 503);
    assert.equal(unavailable.errorKind, 'http');
    assert.equal(unavailable.error, 'HTTP 503');
    assert.equal(unavailable.retryAfterMs, 2_000);

    receiver.handle((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    assert.equal((await sender.send(request(receiver.url))).retryAfterMs, null);

    receiver.handle((_req, res) => {
      res.writeHead(503, { 'retry-after': 'soon' });
      res.end();
    });
    assert.equal((await sender.send(request(receiver.url))).retryAfterMs, null, 'malformed');
  });

  it('500 is an http error, its Retry-After ignored', async () => {
    receiver.handle((_req, res) => {
      res.writeHead(500, { 'retry-after': '5' });
      res.end('boom');
    });
    const r = await sender.send(request(receiver.url));
    assert.equal(r.ok, false);
    assert.equal(r.statusCode, 500);
    assert.equal(r.errorKind, 'http');
    assert.equal(r.error, 'HTTP 500');
    assert.equal(r.responseBody, 'boom');
    assert.equal(r.retryAfterMs, null);
  });

  it('3xx is a redirect, not followed; the location is reported', async () => {
    const before = receiver.requests.length;
    receiver.handle((_req, res) => {
      res.writeHead(301, { location: 'https://elsewhere.example/x' });
      res.end('moved');
    });
    const r = await sender.send(request(receiver.url));
    assert.equal(r.ok, false);
    assert.equal(r.statusCode, 301);
    assert.equal(r.errorKind, 'redirect');
    assert.equal(r.error, 'Redirects are not followed (301 to https://elsewhere.example/x)');
    assert.equal(r.responseBody, 'moved');
    assert.equal(r.retryAfterMs, null);
    assert.equal(receiver.requests.length, before + 1, 'one request, nothing followed');

    receiver.handle((_req, res) => {
      res.writeHead(307);
      res.end();
    });
    const bare = await sender.send(request(receiver.url));
    assert.equal(bare.errorKind, 'redirect');
    assert.equal(bare.error, 'Redirects are not followed (307)');
  });

  it('a receiver that never answers times out after timeoutMs', async () => {
    const silent = await rawServer((req) => req.resume());
    try {
      const started = Date.now();
      const r = await sender.send(request(silent.url, { endpointId: 'ep_silent', timeoutMs: 300 }));
      const elapsed = Date.now() - started;
      assert.equal(r.ok, false);
      assert.equal(r.statusCode, null);
      assert.equal(r.errorKind, 'timeout');
      assert.equal(r.error, 'No response within 300 ms');
      assert.equal(r.responseBody, null);
      assert.ok(elapsed >= 250, `not before the deadline (took ${elapsed} ms)`);
    } finally {
      await silent.close();
    }
  });

  it('headers then a stalled body is a timeout too (one deadline for the whole exchange)', async () => {
    const stall = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
    });
    try {
      const started = Date.now();
      const r = await sender.send(request(stall.url, { endpointId: 'ep_stall', timeoutMs: 300 }));
      const elapsed = Date.now() - started;
      assert.equal(r.ok, false);
      assert.equal(r.statusCode, null);
      assert.equal(r.errorKind, 'timeout');
      assert.equal(r.error, 'No response within 300 ms');
      assert.ok(elapsed >= 250, `not before the deadline (took ${elapsed} ms)`);
    } finally {
      await stall.close();
    }
  });

  it('a slow trickle cannot outlast the deadline (undici only times the gap between chunks)', async () => {
    const trickle = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200);
      const timer = setInterval(() => res.write('.'), 50);
      res.on('close', () => clearInterval(timer));
    });
    try {
      const r = await sender.send(request(trickle.url, { endpointId: 'ep_trickle', timeoutMs: 400 }));
      assert.equal(r.errorKind, 'timeout');
      assert.equal(r.error, 'No response within 400 ms');
    } finally {
      await trickle.close();
    }
  });

  it('connection refused is a connection error', async () => {
    const gone = await rawServer(() => {});
    await gone.close();
    const r = await sender.send(request(gone.url, { endpointId: 'ep_gone' }));
    assert.equal(r.ok, false);
    assert.equal(r.statusCode, null);
    assert.equal(r.errorKind, 'connection');
    assert.match(r.error!, /ECONNREFUSED/);
  });

  it('an unparsable URL is a connection error, nothing is sent', async () => {
    const r = await sender.send(request('not a url', { endpointId: 'ep_bad' }));
    assert.equal(r.errorKind, 'connection');
    assert.equal(r.error, 'Invalid URL: not a url');
    assert.equal(JSON.parse(r.requestHeadersJson)['webhook-id'], `evt_test${counter}`);
  });

  it('the SSRF guard still decides every connect', async () => {
    const strict = new Sender({ policy: targetPolicy({ dev: false, allowPrivateTargets: [] }), connectionsPerOrigin: 1 });
    try {
      const r = await strict.send(request(receiver.url));
      assert.equal(r.errorKind, 'ssrf');
      assert.match(r.error!, /loopback/);
    } finally {
      await strict.close();
    }
  });

  it('sends custom headers, never lets them override reserved ones, and records exactly what was sent', async () => {
    receiver.handle((_req, res) => res.end('ok'));
    const customHeaders = {
      'x-team': 'growth',
      authorization: 'Bearer abc',
      'content-type': 'text/plain',
      'Content-Type': 'text/html',
      'webhook-id': 'spoofed',
      'webhook-signature': 'v1,forged',
      'webhook-timestamp': '1',
      'user-agent': 'evil',
      host: 'evil.example',
      'content-length': '1',
      'transfer-encoding': 'chunked',
      connection: 'close',
      expect: '100-continue',
    };
    const req = request(`${receiver.url}?src=test`, { endpointId: 'ep_headers', customHeaders });
    const r = await sender.send(req);
    assert.equal(r.ok, true, r.error ?? '');
    const seen = receiver.requests.at(-1)!;
    assert.equal(seen.url, '/hook?src=test');
    assert.equal(seen.body, req.body, 'the body byte for byte');
    assert.equal(seen.headers['x-team'], 'growth');
    assert.equal(seen.headers.authorization, 'Bearer abc');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['user-agent'], USER_AGENT);
    assert.equal(seen.headers['webhook-id'], req.eventId);
    assert.notEqual(seen.headers['webhook-signature'], 'v1,forged');
    assert.equal(seen.headers.host, new URL(receiver.url).host);
    assert.equal(seen.headers['content-length'], String(Buffer.byteLength(req.body)));
    assert.equal(seen.headers['transfer-encoding'], undefined);
    assert.equal(seen.headers.expect, undefined);

    // requestHeadersJson = what the receiver saw, minus what the HTTP client adds (host, framing, keep-alive)
    const received = { ...seen.headers } as Record<string, string>;
    delete received.host;
    delete received['content-length'];
    delete received.connection;
    assert.deepEqual(JSON.parse(r.requestHeadersJson), received);

    // The constant part is cached per endpoint: a change of custom headers must show on the next send.
    const next = await sender.send(request(receiver.url, { endpointId: 'ep_headers', customHeaders: { 'x-team': 'sales' } }));
    const seenNext = receiver.requests.at(-1)!;
    assert.equal(seenNext.headers['x-team'], 'sales');
    assert.equal(seenNext.headers.authorization, undefined);
    assert.equal(JSON.parse(next.requestHeadersJson)['x-team'], 'sales');
    assert.equal(JSON.parse(next.requestHeadersJson).authorization, undefined);
    await sender.send(request(receiver.url, { endpointId: 'ep_headers', customHeaders: {} }));
    assert.equal(receiver.requests.at(-1)!.headers['x-team'], undefined);
  });

  it('signs with every signer; the SDK and standardwebhooks both verify', async () => {
    receiver.handle((_req, res) => res.end('ok'));
    const previous = newSecret();
    const req = request(receiver.url, { signers: [sign, createSigner(previous)] });
    const r = await sender.send(req);
    assert.equal(r.ok, true);
    const seen = receiver.requests.at(-1)!;
    const headers = seen.headers as Record<string, string>;
    assert.equal(headers['webhook-signature']!.split(' ').length, 2);
    assert.equal(headers['webhook-signature'], JSON.parse(r.requestHeadersJson)['webhook-signature']);
    assert.equal(headers['webhook-timestamp'], String(Math.floor(r.startedAt / 1000)));
    for (const s of [secret, previous]) {
      assert.equal(verifyWebhook(seen.body, headers, s).id, req.eventId);
      assert.deepEqual(new Webhook(s).verify(seen.body, headers), JSON.parse(req.body as string));
    }
  });

  it('follows an endpoint whose URL changes (same host: new path; new host: new pool)', async () => {
    receiver.handle((_req, res) => res.end('ok'));
    const other = await startReceiver();
    try {
      await sender.send(request(receiver.url, { endpointId: 'ep_moving' }));
      assert.equal(receiver.requests.at(-1)!.url, '/hook');
      await sender.send(request(receiver.url.replace('/hook', '/v2/hook'), { endpointId: 'ep_moving' }));
      assert.equal(receiver.requests.at(-1)!.url, '/v2/hook');
      const count = receiver.requests.length;
      const r = await sender.send(request(other.url, { endpointId: 'ep_moving' }));
      assert.equal(r.ok, true);
      assert.equal(other.requests.length, 1);
      assert.equal(receiver.requests.length, count);
    } finally {
      await other.close();
    }
  });

  it('a signer that throws rejects the promise (never a synchronous throw)', async () => {
    const broken = () => {
      throw new Error('bad key');
    };
    const pending = sender.send(request(receiver.url, { signers: [broken] }));
    await assert.rejects(pending, /bad key/);
  });

  it('many in flight on few connections all complete', async () => {
    receiver.handle((_req, res) => setTimeout(() => res.end('ok'), 5));
    const results = await Promise.all(Array.from({ length: 50 }, () => sender.send(request(receiver.url, { endpointId: 'ep_many' }))));
    assert.equal(results.filter((r) => r.ok).length, 50);
  });
});
