// `npm run chaos [-- --short] [-- --only <name>]`: the fault-injection suite (chaos/README.md).
// Each scenario is bounded in time and ends with invariants checked from the database and the
// receivers; the run exits non-zero when any scenario failed. CI runs `--short` after the tests.
import type { Scenario, ScenarioResult } from './lib.js';
import { badReceivers } from './scenarios/bad-receivers.js';
import { diskFull } from './scenarios/disk-full.js';
import { postgresRestart } from './scenarios/postgres-restart.js';
import { sqliteKill } from './scenarios/sqlite-kill.js';

const SCENARIOS: Record<string, Scenario> = {
  'sqlite-kill': sqliteKill,
  'postgres-restart': postgresRestart,
  'bad-receivers': badReceivers,
  'disk-full': diskFull,
};

/**
 * Past this a scenario counts as failed (the run then goes on and exits at the end, which ends the
 * nodes it started). The full form's 20 kills and restarts take ~5 min on a loaded 2-core machine.
 */
const limitMs = (short: boolean) => (short ? 4 : 15) * 60_000;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const short = args.includes('--short');
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const names = only ? [only] : Object.keys(SCENARIOS);
  const results: ScenarioResult[] = [];
  for (const name of names) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`no scenario "${name}" (${Object.keys(SCENARIOS).join(', ')})`);
    const started = Date.now();
    let limit: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      scenario({ short }).catch((err: Error): ScenarioResult => ({ name, figures: {}, failures: [`threw: ${err.stack ?? err}`] })),
      new Promise<ScenarioResult>((resolve) => {
        limit = setTimeout(() => resolve({ name, figures: {}, failures: [`did not finish within ${limitMs(short) / 1000} s`] }), limitMs(short));
      }),
    ]);
    clearTimeout(limit);
    result.figures.seconds = Math.round((Date.now() - started) / 100) / 10;
    results.push(result);
    const verdict = result.skipped ? `SKIPPED (${result.skipped})` : result.failures.length ? 'FAIL' : 'PASS';
    console.log(`${verdict} ${name} ${JSON.stringify(result.figures)}`);
    for (const f of result.failures) console.log(`  - ${f}`);
  }
  const failed = results.filter((r) => r.failures.length > 0).length;
  const skipped = results.filter((r) => r.skipped).length;
  console.log(`chaos: ${results.length - failed - skipped} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

await main();
