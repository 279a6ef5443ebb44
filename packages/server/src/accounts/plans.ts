import { type Config, PLAN_NAMES, type PlanLimits, type PlanName } from '../config.js';

export function limitsFor(config: Config, plan: string): PlanLimits {
  return config.plans[(PLAN_NAMES as readonly string[]).includes(plan) ? (plan as PlanName) : 'free'];
}

export function planRank(plan: PlanName): number {
  return PLAN_NAMES.indexOf(plan);
}
