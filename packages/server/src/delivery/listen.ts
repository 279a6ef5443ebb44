import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { AppContext, BackgroundService } from '../context.js';
import { startPeriodic } from '../lib/periodic.js';
import type { Capabilities } from '../db/capabilities.js';
import type { DB } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { releaseClaims } from './claim.js';
import { HELD_UNTIL, holdDeliveries } from './hold.js';
import { writeOutcomes } from './results.js';
import { nextStep } from './retry.js';
import type { ErrorKind, SendResult } from './send-result.js';

// Deliveries to `linkwire listen` endpoints (webhooks.kind = 'listen', migration 008).
//
// They are made by the same fan-out (filters, event types and the 24-hour quota apply), claimed
// once by the ordinary dispatcher and then *parked*: still `pending`, but with next_attempt_at moved
// into a band of its own, LISTEN_BASE + the time they are due. The band lies above every real time
// (2^52 ms is year 142 000) and below HELD_UNTIL (2^53 − 1), so
//   - the dispatchers' claim (`next_attempt_at <= now`, claim.*.ts) never sees a parked delivery,
//     and its hot statement needs no join on webhooks and no new predicate;
//   - the process holding the CLI's stream claims them itself (claimListen(), `webhook_id = ?`),
//     with the lease folded into the band as SQLite's claim folds it into next_attempt_at, so a
//     stream that dies leaves claims that come back on their own when the lease ends;
//   - disabling the endpoint holds them at HELD_UNTIL and re-enabling, a manual retry or a replay
//     make them due now, which sends them through the dispatcher and back into the band.
// Why the stream's process claims, and not the worker that happens to claim: with several api and
// worker processes on PostgreSQL the worker that claims is usually not the process whose socket
// holds the stream, and handing a delivery from one to the other would need a channel of its own.
// The database is that channel: the worker parks (and NOTIFYs), any process with a stream for the
// endpoint claims with FOR UPDATE SKIP LOCKED, and the CLI's result (POST …/results, served by any
// api process) is written by writeOutcomes() under the stream's claim token, exactly like a
// worker's result (attempt row, retries, 410 and auto-disable).
export const LISTEN_BASE = 2 ** 52;
/**
 * How long a streamed delivery stays leased to its stream: the CLI's forward timeout (30 s) twice
 * over. A result that comes later finds the claim gone (409) and the delivery is sent again.
 */
export const LISTEN_LEASE_MS = 60_000;
/**
 * A listen endpoint with a delivery due this long ago that no stream took has had no `linkwire
 * listen` connected for that long (a connected stream claims due deliveries within a poll): it is
 * disabled, so that fan-out stops queueing for a laptop that is not coming back; starting `linkwire
 * listen` again enables it and what it holds is sent.
 */
export const LISTEN_IDLE_MS = 24 * 3_600_000;
/** Streamed deliveries without a result, at most, per stream (claimed only as results come back). */
export const LISTEN_MAX_IN_FLIGHT = 16;

/** A stream's claim token: what claimed_by holds for its deliveries, and the prefix of its event ids. */
export function newListenToken(): string {
  return `lst${randomBytes(12).toString('hex')}`;
}
export const LISTEN_TOKEN = /^lst[0-9a-f]{24}$/;

/** True for a next_attempt_at in the listen band. */
export function inListenBand(nextAttemptAt: number): boolean {
  return nextAttemptAt >= LISTEN_BASE && nextAttemptAt < HELD_UNTIL;
}

/** The real due time of a pending delivery (the history shows this, not the band's value). */
export function realDueTime(nextAttemptAt: number): number {
  return inListenBand(nextAttemptAt) ? nextAttemptAt - LISTEN_BASE : nextAttemptAt;
}

/**
 * Moves deliveries the dispatcher claimed for listen endpoints into the band, due now, and wakes
 * the streams (in this process after commit; others through NOTIFY on PostgreSQL).
 */
