import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { migrateToLatest } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/index.js';
import { DIALECTS, freshDatabase, type TestDatabase } from './helpers.js';

// Both dialects must end up with the same logical schema: same tables, same columns, same
// nullability, and types that map to the same representation.
const TYPE_FAMILY: Record<string, string> = {
  text: 'text',
  integer: 'int',
  int4: 'int',
  bigint: 'int',
  int8: 'int',
};

async function logicalSchema(dbEnv: Record<string, string>) {
  const database = openDatabase({ databaseUrl: dbEnv.DATABASE_URL ?? null, dataDir: dbEnv.LINKWIRE_DATA_DIR! });
  try {
    await migrateToLatest(database.db);
    // Idempotent: a second run applies nothing.
    assert.deepEqual((await migrateToLatest(database.db)).applied, []);
    const tables = await database.db.introspection.getTables();
    const out: Record<string, Record<string, string>> = {};
    for (const t of tables) {
      if (t.name.startsWith('kysely_')) continue;
      out[t.name] = Object.fromEntries(t.columns.map((c) => [c.name, `${TYPE_FAMILY[c.dataType.toLowerCase()] ?? c.dataType}${c.isNullable ? ' null' : ''}`]));
    }
    return out;
  } finally {
    await database.close();
  }
}

const dbs: TestDatabase[] = [];
before(async () => {
  for (const d of DIALECTS) dbs.push(await freshDatabase(d));
});
after(async () => {
  for (const d of dbs) await d.drop();
});

it('migrations produce the same logical schema on every dialect', async () => {
  const schemas = [];
  for (const d of dbs) schemas.push(await logicalSchema(d.env));
  assert.ok(Object.keys(schemas[0]!).includes('deliveries'));
  for (const s of schemas.slice(1)) assert.deepEqual(s, schemas[0]);
});
