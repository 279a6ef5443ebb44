import type { Kysely } from 'kysely';
import { DEFAULT_PLAN_LIMITS, type PlanLimits, type PlanName, PLAN_NAMES } from '../config.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';

// fanOut(tx, events, opts) is called from emit(), which has a transaction but no AppContext, and
// several contexts (test nodes) can live in one process with different plan overrides. So the
// plan table is registered per database: a transaction shares its database's adapter object,
// which is the key. createContext() registers it; an unregistered database gets the defaults.

const byDatabase = new WeakMap<object, Record<PlanName, PlanLimits>>();

const keyOf = (db: Kysely<DB>) => db.getExecutor().adapter;

export function registerPlanLimits(ctx: Pick<AppContext, 'db' | 'config'>): void {
  byDatabase.set(keyOf(ctx.db), ctx.config.plans);
}

/** The limits of `plan` for the database `db` (or a transaction on it) belongs to. */
export function planLimitsOf(db: Kysely<DB>, plan: string): PlanLimits {
  const plans = byDatabase.get(keyOf(db)) ?? DEFAULT_PLAN_LIMITS;
  return plans[(PLAN_NAMES as readonly string[]).includes(plan) ? (plan as PlanName) : 'free'];
}
