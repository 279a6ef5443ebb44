import { type Kysely, sql } from 'kysely';
import { LOGIN_WINDOW_MS } from '../accounts/service.js';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import type { BackgroundService } from '../context.js';
import { type IdPrefix, idTimePrefix } from '../lib/ids.js';
import { startPeriodic } from '../lib/periodic.js';

/** Rows per DELETE: short statements, so the writer (SQLite) is never held for long. */
export const PURGE_BATCH = 5_000;
/** Batches per run: a backlog of history is worked off over several runs, not in one burst. */
const MAX_BATCHES_PER_RUN = 200;
const DAY_MS = 86_400_000;

/** The smallest id `prefix` could have been given at `ms`: every id minted earlier sorts before it. */
export function idBefore(prefix: IdPrefix, ms: number): string {
  return `${prefix}_${idTimePrefix(ms)}`;
}

export interface PurgeReport {
  attempts: number;
  deliveries: number;
  events: number;
  sessions: number;
  loginFailures: number;
}

async function repeat(statement: () => Promise<number>, yieldBetween: boolean): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const n = await statement();
    total += n;
    if (n < PURGE_BATCH) break;
    // Let requests and deliveries in between batches (better-sqlite3 runs on this thread).
    if (yieldBetween) await new Promise((r) => setImmediate(r));
  }
  return total;
}

/**
 * Deletes what no longer serves a purpose, in batches of PURGE_BATCH rows:
 * - history older than LINKWIRE_RETENTION_DAYS: attempts, finished deliveries (their attempts go
 *   with them, ON DELETE CASCADE) and events no pending delivery still needs. Pending deliveries —
 *   due, retrying or held by a disabled endpoint — and their events are kept;
 * - expired sessions (accountForSession already refuses them);
 * - login failures older than the login throttle's window (LOGIN_WINDOW_MS, 15 minutes): the
 *   throttle counts only failures inside it, and each failure a known account suffered is also a
 *   security.login_failed event, which the history retention keeps.
 * Time-ordered rows are picked by id on the primary keys: ids begin with their creation time
 * (lib/ids.ts idTimePrefix), so "older than T" is a range scan `id < '<prefix>_<T>'` and needs no
 * index on created_at, whatever the history size. A login failure's id is minted after its
 * created_at (the password check runs in between), so the id range never takes a failure the
 * throttle still counts.
 */
export async function purgeHistory(db: Kysely<DB>, retentionDays: number, now = Date.now(), yieldBetween = true): Promise<PurgeReport> {
  const cutoff = now - retentionDays * DAY_MS;
  const attempts = await repeat(async () => {
    const res = await sql`
      DELETE FROM attempts WHERE id IN (
        SELECT a.id FROM attempts a
        WHERE a.id < ${idBefore('att', cutoff)}
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.id = a.delivery_id AND d.status = 'pending')
        LIMIT ${PURGE_BATCH})`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }, yieldBetween);
  const deliveries = await repeat(async () => {
    const res = await sql`
      DELETE FROM deliveries WHERE id IN (
        SELECT id FROM deliveries WHERE id < ${idBefore('dlv', cutoff)} AND status <> 'pending' LIMIT ${PURGE_BATCH})`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }, yieldBetween);
  const events = await repeat(async () => {
    const res = await sql`
      DELETE FROM events WHERE id IN (
        SELECT e.id FROM events e
        WHERE e.id < ${idBefore('evt', cutoff)}
          AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.status = 'pending')
        LIMIT ${PURGE_BATCH})`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }, yieldBetween);
  // Sessions are keyed by their token's hash, not by a time-ordered id, and have no index on
  // expires_at: each batch scans the table. It holds one row per dashboard login of the last 30
  // days (SESSION_TTL_MS) plus at most one run's worth of expired ones: 100 000 live sessions scan
  // in 5 ms on SQLite. An index on expires_at was rejected: a migration so that one statement every
  // 5 minutes saves a few ms, paid with one more B-tree written by every login.
  const sessions = await repeat(async () => {
    const res = await sql`
      DELETE FROM sessions WHERE token_hash IN (
        SELECT token_hash FROM sessions WHERE expires_at <= ${now} LIMIT ${PURGE_BATCH})`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }, yieldBetween);
  const loginFailures = await repeat(async () => {
    const res = await sql`
      DELETE FROM login_failures WHERE id IN (
        SELECT id FROM login_failures WHERE id < ${idBefore('lf', now - LOGIN_WINDOW_MS)} LIMIT ${PURGE_BATCH})`.execute(db);
    return Number(res.numAffectedRows ?? 0);
  }, yieldBetween);
  return { attempts, deliveries, events, sessions, loginFailures };
}

/** The worker's retention service: every 5 minutes, first a minute after start. */
export function startRetention(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'delivery-retention', 5 * 60_000, 60_000, async () => {
    const report = await purgeHistory(ctx.db, ctx.config.retentionDays);
    if (Object.values(report).some((n) => n > 0)) ctx.log.info({ ...report, retentionDays: ctx.config.retentionDays }, 'purged old history');
  });
}
