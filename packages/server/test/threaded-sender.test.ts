import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { verifyWebhook } from '@linkwire/webhooks';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import type { SendResult } from '../src/delivery/send-result.js';
import { type DispatchRequest, type DispatchSender, LocalSender } from '../src/delivery/dispatch-sender.js';
import { ThreadedSender } from '../src/delivery/threaded-sender.js';
import { targetPolicy } from '../src/lib/ssrf.js';
import { liveThreads } from '@linkwire/test-kit';
import { newSecret, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';

/** A send that was made (not handed back unstarted, which these tests never expect). */
function sent(result: SendResult | null): SendResult {
  assert.ok(result, 'the send was handed back unstarted');
  return result;
}

const log = pino({ level: 'silent' });
const init = { dev: true, allowPrivateTargets: [], connectionsPerOrigin: 8 };

function request(url: string, secrets: string[], n: number, extra: Partial<DispatchRequest> = {}): DispatchRequest {
  return {
    endpointId: `ep_${n % 3}`,
    url,
    eventId: `evt_${n}`,
    body: JSON.stringify({ id: `evt_${n}`, type: 'integration.connected', n }),
    secrets,
    customHeaders: { 'x-team': 'growth' },
    timeoutMs: 5_000,
    ...extra,
  };
}

/** Not base64: the SDK refuses to make a signer from it. */
const UNUSABLE_SECRET = 'whsec_!!!';

describe('ThreadedSender (signing and HTTP in worker threads)', () => {
  const receivers: Receiver[] = [];
  after(async () => {
    for (const r of receivers) await r.close();
  });

  it('starts its threads when it is made, before any send (a new node’s first deliveries do not wait for them)', async () => {
    const before = liveThreads();
    const sender = new ThreadedSender(init, 2, log);
    try {
      await waitFor('two sender threads alive with no send made', () => liveThreads() === before + 2, 5_000);
    } finally {
      await sender.close();
    }
    await waitFor('the threads end on close', () => liveThreads() === before, 5_000);
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
      const results = (await Promise.all(Array.from({ length: 60 }, (_, n) => sender.send(request(r.url, [secret], n))))).map(sent);
      assert.equal(r.requests.length, 60);
      results.forEach((result, n) => {
        assert.equal(result.ok, n % 5 !== 0, `result ${n} belongs to request ${n}`);
        assert.equal(result.statusCode, n % 5 === 0 ? 500 : 200);
        assert.equal(result.responseBody, `got ${n}`);
        assert.equal(JSON.parse(result.requestHeadersJson)['webhook-id'], `evt_${n}`);
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
      const result = sent(await sender.send(request(r.url, [current, previous], 1)));
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
      const shared = { secrets: [before], customHeaders: { 'x-team': 'growth' } };
      const results = await Promise.all([
        sender.send(request(r.url, [before], 0, shared)).then(sent),
        sender.send(request(r.url, [before], 3, shared)).then(sent),
        sender.send(request(r.url, [after], 6, { customHeaders: { 'x-team': 'ops' } })).then(sent),
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

  it('a secret that cannot make a signer fails its own requests as data; the thread keeps sending the rest', async () => {
    const r = await startReceiver();
    receivers.push(r);
    const good = newSecret();
    const sender = new ThreadedSender(init, 1, log);
    try {
      const [bad, fine] = await Promise.all([
        sender.send(request(r.url, [UNUSABLE_SECRET], 1, { endpointId: 'ep_bad' })).then(sent),
        sender.send(request(r.url, [good], 2, { endpointId: 'ep_good' })).then(sent),
      ]);
      assert.equal(bad.ok, false);
      assert.equal(bad.errorKind, 'connection');
      assert.match(bad.error!, /^Unexpected sender error: webhook secret is not valid base64/);
      assert.ok(fine.ok);
      assert.equal(r.requests.length, 1, 'nothing was sent unsigned');
      const later = sent(await sender.send(request(r.url, [good], 3, { endpointId: 'ep_good' })));
      assert.ok(later.ok, 'the same thread still sends');
      verifyWebhook(r.requests[1]!.body, r.requests[1]!.headers as Record<string, string>, good);
    } finally {
      await sender.close();
    }
  });

  it('reports failures as data (connection refused, timeout) and refuses sends after close', async () => {
    const silent = await startReceiver(() => {});
    receivers.push(silent);
    const sender = new ThreadedSender(init, 1, log);
    const refused = sent(await sender.send(request('http://127.0.0.1:1/hook', [newSecret()], 1)));
    assert.equal(refused.ok, false);
    assert.equal(refused.errorKind, 'connection');
    const timedOut = sent(await sender.send(request(silent.url, [newSecret()], 2, { timeoutMs: 300 })));
    assert.equal(timedOut.errorKind, 'timeout');
    await sender.close();
    const late = sent(await sender.send(request(silent.url, [newSecret()], 3)));
    assert.equal(late.ok, false);
    assert.match(late.error!, /shutting down/);
  });
});

describe('ThreadedSender queueing ahead (maxInFlight)', () => {
  const receivers: Receiver[] = [];
  after(async () => {
    for (const r of receivers) await r.close();
  });
  /** A receiver that answers after `ms` and records the most requests it held at once. */
  async function pacedReceiver(ms: number, status: (n: number) => number = () => 200) {
    const seen = { inFlight: 0, peak: 0 };
    let n = 0;
    const r = await startReceiver((_req, res) => {
      const mine = n++;
      seen.inFlight++;
      seen.peak = Math.max(seen.peak, seen.inFlight);
      setTimeout(() => {
        seen.inFlight--;
        res.statusCode = status(mine);
        res.end();
      }, ms);
    });
    receivers.push(r);
    return { r, seen };
  }

  it('keeps at most maxInFlight sends in flight to an endpoint and starts the waiting ones itself', async () => {
    const { r, seen } = await pacedReceiver(20);
    const sender = new ThreadedSender(init, 1, log);
    try {
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, n) => sender.send(request(r.url, [newSecret()], n, { endpointId: 'ep_paced', maxInFlight: 3 }))),
      );
      assert.ok(
        results.every((x) => x?.ok === true),
        'all 24 sent and answered',
      );
      assert.equal(r.requests.length, 24);
      assert.equal(seen.peak, 3, 'never more than maxInFlight at the receiver');
    } finally {
      await sender.close();
    }
  });

  it('a failed send hands the waiting requests back unstarted (null); nothing more reaches the endpoint', async () => {
    const { r } = await pacedReceiver(30, () => 503);
    const sender = new ThreadedSender(init, 1, log);
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, n) => sender.send(request(r.url, [newSecret()], n, { endpointId: 'ep_failing', maxInFlight: 2 }))),
      );
      assert.deepEqual(
        results.map((x) => x?.statusCode ?? null),
        [503, 503, null, null, null, null],
        'the two in flight failed; the four waiting came back without an attempt',
      );
      assert.equal(r.requests.length, 2);
      // Another endpoint in the same thread is not affected.
      const { r: fine } = await pacedReceiver(1);
      const other = await sender.send(request(fine.url, [newSecret()], 7, { endpointId: 'ep_fine', maxInFlight: 2 }));
      assert.equal(other?.ok, true);
    } finally {
      await sender.close();
    }
  });

  it('handBackWaiting() returns what waits unstarted and keeps sending what is in flight', async () => {
    const { r } = await pacedReceiver(150);
    const sender = new ThreadedSender(init, 1, log);
    try {
      const sends = Array.from({ length: 4 }, (_, n) => sender.send(request(r.url, [newSecret()], n, { endpointId: 'ep_draining', maxInFlight: 2 })));
      await waitFor('two sends at the receiver', () => r.requests.length >= 2);
      sender.handBackWaiting();
      const results = await Promise.all(sends);
      assert.deepEqual(
        results.map((x) => (x === null ? null : x.ok)),
        [true, true, null, null],
        'the two in flight answered; the two waiting came back unsent',
      );
      assert.equal(r.requests.length, 2);
    } finally {
      await sender.close();
    }
  });

  it('close() hands back what has not started; a send still in flight ends as a failed attempt', async () => {
    const { r } = await pacedReceiver(200);
    const sender = new ThreadedSender(init, 1, log);
    const sends = Array.from({ length: 3 }, (_, n) => sender.send(request(r.url, [newSecret()], n, { endpointId: 'ep_closing', maxInFlight: 1 })));
    await waitFor('the first send at the receiver', () => r.requests.length > 0);
    await sender.close();
    const [first, ...rest] = await Promise.all(sends);
    assert.equal(first?.ok, false, 'the send in flight was cut off (an attempt, retried on the schedule)');
    assert.deepEqual(rest, [null, null], 'the two waiting were never sent');
    assert.equal(r.requests.length, 1);
  });
});

describe('LocalSender (signing and HTTP on the calling thread)', () => {
  it('signs with every secret it is given and refuses a secret that cannot make a signer', async () => {
    const r = await startReceiver();
    const current = newSecret();
    const previous = newSecret();
    const sender: DispatchSender = new LocalSender({ policy: targetPolicy({ dev: true, allowPrivateTargets: ['127.0.0.0/8'] }), connectionsPerOrigin: 4 });
    try {
      const secrets = [current, previous];
      const results = (await Promise.all([sender.send(request(r.url, secrets, 1)), sender.send(request(r.url, secrets, 4))])).map(sent);
      assert.ok(results.every((x) => x.ok));
      for (const req of r.requests) {
        const headers = req.headers as Record<string, string>;
        assert.equal(headers['webhook-signature']!.split(' ').length, 2);
        verifyWebhook(req.body, headers, current);
        verifyWebhook(req.body, headers, previous);
      }
      await assert.rejects(sender.send(request(r.url, [UNUSABLE_SECRET], 7)), /webhook secret is not valid base64/);
      assert.equal(r.requests.length, 2);
    } finally {
      await sender.close();
      await r.close();
    }
  });
});
