import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { sql } from 'kysely';
import { startCheckpointer } from '../src/db/checkpointer.js';
import { openDatabase } from '../src/db/index.js';
import { liveThreads, waitFor } from '@linkwire/test-kit';

it('SQLite: WAL checkpoints happen on the checkpointer thread, not in the committing connection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-ckpt-'));
  const database = openDatabase({ databaseUrl: null, dataDir: dir });
  try {
    const file = join(dir, 'linkwire.db');
    // The main connection's own threshold is only a fallback, far above what this test writes.
    const { rows } = await sql<Record<string, number>>`PRAGMA wal_autocheckpoint`.execute(database.db);
    assert.equal(Object.values(rows[0]!)[0], 10_000);
    await sql`CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)`.execute(database.db);
    // The new table's pages are in the WAL: measure the file once the thread has copied them in,
    // i.e. once it is as long as the database the main connection sees (page_count × page_size).
    const pragma = async (name: 'page_count' | 'page_size') =>
      Object.values((await sql.raw<Record<string, number>>(`PRAGMA ${name}`).execute(database.db)).rows[0]!)[0]!;
    const pageSize = await pragma('page_size');
    await waitFor('the new table checkpointed into the file', async () => statSync(file).size >= (await pragma('page_count')) * pageSize, 5_000);
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

it('SQLite: a checkpointer that fails is reported, not silent and not a crash', async () => {
  const errors: Error[] = [];
  // The thread cannot open a database in a directory that does not exist.
  const checkpointer = startCheckpointer(join(tmpdir(), `linkwire-missing-${process.pid}`, 'nested', 'linkwire.db'), { onError: (err) => errors.push(err) });
  try {
    await waitFor('the failure reported', () => errors.length > 0, 5_000);
    assert.match(errors[0]!.message, /^WAL checkpoint failed: .*(directory does not exist|unable to open database)/);
  } finally {
    await checkpointer.close();
  }
  // A file that is not a database: its first pragma fails; reported once, and the thread ends.
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-ckpt-'));
  const notADatabase = join(dir, 'linkwire.db');
  writeFileSync(notADatabase, 'x'.repeat(8192));
  const failures: Error[] = [];
  const threads = liveThreads();
  const failing = startCheckpointer(notADatabase, { everyMs: 20, onError: (err) => failures.push(err) });
  try {
    await waitFor('a failed checkpoint reported', () => failures.length > 0, 5_000);
    // The thread ends by itself (close() is not called yet): it cannot report again.
    await waitFor('the checkpointer thread to end', () => liveThreads() === threads, 5_000);
    assert.equal(failures.length, 1, 'reported once');
    assert.match(failures[0]!.message, /^WAL checkpoint failed: .*not a database/);
  } finally {
    await failing.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
