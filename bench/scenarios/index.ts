// Linkwire scenarios (a)–(h) of bench/README.md#what-runs-and-why-these-baselines, in the order they run.
import type { Scenario } from '../lib/report.js';
import { backlog } from './backlog.js';
import { fanout } from './fanout.js';
import { integrations } from './integrations.js';
import { isolation } from './isolation.js';
import { latency } from './latency.js';
import { postgres } from './postgres.js';
import { redirects } from './redirects.js';
import { throughput } from './throughput.js';

export const linkwireScenarios: Scenario[] = [throughput, latency, redirects, fanout, isolation, integrations, backlog, postgres];
