// linkwire start [--dev] [--role all|api|worker]: runs the node until SIGTERM/SIGINT, then drains.
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { startNode } from '../server.js';
import { API_SERVICES, WORKER_SERVICES } from '../services.js';
import { configFrom } from './common.js';

/** After a signal, in-flight work gets this long before the process exits anyway. */
const FORCED_EXIT_MS = 30_000;

/**
 * The main thread's old generation grows to at most twice what survived its last full GC (V8's
 * `--heap-growing-percent=100`), not up to four times as V8 chooses when GC is cheap. A drain
 * promotes ~700 bytes per delivery (rows, jobs and results that outlive a scavenge at ~28 000/s),
 * so the old generation went from 34 MB to ~140 MB between full GCs, and the 1 000 000-delivery
 * backlog peaked at 296 – 308 MB RSS against the 300 MB target. Bounded: 228 – 232 MB, the drain at the
 * same rate (bench/README.md#memory). A node started with its own `--heap-growing-percent` keeps it.
 */
const HEAP_GROWING_PERCENT = 100;

/**
 * The V8 flag `start` sets, or null when node was started with its own (`node
 * --heap-growing-percent=N …`; node refuses the flag in NODE_OPTIONS, so argv is the only place).
 */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  const given = execArgv.some((f) => /^--heap[-_]growing[-_]percent/.test(f));
  return given ? null : `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

export async function run(args: string[]): Promise<void> {
  const heapFlag = heapGrowthFlag(process.execArgv);
  if (heapFlag) v8.setFlagsFromString(heapFlag);
  const { values } = parseArgs({ args, options: { dev: { type: 'boolean' }, role: { type: 'string' } } });
  const config = configFrom({ LINKWIRE_DEV: values.dev ? '1' : undefined, LINKWIRE_ROLE: values.role });
  if (config.dev) {
    process.stderr.write('⚠ Dev mode: webhooks may target http:// and loopback addresses. Never use this in production.\n');
  }
  const node = await startNode(config, { apiServices: API_SERVICES, workerServices: WORKER_SERVICES });
  if (process.stdout.isTTY) {
    process.stdout.write(
      `Linkwire is running (${config.role}) at ${node.url}\n  dashboard: ${node.url}/dashboard\n  database:  ${node.ctx.database.describe}\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    node.ctx.log.info({ signal }, 'shutting down: draining in-flight work');
    const force = setTimeout(() => {
      node.ctx.log.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, FORCED_EXIT_MS);
    force.unref();
    node.close().then(
      () => process.exit(0),
      (err) => {
        node.ctx.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
