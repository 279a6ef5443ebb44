import { type Insertable, sql } from 'kysely';
import type { AppContext } from '../context.js';
import { ladderChunks, runCompiled, runCompiledArrays } from '../db/compiled.js';
import { dequeue } from '../db/delivery-queue.js';
import type { DB } from '../db/schema.js';
import { avoidPlans, inTransaction, type Tx } from '../db/transaction.js';
import { newId } from '../lib/ids.js';
import { autoDisableIfDue, deleteGoneSubscription, disableEndpoint, markMisconfigured } from './auto-disable.js';
import type { ClaimedDelivery } from './claimed.js';
import { HELD_UNTIL } from './hold.js';
import type { NextStep } from './retry.js';
import { type SendResult, STORE_LIMIT } from './send-result.js';
import { connectTestedChatEndpoints } from '../webhooks/integrations.js';

/** One finished attempt and what it decided. */
export interface Outcome {
  delivery: ClaimedDelivery;
  /** This attempt's number (1-based). */
  attempt: number;
  result: SendResult;
  step: NextStep;
}

// Rows per statement come from a fixed ladder (db/compiled.ts VALUES_LADDER: powers of two up to
// 256), so each statement takes one of nine texts, compiled once by Kysely and then re-run with new
// parameters, and the prepared-statement cache of db/index.ts (keyed by SQL text) hits on every
// flush; with the batch size as the chunk size almost every flush prepared a new statement with
// hundreds of parameters (bench/README.md#results-flush). 256 × 11 parameters stays far below
// both engines' limits.

/**
 * Group commit for delivery results. Outcomes are buffered and written in one transaction per
 * flush (every `flushMs` or `flushMax` outcomes, at most `flushMax` per transaction): a multi-row UPDATE of the deliveries, a
 * multi-row INSERT of the attempts, one UPDATE per endpoint touched. The per-delivery cost of
 * durability then is a few µs of a shared commit instead of a commit (and on PostgreSQL a round
 * trip) of its own.
 *
 * Measured (2 shared cores under load, 100 000 rows): SQLite 256 outcomes per flush 16.7 ms
 * (65 µs per delivery) against 914 µs per delivery with one transaction per outcome (14×);
 * PostgreSQL 34 ms per flush of 256 (133 µs each) against 2.6 ms per delivery (20×).
 *
 * Every write is guarded by `claimed_by = <this worker>`: if our lease expired and another
 * worker re-claimed the delivery, its state is not clobbered (our attempt is then not recorded;
 * the receiver saw a duplicate with the same webhook-id, which at-least-once allows). One
 * exception: a delivery held since it was sent (its endpoint was disabled meanwhile, which lets go
 * of every claim: hold.ts) is nobody's, and its attempt is recorded; if it is to be retried, it
 * stays held. Without it, a 410 that disabled the endpoint lost the attempts of the sends still in
 * flight to it: the receiver had seen 38 requests and the history showed 31 (dispatch.test.ts).
 */
export class ResultWriter {
  private buffer: Outcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private closed = false;
  /**
   * Outcomes per flush transaction: `flushMax`, halved after each failed flush (down to 1) and
   * doubled back after each one that commits. Outcomes gather while the database refuses writes,
   * and one transaction of all of them may not fit where a smaller one does. That is the likeliest
   * reading of a chaos disk-full failure in CI (its log was not kept): once space returned, clicks
   * were acknowledged again, yet all 493 sent deliveries stayed pending, their results unwritten.
   */
  private limit: number;
  /** Flush transactions committed and outcomes written by them (tests and logs). */
  readonly stats = { flushes: 0, outcomes: 0 };
  /**
   * Outcomes pushed so far. A failed flush puts its batch back in front, so the committed outcomes
   * (`stats.outcomes`) are always the first ones pushed: outcome number n is committed once
   * `stats.outcomes >= n`.
   */
  pushed = 0;
  private readonly memos = new Map<string, HealthMemo>();

