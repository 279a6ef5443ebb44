import { type Kysely, sql } from 'kysely';

// Analytics sinks (PRODUCT.md §12): GA4, Segment and PostHog connections. Each integration owns one
// webhooks row of kind 'sink' (its `webhook_id`), so the ordinary fan-out makes its deliveries and the
// ordinary claim, retries and history apply; the dispatcher hands claimed sink deliveries to
// delivery/sinks/, which batches them per sink. Credentials are sealed with the master key
// (lib/secretbox.ts); `credentials_hint` holds the masked form the API shows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('webhook_id', 'text', (c) => c.notNull().references('webhooks.id'))
    .addColumn('name', 'text')
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('credentials_enc', 'text', (c) => c.notNull())
    .addColumn('credentials_hint', 'text', (c) => c.notNull())
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('integrations_account_idx').on('integrations').columns(['account_id', 'id']).execute();
  await sql`CREATE UNIQUE INDEX integrations_webhook_idx ON integrations (webhook_id)`.execute(db);
  // A widget's optional link (e.g. the newsletter's archive): following it is a link.click of type
  // "widget" (PRODUCT.md §12, web/public.ts /{handle}/w/{widgetId}).
  await db.schema.alterTable('widgets').addColumn('url', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('widgets').dropColumn('url').execute();
  await db.schema.dropTable('integrations').execute();
}
