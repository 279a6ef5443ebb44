import { type Kysely, sql } from 'kysely';
import { POSTGRES_CAPABILITIES } from '../db/capabilities.js';
import { runCompiledArrays } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { avoidPlans } from '../db/transaction.js';
import { type ClaimedDelivery, claimedFromRows } from './claimed.js';

// Claim on PostgreSQL: several workers claim concurrently, from the queue table delivery_queue
// (db/delivery-queue.ts: one row per pending delivery, at the earliest time it can be claimed). In
// one statement:
// - `due` takes the queue's first due rows joined to their deliveries, and locks both, SKIP
//   LOCKED: each worker skips rows another is claiming in the same instant instead of queueing
//   behind its locks (graphile-worker's and pg-boss's approach), and a delivery someone else is
//   writing is left for the next claim. The claim never waits on a lock, so it can never be one
//   side of a deadlock (an endpoint being disabled holds its deliveries while the trigger writes
//   their queue rows), and what it decides below rests on rows nobody can change before it commits
//   (READ COMMITTED re-reads a locked row that changed meanwhile, and re-checks the join);
// - `claimed` leases those that can be claimed (pending, due, no lease or an expired one) by writing
//   claimed_by and lease_until: no index holds either, so it is a HOT update (migration 006);
// - `moved` sets each queue row to when its delivery can next be claimed: the lease's end for those
//   just leased, so rows in flight leave the due range and no claim steps over them; for a row found
//   early (a delivery leased elsewhere, say), its real time;
// - `gone` deletes the queue rows of deliveries no longer pending (settled behind the queue's back).
// The envelope comes back with the claim (a scalar subquery per row), saving a round trip per batch.
//
// Measured on a scratch database (130 000 queued, claims of 256, 80 alternating rounds, medians):
// 22.1 µs per claimed row. Locking the deliveries costs ~2.8 µs of it (19.3 µs without, the
// experiment of bench/README.md#postgresql); a separate locking read of them, and a tidy-up that
// also looked for deleted deliveries (the trigger deliveries_queue_gone covers those), cost 24.6 µs.
//
// The claim runs with sorting disabled (avoidPlans, in its own transaction): the one plan left is
// the walk of the due index in order, which stops after `limit` rows. With statistics gone stale
// after a bulk of inserts (a backlog filled faster than autovacuum's ANALYZE follows, every bench
// drain), the planner believed ~144 rows were due and chose a bitmap scan of all 65 000 plus an
// on-disk sort: 140–155 ms per claim against ~6 ms (commit af3e46b).
export async function claimDuePostgres(db: Kysely<DB>, workerId: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedDelivery[]> {
  const out: ClaimedDelivery[] = [];
  // A claim that took fewer than it asked for although it saw as many due rows found some of them
  // early, stale or being written: it fixed those, so look again (a few times at most), rather
  // than have the dispatcher take the short claim for an empty queue and wait for its poll.
  for (let round = 0; round < MAX_ROUNDS && out.length < limit; round++) {
    const want = limit - out.length;
    const { claimed, seen } = await claimOnce(db, workerId, now, leaseUntil, want);
    for (const d of claimed) out.push(d);
    if (seen < want) break;
  }
  return out;
}

const MAX_ROUNDS = 4;

async function claimOnce(
  db: Kysely<DB>,
  workerId: string,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<{ claimed: ClaimedDelivery[]; seen: number }> {
  // Compiled once per database (db/compiled.ts), a prepared statement on each connection.
  const rows = await db.transaction().execute(async (tx) => {
    await avoidPlans(tx, POSTGRES_CAPABILITIES, ['sort']);
    return runCompiledArrays(tx, 'claim.postgres', [now, limit, workerId, leaseUntil, now, now, leaseUntil], () =>
      sql`
        WITH due AS (
          SELECT q.id, d.status,
            CASE WHEN d.claimed_by IS NULL THEN d.next_attempt_at
              ELSE GREATEST(d.next_attempt_at, COALESCE(d.lease_until, d.next_attempt_at)) END AS claimable_at
          FROM delivery_queue q JOIN deliveries d ON d.id = q.id
          WHERE q.next_attempt_at <= ${now}
          ORDER BY q.next_attempt_at
          LIMIT ${limit}
          FOR NO KEY UPDATE SKIP LOCKED
        ),
        claimed AS (
          UPDATE deliveries d SET claimed_by = ${workerId}, lease_until = ${leaseUntil}
          FROM due WHERE d.id = due.id AND due.status = 'pending' AND due.claimable_at <= ${now}
          RETURNING d.id, d.account_id, d.webhook_id, d.event_id, d.attempt_count, d.is_test,
            (SELECT e.payload FROM events e WHERE e.id = d.event_id) AS payload
        ),
        moved AS (
          UPDATE delivery_queue q SET next_attempt_at = CASE WHEN due.claimable_at <= ${now} THEN ${leaseUntil} ELSE due.claimable_at END
          FROM due WHERE q.id = due.id AND due.status = 'pending'
        ),
        gone AS (
          DELETE FROM delivery_queue q USING due WHERE q.id = due.id AND due.status <> 'pending'
        )
        -- One row at least, so that the count of due rows seen comes back even when none was claimed.
        SELECT c.id, c.account_id, c.webhook_id, c.event_id, c.attempt_count, c.is_test, c.payload, s.seen
        FROM (SELECT count(*) AS seen FROM due) s LEFT JOIN claimed c ON true`.compile(tx),
    );
  });
  const seen = rows.length > 0 ? Number(rows[0]![7]) : 0;
  return { claimed: claimedFromRows(rows[0]?.[0] === null ? [] : rows), seen };
}
