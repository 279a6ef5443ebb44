import { type Kysely, sql } from 'kysely';

// `linkwire listen` endpoints (docs/webhooks.md, section 10): an endpoint of kind 'listen' is fed by the same
// fan-out and dispatcher as an HTTP one, but its deliveries are streamed to a connected CLI instead
// of POSTed (delivery/listen.ts). `device` names the machine the CLI runs on: one listen endpoint
// per (account, device), so two laptops of one account each get their own stream and history; the
// partial unique index makes "create or reuse" safe when two CLIs of one machine start together.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('webhooks')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('http'))
    .execute();
  await db.schema.alterTable('webhooks').addColumn('device', 'text').execute();
  await sql`CREATE UNIQUE INDEX webhooks_listen_device_idx ON webhooks (account_id, device) WHERE kind = 'listen' AND deleted_at IS NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX webhooks_listen_device_idx`.execute(db);
  await db.schema.alterTable('webhooks').dropColumn('device').execute();
  await db.schema.alterTable('webhooks').dropColumn('kind').execute();
}
