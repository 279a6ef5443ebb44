import assert from 'node:assert/strict';
import { EXAMPLES } from '../src/events/catalog.js';
import { after, afterEach, before, it } from 'node:test';
import { verifyWebhook } from '@linkwire/webhooks';
import { Webhook } from 'standardwebhooks';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { USER_AGENT } from '../src/delivery/request-headers.js';
import { createEndpoint, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

describeEachDialect('delivery end to end', (dialect) => {
  let node: TestNode;
  let receiver: Receiver;
  let dispatcher: Dispatcher;
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '50ms,100ms' });
    receiver = await startReceiver();
    dispatcher = new Dispatcher(node.ctx, { pollMs: 100 });
  });
  afterEach(() => receiver.handle((_req, res) => res.end('ok')));
  after(async () => {
    await dispatcher.stop();
    await receiver.close();
    await node.close();
  });

  it('delivers signed envelopes that standardwebhooks and the SDK both verify', async () => {
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: receiver.url, headers: { 'X-Team': 'growth', 'Webhook-Id': 'spoofed' } });
    const emitted = await inTransaction(node.ctx.db, async (tx) => [
      await node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'a.example.com' }),
      await node.ctx.outbox.emit(tx, u.accountId, 'integration.connected', { integration: 'slack', integrationId: 'wh_test' }),
    ]);
    const requests = await waitFor('two deliveries', () => {
      const mine = receiver.requests.filter((r) => emitted.some((e) => e.id === r.headers['webhook-id']));
      return mine.length === 2 && mine;
    });
    const standard = new Webhook(endpoint.secret);
    for (const req of requests) {
      const event = emitted.find((e) => e.id === req.headers['webhook-id'])!;
      assert.equal(req.method, 'POST');
      assert.equal(req.body, event.payload, 'the body is the stored envelope, byte for byte');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers['user-agent'], USER_AGENT);
      assert.match(USER_AGENT, /^Linkwire-Webhooks\/\d+\.\d+\.\d+/);
      assert.equal(req.headers['x-team'], 'growth');
      assert.equal(req.headers['webhook-id'], event.id, 'custom headers cannot override ours');
      const ts = Number(req.headers['webhook-timestamp']);
      assert.ok(Math.abs(ts - Date.now() / 1000) < 60);
      assert.match(String(req.headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
      const headers = req.headers as Record<string, string>;
      assert.deepEqual(standard.verify(req.body, headers), JSON.parse(event.payload));
      const verified = verifyWebhook(req.body, headers, endpoint.secret);
      assert.equal(verified.id, event.id);
      assert.equal(verified.type, event.type);
    }
    await dispatcher.flush();
    const rows = await waitFor('results written', async () => {
      const r = await node.ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', endpoint.id).execute();
      return r.every((d) => d.status === 'succeeded') && r;
    });
    assert.equal(rows.length, 2);
    for (const d of rows) {
      assert.equal(d.attemptCount, 1);
      assert.equal(d.claimedBy, null);
      assert.equal(d.lastStatusCode, 200);
      const attempts = await node.ctx.db.selectFrom('attempts').selectAll().where('deliveryId', '=', d.id).execute();
      assert.equal(attempts.length, 1);
      assert.equal(attempts[0]!.statusCode, 200);
      assert.equal(attempts[0]!.responseBody, 'ok');
      assert.equal(JSON.parse(attempts[0]!.requestHeaders)['webhook-id'], d.eventId);
    }
    const wh = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.ok(wh.lastSuccessAt);
    assert.equal(wh.failingSince, null);
  });

  it('exposes delivery metrics on /metrics', async () => {
    const u = await node.signup();
    await createEndpoint(node.ctx, u.accountId, { url: receiver.url });
    const before = receiver.requests.length;
    await inTransaction(node.ctx.db, (tx) =>
      node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'm.example.com' }),
    );
    await waitFor('delivered', () => receiver.requests.length > before);
    await dispatcher.flush();
    const res = await node.request({ method: 'GET', url: '/metrics' });
    assert.equal(res.status, 200);
    assert.match(res.raw, /linkwire_deliveries_total\{outcome="succeeded"\} [1-9]/);
    assert.match(res.raw, /linkwire_delivery_attempt_duration_seconds_count\{result="success"\} [1-9]/);
    assert.match(res.raw, /linkwire_delivery_queue_depth \d+/);
    assert.match(res.raw, /linkwire_delivery_oldest_due_age_seconds [\d.]+/);
    assert.match(res.raw, /linkwire_endpoint_breaker_open\{state="open"\} 0/);
  });
});
