// linkwire migrate: applies the pending migrations and exits (before rolling out a new version).
import { openDatabase } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { configFrom } from './common.js';

export async function run(): Promise<void> {
  const config = configFrom();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrateToLatest(database.db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await database.close();
  }
}
