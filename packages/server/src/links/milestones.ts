import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/transaction.js';
import { emit } from '../events/emit.js';

/** Built in for every account; accounts add their own with PUT /api/v1/analytics/milestones. */
export const DEFAULT_THRESHOLDS = [1_000, 10_000, 100_000, 1_000_000] as const;
const MAX_CUSTOM = 20;

export const MilestonesBody = z.strictObject({
  thresholds: z
    .array(z.number({ message: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(1e12, 'must be at most 1e12'), {
      message: 'must be an array of integers',
    })
    .max(MAX_CUSTOM, `at most ${MAX_CUSTOM} thresholds`),
});

export async function getMilestones(ctx: AppContext, accountId: string) {
  const row = await ctx.db.selectFrom('milestoneSettings').select('thresholds').where('accountId', '=', accountId).executeTakeFirst();
  return { thresholds: row ? (JSON.parse(row.thresholds) as number[]) : [], defaults: [...DEFAULT_THRESHOLDS] };
}

export async function setMilestones(ctx: AppContext, accountId: string, thresholds: number[]) {
  const sorted = [...new Set(thresholds)].sort((a, b) => a - b);
  const value = { accountId, thresholds: JSON.stringify(sorted), updatedAt: Date.now() };
  await ctx.db
    .insertInto('milestoneSettings')
    .values(value)
    .onConflict((oc) => oc.column('accountId').doUpdateSet({ thresholds: value.thresholds, updatedAt: value.updatedAt }))
    .execute();
  cacheOf(ctx.db.getExecutor().adapter).delete(accountId);
  return { thresholds: sorted, defaults: [...DEFAULT_THRESHOLDS] };
}

// Every click batch needs its accounts' thresholds, which almost never change: a per-process cache
// (per database) of THRESHOLDS_TTL_MS saves one SELECT (and its Kysely build) per batch.
// setMilestones() drops the entry at once in this process; another api process on the same
// PostgreSQL database sees a change within THRESHOLDS_TTL_MS (a threshold crossed in that second by
// its clicks is not fired, like a threshold added after the counter passed it).
const THRESHOLDS_TTL_MS = 1_000;
const THRESHOLDS_MAX = 10_000;
const thresholdCaches = new WeakMap<object, Map<string, { thresholds: number[]; at: number }>>();

function cacheOf(key: object) {
  let cache = thresholdCaches.get(key);
  if (!cache) {
    cache = new Map();
    thresholdCaches.set(key, cache);
  }
  return cache;
}

/** The thresholds of each account, defaults included: one query per batch. */
export async function thresholdsFor(tx: Tx, accountIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  const cache = cacheOf(tx.getExecutor().adapter);
  const now = Date.now();
  const missing: string[] = [];
  for (const id of accountIds) {
    const hit = cache.get(id);
    if (hit && now - hit.at < THRESHOLDS_TTL_MS) out.set(id, hit.thresholds);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  for (const id of missing) out.set(id, [...DEFAULT_THRESHOLDS]);
  const rows = await tx.selectFrom('milestoneSettings').select(['accountId', 'thresholds']).where('accountId', 'in', missing).execute();
  for (const row of rows) {
    out.set(row.accountId, [...new Set([...DEFAULT_THRESHOLDS, ...(JSON.parse(row.thresholds) as number[])])]);
  }
  if (cache.size + missing.length > THRESHOLDS_MAX) cache.clear();
  for (const id of missing) cache.set(id, { thresholds: out.get(id)!, at: now });
  return out;
}

/**
 * Fires analytics.milestone for every threshold in (before, after]. The counter UPDATE that produced
 * `after` holds the row lock until commit, so two batches (even in two processes) see disjoint
 * ranges; the milestones_reached primary key is the second guard that makes it exactly once.
 * A threshold added after the counter already passed it does not fire retroactively.
 */
export async function checkMilestones(
  tx: Tx,
  input: { accountId: string; linkId: string | null; metric: 'clicks' | 'visits'; before: number; after: number; thresholds: number[]; now: number },
): Promise<void> {
  for (const threshold of input.thresholds.filter((t) => t > input.before && t <= input.after).sort((a, b) => a - b)) {
    const inserted = await tx
      .insertInto('milestonesReached')
      .values({ accountId: input.accountId, subject: input.linkId ?? 'profile', metric: input.metric, threshold, reachedAt: input.now })
      .onConflict((oc) => oc.columns(['accountId', 'subject', 'metric', 'threshold']).doNothing())
      .returning('threshold')
      .executeTakeFirst();
    if (inserted) {
      await emit(tx, input.accountId, 'analytics.milestone', { linkId: input.linkId, metric: input.metric, value: input.after, threshold }, { now: input.now });
    }
  }
}
