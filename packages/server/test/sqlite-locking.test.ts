import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/index.js';

// The CLI (`linkwire replay`, `trigger`, `account …`) writes to the same SQLite file as a running
// server. A deferred transaction that reads and then writes cannot wait for the other process:
// once that one has committed in between, SQLite refuses the upgrade at once (SQLITE_BUSY, no
// busy_timeout), which the replay test of delivery-routes.test.ts hit under the full suite.
describe('SQLite write transactions across processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-locking-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a transaction that reads, then writes, waits its turn instead of failing when another process writes meanwhile', async () => {
    const database = openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      await sql`CREATE TABLE notes (who TEXT NOT NULL)`.execute(database.db);
      // The other process: opens the file as the CLI would (busy_timeout), says when it is about to
      // write, writes one row and exits.
      const other = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(${JSON.stringify(join(dir, 'linkwire.db'))}); db.pragma('busy_timeout = 5000');
           process.stdout.write('writing\\n'); db.prepare("INSERT INTO notes VALUES ('other')").run(); db.close();`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise<number | null>((resolve) => other.on('exit', resolve));
      await database.db.transaction().execute(async (tx) => {
        const before = await sql<{ n: number }>`SELECT count(*) AS n FROM notes`.execute(tx);
        assert.equal(Number(before.rows[0]!.n), 0);
        await new Promise<void>((resolve) => other.stdout!.once('data', () => resolve()));
        await new Promise((resolve) => setTimeout(resolve, 200)); // its INSERT has run, or is waiting for us
        await sql`INSERT INTO notes VALUES ('server')`.execute(tx);
      });
      assert.equal(await exited, 0, 'the other process wrote too, after our commit');
      const rows = await sql<{ who: string }>`SELECT who FROM notes ORDER BY rowid`.execute(database.db);
      assert.deepEqual(
        rows.rows.map((r) => r.who),
        ['server', 'other'],
      );
    } finally {
      await database.close();
    }
  });
});