  constructor(
    private readonly ctx: AppContext,
    private readonly workerId: string,
    private readonly opts: { flushMs: number; flushMax: number },
    private readonly onError: (err: unknown) => void,
  ) {
    this.limit = opts.flushMax;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** The most outcomes the next flush transaction takes (tests). */
  get batchLimit(): number {
    return this.limit;
  }

  push(outcome: Outcome): void {
    if (this.closed) return;
    this.pushed++;
    this.buffer.push(outcome);
    // A running flush takes what is pushed meanwhile, batch after batch.
    if (this.buffer.length >= this.opts.flushMax) {
      if (!this.flushing) void this.flush();
    } else this.timer ??= setTimeout(() => void this.flush(), this.opts.flushMs);
  }

  /**
   * Writes everything buffered, in transactions of at most `batchLimit` outcomes; concurrent
   * callers share the running flush. Never rejects: a failed transaction puts its batch back in
   * front and a timer retries it, so the failure is not its callers'. (push() starts flushes that
   * nobody awaits: a rejection there would be unhandled, which ends a Node process.)
   */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.drain().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      if (!(await this.write(this.buffer.splice(0, this.limit)))) return;
      // Between two transactions, the event loop: on SQLite every statement resolves as a
      // microtask, and a long buffer would otherwise hold up clicks and sends until it is written.
      if (this.buffer.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** One transaction; false when it failed (its batch is back in front, a retry is due in 1 s). */
  private async write(batch: Outcome[]): Promise<boolean> {
    try {
      const healthWritten: Array<[string, HealthMemo]> = [];
      await inTransaction(this.ctx.db, (tx) => writeOutcomes(this.ctx, tx, this.workerId, batch, Date.now(), this.memos, healthWritten));
      // Only what committed is remembered.
      for (const [id, memo] of healthWritten) this.memos.set(id, memo);
      if (this.memos.size > 100_000) this.memos.clear();
      this.stats.flushes++;
      this.stats.outcomes += batch.length;
      this.limit = Math.min(this.opts.flushMax, this.limit * 2);
      return true;
    } catch (err) {
      // Nothing is lost: the rows are still leased to us.
      this.buffer = batch.concat(this.buffer);
      this.limit = Math.max(1, Math.floor(this.limit / 2));
      if (!this.closed) this.timer ??= setTimeout(() => void this.flush(), 1_000);
      try {
        this.onError(err);
      } catch {
        // A reporter that throws changes nothing of the above.
      }
      return false;
    }
  }

  /** Final flush (SIGTERM); later outcomes are dropped (their leases expire and they are redone). */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** The attempts columns, in the order writeOutcomes() pushes their parameters. */
const ATTEMPT_COLUMNS = [
  'id',
  'deliveryId',
  'accountId',
  'attempt',
  'startedAt',
  'durationMs',
  'statusCode',
  'errorKind',
  'error',
  'responseBody',
  'requestHeaders',
] as const satisfies ReadonlyArray<keyof DB['attempts']>;

const cut = (text: string | null, max: number) => (text === null ? null : text.length > max ? text.slice(0, max) : text);

/** One flush: deliveries, attempts, endpoint health, and the 410 / exhaustion consequences. */
export async function writeOutcomes(
  ctx: AppContext,
  tx: Tx,
  workerId: string,
  outcomes: Outcome[],
  now: number,
  memos: Map<string, HealthMemo> = new Map(),
  healthWritten: Array<[string, HealthMemo]> = [],
): Promise<Set<string>> {
  const kept = new Set<string>();
  const settled: string[] = [];
  // Rows are found by id, whatever the statistics say (db/transaction.ts).
  await avoidPlans(tx, ctx.database.caps, ['seqscan']);
  for (const chunk of ladderChunks(outcomes)) {
    const params: unknown[] = [];
    for (const o of chunk) {
      params.push(o.delivery.id, o.step.status, o.attempt, o.step.nextAttemptAt, o.result.statusCode, cut(o.result.error, 1000), o.result.durationMs);
    }
    params.push(now, workerId);
    // UPDATE … FROM (VALUES …): one statement for the whole chunk, on both engines.
    const rows = await runCompiledArrays(tx, `writeOutcomes.deliveries:${chunk.length}`, params, () => {
      const values = chunk.map(
        (o) =>
          sql`(${o.delivery.id}, ${o.step.status}, CAST(${o.attempt} AS INTEGER), CAST(${o.step.nextAttemptAt} AS BIGINT), CAST(${o.result.statusCode} AS INTEGER), ${cut(o.result.error, 1000)}, CAST(${o.result.durationMs} AS INTEGER))`,
      );
      return sql`
        WITH r(id, status, attempt_count, next_attempt_at, last_status_code, last_error, last_duration_ms) AS (VALUES ${sql.join(values)})
        UPDATE deliveries SET
          status = r.status, attempt_count = r.attempt_count,
          next_attempt_at = CASE WHEN deliveries.next_attempt_at = ${sql.lit(HELD_UNTIL)} AND r.status = 'pending' THEN deliveries.next_attempt_at ELSE r.next_attempt_at END,
          claimed_by = NULL,
          last_status_code = r.last_status_code, last_error = r.last_error, last_duration_ms = r.last_duration_ms, updated_at = ${now}
        FROM r
        WHERE deliveries.id = r.id AND (deliveries.claimed_by = ${workerId}
          OR (deliveries.claimed_by IS NULL AND deliveries.status = 'pending' AND deliveries.next_attempt_at = ${sql.lit(HELD_UNTIL)}))
        RETURNING deliveries.id, deliveries.status`.compile(tx);
    });
    for (const r of rows) {
      kept.add(r[0] as string);
      if (r[1] !== 'pending') settled.push(r[0] as string);
    }
  }
  // PostgreSQL's queue rows of the settled deliveries (a retried one's row was moved by the
  // trigger deliveries_queue; db/delivery-queue.ts). One statement, ~3 µs a row.
  if (ctx.database.caps.deliveryQueue) await dequeue(tx, settled);
  const written = kept.size === outcomes.length ? outcomes : outcomes.filter((o) => kept.has(o.delivery.id));
  for (const chunk of ladderChunks(written)) {
    // Parameters straight from the outcomes, in ATTEMPT_COLUMNS order; row objects are made from
    // them only for the one compile per chunk size.
    const params: unknown[] = [];
    for (const o of chunk) {
      const r = o.result;
      params.push(
        newId('att'),
        o.delivery.id,
        o.delivery.accountId,
        o.attempt,
        r.startedAt,
        r.durationMs,
        r.statusCode,
        r.errorKind,
        cut(r.error, 1000),
        cut(r.responseBody, STORE_LIMIT),
        r.requestHeadersJson,
      );
    }
    await runCompiled(tx, `writeOutcomes.attempts:${chunk.length}`, params, () =>
      tx
        .insertInto('attempts')
        .values(
          chunk.map((_, i) => Object.fromEntries(ATTEMPT_COLUMNS.map((c, j) => [c, params[i * ATTEMPT_COLUMNS.length + j]])) as Insertable<DB['attempts']>),
        ),
    );
  }
  await updateEndpointHealth(tx, written, memos, healthWritten);
  // Consequences that change an endpoint, after its deliveries are written.
  const toDisable = new Map<string, string>();
  const exhausted = new Set<string>();
  for (const o of written) {
    if (o.step.disableReason) toDisable.set(o.delivery.webhookId, o.step.disableReason);
    if (o.step.exhausted) exhausted.add(o.delivery.webhookId);
  }
  const toMark = new Map<string, string>();
  const toDelete = new Map<string, string>();
  for (const o of written) {
    if (o.step.endpointAction?.kind === 'mark') toMark.set(o.delivery.webhookId, o.step.endpointAction.reason);
    if (o.step.endpointAction?.kind === 'delete') toDelete.set(o.delivery.webhookId, o.step.endpointAction.reason);
  }
  for (const [webhookId, reason] of toDisable) await disableEndpoint(ctx, tx, webhookId, reason, now);
  for (const [webhookId, reason] of toMark) await markMisconfigured(tx, webhookId, reason, now);
  for (const webhookId of toDelete.keys()) await deleteGoneSubscription(tx, webhookId, now);
  // A chat endpoint's first successful test message connects it (integration.connected).
  const testedOk = [...new Set(written.filter((o) => o.result.ok && o.delivery.isTest === 1).map((o) => o.delivery.webhookId))];
  await connectTestedChatEndpoints(ctx, tx, testedOk, now);
  for (const webhookId of exhausted) if (!toDisable.has(webhookId)) await autoDisableIfDue(ctx, tx, webhookId, now);
  return kept;
}

/** What this worker last wrote to an endpoint's health columns, to skip writes that change nothing. */
export interface HealthMemo {
  lastSuccessAt: number | null;
  failing: boolean;
  at: number;
}

/** A recent success is rewritten at most once a second: last_success_at only drives a 72 h rule. */
const SUCCESS_REWRITE_MS = 1_000;
/** Memos older than this are ignored: another worker may have changed the row since. */
const MEMO_TTL_MS = 1_000;

/**
 * webhooks.last_success_at / failing_since from the outcomes in the order they finished:
 * failing_since is the first failure after the last success, cleared by a success.
 *
 * Two things keep several workers from contending on these few hot rows: writes that change
 * nothing are skipped (memo), and the rows are updated in id order, so two flush transactions
 * never take the same row locks in opposite orders (unordered, two PostgreSQL workers deadlocked on
 * webhooks rows, each deadlock costing deadlock_timeout = 1 s: 111 deliveries/s against 1 171/s for
 * one worker; bench/README.md#postgresql).
 */
async function updateEndpointHealth(tx: Tx, outcomes: Outcome[], memos: Map<string, HealthMemo>, written: Array<[string, HealthMemo]>): Promise<void> {
  const health = new Map<string, { lastSuccessAt: number | null; failingSince: number | null }>();
  for (const o of outcomes) {
    const h = health.get(o.delivery.webhookId) ?? { lastSuccessAt: null, failingSince: null };
    const at = o.result.startedAt + o.result.durationMs;
    if (o.result.ok) {
      h.lastSuccessAt = Math.max(h.lastSuccessAt ?? 0, at);
      h.failingSince = null;
    } else if (h.failingSince === null) {
      h.failingSince = o.result.startedAt;
    }
    health.set(o.delivery.webhookId, h);
  }
  const now = Date.now();
  for (const id of [...health.keys()].sort()) {
    const h = health.get(id)!;
    const memo = memos.get(id);
    const fresh = memo !== undefined && now - memo.at < MEMO_TTL_MS;
    if (h.lastSuccessAt !== null) {
      const failing = h.failingSince !== null;
      if (fresh && !memo.failing && !failing && memo.lastSuccessAt !== null && h.lastSuccessAt - memo.lastSuccessAt < SUCCESS_REWRITE_MS) continue;
      await runCompiled(tx, 'endpointHealth.success', [h.lastSuccessAt, h.failingSince, id], () =>
        tx.updateTable('webhooks').set({ lastSuccessAt: h.lastSuccessAt, failingSince: h.failingSince }).where('id', '=', id),
      );
      written.push([id, { lastSuccessAt: h.lastSuccessAt, failing, at: now }]);
    } else {
      if (fresh && memo.failing) continue;
      await runCompiled(tx, 'endpointHealth.failing', [h.failingSince, id], () =>
        tx.updateTable('webhooks').set({ failingSince: h.failingSince }).where('id', '=', id).where('failingSince', 'is', null),
      );
      written.push([id, { lastSuccessAt: memo?.lastSuccessAt ?? null, failing: true, at: now }]);
    }
  }
}
