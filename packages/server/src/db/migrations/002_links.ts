import type { Kysely } from 'kysely';

// Link-in-bio: links, mailing-list widgets and their subscribers, and the analytics counters.
// Counters are kept incrementally (per link, per profile, and daily rollups) inside the click/visit
// batch transaction, so analytics never scan raw events. Rollup rows carry no foreign key to links:
// a deleted link's past clicks still count in the account's totals.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('links')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('thumbnail_url', 'text')
    .addColumn('expires_at', 'bigint')
    // Set once by the expiry scheduler, in the transaction that emits link.expired.
    .addColumn('expired_at', 'bigint')
    .addColumn('clicks', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('links_account_idx').on('links').columns(['account_id', 'position']).execute();
  await db.schema.createIndex('links_expiry_idx').on('links').columns(['expired_at', 'expires_at']).execute();

  await db.schema
    .createTable('widgets')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('widgets_account_idx').on('widgets').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('subscribers')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('widget_id', 'text', (c) => c.notNull())
    .addColumn('campaign_id', 'text')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A second sign-up with the same address is the same subscriber (idempotent).
  await db.schema.createIndex('subscribers_widget_email_idx').on('subscribers').columns(['widget_id', 'email']).unique().execute();
  await db.schema.createIndex('subscribers_account_idx').on('subscribers').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('profile_counters')
    .addColumn('account_id', 'text', (c) => c.primaryKey().notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('visits', 'bigint', (c) => c.notNull())
    .addColumn('clicks', 'bigint', (c) => c.notNull())
    .execute();

  // Daily rollups. `day` is the UTC date, "YYYY-MM-DD".
  await db.schema
    .createTable('daily_stats')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('visits', 'bigint', (c) => c.notNull())
    .addColumn('clicks', 'bigint', (c) => c.notNull())
    .addColumn('profile_clicks', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_stats_pk', ['account_id', 'day'])
    .execute();
  await db.schema
    .createTable('daily_link_clicks')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('clicks', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_link_clicks_pk', ['account_id', 'day', 'link_id'])
    .execute();
  await db.schema
    .createTable('daily_countries')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_countries_pk', ['account_id', 'day', 'country'])
    .execute();
  await db.schema
    .createTable('daily_referers')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('referer', 'text', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_referers_pk', ['account_id', 'day', 'referer'])
    .execute();

  // Account-defined milestone thresholds (JSON array of integers), beside the built-in 1K…1M.
  await db.schema
    .createTable('milestone_settings')
    .addColumn('account_id', 'text', (c) => c.primaryKey().notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('thresholds', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // One row per reached (subject, metric, threshold): the primary key makes analytics.milestone
  // fire exactly once even if two processes were to see the same crossing.
  await db.schema
    .createTable('milestones_reached')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('threshold', 'bigint', (c) => c.notNull())
    .addColumn('reached_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('milestones_reached_pk', ['account_id', 'subject', 'metric', 'threshold'])
    .execute();
}
