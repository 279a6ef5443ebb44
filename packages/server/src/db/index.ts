import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { type Capabilities, POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from './capabilities.js';
import type { DB } from './schema.js';

// BIGINT (int8) and NUMERIC counts come back as JS numbers: every BIGINT here is an epoch-ms time
// or a count, far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export interface Database {
  db: Kysely<DB>;
  caps: Capabilities;
  /** Connection string or file, for logs (password removed). */
  describe: string;
  /** Only on PostgreSQL: a pool for LISTEN clients and raw batched statements. */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL pool size; defaults to 10. */
  poolSize?: number;
}

export function openDatabase(opts: DatabaseOptions): Database {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openSqlite(opts.dataDir);
}

function openSqlite(dataDir: string): Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'linkwire.db');
  const sqlite = new SQLite(file);
  // WAL lets readers (other processes, the CLI) run beside the writer; NORMAL sync in WAL mode
  // is durable against process crashes (the redirect-after-commit promise) and loses at most the
  // last transactions on power loss — the usual trade-off of embedded deployments.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -64000');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    caps: SQLITE_CAPABILITIES,
    describe: `sqlite:${file}`,
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    caps: POSTGRES_CAPABILITIES,
    describe: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
    pgPool: pool,
    async close() {
      await db.destroy();
    },
  };
}
