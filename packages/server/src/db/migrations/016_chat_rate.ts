import type { Kysely } from 'kysely';

// The chat rate limit across worker processes (PRODUCT.md §8, §12: a chat endpoint never gets more
// than about one message a second, whatever the number of workers). `chat_next_at` is the earliest
// time (Unix ms) the endpoint's next message may be posted; every worker takes its turn with one
// conditional UPDATE of it (delivery/chat-rate.ts) and writes a 429's Retry-After into it, so two
// workers on PostgreSQL share one bucket instead of each keeping its own. NULL: never posted.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhooks').addColumn('chat_next_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhooks').dropColumn('chat_next_at').execute();
}
