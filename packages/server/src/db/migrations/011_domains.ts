import { type Kysely, sql } from 'kysely';

// Custom domains (PRODUCT.md §10, docs/domains.md). A hostname is held by one account at a time:
// the partial unique index covers rows not released, so a claim by another account (proving the TXT
// record now) releases the old row instead of deleting it — nothing is deleted silently. Checks are
// claimed like deliveries: the worker writes lease_until in the claiming UPDATE, so two workers
// never check one domain at once; domains_due_idx is the walk of due domains.
// Links gain a nullable domain_id: a link on a custom domain is served at /{slug} of that host only.
// The slug stays unique instance-wide (002's inline UNIQUE cannot be dropped on SQLite without a
// table rebuild), which is stricter than "unique per domain" and never ambiguous.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('domains')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ownership_token', 'text', (c) => c.notNull())
    .addColumn('root_url', 'text')
    .addColumn('not_found_url', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('verify_method', 'text')
    .addColumn('first_checked_at', 'bigint')
    .addColumn('last_checked_at', 'bigint')
    .addColumn('next_check_at', 'bigint')
    .addColumn('check_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failing_since', 'bigint')
    .addColumn('last_reason', 'text')
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('manual_check_at', 'bigint')
    .addColumn('released_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX domains_hostname_idx ON domains (hostname) WHERE released_at IS NULL`.execute(db);
  await db.schema.createIndex('domains_account_idx').on('domains').columns(['account_id', 'id']).execute();
  await sql`CREATE INDEX domains_due_idx ON domains (next_check_at) WHERE next_check_at IS NOT NULL`.execute(db);

  await db.schema
    .createTable('domain_checks')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('domain_id', 'text', (c) => c.notNull().references('domains.id').onDelete('cascade'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('records', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('domain_checks_domain_idx').on('domain_checks').columns(['domain_id', 'id']).execute();

  await db.schema
    .alterTable('links')
    .addColumn('domain_id', 'text', (c) => c.references('domains.id'))
    .execute();
  await db.schema.createIndex('links_domain_idx').on('links').columns(['domain_id', 'slug']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('links_domain_idx').execute();
  await db.schema.alterTable('links').dropColumn('domain_id').execute();
  await db.schema.dropTable('domain_checks').execute();
  await db.schema.dropTable('domains').execute();
}
