import assert from 'node:assert/strict';
import { EXAMPLES } from '../src/events/catalog.js';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, it } from 'node:test';
import { receiverPool, waitFor } from '@linkwire/test-kit';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { deliveryRows } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

describeEachDialect('delivery history, retry and replay routes', (dialect) => {
  let node: TestNode;
  let dispatcher: Dispatcher;
  const receivers = receiverPool();
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '30ms', LINKWIRE_PLAN_PRO_DELIVERIES_24H: '6' });
    dispatcher = new Dispatcher(node.ctx, { pollMs: 20 });
  });
  after(async () => {
    await dispatcher.stop();
    await receivers.close();
    await node.close();
  });

  async function setup(status = 200) {
    let answer = status;
    const r = await receivers.start((_req, res) => {
      res.statusCode = answer;
      res.end(answer === 200 ? 'thanks' : 'nope');
    });
    const u = await node.signup();
    const res = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: u.apiKey, payload: { url: r.url, events: ['*'] } });
    assert.equal(res.status, 201, res.raw);
    return { r, u, webhookId: res.body.id as string, answer: (s: number) => (answer = s) };
  }
  const emitMany = (accountId: string, n: number, type: 'integration.connected' | 'domain.verified' = 'integration.connected') =>
    inTransaction(node.ctx.db, async (tx) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        out.push(
          type === 'integration.connected'
            ? await node.ctx.outbox.emit(tx, accountId, 'integration.connected', { integration: `i${i}`, integrationId: 'wh_test' })
            : await node.ctx.outbox.emit(tx, accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: `d${i}.example.com` }),
        );
      }
      return out;
    });
  const settledAll = (webhookId: string) =>
    waitFor('all deliveries final', async () => {
      await dispatcher.flush();
      const rows = await deliveryRows(node.ctx, webhookId);
      return rows.length > 0 && rows.every((d) => d.status !== 'pending') && rows;
    });

  it('lists an endpoint’s deliveries newest first, filtered and paginated', async () => {
    const { u, webhookId } = await setup();
    await emitMany(u.accountId, 3);
    await emitMany(u.accountId, 2, 'domain.verified');
    await settledAll(webhookId);
    const all = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries`, token: u.apiKey });
    assert.equal(all.status, 200);
    assert.equal(all.body.data.length, 5);
    const ids = all.body.data.map((d: any) => d.id);
    assert.deepEqual(ids, [...ids].sort().reverse(), 'newest first');
    const first = all.body.data[0];
    assert.deepEqual(Object.keys(first).sort(), [
      'attemptCount',
      'createdAt',
      'eventId',
      'eventType',
      'id',
      'isTest',
      'lastDurationMs',
      'lastError',
      'lastStatusCode',
      'nextAttemptAt',
      'status',
      'updatedAt',
      'webhookId',
    ]);
    assert.equal(first.status, 'succeeded');
    assert.equal(first.nextAttemptAt, null, 'no next attempt once final');
    assert.equal(first.eventType, 'domain.verified');
    assert.equal(first.lastStatusCode, 200);
    assert.equal(first.isTest, false);

    const byEvent = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?event=integration.connected`, token: u.apiKey });
    assert.equal(byEvent.body.data.length, 3);
    const byStatus = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?status=failed`, token: u.apiKey });
    assert.equal(byStatus.body.data.length, 0);

    const p1 = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?limit=2`, token: u.apiKey });
    const p2 = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?limit=2&cursor=${p1.body.nextCursor}`, token: u.apiKey });
    const p3 = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?limit=2&cursor=${p2.body.nextCursor}`, token: u.apiKey });
    assert.deepEqual(
      [...p1.body.data, ...p2.body.data, ...p3.body.data].map((d: any) => d.id),
      ids,
    );
    assert.equal(p3.body.nextCursor, null);

    const bad = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?status=nope&limit=0&extra=1`, token: u.apiKey });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['extra', 'limit', 'status']);
  });

  it('shows a delivery with its envelope and every attempt', async () => {
    const { r, u, webhookId, answer } = await setup(500);
    const [event] = await emitMany(u.accountId, 1);
    const [d] = await settledAll(webhookId);
    assert.equal(d!.status, 'failed');
    const res = await node.request({ method: 'GET', url: `/api/v1/deliveries/${d!.id}`, token: u.apiKey });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.payload, JSON.parse(event!.payload));
    assert.equal(res.body.attemptCount, 2);
    assert.equal(res.body.attempts.length, 2);
    const [a1, a2] = res.body.attempts;
    assert.equal(a1.attempt, 1);
    assert.equal(a2.attempt, 2);
    assert.equal(a1.statusCode, 500);
    assert.equal(a1.errorKind, 'http');
    assert.equal(a1.responseBody, 'nope');
    assert.ok(Date.parse(a1.startedAt) <= Date.parse(a2.startedAt));
    assert.equal(typeof a1.durationMs, 'number');
    assert.equal(a1.requestHeaders['webhook-id'], event!.id);
    assert.match(a1.requestHeaders['webhook-signature'], /^v1,/);
    assert.equal(r.requests.length, 2);

    // Manual retry: queued now, sent again with the same webhook-id, succeeds.
    answer(200);
    const retry = await node.request({ method: 'POST', url: `/api/v1/deliveries/${d!.id}/retry`, token: u.apiKey });
    assert.equal(retry.status, 202, retry.raw);
    assert.equal(retry.body.status, 'pending');
    assert.ok(retry.body.nextAttemptAt);
    await waitFor('retried delivery succeeded', async () => {
      await dispatcher.flush();
      const [row] = await deliveryRows(node.ctx, webhookId);
      return row!.status === 'succeeded';
    });
    assert.equal(r.requests.length, 3);
    assert.equal(r.requests[2]!.headers['webhook-id'], event!.id);
    const after = await node.request({ method: 'GET', url: `/api/v1/deliveries/${d!.id}`, token: u.apiKey });
    assert.deepEqual(
      after.body.attempts.map((a: any) => [a.attempt, a.statusCode]),
      [
        [1, 500],
        [2, 500],
        [3, 200],
      ],
    );
  });

  it('refuses to retry a cancelled delivery (409) and an unknown one (404)', async () => {
    const { u, webhookId } = await setup();
    await emitMany(u.accountId, 1);
    const [d] = await settledAll(webhookId);
    await node.ctx.db.updateTable('deliveries').set({ status: 'cancelled' }).where('id', '=', d!.id).execute();
    const res = await node.request({ method: 'POST', url: `/api/v1/deliveries/${d!.id}/retry`, token: u.apiKey });
    assert.equal(res.status, 409);
    assert.match(res.headers['content-type'], /problem\+json/);
    const missing = await node.request({ method: 'POST', url: '/api/v1/deliveries/dlv_00000000000000000000000000/retry', token: u.apiKey });
    assert.equal(missing.status, 404);
  });

  it("another account's deliveries and endpoints are not found", async () => {
    const { u, webhookId } = await setup();
    await emitMany(u.accountId, 1);
    const [d] = await settledAll(webhookId);
    const stranger = await node.signup();
    for (const req of [
      { method: 'GET' as const, url: `/api/v1/webhooks/${webhookId}/deliveries` },
      { method: 'GET' as const, url: `/api/v1/deliveries/${d!.id}` },
      { method: 'POST' as const, url: `/api/v1/deliveries/${d!.id}/retry` },
      { method: 'POST' as const, url: `/api/v1/webhooks/${webhookId}/replay`, payload: { since: '2020-01-01T00:00:00Z' } },
    ]) {
      const res = await node.request({ ...req, token: stranger.apiKey });
      assert.equal(res.status, 404, `${req.method} ${req.url}`);
    }
    const anonymous = await node.request({ method: 'GET', url: `/api/v1/deliveries/${d!.id}` });
    assert.equal(anonymous.status, 401);
  });

  it('replays failed deliveries in a time range (and everything with status "all")', async () => {
    const { r, u, webhookId, answer } = await setup(500);
    const since = new Date(Date.now() - 1000).toISOString();
    await emitMany(u.accountId, 2);
    await settledAll(webhookId);
    assert.equal(r.requests.length, 4);
    answer(200);
    const res = await node.request({ method: 'POST', url: `/api/v1/webhooks/${webhookId}/replay`, token: u.apiKey, payload: { since } });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.queued, 2);
    await waitFor('replayed', async () => {
      await dispatcher.flush();
      return (await deliveryRows(node.ctx, webhookId)).every((d) => d.status === 'succeeded');
    });
    assert.equal(r.requests.length, 6);
    // Nothing failed any more: a second "failed" replay queues nothing; "all" re-sends the succeeded.
    const again = await node.request({ method: 'POST', url: `/api/v1/webhooks/${webhookId}/replay`, token: u.apiKey, payload: { since } });
    assert.equal(again.body.queued, 0);
    const all = await node.request({ method: 'POST', url: `/api/v1/webhooks/${webhookId}/replay`, token: u.apiKey, payload: { since, status: 'all' } });
    assert.equal(all.body.queued, 2);
    await waitFor('replayed all', () => r.requests.length === 8);
    // A range before the deliveries queues nothing.
    const early = await node.request({
      method: 'POST',
      url: `/api/v1/webhooks/${webhookId}/replay`,
      token: u.apiKey,
      payload: { since: '2020-01-01T00:00:00Z', until: '2020-01-02T00:00:00Z' },
    });
    assert.equal(early.body.queued, 0);
    const bad = await node.request({
      method: 'POST',
      url: `/api/v1/webhooks/${webhookId}/replay`,
      token: u.apiKey,
      payload: { since: 'yesterday', status: 'some', extra: true },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['extra', 'since', 'status']);
  });

  it('replay re-checks the 24-hour quota for quota_exceeded deliveries', async () => {
    const { r, u, webhookId } = await setup();
    // The plan allows 6 deliveries per 24 h on this node: 8 events → 6 sent, 2 quota_exceeded.
    await emitMany(u.accountId, 8);
    await settledAll(webhookId);
    const rows = await deliveryRows(node.ctx, webhookId);
    assert.equal(rows.filter((d) => d.status === 'quota_exceeded').length, 2);
    assert.equal(r.requests.length, 6);
    const since = new Date(Date.now() - 60_000).toISOString();
    const res = await node.request({ method: 'POST', url: `/api/v1/webhooks/${webhookId}/replay`, token: u.apiKey, payload: { since } });
    assert.equal(res.status, 200);
    assert.equal(res.body.queued, 0);
    assert.equal(res.body.overQuota, 2);
    const one = rows.find((d) => d.status === 'quota_exceeded')!;
    const retry = await node.request({ method: 'POST', url: `/api/v1/deliveries/${one.id}/retry`, token: u.apiKey });
    assert.equal(retry.status, 429);
    assert.equal(retry.body.limit, 'deliveries24h');
    // Room again (the window moved on): they are replayed.
    await node.ctx.db
      .updateTable('deliveries')
      .set({ createdAt: Date.now() - 25 * 3_600_000 })
      .where('webhookId', '=', webhookId)
      .where('status', '=', 'succeeded')
      .execute();
    const later = await node.request({
      method: 'POST',
      url: `/api/v1/webhooks/${webhookId}/replay`,
      token: u.apiKey,
      payload: { since: new Date(Date.now() - 60_000).toISOString() },
    });
    assert.equal(later.body.queued, 2);
    await waitFor('quota_exceeded replayed', () => r.requests.length === 8);
  });

  it('a delivery older than 24 h that is replayed takes room in the window from then on', async () => {
    const { r, u, webhookId } = await setup();
    await emitMany(u.accountId, 6); // the node's plan: 6 per 24 h
    await settledAll(webhookId);
    assert.equal(r.requests.length, 6);
    // A day later the window is empty again…
    await node.ctx.db
      .updateTable('deliveries')
      .set({ createdAt: Date.now() - 25 * 3_600_000 })
      .where('webhookId', '=', webhookId)
      .execute();
    const usage = async () => (await node.request({ method: 'GET', url: '/api/v1/usage', token: u.apiKey })).body.deliveries24h.used as number;
    assert.equal(await usage(), 0);
    // …and replaying all six fills it: they are sent again now, so they count now.
    const replayed = await node.request({
      method: 'POST',
      url: `/api/v1/webhooks/${webhookId}/replay`,
      token: u.apiKey,
      payload: { since: new Date(Date.now() - 26 * 3_600_000).toISOString(), status: 'all' },
    });
    assert.equal(replayed.status, 200, replayed.raw);
    assert.equal(replayed.body.queued, 6);
    await waitFor('six sent again', () => r.requests.length === 12);
    assert.equal(await usage(), 6);
    // So the next event is over the quota instead of a seventh delivery in 24 h.
    const [event] = await emitMany(u.accountId, 1);
    assert.equal(event!.deliveries, 0);
    const rows = await deliveryRows(node.ctx, webhookId);
    assert.equal(rows.filter((d) => d.status === 'quota_exceeded').length, 1);
  });

  it('linkwire replay --webhook … --since … queues the failed deliveries from the command line', async () => {
    const { r, u, webhookId, answer } = await setup(500);
    const since = new Date(Date.now() - 1000).toISOString();
    await emitMany(u.accountId, 1);
    await settledAll(webhookId);
    answer(200);
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const env = {
      ...process.env,
      LINKWIRE_DATA_DIR: node.config.dataDir,
      DATABASE_URL: node.config.databaseUrl ?? '',
      LINKWIRE_SECRET_KEY: node.config.secretKey!.toString('base64'),
      LOG_LEVEL: 'silent',
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'replay', '--webhook', webhookId, '--since', since, '--json'], {
      env,
    });
    assert.deepEqual(JSON.parse(stdout), { queued: 1, overQuota: 0 });
    // The CLI process has no in-process link to this worker: the poll (or NOTIFY) picks it up.
    await waitFor('replayed from the CLI', () => r.requests.length === 3);
  });
});
