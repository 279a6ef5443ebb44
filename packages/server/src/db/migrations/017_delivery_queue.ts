import { type Kysely, PostgresAdapter, sql } from 'kysely';

// PostgreSQL: the claim's due index moves out of `deliveries` into a narrow table of its own,
// delivery_queue (id, next_attempt_at), one row per pending delivery, at the earliest time it can
// be claimed: its next_attempt_at, or its lease's end while it is leased. SQLite is unchanged (one
// process claims there; its claim walks deliveries_due_idx).
//
// Why: on `deliveries` the due index was a partial index on next_attempt_at WHERE status =
// 'pending', so every results write (status changes) was a new row version with an entry in each
// of the table's indexes, and every claim stepped over the rows in flight, which stay pending. With the index gone,
// the results UPDATE is a HOT update (no index holds status or next_attempt_at): 10.5 µs a row
// against ~30 µs on a scratch database; and the claim reads a queue in which rows in flight wait at
// their lease's end. Two workers drained +8.5 % on the medians of seven alternating pairs
// (bench/README.md#postgresql).
//
// Who keeps the queue in step (db/delivery-queue.ts says it in full):
// - fan-out inserts the queue rows of the deliveries it inserts (the only INSERT into deliveries);
// - the claim moves the rows it leases to the lease's end, and tidies rows it finds stale;
// - a pending delivery deleted (a cascade) takes its queue row along (deliveries_queue_gone);
// - the results flush deletes the rows of settled deliveries;
// - every other UPDATE that makes a delivery claimable sooner, moves its due time, or makes it
//   pending again (retries, replays, releases, takeovers, holds, listen parking), or cancels it, is
//   covered by the row trigger below, whose WHEN clause is false for the hot writes (the claim's
//   lease, a delivery that succeeded), so they never fire it. A row trigger fired on every write
//   was measured at ~40 µs a row: worse than no queue at all.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE TABLE delivery_queue (id text PRIMARY KEY, next_attempt_at bigint NOT NULL)`.execute(db);
  await sql`CREATE INDEX delivery_queue_due_idx ON delivery_queue (next_attempt_at)`.execute(db);
  await sql`
    INSERT INTO delivery_queue (id, next_attempt_at)
    SELECT id, ${claimableAt('deliveries')} FROM deliveries WHERE status = 'pending'`.execute(db);
  await sql`
    CREATE FUNCTION linkwire_queue_delivery() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM delivery_queue WHERE id = OLD.id;
      ELSIF NEW.status = 'pending' THEN
        INSERT INTO delivery_queue (id, next_attempt_at) VALUES (NEW.id, ${claimableAt('NEW')})
        ON CONFLICT (id) DO UPDATE SET next_attempt_at = EXCLUDED.next_attempt_at;
      ELSE
        DELETE FROM delivery_queue WHERE id = NEW.id;
      END IF;
      RETURN NULL;
    END;
    $$ LANGUAGE plpgsql`.execute(db);
  // Fires when a delivery becomes pending, its due time moves, or its lease is let go of (the time
  // it can be claimed moves earlier); and when a pending delivery is cancelled (an endpoint
  // deleted, an integration disconnected: bulk writes that would otherwise leave held rows'
  // queue rows behind for good). Never for the claim (it writes only the lease: a later time)
  // nor for a delivery that succeeds or fails (the results flush dequeues those itself; the few
  // failed elsewhere are tidied by the claim once their lease ends).
  await sql`
    CREATE TRIGGER deliveries_queue AFTER UPDATE OF status, next_attempt_at, claimed_by, lease_until ON deliveries
    FOR EACH ROW WHEN (
      (NEW.status = 'pending' AND (
        OLD.status IS DISTINCT FROM 'pending'
        OR NEW.next_attempt_at IS DISTINCT FROM OLD.next_attempt_at
        OR ${claimableAt('NEW')} < ${claimableAt('OLD')}))
      OR (OLD.status = 'pending' AND NEW.status = 'cancelled'))
    EXECUTE FUNCTION linkwire_queue_delivery()`.execute(db);
  // A pending delivery deleted (its account's, endpoint's or event's rows cascading) takes its
  // queue row along. Retention deletes only settled deliveries: it never fires this.
  await sql`
    CREATE TRIGGER deliveries_queue_gone AFTER DELETE ON deliveries
    FOR EACH ROW WHEN (OLD.status = 'pending')
    EXECUTE FUNCTION linkwire_queue_delivery()`.execute(db);
  await sql`DROP INDEX deliveries_due_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`DROP TRIGGER IF EXISTS deliveries_queue ON deliveries`.execute(db);
  await sql`DROP TRIGGER IF EXISTS deliveries_queue_gone ON deliveries`.execute(db);
  await sql`DROP FUNCTION IF EXISTS linkwire_queue_delivery()`.execute(db);
  await sql`DROP TABLE IF EXISTS delivery_queue`.execute(db);
}

/**
 * When a pending row can next be claimed: its due time, or the end of its lease while it has one
 * (PostgreSQL's claim: `next_attempt_at <= now AND (claimed_by IS NULL OR lease_until <= now)`).
 */
function claimableAt(row: string) {
  const r = sql.raw(row);
  return sql`(CASE WHEN ${r}.claimed_by IS NULL THEN ${r}.next_attempt_at ELSE GREATEST(${r}.next_attempt_at, COALESCE(${r}.lease_until, ${r}.next_attempt_at)) END)`;
}
