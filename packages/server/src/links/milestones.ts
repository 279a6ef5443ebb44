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
  return { thresholds: sorted, defaults: [...DEFAULT_THRESHOLDS] };
}

/** The thresholds of each account, defaults included: one query per batch. */
export async function thresholdsFor(tx: Tx, accountIds: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(accountIds.map((id) => [id, [...DEFAULT_THRESHOLDS]]));
  if (accountIds.length === 0) return out;
  const rows = await tx.selectFrom('milestoneSettings').select(['accountId', 'thresholds']).where('accountId', 'in', accountIds).execute();
  for (const row of rows) {
    out.set(row.accountId, [...new Set([...DEFAULT_THRESHOLDS, ...(JSON.parse(row.thresholds) as number[])])]);
  }
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
