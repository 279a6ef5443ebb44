import type { Kysely } from 'kysely';

// Deep links for mobile apps (PRODUCT.md §11): the account's apps, a link's app settings, and the
// one-time tokens a mobile click creates. Keys and tokens are stored as SHA-256 hashes only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('apps')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON {teamId, bundleId, appStoreId} / {packageName, sha256CertFingerprints, playStoreUrl}, or null.
    .addColumn('ios', 'text')
    .addColumn('android', 'text')
    .addColumn('deferred_window_minutes', 'integer', (c) => c.notNull())
    .addColumn('deferred_probabilistic', 'integer', (c) => c.notNull())
    .addColumn('key_prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_rotated_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('apps_account_idx').on('apps').columns(['account_id', 'id']).execute();

  // A link's app settings: nullable, so every existing link stays a plain web link.
  await db.schema.alterTable('links').addColumn('app_id', 'text').execute();
  await db.schema.alterTable('links').addColumn('app_path', 'text').execute();
  await db.schema.alterTable('links').addColumn('app_params', 'text').execute();
  await db.schema.alterTable('links').addColumn('app_force_web', 'integer').execute();

  await db.schema
    .createTable('deeplink_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull().references('apps.id').onDelete('cascade'))
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('dest_url', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    // Probabilistic matching only (apps with deferred.probabilistic): a daily HMAC of coarse signals,
    // cleared when the window ends.
    .addColumn('match_key', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint')
    .addColumn('claim_method', 'text')
    .addColumn('install_id', 'text')
    .execute();
  await db.schema.createIndex('deeplink_tokens_match_idx').on('deeplink_tokens').columns(['app_id', 'match_key']).execute();
  await db.schema.createIndex('deeplink_tokens_expiry_idx').on('deeplink_tokens').columns(['expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('deeplink_tokens').execute();
  for (const column of ['app_id', 'app_path', 'app_params', 'app_force_web']) await db.schema.alterTable('links').dropColumn(column).execute();
  await db.schema.dropTable('apps').execute();
}
