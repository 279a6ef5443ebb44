import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.js';

// Database errors that are the storage's state, not a bug: the disk is full, or the database server
// cannot be reached (restarting, shut down, refusing connections). The HTTP layer answers them
// 503 problem+json with Retry-After instead of a 500, and /healthz reports them.

export type Unavailable = 'storage_full' | 'database_unavailable';

// SQLite result codes (better-sqlite3's err.code) and PostgreSQL SQLSTATEs / socket errors.
const FULL = new Set(['SQLITE_FULL', '53100']);
const UNREACHABLE_PG = /^(08|57P0)/;
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** What makes `err` an outage of the database, or null when it is any other error. */
export function databaseUnavailable(err: unknown): Unavailable | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  if (FULL.has(code)) return 'storage_full';
  if (code.startsWith('SQLITE_IOERR') || UNREACHABLE_PG.test(code) || SOCKET.has(code)) return 'database_unavailable';
  // node-postgres reports a connection lost mid-query with a plain Error.
  const message = String((err as { message?: unknown } | null)?.message ?? '');
  if (/^Connection terminated|timeout exceeded when trying to connect/.test(message)) return 'database_unavailable';
  return null;
}

/** How long /healthz waits for the database before calling it unavailable. */
const PING_TIMEOUT_MS = 2_000;

/** null when the database answers a trivial query in time; what is wrong otherwise. */
export async function pingDatabase(db: Kysely<DB>): Promise<Unavailable | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const answered = await Promise.race([
      sql`SELECT 1`.execute(db).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS);
      }),
    ]);
    return answered ? null : 'database_unavailable';
  } catch (err) {
    return databaseUnavailable(err) ?? 'database_unavailable';
  } finally {
    clearTimeout(timer);
  }
}
