// linkwire start [--dev] [--role all|api|worker]: runs the node until SIGTERM/SIGINT, then drains.
import { parseArgs } from 'node:util';
import { startNode } from '../server.js';
import { API_SERVICES, WORKER_SERVICES } from '../services.js';
import { configFrom } from './common.js';

/** After a signal, in-flight work gets this long before the process exits anyway. */
const FORCED_EXIT_MS = 30_000;

export async function run(args: string[]): Promise<void> {
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
