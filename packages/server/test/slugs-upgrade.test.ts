import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/index.js';
import { allMigrations, migrateToLatest, migrationsThrough } from '../src/db/migrate.js';
import { describeEachDialect, freshDatabase, type TestDatabase, testConfig } from './helpers.js';

// A database at 014 with links in it (one on a domain, one with app settings), migrated by 015
// (slugs unique per domain; on SQLite a table rebuild): every row and value survives, the foreign
// keys still hold and cascade, and a slug may now repeat across domains but not within one.

const BEFORE_015 = migrationsThrough('014_integrations');

const ACCOUNT = 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2';
const OTHER = 'acc_01jqa7q4d6f8h0k2m4p6r8t0v3';

describeEachDialect('upgrading links to slugs per domain (014 → 015)', (dialect) => {
  let database: TestDatabase;
  let opened: Database;
  const now = Date.now();
  const link = (id: string, slug: string, extra: Record<string, unknown> = {}) => ({
    id,
    accountId: ACCOUNT,
    slug,
    url: `https://example.com/${slug}`,
    title: slug,
    type: 'link',
    position: 0,
    thumbnailUrl: null,
    expiresAt: now + 60_000,
    expiredAt: null,
    clicks: 42,
    createdAt: now,
    updatedAt: now,
    domainId: null,
    appId: null,
    appPath: null,
    appParams: null,
    appForceWeb: null,
    ...extra,
  });
  const domain = (id: string, accountId: string, hostname: string) => ({
    id,
    accountId,
    hostname,
    purpose: 'both',
    status: 'verified',
    ownershipToken: 'lw-verify=x',
    createdAt: now,
    updatedAt: now,
  });
  const before014 = [
    link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v1', 'spring', { domainId: 'dom_01jqa7q4d6f8h0k2m4p6r8t0v1', position: 1 }),
    link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v2', 'summer', { appId: 'app_01jqa7q4d6f8h0k2m4p6r8t0v2', appPath: '/s', appParams: '{"a":"1"}', appForceWeb: 0 }),
  ];

  before(async () => {
    database = await freshDatabase(dialect);
    const config = testConfig(database.env);
    opened = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const { error } = await new Migrator({ db: opened.db, provider: { getMigrations: async () => BEFORE_015 } }).migrateToLatest();
    assert.equal(error, undefined);
    const db = opened.db as any;
    for (const [id, handle] of [
      [ACCOUNT, 'springer'],
      [OTHER, 'other'],
    ])
      await db
        .insertInto('accounts')
        .values({ id, email: `${handle}@example.com`, handle, passwordHash: 'x', plan: 'pro', createdAt: now, updatedAt: now })
        .execute();
    await db
      .insertInto('domains')
      .values(domain('dom_01jqa7q4d6f8h0k2m4p6r8t0v1', ACCOUNT, 'go.springer.test'))
      .execute();
    await db
      .insertInto('domains')
      .values(domain('dom_01jqa7q4d6f8h0k2m4p6r8t0v2', OTHER, 'go.other.test'))
      .execute();
    await db.insertInto('links').values(before014).execute();
    const { applied } = await migrateToLatest(opened.db);
    assert.equal(applied[0], '015_slugs_per_domain', 'the upgrade starts at 015 (later migrations follow it)');
  });
  after(async () => {
    await opened.close();
    await database.drop();
  });

  it('keeps every row and value', async () => {
    const rows = await (opened.db as any).selectFrom('links').selectAll().orderBy('id').execute();
    assert.deepEqual(
      rows.map((r: Record<string, unknown>) => ({
        ...r,
        expiresAt: Number(r.expiresAt),
        clicks: Number(r.clicks),
        createdAt: Number(r.createdAt),
        updatedAt: Number(r.updatedAt),
      })),
      before014,
    );
  });

  it('a slug repeats across domains and the instance, never within one', async () => {
    const db = opened.db as any;
    await db
      .insertInto('links')
      .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v3', 'spring', { accountId: OTHER, domainId: 'dom_01jqa7q4d6f8h0k2m4p6r8t0v2' }))
      .execute();
    await db.insertInto('links').values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v4', 'spring')).execute();
    await assert.rejects(
      db
        .insertInto('links')
        .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v5', 'spring', { domainId: 'dom_01jqa7q4d6f8h0k2m4p6r8t0v1' }))
        .execute(),
    );
    await assert.rejects(db.insertInto('links').values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v6', 'summer')).execute());
  });

  it('the foreign keys still hold and cascade', async () => {
    const db = opened.db as any;
    // The rebuild turned them off for its transaction and back on after it.
    if (dialect === 'sqlite') assert.deepEqual(Object.values((await sql<Record<string, number>>`PRAGMA foreign_keys`.execute(opened.db)).rows[0] ?? {}), [1]);
    await assert.rejects(
      db
        .insertInto('links')
        .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v7', 'autumn', { accountId: 'acc_missing' }))
        .execute(),
    );
    await assert.rejects(
      db
        .insertInto('links')
        .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v8', 'winter', { domainId: 'dom_missing' }))
        .execute(),
    );
    await db.deleteFrom('links').where('accountId', '=', OTHER).execute();
    await db.deleteFrom('domains').where('accountId', '=', OTHER).execute();
    await db.deleteFrom('accounts').where('id', '=', OTHER).execute();
    await db.deleteFrom('links').where('domainId', '=', 'dom_01jqa7q4d6f8h0k2m4p6r8t0v1').execute();
    await db.deleteFrom('domains').where('accountId', '=', ACCOUNT).execute();
    await db.deleteFrom('accounts').where('id', '=', ACCOUNT).execute();
    assert.deepEqual(await db.selectFrom('links').select('id').execute(), []);
  });

  it('migrates down to an instance-wide unique slug and up again', async () => {
    const db = opened.db as any;
    const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => allMigrations() } });
    assert.equal((await migrator.migrateTo('014_integrations')).error, undefined, 'down through 015 (and whatever came after it)');
    await db
      .insertInto('accounts')
      .values({ id: ACCOUNT, email: 'again@example.com', handle: 'again', passwordHash: 'x', plan: 'pro', createdAt: now, updatedAt: now })
      .execute();
    await db
      .insertInto('domains')
      .values(domain('dom_01jqa7q4d6f8h0k2m4p6r8t0v1', ACCOUNT, 'go.springer.test'))
      .execute();
    await db.insertInto('links').values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0v9', 'spring')).execute();
    await assert.rejects(
      db
        .insertInto('links')
        .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0w1', 'spring', { domainId: 'dom_01jqa7q4d6f8h0k2m4p6r8t0v1' }))
        .execute(),
    );
    assert.equal((await migrator.migrateToLatest()).error, undefined);
    await db
      .insertInto('links')
      .values(link('lnk_01jqa7q4d6f8h0k2m4p6r8t0w1', 'spring', { domainId: 'dom_01jqa7q4d6f8h0k2m4p6r8t0v1' }))
      .execute();
    assert.equal((await db.selectFrom('links').select('id').execute()).length, 2);
  });
});
