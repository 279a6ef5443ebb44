import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m001 from './migrations/001_init.js';
import * as m002 from './migrations/002_links.js';
import * as m004 from './migrations/004_delivery.js';
import * as m005 from './migrations/005_attempts_by_id.js';
import * as m006 from './migrations/006_claim_lease.js';
import * as m007 from './migrations/007_delivery_requeued_at.js';
import * as m008 from './migrations/008_listen_endpoints.js';
import * as m009 from './migrations/009_audit_log.js';
import * as m010 from './migrations/010_teams.js';
import * as m011 from './migrations/011_domains.js';
import * as m012 from './migrations/012_apps.js';
import * as m013 from './migrations/013_endpoint_formats.js';
import * as m014 from './migrations/014_integrations.js';
import * as m015 from './migrations/015_slugs_per_domain.js';
import * as m016 from './migrations/016_chat_rate.js';
import * as m017 from './migrations/017_delivery_queue.js';

// Numbered migrations, in order. Each runs on both dialects; test/schema.test.ts checks that a
// fresh database of each dialect matches its committed snapshot (src/db/schema.sqlite.sql,
// schema.postgres.sql; `npm run db:snapshot` rewrites them) and that both have the same columns.
//
// There is no 003, and none must be added. The number was skipped: the delivery engine's migration
// (the PostgreSQL NOTIFY trigger) was committed as 004_delivery straight after 002_links (commit
// 65054b4), and no file named 003 has ever been committed (`git log --all -- '*003*'` is empty), so
// no database ever ran a 003 and none is missing one. Filling the gap now would break every
// deployed database: Kysely's Migrator (allowUnorderedMigrations: false, its default, kept here)
// refuses a pending migration whose name sorts before the last executed one ("corrupted migrations:
// expected previously executed migration 004_delivery to be at index 2 but 003_… was found in its
// place"; test/schema.test.ts shows it). Setting allowUnorderedMigrations was rejected: old and
// fresh databases would then run the migrations in different orders. The next migration is 018.
const MIGRATIONS: Record<string, Migration> = {
  '001_init': m001,
  '002_links': m002,
  '004_delivery': m004,
  '005_attempts_by_id': m005,
  '006_claim_lease': m006,
  '007_delivery_requeued_at': m007,
  '008_listen_endpoints': m008,
  '009_audit_log': m009,
  '010_teams': m010,
  '011_domains': m011,
  '012_apps': m012,
  '013_endpoint_formats': m013,
  '014_integrations': m014,
  '015_slugs_per_domain': m015,
  '016_chat_rate': m016,
  '017_delivery_queue': m017,
};

/** The migrations up to and including `last`, in order: upgrade tests build an older release's database with them. */
export function migrationsThrough(last: string): Record<string, Migration> {
  const names = Object.keys(MIGRATIONS);
  const end = names.indexOf(last);
  if (end < 0) throw new Error(`no migration named ${last}`);
  return Object.fromEntries(names.slice(0, end + 1).map((name) => [name, MIGRATIONS[name]!]));
}

/** Every migration, in order (upgrade and downgrade tests). */
export function allMigrations(): Record<string, Migration> {
  return { ...MIGRATIONS };
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
