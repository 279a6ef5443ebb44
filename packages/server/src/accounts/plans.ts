import { PLAN_NAMES, type PlanLimits, type PlanName } from '../config.js';

/**
 * The plan table of this process (the defaults with the operator's LINKWIRE_PLAN_<PLAN>_<LIMIT>
 * overrides), built once in createContext() as `ctx.plans`. Every limit check reads it here; an
 * unknown plan name (a row written by a newer version) gets the free plan's limits.
 */
export class Plans {
  constructor(private readonly table: Readonly<Record<PlanName, PlanLimits>>) {}

  limitsOf(plan: string): PlanLimits {
    return this.table[isPlanName(plan) ? plan : 'free'];
  }
}

export function isPlanName(plan: string): plan is PlanName {
  return (PLAN_NAMES as readonly string[]).includes(plan);
}

export function planRank(plan: PlanName): number {
  return PLAN_NAMES.indexOf(plan);
}
