import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { Tx } from '../db/transaction.js';
import type { Outbox } from '../events/emit.js';

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
  ctx.thresholds.forget(accountId);
  return { thresholds: sorted, defaults: [...DEFAULT_THRESHOLDS] };
}

// Every click batch needs its accounts' thresholds, which almost never change: a per-process cache
// (per database) of THRESHOLDS_TTL_MS saves one SELECT (and its Kysely build) per batch.
// setMilestones() drops the entry at once in this process; another api process on the same
// PostgreSQL database sees a change within THRESHOLDS_TTL_MS (a threshold crossed in that second by
// its clicks is not fired, like a threshold added after the counter passed it).
const THRESHOLDS_TTL_MS = 1_000;
const THRESHOLDS_MAX = 10_000;

/** The per-process cache of milestone thresholds (`ctx.thresholds`). */
export class ThresholdCache {
  private readonly entries = new Map<string, { thresholds: number[]; at: number }>();

  /** The thresholds of each account, defaults included: one query per batch for the ones not cached. */
  async thresholdsFor(tx: Tx, accountIds: string[], now = Date.now()): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    const missing: string[] = [];
    for (const id of accountIds) {
      const hit = this.entries.get(id);
      if (hit && now - hit.at < THRESHOLDS_TTL_MS) out.set(id, hit.thresholds);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    for (const id of missing) out.set(id, [...DEFAULT_THRESHOLDS]);
    const rows = await tx.selectFrom('milestoneSettings').select(['accountId', 'thresholds']).where('accountId', 'in', missing).execute();
    for (const row of rows) {
      out.set(row.accountId, [...new Set([...DEFAULT_THRESHOLDS, ...(JSON.parse(row.thresholds) as number[])])]);
    }
    if (this.entries.size + missing.length > THRESHOLDS_MAX) this.entries.clear();
    for (const id of missing) this.entries.set(id, { thresholds: out.get(id)!, at: now });
    return out;
  }

  /** setMilestones() in this process: the next batch reads the new thresholds. */
  forget(accountId: string): void {
    this.entries.delete(accountId);
  }
}

/**
 * Fires analytics.milestone for every threshold in (before, after]. The counter UPDATE that produced
 * `after` holds the row lock until commit, so two batches (even in two processes) see disjoint
 * ranges; the milestones_reached primary key is the second guard that makes it exactly once.
 * A threshold added after the counter already passed it does not fire retroactively.
 */
export async function checkMilestones(
  outbox: Outbox,
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
      await outbox.emit(
        tx,
        input.accountId,
        'analytics.milestone',
        { linkId: input.linkId, metric: input.metric, value: input.after, threshold },
        { now: input.now },
      );
    }
  }
}
