import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/index.js';
import { sleep, waitFor } from './delivery-helpers.js';

it('SQLite: WAL checkpoints happen on the checkpointer thread, not in the committing connection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-ckpt-'));
  const database = openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    const file = join(dir, 'linkwire.db');
    // The main connection's own threshold is only a fallback, far above what this test writes.
    const { rows } = await sql<Record<string, number>>`PRAGMA wal_autocheckpoint`.execute(database.db);
    assert.equal(Object.values(rows[0]!)[0], 10_000);
    await sql`CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
    await sleep(300);
    const before = statSync(file).size;
    // ~2 MB through the WAL in a few transactions (≈ 500 pages, under the fallback threshold).
    for (let t = 0; t < 4; t++) {
      await database.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 250; i++) await sql`INSERT INTO blobs (body) VALUES (${'x'.repeat(2000)})`.execute(tx);
      });
    }
    // Only a checkpoint copies WAL pages into the database file: the thread did it.
    await waitFor('database file grown by the checkpoint', () => statSync(file).size > before + 1_500_000, 5_000);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
