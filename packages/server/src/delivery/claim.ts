import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../db/capabilities.js';
import { inListChunks, runCompiled } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { claimDuePostgres } from './claim.postgres.js';
import { claimDueSqlite } from './claim.sqlite.js';
import type { ClaimedDelivery } from './claimed.js';

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
