import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ARRAY_ROWS, PREPARED } from './compiled.js';
import { type Capabilities, POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from './capabilities.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from './checkpointer.js';
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
  /** SQLite: the WAL checkpointer thread failed (checkpoints fall back to the main connection). */
  onCheckpointError?: (err: Error) => void;
}

export function openDatabase(opts: DatabaseOptions): Database {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : openSqlite(opts.dataDir, opts.onCheckpointError);
}

function openSqlite(dataDir: string, onCheckpointError?: (err: Error) => void): Database {
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
  // 16 MB of page cache (the OS caches the file too). 64 MB put a 1 000 000-delivery drain over
  // the 300 MB RSS target: bench --backlog with 200 000, 326 MB at 64 MB, 273 MB at 16 MB, drain
  // rate unchanged within noise (6 211 vs 5 645 /s, then 6 574 /s). Today the 1M backlog peaks at
  // 256 MB (bench/README.md#memory).
  sqlite.pragma('cache_size = -16000');
  // Checkpoints run on their own thread (checkpointer.ts); this is only the fallback.
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file, { onError: onCheckpointError });
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    caps: SQLITE_CAPABILITIES,
    describe: `sqlite:${file}`,
    async close() {
      await db.destroy();
      await checkpointer.close();
    },
  };
}

// Kysely's SQLite driver prepares every statement anew. Preparing costs more than running a small
// indexed statement (~25 µs of the ~40 µs of a one-row INSERT here), and the hot paths (clicks,
// claims, results) run the same few statements thousands of times a second, so prepared statements
// are kept by SQL text. Kysely runs one statement at a time on its single SQLite connection, so a
// statement is never in use twice. Multi-row INSERTs of varying sizes make distinct texts: the
// cache is an LRU capped at STATEMENT_CACHE_SIZE.
const STATEMENT_CACHE_SIZE = 512;

// Transactions begin IMMEDIATE: Kysely's driver says `begin`, a deferred transaction, which takes
// the write lock only at its first write. When another process (the CLI beside a running server)
// committed in between, SQLite then refuses that write at once with SQLITE_BUSY instead of waiting
// busy_timeout, because the transaction's reads are stale (test/sqlite-locking.test.ts). Within
// this process Kysely serialises transactions on its one connection, so nothing waits longer.
export function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') return Reflect.get(target, prop, receiver);
      return (text: string) => {
        // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR);
        // Kysely's ROLLBACK after it would fail ("no transaction is active") and replace the
        // error that says what happened (the disk is full) with one that says nothing.
        const sql = text === 'begin' ? 'begin immediate' : text === 'rollback' && !target.inTransaction ? 'select 0 where 0' : text;
        let stmt = cache.get(sql);
        if (stmt) {
          cache.delete(sql);
        } else {
          stmt = target.prepare(sql);
          // runCompiledArrays (db/compiled.ts) marks the statements whose rows it wants as arrays.
          if (sql.startsWith(ARRAY_ROWS)) stmt.raw(true);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        }
        cache.set(sql, stmt);
        return stmt;
      };
    },
  });
}

// node-postgres sends a query as an unnamed statement: PostgreSQL parses, analyses and plans it
// on every run. The hot statements (db/compiled.ts: claims, result flushes, click batches) are a few
// fixed texts run thousands of times a second, with up to 256 rows of parameters; the texts marked
// PREPARED go as named statements instead, parsed once per connection (node-postgres remembers
// which it has prepared on each) and then only bound and executed. Texts marked ARRAY_ROWS as
// well come back with rows as arrays (runCompiledArrays). Their own gain was not measured apart:
// they landed with the lease column and the planner settings (commit af3e46b), which together took
// two PostgreSQL workers from 4 200–5 900 to 7 000–8 200 deliveries/s (bench/README.md#postgresql).
const statementNames = new Map<string, string>();

function preparedQuery(client: pg.PoolClient, sql: string, parameters: ReadonlyArray<unknown>) {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `lw_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  const values = parameters as unknown[];
  return sql.startsWith(ARRAY_ROWS) ? client.query({ name, text: sql, values, rowMode: 'array' }) : client.query({ name, text: sql, values });
}

function withPreparedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        const c = client;
        // A checked-out client has no pool listener: its connection lost between two queries (a
        // server restart) would be an unhandled 'error' that ends the process. Kept, it makes the
        // release destroy the client instead of returning it to the pool.
        let lost: Error | undefined;
        c.on('error', (err) => {
          lost = err;
        });
        const query = (sql: unknown, parameters?: ReadonlyArray<unknown>) =>
          typeof sql === 'string' && (sql.startsWith(PREPARED) || sql.startsWith(ARRAY_ROWS))
            ? preparedQuery(c, sql, parameters ?? [])
            : c.query(sql as string, parameters as unknown[]); // a cursor or a text query, passed on unchanged
        w = { query: query as unknown as PostgresPoolClient['query'], release: () => c.release(lost) };
        wrapped.set(client, w);
      }
      return w;
    },
    end: () => pool.end(),
  };
}

function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: withPreparedStatements(pool) }),
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
