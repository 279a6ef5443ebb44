import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

// Rolling-window counters for the plan limits. Both read the (account_id, created_at) index of
// deliveries, so their cost is the number of deliveries in the window, not the history.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

type Db = Kysely<DB>;

/**
 * Deliveries that count toward the 24-hour quota: not test sends, not over quota, and queued in the
 * window — created in it, or created earlier and re-queued in it (replay, manual retry; migration 007).
 */
export async function countDeliveries24h(db: Db, accountId: string, now: number): Promise<number> {
  const since = now - DAY_MS;
  // One statement, two index reads: fan-out runs this inside click transactions, so a second round
  // trip per batch (PostgreSQL) is worth avoiding. The second count reads the partial
  // deliveries_requeued_idx, which holds only re-queued rows.
  const counted = (column: 'createdAt' | 'requeuedAt') =>
    db
      .selectFrom('deliveries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('accountId', '=', accountId)
      .where(column, '>', since)
      .where('isTest', '=', 0)
      .where('status', '!=', 'quota_exceeded');
  const { created, requeued } = await db
    .selectNoFrom([counted('createdAt').as('created'), counted('requeuedAt').where('createdAt', '<=', since).as('requeued')])
    .executeTakeFirstOrThrow();
  return Number(created) + Number(requeued);
}

/**
 * How many more deliveries an account whose plan allows `limit` per rolling 24 hours may send now
 * (Infinity when unlimited). The one place the room is computed: fan-out, manual retry, replay and
 * the usage meters all read it here.
 */
export async function roomLeft24h(db: Db, limit: number | null, accountId: string, now: number): Promise<number> {
  if (limit === null) return Number.POSITIVE_INFINITY;
  return Math.max(0, limit - (await countDeliveries24h(db, accountId, now)));
}

export async function countTestSends1h(db: Db, accountId: string, now: number): Promise<number> {
  const { n } = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('accountId', '=', accountId)
    .where('createdAt', '>', now - HOUR_MS)
    .where('isTest', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** When the oldest test send still inside the window was made: it leaves the window an hour later. */
export async function oldestTestSendSince(db: Db, accountId: string, since: number): Promise<number | null> {
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.min('createdAt').as('oldest'))
    .where('accountId', '=', accountId)
    .where('createdAt', '>', since)
    .where('isTest', '=', 1)
    .executeTakeFirst();
  return row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest);
}
