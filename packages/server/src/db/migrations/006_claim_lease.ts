import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A claim's lease gets a column of its own. Before this migration a claim folded its lease into
// next_attempt_at, which the due index (deliveries_due_idx) is built on: on PostgreSQL that made
// every claim a non-HOT update — a new row version on another page plus an entry in each of the
// table's five indexes, for every delivery. From here on the PostgreSQL claim writes only
// claimed_by and lease_until, neither indexed, so with room on the page (fillfactor below) it is a
// heap-only (HOT) update that touches no index. SQLite's claim keeps folding the lease into
// next_attempt_at (claim.sqlite.ts says why); the column exists there too so both dialects share
// one schema.
//
// Rows claimed when this runs keep their lease: it is copied from next_attempt_at.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('lease_until', 'bigint').execute();
  await db
    .updateTable('deliveries')
    .set({ lease_until: sql.ref('next_attempt_at') })
    .where('claimed_by', 'is not', null)
    .execute();
  // fillfactor 50: a claim takes consecutive rows (due order ≈ insert order), often every row of a
  // page in one statement, and a HOT update needs room for the new version on the same page. At
  // 70 about half of each page's claims still had to move (measured with n_tup_hot_upd; bench/README.md#postgresql).
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`ALTER TABLE deliveries SET (fillfactor = 50)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`ALTER TABLE deliveries RESET (fillfactor)`.execute(db);
  await db.schema.alterTable('deliveries').dropColumn('lease_until').execute();
}
