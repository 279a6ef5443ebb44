import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { DB } from './db/schema.js';
import type { Metrics } from './metrics.js';

/** What every service needs, built once per process (or per test) and passed explicitly. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  masterKey: Buffer;
  log: Logger;
  metrics: Metrics;
}