export async function parkForListen(ctx: AppContext, workerId: string, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await inTransaction(ctx.db, async (tx) => {
    // Handed back as the breaker hands claims back, only due in the band (lease_until is read only
    // while claimed_by is set, so it needs no reset).
    await releaseClaims(tx, workerId, ids, LISTEN_BASE + now);
    await ctx.wake.deliveriesDue(tx, 'requeued');
  });
}

/** A delivery as a stream sends it. */
export interface StreamedDelivery {
  id: string;
  eventId: string;
  /** This attempt's number (1-based). */
  attempt: number;
  /** The stored envelope, the exact bytes the CLI signs and forwards. */
  payload: string;
}

function streamed(rows: Array<{ id: string; eventId: string; attemptCount: number | string; payload: string | Uint8Array | null }>): StreamedDelivery[] {
  const out: StreamedDelivery[] = [];
  for (const r of rows) {
    if (r.payload === null) continue; // purged meanwhile: the dispatcher fails it when it comes back
    out.push({
      id: r.id,
      eventId: r.eventId,
      attempt: Number(r.attemptCount) + 1,
      payload: typeof r.payload === 'string' ? r.payload : Buffer.from(r.payload).toString('utf8'),
    });
  }
  return out;
}

/** Claims up to `limit` due deliveries of one listen endpoint for a stream (oldest due first). */
export async function claimListen(
  db: Kysely<DB>,
  caps: Capabilities,
  webhookId: string,
  token: string,
  now: number,
  limit: number,
): Promise<StreamedDelivery[]> {
  if (limit <= 0) return [];
  const lease = now + LISTEN_LEASE_MS;
  // SKIP LOCKED where two processes may claim for one endpoint at once (a takeover in progress).
  const lock = caps.concurrentWorkers ? sql`FOR UPDATE OF d SKIP LOCKED` : sql``;
  // PostgreSQL finds them through the claim queue (db/delivery-queue.ts), whose listen band holds
  // only deliveries parked for a stream: `deliveries` has no index on the due time there (migration
  // 017), and the endpoint's own index would walk its whole history. A parked delivery's queue row
  // is at its exact due time (the trigger deliveries_queue writes it whenever next_attempt_at moves).
  const due = caps.deliveryQueue
    ? sql`
      SELECT d.id FROM delivery_queue q JOIN deliveries d ON d.id = q.id
      WHERE q.next_attempt_at >= ${LISTEN_BASE} AND q.next_attempt_at <= ${LISTEN_BASE + now}
        AND d.webhook_id = ${webhookId} AND d.status = 'pending'
        AND d.next_attempt_at >= ${LISTEN_BASE} AND d.next_attempt_at <= ${LISTEN_BASE + now}
      ORDER BY q.next_attempt_at`
    : sql`
      SELECT d.id FROM deliveries d
      WHERE d.webhook_id = ${webhookId} AND d.status = 'pending'
        AND d.next_attempt_at >= ${LISTEN_BASE} AND d.next_attempt_at <= ${LISTEN_BASE + now}
      ORDER BY d.next_attempt_at`;
  const { rows } = await sql<{ id: string; eventId: string; attemptCount: number; payload: string | null }>`
    UPDATE deliveries SET claimed_by = ${token}, next_attempt_at = ${LISTEN_BASE + lease}, lease_until = ${lease}
    WHERE id IN (${due} LIMIT ${limit} ${lock})
    RETURNING id, event_id, attempt_count, (SELECT payload FROM events e WHERE e.id = deliveries.event_id) AS payload`.execute(db);
  // RETURNING has no order: oldest first, as claimed.
  return streamed(rows).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Deliveries leased to this stream whose lease still runs (the results it waits for). */
export async function countInFlight(db: Kysely<DB>, caps: Pick<Capabilities, 'deliveryQueue'>, webhookId: string, token: string, now: number): Promise<number> {
  if (caps.deliveryQueue) {
    // Through the queue, as claimListen(): a leased stream delivery's queue row is at its lease's end.
    const { rows } = await sql<{ n: number | string }>`
      SELECT count(*) AS n FROM delivery_queue q JOIN deliveries d ON d.id = q.id
      WHERE q.next_attempt_at > ${LISTEN_BASE + now} AND q.next_attempt_at < ${HELD_UNTIL}
        AND d.webhook_id = ${webhookId} AND d.claimed_by = ${token} AND d.status = 'pending'
        AND d.next_attempt_at > ${LISTEN_BASE + now} AND d.next_attempt_at < ${HELD_UNTIL}`.execute(db);
    return Number(rows[0]!.n);
  }
  const row = await db
    .selectFrom('deliveries')
    .select(sql<number | string>`count(*)`.as('n'))
    .where('webhookId', '=', webhookId)
    .where('claimedBy', '=', token)
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '>', LISTEN_BASE + now)
    .where('nextAttemptAt', '<', HELD_UNTIL)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A stream (re)connects. Claims of other tokens on this endpoint are released (due now): their
 * stream is gone or replaced, and one listener per device is the rule. With `resumed` (the token
 * came back in Last-Event-ID) the deliveries still leased to it are returned to be sent again: the
 * CLI may or may not have them (a frame written just before the cut), and it skips those it is
 * still forwarding, so nothing is lost and nothing is forwarded twice by one CLI.
 */
export async function resumeListen(db: Kysely<DB>, webhookId: string, token: string, now: number, resumed: boolean): Promise<StreamedDelivery[]> {
  await db
    .updateTable('deliveries')
    .set({ nextAttemptAt: LISTEN_BASE + now, claimedBy: null, leaseUntil: null })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .where('claimedBy', 'is not', null)
    .where('claimedBy', '!=', token)
    .where('nextAttemptAt', '>=', LISTEN_BASE)
    .where('nextAttemptAt', '<', HELD_UNTIL)
    .execute();
  if (!resumed) return [];
  const lease = now + LISTEN_LEASE_MS;
  const { rows } = await sql<{ id: string; eventId: string; attemptCount: number; payload: string | null }>`
    UPDATE deliveries SET next_attempt_at = ${LISTEN_BASE + lease}, lease_until = ${lease}
    WHERE webhook_id = ${webhookId} AND claimed_by = ${token} AND status = 'pending'
      AND next_attempt_at >= ${LISTEN_BASE} AND next_attempt_at < ${HELD_UNTIL}
    RETURNING id, event_id, attempt_count, (SELECT payload FROM events e WHERE e.id = deliveries.event_id) AS payload`.execute(db);
  return streamed(rows).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What the CLI reports for one forward. */
export interface ListenResult {
  deliveryId: string;
  claim: string;
  /** The local receiver's status, null when it could not be reached (then `error` says why). */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  errorKind: 'timeout' | 'connection' | null;
  responseBody: string | null;
  /** The headers the CLI sent, stored with the attempt. */
  requestHeaders: Record<string, string>;
  /** Seconds from a 429/503's Retry-After, when the receiver sent one. */
  retryAfterSeconds: number | null;
}

/**
 * Writes a forward's result as the attempt it is, through the results writer's own statements
 * (writeOutcomes: the delivery, the attempt row, endpoint health, 410 and auto-disable) under the
 * stream's claim. 'stale' when the claim is gone (lease over, or another stream took over): the
 * delivery is, or will be, sent again.
 */
export async function recordListenResult(ctx: AppContext, webhookId: string, accountId: string, r: ListenResult): Promise<'recorded' | 'stale' | 'unknown'> {
  const d = await ctx.db
    .selectFrom('deliveries')
    .select(['id', 'accountId', 'webhookId', 'eventId', 'attemptCount', 'isTest', 'status', 'claimedBy'])
    .where('id', '=', r.deliveryId)
    .executeTakeFirst();
  if (!d || d.accountId !== accountId || d.webhookId !== webhookId) return 'unknown';
  if (d.status !== 'pending' || d.claimedBy !== r.claim) return 'stale';
  const now = Date.now();
  const ok = r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;
  const errorKind: ErrorKind | null = ok ? null : r.statusCode !== null ? 'http' : (r.errorKind ?? 'connection');
  const result: SendResult = {
    ok,
    startedAt: now - r.durationMs,
    durationMs: r.durationMs,
    statusCode: r.statusCode,
    errorKind,
    error: ok ? null : (r.error ?? (r.statusCode !== null ? `The local receiver answered ${r.statusCode}` : 'The local receiver could not be reached')),
    responseBody: r.responseBody,
    retryAfterMs: (r.statusCode === 429 || r.statusCode === 503) && r.retryAfterSeconds !== null ? r.retryAfterSeconds * 1000 : null,
    requestHeadersJson: JSON.stringify(r.requestHeaders),
  };
  const attempt = Number(d.attemptCount) + 1;
  const step = nextStep(ctx.config.retryScheduleMs, attempt, result, now);
  // A retry stays in the band: the stream claims it when it is due, the dispatchers never do.
  if (step.status === 'pending') step.nextAttemptAt += LISTEN_BASE;
  const delivery = {
    id: d.id,
    accountId: d.accountId,
    webhookId: d.webhookId,
    eventId: d.eventId,
    attemptCount: Number(d.attemptCount),
    isTest: d.isTest,
    payload: null,
  };
  const kept = await inTransaction(ctx.db, (tx) => writeOutcomes(ctx, tx, r.claim, [{ delivery, attempt, result, step }], now));
  return kept.has(d.id) ? 'recorded' : 'stale';
}

/**
 * Disables the listen endpoints no stream has served for LISTEN_IDLE_MS (run by the worker's
 * auto-disable sweep). Their deliveries are held, not dropped. No webhook.disabled is emitted: a
 * developer's laptop going away is not a failure the account's other endpoints need to hear about.
 */
export async function disableIdleListenEndpoints(ctx: AppContext, now = Date.now()): Promise<string[]> {
  const idle = await ctx.db
    .selectFrom('webhooks as w')
    .select('w.id')
    .where('w.kind', '=', 'listen')
    .where('w.enabled', '=', 1)
    .where('w.deletedAt', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('deliveries as d')
          .select('d.id')
          .whereRef('d.webhookId', '=', 'w.id')
          .where('d.status', '=', 'pending')
          .where('d.claimedBy', 'is', null)
          .where('d.nextAttemptAt', '>=', LISTEN_BASE)
          .where('d.nextAttemptAt', '<=', LISTEN_BASE + now - LISTEN_IDLE_MS),
      ),
    )
    .limit(1000)
    .execute();
  const disabled: string[] = [];
  for (const { id } of idle) {
    const changed = await inTransaction(ctx.db, async (tx) => {
      const row = await tx
        .updateTable('webhooks')
        .set({
          enabled: 0,
          disabledReason: 'No linkwire listen stream connected for 24 hours; run linkwire listen again to receive what waits',
          disabledAt: now,
          updatedAt: now,
        })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .returning('id')
        .executeTakeFirst();
      if (row) await holdDeliveries(tx, id);
      return row !== undefined;
    });
    if (changed) disabled.push(id);
  }
  return disabled;
}

/** The worker's sweep of idle listen endpoints: every 10 minutes (the idle line is 24 h). */
export function startListenIdleSweep(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'listen-idle-sweep', 600_000, 30_000, async () => {
    const idle = await disableIdleListenEndpoints(ctx);
    if (idle.length) ctx.log.info({ webhooks: idle }, 'listen endpoints disabled: no linkwire listen stream for 24 h');
  });
}
