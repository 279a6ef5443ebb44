import type { Kysely } from 'kysely';

// attempts_started_idx served one query, the retention purge of old attempts. Attempt ids start
// with their creation time (lib/ids.ts), so from this migration on the purge selects by id on the
// primary key, like deliveries and events already did, and every attempt written — one per
// delivery attempt, the largest table — updates one index fewer (three B-trees instead of four).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attempts_started_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('attempts_started_idx').ifNotExists().on('attempts').column('started_at').execute();
}
