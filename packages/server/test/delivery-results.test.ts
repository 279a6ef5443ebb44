import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { claimFor } from '../src/delivery/claim.js';
import type { ClaimedDelivery } from '../src/delivery/claimed.js';
import { type Outcome, ResultWriter } from '../src/delivery/results.js';
import { nextStep } from '../src/delivery/retry.js';
import type { SendResult } from '../src/delivery/send-result.js';
import { attemptRows, createEndpoint, deliveryRows, emitConnected, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// The results writer (group commit) on its own, against the real database: real claims, outcomes
// pushed as the dispatcher pushes them, and how many transactions write them.

describeEachDialect('results writer', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect);
  });
  after(async () => node.close());

  const workerId = `test-worker-${dialect}`;
  const succeeded = (startedAt: number): SendResult => ({
    ok: true,
    startedAt,
    durationMs: 3,
    statusCode: 200,
    errorKind: null,
    error: null,
    responseBody: 'ok',
    retryAfterMs: null,
    requestHeadersJson: '{"webhook-id":"x"}',
  });
  /** `count` deliveries of a new endpoint, claimed by `workerId`, each with a successful outcome. */
  async function claimedOutcomes(count: number): Promise<{ webhookId: string; outcomes: Outcome[] }> {
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/hook' });
    await emitConnected(node.ctx, u.accountId, count);
    const now = Date.now();
    const claimed: ClaimedDelivery[] = await claimFor(node.ctx.database.caps)(node.ctx.db, workerId, now, now + 60_000, count);
    assert.equal(claimed.length, count);
    const outcomes = claimed.map((delivery) => {
      const result = succeeded(now);
      return { delivery, attempt: 1, result, step: nextStep(node.config.retryScheduleMs, 1, result, now) };
    });
    return { webhookId: endpoint.id, outcomes };
  }
  const writer = (opts: { flushMs: number; flushMax: number }) =>
    new ResultWriter(node.ctx, workerId, opts, (err) => {
      throw err;
    });

  it('outcomes that finish within one flush window share one transaction', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(40);
    const w = writer({ flushMs: 20, flushMax: 256 });
    for (const o of outcomes) w.push(o);
    assert.equal(w.pending, 40);
    await waitFor('the timer flushed', () => w.stats.flushes > 0);
    assert.deepEqual(w.stats, { flushes: 1, outcomes: 40 });
    const rows = await deliveryRows(node.ctx, webhookId);
    assert.ok(
      rows.every((d) => d.status === 'succeeded' && d.attemptCount === 1 && d.claimedBy === null),
      'every delivery written',
    );
    assert.equal((await attemptRows(node.ctx, rows[0]!.id)).length, 1);
    await w.close();
  });

  it('flushMax starts a flush at once; what finishes meanwhile goes in the next one', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(300);
    // A window far longer than the test: only flushMax and flush() start a flush here.
    const w = writer({ flushMs: 60_000, flushMax: 128 });
    for (const o of outcomes) w.push(o);
    // The 128th push started a flush with 128; the 172 pushed while it ran wait for the next one.
    assert.equal(w.pending, 172);
    await w.flush();
    assert.deepEqual(w.stats, { flushes: 2, outcomes: 300 });
    const rows = await deliveryRows(node.ctx, webhookId);
    assert.equal(rows.filter((d) => d.status === 'succeeded').length, 300);
    await w.close();
  });

  it('writes only what this worker still holds, and nothing after close()', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(4);
    // Another worker took one over (our lease expired): its row is not ours to write.
    await node.ctx.db.updateTable('deliveries').set({ claimedBy: 'someone-else' }).where('id', '=', outcomes[0]!.delivery.id).execute();
    const w = writer({ flushMs: 60_000, flushMax: 256 });
    for (const o of outcomes.slice(0, 3)) w.push(o);
    await w.close();
    w.push(outcomes[3]!);
    assert.equal(w.pending, 0, 'dropped after close (its lease expires and it is redone)');
    const rows = new Map((await deliveryRows(node.ctx, webhookId)).map((d) => [d.id, d]));
    assert.equal(rows.get(outcomes[0]!.delivery.id)!.status, 'pending');
    assert.equal((await attemptRows(node.ctx, outcomes[0]!.delivery.id)).length, 0);
    for (const o of outcomes.slice(1, 3)) assert.equal(rows.get(o.delivery.id)!.status, 'succeeded');
    assert.equal(rows.get(outcomes[3]!.delivery.id)!.status, 'pending');
    assert.equal(rows.get(outcomes[3]!.delivery.id)!.claimedBy, workerId);
  });
});
