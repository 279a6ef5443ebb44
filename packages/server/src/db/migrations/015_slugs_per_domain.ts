import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Slugs are unique per domain (PRODUCT.md §10), not instance-wide: 002_links declared `slug`
// UNIQUE inline, so two accounts' domains could not both serve /spring. Now a slug is unique among
// links without a domain (the instance's /l/{slug}) and per domain_id among links on a domain, by
// two partial unique indexes; the second one also serves the (domain, slug) lookup that
// links_domain_idx (011_domains) did, so it replaces that index.
//
// PostgreSQL drops the constraint. SQLite cannot drop an inline UNIQUE: the table is rebuilt with
// SQLite's documented 12-step ALTER procedure (https://www.sqlite.org/lang_altertable.html#otheralter),
// keeping every column, index and trigger, and checking foreign keys before the commit. Kysely runs
// SQLite migrations outside a transaction (its adapter has no transactional DDL), which is what lets
// step 1 turn foreign_keys off: with it on, DROP TABLE would run the ON DELETE actions.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

// The links table as 002_links, 011_domains and 012_apps left it, with `slug` unique or not.
const linksTable = (name: string, slugUnique: boolean) => `CREATE TABLE "${name}" (
  "id" text not null primary key,
  "account_id" text not null references "accounts" ("id") on delete cascade,
  "slug" text not null${slugUnique ? ' unique' : ''},
  "url" text not null,
  "title" text not null,
  "type" text not null,
  "position" integer not null,
  "thumbnail_url" text,
  "expires_at" bigint,
  "expired_at" bigint,
  "clicks" bigint default 0 not null,
  "created_at" bigint not null,
  "updated_at" bigint not null,
  "domain_id" text references "domains" ("id"),
  "app_id" text,
  "app_path" text,
  "app_params" text,
  "app_force_web" integer
)`;

const COLUMNS =
  '"id", "account_id", "slug", "url", "title", "type", "position", "thumbnail_url", "expires_at", "expired_at", "clicks", "created_at", "updated_at", "domain_id", "app_id", "app_path", "app_params", "app_force_web"';

async function rebuildSqliteLinks(db: Kysely<any>, slugUnique: boolean): Promise<void> {
  // 1. Foreign keys off (remembering the setting), 2. a transaction.
  // Its one column is read by position: the app's CamelCasePlugin renames it to foreignKeys.
  const fk = await sql<Record<string, number>>`PRAGMA foreign_keys`.execute(db);
  const foreignKeysWereOn = Object.values(fk.rows[0] ?? {})[0] === 1;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN`.execute(db);
    try {
      // 3. Remember the table's indexes and triggers (automatic indexes have no sql; views name no links).
      const schemaObjects = await sql<{ sql: string }>`
        SELECT sql FROM sqlite_master WHERE tbl_name = 'links' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`.execute(db);
      // 4. The new table, 5. its rows, 6. the old table gone, 7. the new one renamed.
      await sql.raw(linksTable('links_new', slugUnique)).execute(db);
      await sql.raw(`INSERT INTO "links_new" (${COLUMNS}) SELECT ${COLUMNS} FROM "links"`).execute(db);
      await sql`DROP TABLE "links"`.execute(db);
      await sql`ALTER TABLE "links_new" RENAME TO "links"`.execute(db);
      // 8. Indexes and triggers back (9. no view uses links).
      for (const row of schemaObjects.rows) await sql.raw(row.sql).execute(db);
      // 10. No foreign key broken by the rebuild.
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error(`rebuilding links broke ${broken.rows.length} foreign key(s): ${JSON.stringify(broken.rows)}`);
      // 11. Commit.
      await sql`COMMIT`.execute(db);
    } catch (err) {
      await sql`ROLLBACK`.execute(db);
      throw err;
    }
  } finally {
    // 12. Foreign keys back as they were.
    if (foreignKeysWereOn) await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`ALTER TABLE links DROP CONSTRAINT links_slug_key`.execute(db);
  else await rebuildSqliteLinks(db, false);
  await db.schema.dropIndex('links_domain_idx').execute();
  await db.schema.createIndex('links_instance_slug_idx').on('links').column('slug').unique().where(sql.ref('domain_id'), 'is', null).execute();
  await db.schema
    .createIndex('links_domain_slug_idx')
    .on('links')
    .columns(['domain_id', 'slug'])
    .unique()
    .where(sql.ref('domain_id'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('links_domain_slug_idx').execute();
  await db.schema.dropIndex('links_instance_slug_idx').execute();
  await db.schema.createIndex('links_domain_idx').on('links').columns(['domain_id', 'slug']).execute();
  if (isPostgres(db)) await sql`ALTER TABLE links ADD CONSTRAINT links_slug_key UNIQUE (slug)`.execute(db);
  else await rebuildSqliteLinks(db, true);
}
