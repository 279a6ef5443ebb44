import type { Config } from './config.js';
import { resolveMasterKey } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { registerPlanLimits } from './webhooks/quota.js';
import type { Logger } from 'pino';

/** Opens the database, applies migrations, loads the master key: everything a process needs. */
export async function createContext(config: Config, opts: { log?: Logger; migrate?: boolean; poolSize?: number } = {}): Promise<AppContext> {
  const log = opts.log ?? createLogger(config.logLevel);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: opts.poolSize,
    onCheckpointError: (err) => log.warn({ err }, "WAL checkpointer thread failed; SQLite's own checkpoint (every 10 000 WAL pages) takes over"),
  });
  try {
    if (opts.migrate !== false) {
      const { applied } = await migrateToLatest(database.db);
      if (applied.length) log.info({ applied }, 'database migrated');
    }
    const masterKey = resolveMasterKey(config);
    const ctx: AppContext = { config, database, db: database.db, masterKey, log, metrics: createMetrics() };
    registerPlanLimits(ctx); // fan-out reads the quota from inside emit(), which has no ctx
    return ctx;
  } catch (err) {
    await database.close();
    throw err;
  }
}
