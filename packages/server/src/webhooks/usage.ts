import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

// Rolling-window counters for the plan limits. Both read the (account_id, created_at) index of
// deliveries, so their cost is the number of deliveries in the window, not the history.

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

type Db = Kysely<DB>;

/** Deliveries that count toward the 24-hour quota: not test sends, not already over quota. */
export async function countDeliveries24h(db: Db, accountId: string, now: number): Promise<number> {
  const { n } = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('accountId', '=', accountId)
    .where('createdAt', '>', now - DAY_MS)
    .where('isTest', '=', 0)
    .where('status', '!=', 'quota_exceeded')
    .executeTakeFirstOrThrow();
  return Number(n);
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
