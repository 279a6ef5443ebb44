import type { Kysely } from 'kysely';

// Integrations part A (PRODUCT.md §12): an endpoint's `format` (standard, or a chat service whose
// message is rendered by delivery/formats/), its `source` (api, or the no-code tool that owns the
// subscription, with its own cap), the sealed chat URL (`url` then holds only a masked form), and
// the reason a chat service refused a message permanently (shown until the endpoint is edited).
// integration_connections remembers which connections have already emitted integration.connected,
// so the event fires once per chat endpoint (its first successful test) and once per (API key,
// no-code tool) (its first GET /api/v1/me).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhooks')
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('standard'))
    .execute();
  await db.schema
    .alterTable('webhooks')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('api'))
    .execute();
  await db.schema.alterTable('webhooks').addColumn('url_enc', 'text').execute();
  await db.schema.alterTable('webhooks').addColumn('misconfigured_reason', 'text').execute();
  await db.schema
    .createTable('integration_connections')
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('integration', 'text', (c) => c.notNull())
    .addColumn('integration_id', 'text', (c) => c.notNull())
    .addColumn('connected_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('integration_connections_pk', ['account_id', 'integration', 'integration_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('integration_connections').execute();
  await db.schema.alterTable('webhooks').dropColumn('misconfigured_reason').execute();
  await db.schema.alterTable('webhooks').dropColumn('url_enc').execute();
  await db.schema.alterTable('webhooks').dropColumn('source').execute();
  await db.schema.alterTable('webhooks').dropColumn('format').execute();
}
