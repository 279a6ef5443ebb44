// `npm run bench [-- --quick] [-- --backlog] [-- --only a,b] [-- --runs N]`
// Runs the baselines and the Linkwire scenarios (a)–(g) one after the other, prints one table,
// writes bench/results/latest.json. The targets and today's figures: bench/README.md#current-results.
// With --runs N the whole selection runs N times in a row (baselines and Linkwire alternating, each
// run with its own baselines) and a last table gives each metric's median and spread: single runs
// on the 2-core box vary by ±20 %, so the record quotes medians.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bare302 } from './baselines/redirect.js';
import { bullmq } from './baselines/bullmq.js';
import { ceiling } from './baselines/ceiling.js';
import { setProfileDir, setServerEnv } from './lib/linkwire.js';
import { killAllChildren } from './lib/proc.js';
import { writeFlameGraph } from './lib/flamegraph.js';
import { formatBreakdown, profilesIn, summarise } from './lib/profile.js';
import { type Context, NotAvailable, type Row, type Scenario, params, printTable, summariseRuns } from './lib/report.js';
import { linkwireScenarios } from './scenarios/index.js';

const ALL: Scenario[] = [ceiling, bullmq, bare302, ...linkwireScenarios];

function parseArgs(argv: string[]) {
  const out = { quick: false, backlog: false, profile: false, runs: 1, only: null as string[] | null, serverEnv: {} as Record<string, string>, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') out.quick = true;
    else if (a === '--backlog') out.backlog = true;
    else if (a === '--profile') out.profile = true;
    else if (a === '--runs' || a?.startsWith('--runs=')) {
      const v = a === '--runs' ? argv[++i] : a.slice(7);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 50) throw new Error(`--runs wants a whole number from 1 to 50 (got ${v ?? 'nothing'})`);
      out.runs = n;
    } else if (a === '--server-env')
      for (const kv of (argv[++i] ?? '').split(',').filter(Boolean)) {
        const eq = kv.indexOf('=');
        if (eq < 1) throw new Error(`--server-env wants K=V,K=V (got ${kv})`);
        out.serverEnv[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
    else if (a === '--only')
      out.only = (argv[++i] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a?.startsWith('--only='))
      out.only = a
        .slice(7)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return out;
}

/** The selected scenarios plus what they compare against, in ALL's order. */
function select(only: string[] | null, backlog: boolean): Scenario[] {
  const byName = new Map(ALL.map((s) => [s.name, s]));
  const wanted = new Set<string>();
  const add = (name: string) => {
    const s = byName.get(name);
    if (!s) throw new Error(`unknown scenario ${name}; known: ${ALL.map((x) => x.name).join(', ')}`);
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dep of s.needs ?? []) add(dep);
  };
  if (only) for (const n of only) add(n);
  else for (const s of ALL) if (!s.optIn || backlog) add(s.name);
  if (backlog) add('backlog');
  return ALL.filter((s) => wanted.has(s.name));
}

/** One run of the selected scenarios, in order; each scenario's figures feed the ones after it. */
async function runScenarios(
  scenarios: Scenario[],
  ctx: Context,
  profile: boolean,
  timings: Record<string, number>,
  profiles: Record<string, ReturnType<typeof summarise>[]>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const s of scenarios) {
    const t0 = Date.now();
    console.error(`▶ ${s.name}: ${s.description}`);
    const profDir = profile && s.kind === 'linkwire' ? fileURLToPath(new URL(`./results/profiles/${s.name}/`, import.meta.url)) : null;
    if (profDir) {
      rmSync(profDir, { recursive: true, force: true });
      mkdirSync(profDir, { recursive: true });
    }
    setProfileDir(profDir);
    try {
      const r = await s.run(ctx);
      rows.push(...r);
      for (const row of r)
        console.error(
          `  ${row.metric}: ${row.value === null ? '-' : Number(row.value).toFixed(2)} ${row.unit} ${row.status}${row.note ? ` (${row.note})` : ''}`,
        );
    } catch (err) {
      const e = err as Error;
      if (e instanceof NotAvailable) rows.push({ scenario: s.name, metric: '-', value: null, unit: '', status: 'n/a', note: `not available: ${e.message}` });
      else rows.push({ scenario: s.name, metric: '-', value: null, unit: '', status: 'error', note: e.message });
      console.error(`  ${e instanceof NotAvailable ? 'not available' : 'error'}: ${e.message}`);
    }
    setProfileDir(null);
    if (profDir && existsSync(profDir)) {
      // The api nodes only create endpoints / fill backlogs; the measured process is all/worker.
      const files = profilesIn([profDir]).filter((f) => !/\/api-\d+\//.test(f));
      if (files.length) {
        // one breakdown per thread of each process (main, sender thread, checkpointer; e.g. redirects:
        // the ingestion-only node, then the one with an endpoint)
        profiles[s.name] = files.map((f) => summarise([f], 20));
        for (const b of profiles[s.name] ?? []) console.error(formatBreakdown(b, `  cpu profile ${s.name}`));
        for (const f of files)
          console.error(`  flame graph: ${relative(process.cwd(), writeFlameGraph(f, `${s.name}: ${basename(dirname(f))}/${basename(f)}`))}`);
      } else console.error(`  (no profile written in ${profDir}: did the server exit cleanly?)`);
    }
    timings[s.name] = (Date.now() - t0) / 1000;
    console.error(`  (${timings[s.name]?.toFixed(1)} s)`);
  }
  return rows;
}

async function main() {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(
      'usage: npm run bench -- [--quick] [--backlog] [--profile] [--runs N] [--only name,...]\n' +
        "  --runs N   run the selection N times and end with each metric's median and spread (the record quotes medians of 5)\n" +
        '  --profile  run every Linkwire node under node --cpu-prof (bench/results/profiles/<scenario>/), write a\n' +
        "             flame graph (.html) beside each thread's profile, and print a self-time breakdown\n" +
        '             of the all/worker processes after each scenario\n' +
        '  --server-env K=V,...  extra environment for every Linkwire process (e.g. LINKWIRE_ENDPOINT_CONCURRENCY=64);\n' +
        '             shown in the header: figures taken with it are an experiment, not the default server\nscenarios:',
    );
    for (const s of ALL) console.log(`  ${s.name.padEnd(11)} ${s.kind.padEnd(9)} ${s.description}${s.optIn ? ' (--backlog)' : ''}`);
    return;
  }
  const p = params(args.quick);
  setServerEnv(args.serverEnv);
  const scenarios = select(args.only, args.backlog);
  const started = Date.now();
  const ctx: Context = {
    params: p,
    figures: new Map(),
    detail: {},
    log: (msg) => console.error(`  · ${msg}`),
  };
  if (args.profile && args.runs > 1) {
    console.error('bench: --profile takes one run; leave out --runs');
    process.exitCode = 2;
    return;
  }
  const timings: Record<string, number> = {};
  const profiles: Record<string, ReturnType<typeof summarise>[]> = {};
  const runs: Row[][] = [];
  for (let run = 1; run <= args.runs; run++) {
    if (args.runs > 1) console.error(`\n━━ run ${run} of ${args.runs} ━━`);
    ctx.figures.clear();
    const rows = await runScenarios(scenarios, ctx, args.profile, timings, profiles);
    runs.push(rows);
    if (args.runs > 1 && run < args.runs) console.error(`\n${printTable(rows)}`);
  }
  killAllChildren();

  const rows = args.runs > 1 ? summariseRuns(runs) : runs[0]!;
  const table = printTable(rows);
  console.log(
    `\nLinkwire bench, ${new Date().toISOString()}, ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}), node ${process.version}${p.quick ? ', --quick' : ''}${args.runs > 1 ? `, median of ${args.runs} runs` : ''}${Object.keys(args.serverEnv).length ? `, server env ${JSON.stringify(args.serverEnv)}` : ''}\n`,
  );
  console.log(table);
  const failed = rows.filter((r) => r.status === 'FAIL' || r.status === 'error').length;
  const unavailable = rows.filter((r) => r.status === 'n/a').length;
  console.log(
    `\n${rows.filter((r) => r.status === 'PASS').length} pass, ${failed} fail/error, ${unavailable} not available; ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );

  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    `${dir}latest.json`,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { nproc: cpus().length, cpu: cpus()[0]?.model, memMb: Math.round(totalmem() / 2 ** 20), node: process.version },
        args,
        params: p,
        rows,
        ...(args.runs > 1 ? { runs } : {}),
        figures: Object.fromEntries(ctx.figures),
        detail: ctx.detail,
        timings,
        profiles,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote bench/results/latest.json`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  killAllChildren();
  process.exit(2);
});
