import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { DB } from '../db/schema.js';
import type { BackgroundService } from '../context.js';
import { startPeriodic } from '../lib/periodic.js';

/** Rows per DELETE: short statements, so the writer (SQLite) is never held for long. */
export const PURGE_BATCH = 5_000;
/** Batches per run: a backlog of history is worked off over several runs, not in one burst. */
const MAX_BATCHES_PER_RUN = 200;
const DAY_MS = 86_400_000;

// Ids are time-sortable (lib/ids.ts: 10 Crockford base32 characters of epoch ms first), so "older
// than T" is a primary-key range scan `id < '<prefix>_<T>'` — no index on created_at is needed for
// deliveries and events, whatever the history size.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export function idBefore(prefix: string, ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}`;
}

export interface PurgeReport {
  attempts: number;
  deliveries: number;
  events: number;
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
 * Deletes history older than LINKWIRE_RETENTION_DAYS: attempts, finished deliveries (their
 * attempts go with them, ON DELETE CASCADE) and events no pending delivery still needs. Pending
 * deliveries — due, retrying or held by a disabled endpoint — and their events are kept. Rows are
 * picked by id on the primary keys: ids begin with their creation time (lib/ids.ts idBefore).
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
  return { attempts, deliveries, events };
}

/** The worker's retention service: every 5 minutes, first a minute after start. */
export function startRetention(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'delivery-retention', 5 * 60_000, 60_000, async () => {
    const report = await purgeHistory(ctx.db, ctx.config.retentionDays);
    if (report.attempts + report.deliveries + report.events > 0) ctx.log.info({ ...report, retentionDays: ctx.config.retentionDays }, 'purged old history');
  });
}
