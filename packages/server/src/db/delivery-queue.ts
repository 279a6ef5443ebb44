import { type Kysely, sql } from 'kysely';
import { PREPARED, runCompiled } from './compiled.js';

// PostgreSQL's queue of pending deliveries (migration 017): delivery_queue (id, next_attempt_at),
// one row per pending delivery at the earliest time it can be claimed. The claim
// (delivery/claim.postgres.ts) reads it instead of walking `deliveries`, so the results flush
// updates deliveries without touching an index (HOT), and rows in flight wait at their lease's end
// instead of being stepped over by every claim. Capabilities.deliveryQueue says whether the
// database has it; SQLite has not (one process claims there, from deliveries_due_idx).
//
// The one rule: every pending delivery has a queue row due no later than the delivery can be
// claimed. A queue row that is early, or whose delivery was settled or deleted, is harmless: the
// claim that finds it due looks at the delivery, moves the row to the right time or deletes it. A
// pending delivery without a row would never be claimed. Who keeps the rule:
// - enqueue(): fan-out, in the transaction that inserts the deliveries (the only INSERT into
//   deliveries);
// - the claim: moves the rows it leases to the lease's end;
// - the trigger deliveries_queue (migration 017): any UPDATE that makes a delivery pending, moves
//   its due time, or lets go of its lease (retries, replays, releases, takeovers, holds, listen
//   parking), or cancels it, in the same transaction, whoever writes it; deliveries_queue_gone
//   does the same for a pending delivery deleted;
// - dequeue(): the results flush, for the rows it settles (tidiness, not the rule). Deliveries
//   failed elsewhere (an event purged before sending, a sink's refusal) keep their queue row at
//   the lease's end, and the claim that finds it then deletes it.

/** Queue rows for deliveries just inserted, due at `at` (one per id, same order). */
export async function enqueue(tx: Kysely<any>, ids: readonly string[], at: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  // Two array parameters whatever the count: one statement text, prepared once per connection.
  await runCompiled(tx, 'deliveryQueue.enqueue', [ids, at], () =>
    sql`${sql.raw(PREPARED)}INSERT INTO delivery_queue (id, next_attempt_at) SELECT * FROM unnest(CAST(${ids} AS text[]), CAST(${at} AS bigint[]))`.compile(tx),
  );
}

/** Removes the queue rows of settled deliveries. */
export async function dequeue(tx: Kysely<any>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await runCompiled(tx, 'deliveryQueue.dequeue', [ids], () =>
    sql`${sql.raw(PREPARED)}DELETE FROM delivery_queue WHERE id = ANY(CAST(${ids} AS text[]))`.compile(tx),
  );
}
