import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { receiverPool, startReceiver, waitFor } from '@linkwire/test-kit';
import { Webhook } from 'standardwebhooks';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { attemptRows, createEndpoint, deliveryRows, emitOne, newSecret } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

describeEachDialect('delivery retries and outcomes', (dialect) => {
  let node: TestNode;
  let dispatcher: Dispatcher;
  const receivers = receiverPool();
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '50ms,100ms' });
    dispatcher = new Dispatcher(node.ctx, { pollMs: 20 });
  });
  after(async () => {
    await dispatcher.stop();
    await receivers.close();
    await node.close();
  });
  const settled = (webhookId: string, status: string) =>
    waitFor(`deliveries of ${webhookId} ${status}`, async () => {
      await dispatcher.flush();
      const rows = await deliveryRows(node.ctx, webhookId);
      return rows.length > 0 && rows.every((d) => d.status === status) && rows;
    });

  it('retries on the schedule with the same webhook-id, then marks the delivery failed', async () => {
    const r = await receivers.start((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    const event = await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'failed');
    assert.equal(r.requests.length, 3, 'one attempt and two retries');
    assert.deepEqual(
      r.requests.map((q) => q.headers['webhook-id']),
      [event.id, event.id, event.id],
    );
    // ±20 % jitter: the gaps are at least 0.8 × 50 ms and 0.8 × 100 ms (lower bounds only).
    assert.ok(r.requests[1]!.at - r.requests[0]!.at >= 40, `first retry came after ${r.requests[1]!.at - r.requests[0]!.at} ms`);
    assert.ok(r.requests[2]!.at - r.requests[1]!.at >= 80, `second retry came after ${r.requests[2]!.at - r.requests[1]!.at} ms`);
    // Every attempt is freshly signed with its own timestamp and verifies.
    const wh = new Webhook(endpoint.secret);
    for (const q of r.requests) wh.verify(q.body, q.headers as Record<string, string>);
    assert.equal(d!.attemptCount, 3);
    assert.equal(d!.lastStatusCode, 500);
    assert.equal(d!.claimedBy, null);
    const attempts = await attemptRows(node.ctx, d!.id);
    assert.deepEqual(
      attempts.map((a) => [a.attempt, a.statusCode, a.errorKind, a.responseBody]),
      [
        [1, 500, 'http', 'boom'],
        [2, 500, 'http', 'boom'],
        [3, 500, 'http', 'boom'],
      ],
    );
    const row = await node.ctx.db.selectFrom('webhooks').select(['failingSince', 'lastSuccessAt']).where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.equal(row.lastSuccessAt, null);
    assert.equal(row.failingSince, attempts[0]!.startedAt);
  });

  it('a success after failures clears failing_since and records last_success_at', async () => {
    let n = 0;
    const r = await receivers.start((_req, res) => {
      res.statusCode = ++n === 1 ? 502 : 204;
      res.end();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'succeeded');
    assert.equal(d!.attemptCount, 2);
    const row = await node.ctx.db.selectFrom('webhooks').select(['failingSince', 'lastSuccessAt']).where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.equal(row.failingSince, null);
    assert.ok(row.lastSuccessAt);
  });

  it('honours Retry-After on 429 (seconds) instead of the schedule', async () => {
    let n = 0;
    const r = await receivers.start((_req, res) => {
      if (++n === 1) {
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
      }
      res.end();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitOne(node.ctx, u.accountId);
    await settled(endpoint.id, 'succeeded');
    assert.equal(r.requests.length, 2);
    const gap = r.requests[1]!.at - r.requests[0]!.at;
    assert.ok(gap >= 950, `retried after ${gap} ms, Retry-After asked for 1 s (the schedule says 50 ms)`);
  });

  it('honours Retry-After on 503 given as an HTTP date', async () => {
    let n = 0;
    const r = await receivers.start((_req, res) => {
      if (++n === 1) {
        res.statusCode = 503;
        res.setHeader('retry-after', new Date(Date.now() + 2_000).toUTCString());
      }
      res.end();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitOne(node.ctx, u.accountId);
    await settled(endpoint.id, 'succeeded');
    const gap = r.requests[1]!.at - r.requests[0]!.at;
    // HTTP dates have 1-second resolution: at least ~1 s, never the 50 ms of the schedule.
    assert.ok(gap >= 900, `retried after ${gap} ms`);
  });

  it('does not follow redirects: a 3xx is a failure', async () => {
    const r = await receivers.start((req, res) => {
      if (req.url === '/hook') {
        res.statusCode = 302;
        res.setHeader('location', '/elsewhere');
      }
      res.end();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'failed');
    assert.ok(
      r.requests.every((q) => q.url === '/hook'),
      'the Location was never requested',
    );
    const attempts = await attemptRows(node.ctx, d!.id);
    assert.equal(attempts[0]!.errorKind, 'redirect');
    assert.equal(attempts[0]!.statusCode, 302);
    assert.match(attempts[0]!.error!, /not followed.*\/elsewhere/);
  });

  it('classifies a timeout and keeps retrying', async () => {
    const r = await receivers.start(() => {
      // never answers
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url, timeoutMs: 150 });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'failed');
    const attempts = await attemptRows(node.ctx, d!.id);
    assert.equal(attempts.length, 3);
    for (const a of attempts) {
      assert.equal(a.errorKind, 'timeout');
      assert.equal(a.statusCode, null);
      assert.ok(a.durationMs >= 140, `attempt took ${a.durationMs} ms`);
    }
    assert.match(d!.lastError!, /150 ms/);
  });

  it('classifies a refused connection', async () => {
    const r = await startReceiver();
    const url = r.url;
    await r.close();
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'failed');
    const attempts = await attemptRows(node.ctx, d!.id);
    assert.equal(attempts[0]!.errorKind, 'connection');
    assert.match(attempts[0]!.error!, /ECONNREFUSED/);
  });

  it('stores at most 4 KiB of the response body', async () => {
    const r = await receivers.start((_req, res) => res.end('x'.repeat(10_000)));
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'succeeded');
    const [a] = await attemptRows(node.ctx, d!.id);
    assert.equal(a!.responseBody!.length, 4096);
  });

  it('an SSRF refusal fails at once with the reason, no retry', async () => {
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: 'http://169.254.169.254/latest/meta-data' });
    await emitOne(node.ctx, u.accountId);
    const [d] = await settled(endpoint.id, 'failed');
    assert.equal(d!.attemptCount, 1);
    const attempts = await attemptRows(node.ctx, d!.id);
    assert.equal(attempts.length, 1);
    assert.equal(attempts[0]!.errorKind, 'ssrf');
    assert.match(attempts[0]!.error!, /169\.254\.169\.254.*link-local/);
  });

  it('during a rotation, signs with both secrets and each verifies on its own', async () => {
    const r = await receivers.start();
    const u = await node.signup();
    const previous = newSecret();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url, previousSecret: previous });
    await emitOne(node.ctx, u.accountId);
    await settled(endpoint.id, 'succeeded');
    const q = r.requests[0]!;
    const signatures = String(q.headers['webhook-signature']).split(' ');
    assert.equal(signatures.length, 2);
    for (const secret of [endpoint.secret, previous]) new Webhook(secret).verify(q.body, q.headers as Record<string, string>);
    assert.throws(() => new Webhook(newSecret()).verify(q.body, q.headers as Record<string, string>));
  });

  it('after the grace period only the current secret signs', async () => {
    const r = await receivers.start();
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url, previousSecret: newSecret(), previousSecretExpiresAt: Date.now() - 1 });
    await emitOne(node.ctx, u.accountId);
    await settled(endpoint.id, 'succeeded');
    assert.equal(String(r.requests[0]!.headers['webhook-signature']).split(' ').length, 1);
  });
});
