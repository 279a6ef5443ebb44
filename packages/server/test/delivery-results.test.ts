import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { inTransaction } from '../src/db/transaction.js';
import { claimFor } from '../src/delivery/claim.js';
import { HELD_UNTIL, holdDeliveries } from '../src/delivery/hold.js';
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

  it('flushMax starts a flush at once; what finishes meanwhile goes in the next ones, at most flushMax per transaction', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(300);
    // A window far longer than the test: only flushMax and flush() start a flush here.
    const w = writer({ flushMs: 60_000, flushMax: 128 });
    for (const o of outcomes) w.push(o);
    // The 128th push started a flush with 128; the 172 pushed while it ran wait for the next ones (128 and 44).
    assert.equal(w.pending, 172);
    await w.flush();
    assert.deepEqual(w.stats, { flushes: 3, outcomes: 300 });
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

  it('records the attempt of a delivery held while it was in flight (its endpoint disabled), and one to be retried stays held', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(2);
    // Disabling the endpoint holds its pending deliveries and lets go of their claims.
    await inTransaction(node.ctx.db, (tx) => holdDeliveries(tx, webhookId));
    const now = Date.now();
    const unavailable: SendResult = { ...succeeded(now), ok: false, statusCode: 503, errorKind: 'http', error: 'HTTP 503', responseBody: '' };
    const retried = { ...outcomes[1]!, result: unavailable, step: nextStep(node.config.retryScheduleMs, 1, unavailable, now) };
    assert.equal(retried.step.status, 'pending');
    const w = writer({ flushMs: 60_000, flushMax: 256 });
    w.push(outcomes[0]!);
    w.push(retried);
    await w.close();
    const rows = new Map((await deliveryRows(node.ctx, webhookId)).map((d) => [d.id, d]));
    const ok = rows.get(outcomes[0]!.delivery.id)!;
    assert.deepEqual([ok.status, ok.attemptCount], ['succeeded', 1]);
    const held = rows.get(outcomes[1]!.delivery.id)!;
    assert.deepEqual([held.status, held.attemptCount, held.lastStatusCode, held.nextAttemptAt, held.claimedBy], ['pending', 1, 503, HELD_UNTIL, null]);
    for (const o of outcomes) assert.equal((await attemptRows(node.ctx, o.delivery.id)).length, 1);
  });

  /** Makes every INSERT into attempts fail (as a full disk would fail the flush), or stops doing so. */
  async function refuseAttempts(refuse: boolean): Promise<void> {
    const db = node.ctx.db;
    if (dialect === 'sqlite') {
      // TEMP: on the one connection Kysely's SQLite driver writes with.
      if (refuse) await sql`CREATE TEMP TRIGGER refuse_attempts BEFORE INSERT ON attempts BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(db);
      else await sql`DROP TRIGGER refuse_attempts`.execute(db);
    } else if (refuse) {
      await sql`CREATE FUNCTION refuse_attempts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(db);
      await sql`CREATE TRIGGER refuse_attempts BEFORE INSERT ON attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempts()`.execute(db);
    } else {
      await sql`DROP TRIGGER refuse_attempts ON attempts`.execute(db);
      await sql`DROP FUNCTION refuse_attempts()`.execute(db);
    }
  }

  it('a failing flush fails none of the flushes waiting for it, and halves the next transaction; once the database takes them, all are written and the size grows back', async () => {
    const { webhookId, outcomes } = await claimedOutcomes(40);
    const errors: unknown[] = [];
    const w = new ResultWriter(node.ctx, workerId, { flushMs: 5, flushMax: 16 }, (err) => errors.push(err));
    await refuseAttempts(true);
    try {
      // Every push past 16 starts a flush, and each flush() here waits for the one running. A
      // waiter used to get the running flush's error, and push()'s own flush, awaited by nobody,
      // then became an unhandled rejection, which ends a Node process.
      const flushes: Promise<void>[] = [];
      for (const o of outcomes) {
        w.push(o);
        flushes.push(w.flush());
      }
      const settled = await Promise.allSettled(flushes);
      assert.deepEqual(
        settled.filter((s) => s.status === 'rejected'),
        [],
        'no flush rejected',
      );
      assert.ok(errors.length >= 4, `the failures were reported (${errors.length})`);
      assert.equal(w.batchLimit, 1, 'each failure halved the next transaction, down to one outcome');
      assert.equal(w.pending, 40, 'nothing dropped');
      assert.equal(w.stats.outcomes, 0);
    } finally {
      await refuseAttempts(false);
    }
    // The retry timer (1 s after a failure) writes them without another push: 1, 2, 4, 8, 16, then 9.
    await waitFor('the buffered outcomes were written', () => w.stats.outcomes === 40, 10_000);
    assert.equal(w.stats.flushes, 6);
    assert.equal(w.batchLimit, 16, 'back to flushMax');
    const rows = await deliveryRows(node.ctx, webhookId);
    assert.equal(rows.filter((d) => d.status === 'succeeded').length, 40);
    await w.close();
  });
});
