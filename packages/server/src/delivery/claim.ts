import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../db/capabilities.js';
import { inListChunks, runCompiled } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { claimDuePostgres } from './claim.postgres.js';
import { claimDueSqlite } from './claim.sqlite.js';
import type { ClaimedDelivery } from './claimed.js';
import type { EndpointConfig } from './endpoints.js';
import { HELD_UNTIL } from './hold.js';
import type { Job } from './lanes.js';

export type ClaimFn = (db: Kysely<DB>, workerId: string, now: number, leaseUntil: number, limit: number) => Promise<ClaimedDelivery[]>;

/** The claim statement for this engine: FOR UPDATE SKIP LOCKED where workers run concurrently. */
export function claimFor(caps: Capabilities): ClaimFn {
  return caps.concurrentWorkers ? claimDuePostgres : claimDueSqlite;
}

/**
 * Hands claims back: they become due at `dueAt` (now, or the breaker's reopen time) with no
 * attempt counted. Only rows this worker still holds are touched.
 */
export async function releaseClaims(db: Kysely<DB>, workerId: string, ids: string[], dueAt: number): Promise<number> {
  let released = 0;
  // IN lists padded to the ladder's sizes (db/compiled.ts): one compiled text per size.
  for (const chunk of inListChunks(ids)) {
    const res = await runCompiled(db, `releaseClaims:${chunk.length}`, [null, dueAt, ...chunk, workerId, 'pending'], () =>
      db
        .updateTable('deliveries')
        .set({ claimedBy: null, nextAttemptAt: dueAt })
        .where('id', 'in', chunk)
        .where('claimedBy', '=', workerId)
        .where('status', '=', 'pending'),
    );
    released += Number(res.numAffectedRows ?? 0);
  }
  return released;
}

/**
 * The smallest claim worth a statement while a backlog waits: half a batch (at least 1, at most
 * the worker's concurrency).
 */
export function minBacklogClaim(claimBatch: number, globalConcurrency: number): number {
  return Math.max(1, Math.min(Math.ceil(claimBatch / 2), globalConcurrency));
}

/**
 * How many deliveries to claim with `room` free slots: up to a batch, or 0 (not worth a statement).
 * While backlogged a claim waits until `minClaim` slots are free (sends finishing wake the loop
 * then): every claim is a statement and, on SQLite, a commit of its own (~375–450 µs). Claiming
 * whatever few slots had just freed made 1 200 claims of 59 rows on average in a 60 000-delivery
 * drain, 28 % of them under 32 rows; with half a batch, 500 claims of 149
 * (bench/README.md#sqlite-claim). In the dispatcher's test (320 deliveries, batch 32, 64 slots, 8
 * per endpoint) claiming whatever was free took 52–58 claims averaging 11–12 rows, against 27
 * averaging 23 with this rule.
 */
export function claimSize(room: number, backlogged: boolean, claimBatch: number, minClaim: number): number {
  return room >= (backlogged ? minClaim : 1) ? Math.min(claimBatch, room) : 0;
}

/** A claimed batch sorted: what is sent, and the ids settleUnsendable() settles. */
export interface Triage {
  jobs: Job[];
  cancelled: string[];
  held: string[];
  orphaned: string[];
  /** Deliveries of listen endpoints: parked for their stream (listen.ts, parkForListen()). */
  listen: string[];
  /** Deliveries of analytics sinks: batched per sink (sinks/dispatch.ts). */
  sink: Job[];
}

/**
 * Sorts a claimed batch by what its endpoint (as loaded for this batch) and its event allow: an
 * endpoint deleted (or no longer there) cancels the delivery, a purged event fails it, a disabled
 * endpoint holds it (a test send still goes), a listen endpoint's is parked for its stream, a sink's
 * is batched; the rest are sent.
 */
export function triage(claimed: ClaimedDelivery[], endpoints: ReadonlyMap<string, EndpointConfig>): Triage {
  const out: Triage = { jobs: [], cancelled: [], held: [], orphaned: [], listen: [], sink: [] };
  for (const delivery of claimed) {
    const endpoint = endpoints.get(delivery.webhookId);
    const payload = delivery.payload;
    if (!endpoint || endpoint.deleted) out.cancelled.push(delivery.id);
    else if (payload === null) out.orphaned.push(delivery.id);
    else if (!endpoint.enabled && !delivery.isTest) out.held.push(delivery.id);
    else if (endpoint.listen) out.listen.push(delivery.id);
    else if (endpoint.sink) out.sink.push({ delivery, endpoint, payload });
    else out.jobs.push({ delivery, endpoint, payload });
  }
  return out;
}

/**
 * Claimed deliveries that cannot be sent: endpoint deleted (cancelled), disabled (held until it is
 * re-enabled), event purged (failed). Only rows this worker still holds are touched.
 */
export async function settleUnsendable(db: Kysely<DB>, workerId: string, cancelled: string[], held: string[], orphaned: string[], now: number): Promise<void> {
  if (cancelled.length) {
    await db
      .updateTable('deliveries')
      .set({ status: 'cancelled', claimedBy: null, updatedAt: now })
      .where('id', 'in', cancelled)
      .where('claimedBy', '=', workerId)
      .execute();
  }
  if (held.length) await releaseClaims(db, workerId, held, HELD_UNTIL);
  if (orphaned.length) {
    await db
      .updateTable('deliveries')
      .set({ status: 'failed', claimedBy: null, lastError: 'The event was purged before it could be delivered', updatedAt: now })
      .where('id', 'in', orphaned)
      .where('claimedBy', '=', workerId)
      .execute();
  }
}

/**
 * Pending rows and the oldest due time: the two numbers operators watch (cheap, index-only).
 * On PostgreSQL both come from the queue (db/delivery-queue.ts), where a delivery in flight waits
 * at its lease's end: it counts toward the depth but is due again only once its lease ran out.
 */
export async function queueStats(
  db: Kysely<DB>,
  caps: Pick<Capabilities, 'deliveryQueue'>,
  now: number,
  heldUntil: number,
): Promise<{ depth: number; oldestDueAgeSeconds: number }> {
  const row = caps.deliveryQueue
    ? await sql<{ depth: number; oldest: number | null }>`
        SELECT count(*) AS depth, min(next_attempt_at) AS oldest FROM delivery_queue WHERE next_attempt_at < ${heldUntil}`
        .execute(db)
        .then((r) => r.rows[0]!)
    : await db
        .selectFrom('deliveries')
        .select([sql<number>`count(*)`.as('depth'), sql<number | null>`min(next_attempt_at)`.as('oldest')])
        .where('status', '=', 'pending')
        .where('nextAttemptAt', '<', heldUntil)
        .executeTakeFirstOrThrow();
  const oldest = row.oldest === null ? null : Number(row.oldest);
  return { depth: Number(row.depth), oldestDueAgeSeconds: oldest !== null && oldest < now ? (now - oldest) / 1000 : 0 };
}
