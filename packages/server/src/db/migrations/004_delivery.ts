import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Delivery engine. On PostgreSQL, a statement-level trigger sends NOTIFY linkwire_deliveries after
// every INSERT into deliveries, so worker processes wake within a millisecond of the emitting
// transaction's commit (NOTIFY is delivered on commit, and never for a rollback). Doing it in the
// database covers every path that queues deliveries (emit, test sends) without each having to
// remember. It is only a latency hint: the dispatcher's poll is the guarantee. Identical
// notifications within one transaction are folded into one by PostgreSQL.
// SQLite has no cross-process notification; one process dispatches there and is woken in-process.
// No columns change, so both dialects keep the same logical schema.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`
    CREATE OR REPLACE FUNCTION linkwire_notify_deliveries() RETURNS trigger AS $$
    BEGIN
      PERFORM pg_notify('linkwire_deliveries', '');
      RETURN NULL;
    END;
    $$ LANGUAGE plpgsql`.execute(db);
  await sql`
    CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION linkwire_notify_deliveries()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`DROP TRIGGER IF EXISTS deliveries_notify ON deliveries`.execute(db);
  await sql`DROP FUNCTION IF EXISTS linkwire_notify_deliveries()`.execute(db);
}
