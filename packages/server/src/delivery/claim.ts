import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../db/capabilities.js';
import { inListChunks, runCompiled } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { claimDuePostgres } from './claim.postgres.js';
import { claimDueSqlite } from './claim.sqlite.js';

/** A delivery this worker now holds a lease on. */
export interface ClaimedDelivery {
  id: string;
  accountId: string;
  webhookId: string;
  eventId: string;
  /** Attempts made before this one. */
  attemptCount: number;
  isTest: number;
  /**
   * The event's stored envelope, sent byte for byte; null when the event was purged meanwhile.
   * Bytes on SQLite (claim.sqlite.ts says why), text on PostgreSQL.
   */
  payload: string | Uint8Array | null;
}

/** Claimed rows as arrays (runCompiledArrays), columns in ClaimedDelivery's order. */
export function claimedFromRows(rows: unknown[][]): ClaimedDelivery[] {
  const claimed = new Array<ClaimedDelivery>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    claimed[i] = {
      id: r[0] as string,
      accountId: r[1] as string,
      webhookId: r[2] as string,
      eventId: r[3] as string,
      attemptCount: r[4] as number,
      isTest: r[5] as number,
      payload: r[6] as string | Uint8Array | null,
    };
  }
  return claimed;
}

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

/** Pending rows and the oldest due time: the two numbers operators watch (cheap, index-only). */
export async function queueStats(db: Kysely<DB>, now: number, heldUntil: number): Promise<{ depth: number; oldestDueAgeSeconds: number }> {
  const row = await db
    .selectFrom('deliveries')
    .select([sql<number>`count(*)`.as('depth'), sql<number | null>`min(next_attempt_at)`.as('oldest')])
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<', heldUntil)
    .executeTakeFirstOrThrow();
  const oldest = row.oldest === null ? null : Number(row.oldest);
  return { depth: Number(row.depth), oldestDueAgeSeconds: oldest !== null && oldest < now ? (now - oldest) / 1000 : 0 };
}
