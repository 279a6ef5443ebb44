import { type Kysely, sql } from 'kysely';
import { runCompiledArrays } from '../db/compiled.js';
import type { DB } from '../db/schema.js';
import { type ClaimedDelivery, claimedFromRows } from './claimed.js';

// Claim on SQLite: one process is the writer, so a plain conditional UPDATE is atomic — no row
// locks to skip (pg-boss keeps the same variant for engines without SKIP LOCKED).
//
// The inner SELECT walks the partial index deliveries_due_idx (next_attempt_at WHERE status =
// 'pending'): `status = 'pending'` must stay a literal, a bound parameter would not match the
// index predicate and the planner would scan the table. Held deliveries (disabled endpoints) sit
// at next_attempt_at = HELD_UNTIL and are never reached. The lease is folded into next_attempt_at:
// a claimed row is "due" again when its lease expires, so a crashed process's claims come back
// without a sweeper.
//
// The envelope comes back with the claim (a scalar subquery in RETURNING: one primary-key lookup
// per row), instead of a second statement with an IN list of the batch's event ids. Rows are
// picked by rowid, not id: the outer UPDATE then finds each row directly instead of through the
// primary-key index first.
//
// Rows come back as arrays (runCompiledArrays): object rows, built by better-sqlite3 and copied
// again by the CamelCasePlugin, made up a quarter of the claim's cost.
//
// The envelope comes back as its UTF-8 bytes (CAST … AS BLOB: a Buffer, outside the JS heap), not
// as a string: the main thread never reads it, and the sender thread needs bytes for the HMAC and
// the socket. A string would be copied into the heap here, serialised to the thread and encoded to
// UTF-8 there; those strings were most of what the main thread's scavenges copied and promoted.
// With the bytes (and the attempt parameters bound straight from the outcomes, commit e38b41a) a
// 60 000-delivery drain scavenges every ~160 ms instead of ~100, promotes 1.4 MB instead of 2.2
// each time and pauses 120 ms instead of 170 (bench/README.md#garbage).
//
// Measured (commit ad4607c): a claim has a fixed cost of ~375–450 µs, mostly its own commit (7 WAL
// frames for 16 rows, 39 for 256); in all 39 µs per row at 16 rows, 22 at 64, 17 at 256, which is
// why the dispatcher claims at least half a batch while backlogged (claim.ts, minBacklogClaim()).
// Picking rows by rowid instead of id IN: 4.9–6.4 against 5.5–6.3 µs per row in 50-row claims
// (bench/README.md#sqlite-claim).
export async function claimDueSqlite(db: Kysely<DB>, workerId: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedDelivery[]> {
  // Compiled once per database (db/compiled.ts).
  const rows = await runCompiledArrays(db, 'claim.sqlite', [workerId, leaseUntil, now, limit], () =>
    sql`
      UPDATE deliveries SET claimed_by = ${workerId}, next_attempt_at = ${leaseUntil}
      WHERE rowid IN (
        SELECT rowid FROM deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at
        LIMIT ${limit}
      )
      RETURNING id, account_id, webhook_id, event_id, attempt_count, is_test,
        CAST((SELECT payload FROM events WHERE events.id = deliveries.event_id) AS BLOB) AS payload`.compile(db),
  );
  return claimedFromRows(rows);
}
