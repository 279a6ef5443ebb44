import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m001 from './migrations/001_init.js';
import * as m002 from './migrations/002_links.js';
import * as m004 from './migrations/004_delivery.js';
import * as m005 from './migrations/005_attempts_by_id.js';
import * as m006 from './migrations/006_claim_lease.js';
import * as m007 from './migrations/007_delivery_requeued_at.js';

// Numbered migrations, in order. Each runs on both dialects; a test checks that SQLite and
// PostgreSQL end up with the same logical schema.
const MIGRATIONS: Record<string, Migration> = {
  '001_init': m001,
  '002_links': m002,
  '004_delivery': m004,
  '005_attempts_by_id': m005,
  '006_claim_lease': m006,
  '007_delivery_requeued_at': m007,
};

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
