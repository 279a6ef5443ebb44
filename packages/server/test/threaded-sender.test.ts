import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createSigner, verifyWebhook } from '@linkwire/webhooks';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { type DispatchRequest, ThreadedSender } from '../src/delivery/threaded-sender.js';
import { newSecret, type Receiver, startReceiver } from './delivery-helpers.js';

const log = pino({ level: 'silent' });
const init = { dev: true, allowPrivateTargets: [], connectionsPerOrigin: 8 };

function request(url: string, secrets: string[], n: number, extra: Partial<DispatchRequest> = {}): DispatchRequest {
  return {
    endpointId: `ep_${n % 3}`,
    url,
    eventId: `evt_${n}`,
    body: JSON.stringify({ id: `evt_${n}`, type: 'integration.connected', n }),
    signers: secrets.map((s) => createSigner(s)),
    secrets,
    customHeaders: { 'x-team': 'growth' },
    timeoutMs: 5_000,
    ...extra,
  };
}

describe('ThreadedSender (signing and HTTP in worker threads)', () => {
  const receivers: Receiver[] = [];
  after(async () => {
    for (const r of receivers) await r.close();
  });

  it('delivers signed requests that the SDK and standardwebhooks verify, and reports each result to its caller', async () => {
    const r = await startReceiver((req, res) => {
      res.statusCode = JSON.parse(req.body).n % 5 === 0 ? 500 : 200;
      res.end(`got ${JSON.parse(req.body).n}`);
    });
    receivers.push(r);
    const secret = newSecret();
    const sender = new ThreadedSender(init, 2, log);
    try {
      const results = await Promise.all(Array.from({ length: 60 }, (_, n) => sender.send(request(r.url, [secret], n))));
      assert.equal(r.requests.length, 60);
      results.forEach((result, n) => {
        assert.equal(result.ok, n % 5 !== 0, `result ${n} belongs to request ${n}`);
        assert.equal(result.statusCode, n % 5 === 0 ? 500 : 200);
        assert.equal(result.responseBody, `got ${n}`);
        assert.equal(result.requestHeaders['webhook-id'], `evt_${n}`);
      });
      for (const req of r.requests) {
        const headers = req.headers as Record<string, string>;
        assert.equal(headers['x-team'], 'growth');
        assert.equal(verifyWebhook(req.body, headers, secret).id, JSON.parse(req.body).id);
        new Webhook(secret).verify(req.body, headers);
      }
    } finally {
      await sender.close();
    }
  });

  it('signs with both secrets during a rotation grace period', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const current = newSecret();
    const previous = newSecret();
    const sender = new ThreadedSender(init, 1, log);
    try {
      const result = await sender.send(request(r.url, [current, previous], 1));
      assert.ok(result.ok);
      const headers = r.requests[0]!.headers as Record<string, string>;
      assert.equal(headers['webhook-signature']!.split(' ').length, 2);
      verifyWebhook(r.requests[0]!.body, headers, current);
      verifyWebhook(r.requests[0]!.body, headers, previous);
    } finally {
      await sender.close();
    }
  });

  it('requests flushed together keep the endpoint config they were claimed with (an edit between two batches)', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const before = newSecret();
    const after = newSecret();
    const sender = new ThreadedSender(init, 1, log);
    try {
      // Same endpoint, same tick: the first two share the loader's objects, the third comes from a
      // later batch with a rotated secret and an edited header.
      const shared = { secrets: [before], signers: [createSigner(before)], customHeaders: { 'x-team': 'growth' } };
      const results = await Promise.all([
        sender.send(request(r.url, [before], 0, shared)),
        sender.send(request(r.url, [before], 3, shared)),
        sender.send(request(r.url, [after], 6, { customHeaders: { 'x-team': 'ops' } })),
      ]);
      assert.ok(results.every((x) => x.ok));
      const byEvent = new Map(r.requests.map((req) => [JSON.parse(req.body).id as string, req.headers as Record<string, string>]));
      for (const id of ['evt_0', 'evt_3']) {
        assert.equal(byEvent.get(id)!['x-team'], 'growth');
        verifyWebhook(r.requests.find((q) => JSON.parse(q.body).id === id)!.body, byEvent.get(id)!, before);
      }
      assert.equal(byEvent.get('evt_6')!['x-team'], 'ops');
      verifyWebhook(r.requests.find((q) => JSON.parse(q.body).id === 'evt_6')!.body, byEvent.get('evt_6')!, after);
      assert.throws(() => verifyWebhook(r.requests.find((q) => JSON.parse(q.body).id === 'evt_6')!.body, byEvent.get('evt_6')!, before));
    } finally {
      await sender.close();
    }
  });

  it('reports failures as data (connection refused, timeout) and refuses sends after close', async () => {
    const silent = await startReceiver(() => {});
    receivers.push(silent);
    const sender = new ThreadedSender(init, 1, log);
    const refused = await sender.send(request('http://127.0.0.1:1/hook', [newSecret()], 1));
    assert.equal(refused.ok, false);
    assert.equal(refused.errorKind, 'connection');
    const timedOut = await sender.send(request(silent.url, [newSecret()], 2, { timeoutMs: 300 }));
    assert.equal(timedOut.errorKind, 'timeout');
    await sender.close();
    const late = await sender.send(request(silent.url, [newSecret()], 3));
    assert.equal(late.ok, false);
    assert.match(late.error!, /shutting down/);
  });
});
