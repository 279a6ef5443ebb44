import { sql } from 'kysely';
import type { AppContext, BackgroundService } from '../context.js';
import { idTimePrefix } from '../lib/ids.js';
import { startPeriodic } from '../lib/periodic.js';

const DAY_MS = 86_400_000;
const BATCH = 5_000;
const MAX_BATCHES = 200;

/**
 * Deletes audit rows older than LINKWIRE_AUDIT_RETENTION_DAYS in batches. Ids begin with their
 * creation time (lib/ids.ts), so "older than" is a primary-key range, as in delivery/retention.ts.
 */
export async function purgeAudit(ctx: Pick<AppContext, 'db'>, retentionDays: number, now = Date.now()): Promise<number> {
  const before = `aud_${idTimePrefix(now - retentionDays * DAY_MS)}`;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const res = await sql`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE id < ${before} ORDER BY id LIMIT ${BATCH})`.execute(ctx.db);
    const n = Number(res.numAffectedRows ?? 0);
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

/** Hourly (worker role). */
export function startAuditRetention(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'audit-retention', 3_600_000, 30_000, () => purgeAudit(ctx, ctx.config.auditRetentionDays));
}
