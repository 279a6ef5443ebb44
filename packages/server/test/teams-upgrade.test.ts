import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, it } from 'node:test';
import { waitFor } from '@linkwire/test-kit';
import type { FastifyInstance } from 'fastify';
import { Migrator } from 'kysely';
import { hashPassword } from '../src/accounts/passwords.js';
import { buildApp } from '../src/app.js';
import { type AppContext, createContext } from '../src/context.js';
import { openDatabase } from '../src/db/index.js';
import { migrationsThrough } from '../src/db/migrate.js';
import { seal } from '../src/lib/secretbox.js';
import { describeEachDialect, freshDatabase, type TestDatabase, testConfig } from './helpers.js';

// A database of the release before teams (migrations up to 009), filled with the statements the code
// of that release ran (sign-up's account, profile, key and session; a link; a webhook), then opened
// by this release: 010 makes each account's person a user and the owner member, and everything works.

const BEFORE_TEAMS = migrationsThrough('009_audit_log');

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const API_KEY = 'lw_0123456789abcdefghijABCDEFGHIJ01';
const SESSION = 'old-session-token-from-before-teams';

describeEachDialect('upgrading a database from before teams (009 → 010)', (dialect) => {
  let database: TestDatabase;
  let ctx: AppContext;
  let app: FastifyInstance;

  before(async () => {
    database = await freshDatabase(dialect);
    const config = testConfig(database.env);
    const old = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const migrator = new Migrator({ db: old.db, provider: { getMigrations: async () => BEFORE_TEAMS } });
    const { error } = await migrator.migrateToLatest();
    assert.equal(error, undefined);
    const now = Date.now();
    const db = old.db as any;
    await db
      .insertInto('accounts')
      .values({
        id: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2',
        email: 'old@example.com',
        handle: 'oldtimer',
        passwordHash: await hashPassword('correct horse battery'),
        plan: 'pro',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('profiles')
      .values({ accountId: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2', title: 'oldtimer', bio: null, avatarUrl: null, theme: 'light', updatedAt: now })
      .execute();
    await db
      .insertInto('apiKeys')
      .values({
        id: 'key_01jqa7q4d6f8h0k2m4p6r8t0v2',
        accountId: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2',
        name: 'Default',
        prefix: API_KEY.slice(0, 11),
        keyHash: sha256(API_KEY),
        createdAt: now,
        lastUsedAt: null,
        revokedAt: null,
      })
      .execute();
    await db
      .insertInto('sessions')
      .values({ tokenHash: sha256(SESSION), accountId: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2', createdAt: now, expiresAt: now + 86_400_000 })
      .execute();
    await db
      .insertInto('links')
      .values({
        id: 'lnk_01jqa7q4d6f8h0k2m4p6r8t0v2',
        accountId: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2',
        slug: 'oldlink',
        url: 'https://example.com/old',
        title: 'Old',
        type: 'link',
        position: 0,
        thumbnailUrl: null,
        expiresAt: null,
        expiredAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db
      .insertInto('webhooks')
      .values({
        id: 'wh_01jqa7q4d6f8h0k2m4p6r8t0v2',
        accountId: 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2',
        url: 'https://hooks.example.com/old',
        description: null,
        events: '["*"]',
        filter: null,
        timeoutMs: 10_000,
        headers: '{}',
        enabled: 1,
        disabledReason: null,
        disabledAt: null,
        secretEnc: seal(config.secretKey!, 'whsec_b2xkIHNlY3JldCBmcm9tIGJlZm9yZSB0ZWFtcw=='),
        previousSecretEnc: null,
        previousSecretExpiresAt: null,
        lastSuccessAt: null,
        failingSince: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        kind: 'http',
        device: null,
      })
      .execute();
    await old.close();

    ctx = await createContext(config);
    app = await buildApp(ctx);
    await app.ready();
  });

  after(async () => {
    await app?.close();
    await ctx?.database.close();
    await database?.drop();
  });

  it("the account's person is now a user and the owner member; the old session and key are bound to them", async () => {
    const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', 'old@example.com').executeTakeFirstOrThrow();
    const member = await ctx.db.selectFrom('members').selectAll().where('accountId', '=', 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2').executeTakeFirstOrThrow();
    assert.equal(member.userId, user.id);
    assert.equal(member.role, 'owner');
    assert.equal(member.status, 'active');
    const key = await ctx.db.selectFrom('apiKeys').select('memberId').where('id', '=', 'key_01jqa7q4d6f8h0k2m4p6r8t0v2').executeTakeFirstOrThrow();
    assert.equal(key.memberId, member.id);
  });

  it('signs in with the old password, and the old session still works', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/login', payload: { email: 'old@example.com', password: 'correct horse battery' } });
    assert.equal(login.statusCode, 200);
    assert.equal(login.json().account.id, 'acc_01jqa7q4d6f8h0k2m4p6r8t0v2');
    const old = await app.inject({ method: 'GET', url: '/api/v1/account', headers: { cookie: `lw_session=${SESSION}` } });
    assert.equal(old.statusCode, 200);
    assert.equal(old.json().role, 'owner');
  });

  it('the old API key acts as the owner: the link and the webhook are there, and the link redirects', async () => {
    const auth = { authorization: `Bearer ${API_KEY}` };
    const links = await app.inject({ method: 'GET', url: '/api/v1/links', headers: auth });
    assert.equal(links.statusCode, 200);
    assert.deepEqual(
      links.json().data.map((l: { slug: string }) => l.slug),
      ['oldlink'],
    );
    const hooks = await app.inject({ method: 'GET', url: '/api/v1/webhooks', headers: auth });
    assert.equal(hooks.statusCode, 200);
    assert.deepEqual(
      hooks.json().data.map((w: { id: string }) => w.id),
      ['wh_01jqa7q4d6f8h0k2m4p6r8t0v2'],
    );
    const secret = await app.inject({ method: 'GET', url: '/api/v1/webhooks/wh_01jqa7q4d6f8h0k2m4p6r8t0v2/secret', headers: auth });
    assert.equal(secret.statusCode, 200);
    const redirect = await app.inject({ method: 'GET', url: '/l/oldlink' });
    assert.equal(redirect.statusCode, 302);
    assert.equal(redirect.headers.location, 'https://example.com/old');
  });

  it('the old key invites a member, and the old webhook gets the team event and the click', async () => {
    const auth = { authorization: `Bearer ${API_KEY}` };
    const invite = await app.inject({ method: 'POST', url: '/api/v1/invites', headers: auth, payload: { email: 'new@example.com', role: 'editor' } });
    assert.equal(invite.statusCode, 201, invite.body);
    const click = await app.inject({
      method: 'GET',
      url: '/l/oldlink',
      headers: { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15' },
    });
    assert.equal(click.statusCode, 302);
    const queued = async () =>
      (await ctx.db.selectFrom('deliveries').select('eventType').where('webhookId', '=', 'wh_01jqa7q4d6f8h0k2m4p6r8t0v2').execute()).map((d) => d.eventType);
    await waitFor('deliveries to the old webhook', async () => {
      const types = await queued();
      return types.includes('team.member_added') && types.includes('link.click');
    });
  });
});
