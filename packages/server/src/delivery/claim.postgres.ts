import { type Kysely, sql } from 'kysely';
import { POSTGRES_CAPABILITIES } from '../db/capabilities.js';
import { runCompiledArrays } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { avoidPlans } from '../db/transaction.js';
import { type ClaimedDelivery, claimedFromRows } from './claimed.js';

// Claim on PostgreSQL: several workers claim concurrently. FOR UPDATE SKIP LOCKED makes each
// worker skip rows another is claiming in the same instant instead of queueing behind its locks
// (graphile-worker's and pg-boss's approach); the UPDATE writes the lease in the same statement.
//
// The CTE's scan uses the partial index deliveries_due_idx (status = 'pending' is a literal so the
// planner can match the index predicate). The lease is written to claimed_by and lease_until,
// neither of them indexed, so the claim is a HOT update (migration 006: no index entries, the new
// version on the same page) instead of a new row version indexed five times over. Rows in flight
// stay in the due index, so the scan steps over them (`claimed_by IS NULL OR lease_until <= now`);
// a crashed worker's claims become claimable when their lease expires, no sweeper needed. When a
// row is locked after another worker's claim committed, PostgreSQL re-checks that condition on the
// new version (READ COMMITTED's EvalPlanQual), so a row is never claimed twice while leased.
// The envelope comes back with the claim (a scalar subquery per row), saving a round trip per batch.
//
// The claim runs with sorting disabled (avoidPlans, in its own transaction): the one plan left is
// the walk of the due index in order, which stops after `limit` rows. With statistics gone stale
// after a bulk of inserts (a backlog filled faster than autovacuum's ANALYZE follows, every bench
// drain), the planner believed ~144 rows were due and chose a bitmap scan of all 65 000 plus an
// on-disk sort: 140–155 ms per claim against ~6 ms. With the lease column (migration 006) and the
// named prepared statements, in one commit (af3e46b), this took two workers from 4 200–5 900 to
// 7 000–8 200 deliveries/s on the VM of 2026-11-23; in the full run of 2026-12-01 two workers
// drained 13 420 /s, 0.72× the SQLite process (0.56× in the run after it;
// bench/README.md#postgresql, #current-results).
export async function claimDuePostgres(db: Kysely<DB>, workerId: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedDelivery[]> {
  // Compiled once per database (db/compiled.ts), a prepared statement on each connection.
  const rows = await db.transaction().execute(async (tx) => {
    await avoidPlans(tx, POSTGRES_CAPABILITIES, ['sort']);
    return runCompiledArrays(tx, 'claim.postgres', [now, now, limit, workerId, leaseUntil], () =>
      sql`
        WITH due AS (
          SELECT id FROM deliveries
          WHERE status = 'pending' AND next_attempt_at <= ${now} AND (claimed_by IS NULL OR lease_until <= ${now})
          ORDER BY next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        UPDATE deliveries d SET claimed_by = ${workerId}, lease_until = ${leaseUntil}
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.account_id, d.webhook_id, d.event_id, d.attempt_count, d.is_test,
          (SELECT e.payload FROM events e WHERE e.id = d.event_id) AS payload`.compile(tx),
    );
  });
  return claimedFromRows(rows);
}
