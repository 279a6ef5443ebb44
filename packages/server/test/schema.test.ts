import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { dumpSchema, SNAPSHOT_COMMAND, SNAPSHOT_PATHS } from '../scripts/schema-snapshot.js';
import { type Database, openDatabase } from '../src/db/index.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { assertUpToDate } from './generated.js';
import { type DialectName, freshDatabase, type TestDatabase } from './helpers.js';

// The database contract: a fresh database of each dialect, migrated, must equal the committed
// snapshot (src/db/schema.sqlite.sql, schema.postgres.sql), and both dialects must have the same
// tables, columns and nullability.

const NO_POSTGRES = process.env.TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL not set';
const skipFor = (dialect: DialectName) => (dialect === 'postgres' ? NO_POSTGRES : false);

interface Migrated {
  fresh: TestDatabase;
  database: Database;
}

async function migratedDatabase(dialect: DialectName): Promise<Migrated> {
  const fresh = await freshDatabase(dialect);
  const database = openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.LINKWIRE_DATA_DIR!, poolSize: 2 });
  await migrateToLatest(database.db);
  return { fresh, database };
}

async function dispose(m: Migrated | undefined): Promise<void> {
  if (!m) return;
  await m.database.close();
  await m.fresh.drop();
}

function assertSnapshot(dialect: DialectName, actual: string): void {
  assertUpToDate(SNAPSHOT_PATHS[dialect], actual, {
    what: `The migrated ${dialect} schema differs from the committed snapshot`,
    fix: `If a migration changed the schema on purpose, run \`${SNAPSHOT_COMMAND}\` and commit the result.`,
    sides: '- committed, + migrated',
  });
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`schema snapshot [${dialect}]`, { skip: skipFor(dialect) }, () => {
    let migrated: Migrated;
    before(async () => {
      migrated = await migratedDatabase(dialect);
    });
    after(() => dispose(migrated));

    it(`a fresh database migrates to the committed src/db/schema.${dialect}.sql`, async () => {
      assertSnapshot(dialect, await dumpSchema(migrated.database.db, dialect));
    });

    it('migrating again applies nothing', async () => {
      assert.deepEqual((await migrateToLatest(migrated.database.db)).applied, []);
    });

    it('a column, an index predicate, a trigger or a storage parameter changed by a migration shows in the diff', async () => {
      const changed = await migratedDatabase(dialect);
      try {
        const db = changed.database.db;
        await sql`ALTER TABLE deliveries ADD COLUMN priority integer`.execute(db);
        await sql`DROP INDEX IF EXISTS deliveries_due_idx`.execute(db); // PostgreSQL has none since migration 017
        await sql`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status IN ('pending', 'held')`.execute(db);
        if (dialect === 'postgres') {
          await sql`DROP TRIGGER deliveries_notify ON deliveries`.execute(db);
          await sql`ALTER TABLE deliveries SET (fillfactor = 70)`.execute(db);
        } else {
          await sql`CREATE TRIGGER deliveries_touch AFTER UPDATE ON deliveries BEGIN SELECT 1; END`.execute(db);
        }
        const dump = await dumpSchema(db, dialect);
        assert.throws(
          () => assertSnapshot(dialect, dump),
          (err: Error) => {
            assert.match(err.message, /npm run db:snapshot/);
            const lines = err.message.split('\n');
            const added = lines.filter((l) => l.startsWith('+ '));
            const removed = lines.filter((l) => l.startsWith('- '));
            if (dialect === 'postgres') {
              assert.ok(added.includes('+   priority integer'), 'new column');
              assert.ok(
                added.some((l) => l.includes('deliveries_due_idx') && l.includes("'held'")),
                'new predicate',
              );
              assert.ok(
                removed.some((l) => l.startsWith('- CREATE TRIGGER deliveries_notify')),
                'dropped trigger',
              );
              assert.ok(
                removed.includes('- ALTER TABLE deliveries SET (fillfactor=50);') && added.includes('+ ALTER TABLE deliveries SET (fillfactor=70);'),
                'fillfactor',
              );
            } else {
              assert.ok(added.includes('+   priority integer'), 'new column (SQLite keeps the ALTER TABLE text as written)');
              assert.ok(
                removed.some((l) => l.includes('deliveries_due_idx') && l.includes(`"status" = 'pending'`)),
                'old predicate',
              );
              assert.ok(
                added.some((l) => l.includes('deliveries_due_idx') && l.includes("'held'")),
                'new predicate',
              );
              assert.ok(
                added.some((l) => l.startsWith('+ CREATE TRIGGER deliveries_touch')),
                'new trigger',
              );
            }
            return true;
          },
        );
      } finally {
        await dispose(changed);
      }
    });
  });
}

describe('migrations across dialects', () => {
  // Logical types: SQLite and PostgreSQL name the same representation differently.
  const TYPE_FAMILY: Record<string, string> = { text: 'text', integer: 'int', int4: 'int', bigint: 'int', int8: 'int' };

  async function logicalSchema(db: Kysely<any>) {
    const out: Record<string, Record<string, string>> = {};
    for (const t of await db.introspection.getTables()) {
      if (t.name.startsWith('kysely_')) continue;
      out[t.name] = Object.fromEntries(t.columns.map((c) => [c.name, `${TYPE_FAMILY[c.dataType.toLowerCase()] ?? c.dataType}${c.isNullable ? ' null' : ''}`]));
    }
    return out;
  }

  it('produce the same tables, columns, types and nullability on SQLite and PostgreSQL', { skip: NO_POSTGRES }, async () => {
    const sqlite = await migratedDatabase('sqlite');
    const postgres = await migratedDatabase('postgres').catch(async (err) => {
      await dispose(sqlite);
      throw err;
    });
    try {
      const [a, b] = [await logicalSchema(sqlite.database.db), await logicalSchema(postgres.database.db)];
      assert.ok(Object.keys(a).includes('deliveries'));
      // The one table of one engine: PostgreSQL's claim queue (migration 017, db/delivery-queue.ts),
      // an index kept as a table, which no domain code reads.
      assert.deepEqual(b.delivery_queue, { id: 'text', next_attempt_at: 'int' });
      delete b.delivery_queue;
      assert.deepEqual(b, a);
    } finally {
      await dispose(sqlite);
      await dispose(postgres);
    }
  });

  it('a migration named before the last one applied is refused: why 003 stays missing (db/migrate.ts)', async () => {
    const m = await migratedDatabase('sqlite');
    try {
      const noop: Migration = { up: async () => {} };
      const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(m.database.db);
      const names = applied.rows.map((r) => r.name);
      assert.deepEqual(names.slice(0, 3), ['001_init', '002_links', '004_delivery']);
      const migrations = Object.fromEntries([...names, '003_filler'].map((n) => [n, noop]));
      const migrator = new Migrator({ db: m.database.db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateToLatest();
      assert.match(String(error), /corrupted migrations: expected previously executed migration 004_delivery to be at index 2 but 003_filler/);
    } finally {
      await dispose(m);
    }
  });
});
