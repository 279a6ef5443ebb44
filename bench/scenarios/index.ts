import type { Scenario } from "../lib/report.js";
export const linkwireScenarios: Scenario[] = [];
