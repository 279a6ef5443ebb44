import { type Kysely, sql, type Transaction } from 'kysely';
import type { Capabilities } from './capabilities.js';
import { runCompiled } from './compiled.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

const pending = new WeakMap<Tx, Array<() => void>>();

/** Runs `fn` once the transaction `tx` has committed (only when it was opened by inTransaction). */
export function afterCommit(tx: Tx, fn: () => void): void {
  const list = pending.get(tx);
  if (list) list.push(fn);
  // Outside inTransaction there is no commit hook; callers rely on the poll (the guarantee).
}

/** True when `tx` was opened by inTransaction, so afterCommit() hooks will run. */
export function hasCommitHooks(tx: Tx): boolean {
  return pending.has(tx);
}

/** db.transaction() plus after-commit hooks, e.g. waking the dispatcher for new deliveries. */
export async function inTransaction<T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let hooks: Array<() => void> = [];
  const result = await db.transaction().execute(async (tx) => {
    hooks = [];
    pending.set(tx, hooks);
    return fn(tx);
  });
  for (const hook of hooks) hook();
  return result;
}

/** Plans the PostgreSQL planner may be kept from choosing (its enable_* settings). */
export type PlanKind = 'seqscan' | 'sort';

/**
 * Keeps PostgreSQL's planner from `plans` for the rest of transaction `tx` (SET LOCAL, one round
 * trip); nothing where the engine has no such settings. For the hot statements whose right plan
 * does not depend on the data, where statistics gone stale after a burst of inserts made the planner
 * pick a plan hundreds of times slower: the claim sorting every due row instead of walking the due
 * index (140–155 ms per claim of 256 against ~6 ms), the results UPDATE scanning the table instead
 * of looking rows up by id (100–150 ms per flush of 256, a table of 20 000 rows): see
 * bench/README.md#postgresql.
 */
export async function avoidPlans(tx: Tx, caps: Capabilities, plans: readonly PlanKind[]): Promise<void> {
  if (!caps.plannerSettings || plans.length === 0) return;
  await runCompiled(tx, `avoidPlans:${plans.join(',')}`, [], () =>
    sql`SELECT ${sql.join(plans.map((p) => sql`set_config(${sql.lit(`enable_${p}`)}, 'off', true)`))}`.compile(tx),
  );
}
