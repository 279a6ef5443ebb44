import { createHash, randomBytes } from 'node:crypto';
import type { PlanName } from '../config.js';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import type { AccountsTable } from '../db/schema.js';
import { conflict, forbidden, notFound, tooManyRequests, unauthorized, validationError } from '../http/errors.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/record.js';
import { newId } from '../lib/ids.js';
import { handleProblem } from './handles.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { planRank } from './plans.js';

export interface AccountView {
  id: string;
  email: string;
  handle: string;
  plan: string;
  createdAt: string;
}

export const toAccountView = (a: Pick<AccountsTable, 'id' | 'email' | 'handle' | 'plan' | 'createdAt'>): AccountView => ({
  id: a.id,
  email: a.email,
  handle: a.handle,
  plan: a.plan,
  createdAt: new Date(a.createdAt).toISOString(),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const SESSION_TTL_MS = 30 * 24 * 3_600_000;
// Failed-login throttle (OWASP): 10 failures per email or 50 per client address in 15 minutes.
export const LOGIN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_EMAIL = 10;
const MAX_FAILURES_PER_CLIENT = 50;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

// ---- sign-up ----

export interface SignupInput {
  email: string;
  password: string;
  handle: string;
  plan?: PlanName;
}

export interface SignupResult {
  account: AccountView;
  apiKey: string;
  /** The new user (the account's owner), for the session the route opens. */
  userId: string;
}

export async function signup(ctx: AppContext, input: SignupInput): Promise<SignupResult> {
  const email = normalizeEmail(input.email);
  const handle = input.handle.trim().toLowerCase();
  const errors = [];
  const pw = passwordProblem(input.password);
  if (pw) errors.push({ field: 'password', message: pw });
  const hp = handleProblem(handle);
  if (hp) errors.push({ field: 'handle', message: hp });
  if (errors.length) throw validationError(errors);

  const taken = await ctx.db
    .selectFrom('accounts')
    .select(['email', 'handle'])
    .where((eb) => eb.or([eb('email', '=', email), eb('handle', '=', handle)]))
    .execute();
  const existingUser = await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existingUser || taken.some((a) => a.email === email)) throw conflict('An account with this email already exists; log in instead.', 'email');
  if (taken.some((a) => a.handle === handle)) throw conflict(`The handle "${handle}" is taken; choose another.`, 'handle');

  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  const account = {
    id: newId('acc'),
    email,
    handle,
    passwordHash,
    plan: input.plan ?? ctx.config.defaultPlan,
    createdAt: now,
    updatedAt: now,
  };
  try {
    return await inTransaction(ctx.db, async (tx) => {
      await tx.insertInto('accounts').values(account).execute();
      await tx.insertInto('profiles').values({ accountId: account.id, title: handle, bio: null, avatarUrl: null, theme: 'light', updatedAt: now }).execute();
      const userId = newId('usr');
      const memberId = newId('mem');
      await tx.insertInto('users').values({ id: userId, email, passwordHash, createdAt: now, updatedAt: now }).execute();
      await tx
        .insertInto('members')
        .values({
          id: memberId,
          accountId: account.id,
          userId,
          email,
          role: 'owner',
          status: 'active',
          inviteTokenHash: null,
          inviteExpiresAt: null,
          invitedBy: null,
          createdAt: now,
          joinedAt: now,
          updatedAt: now,
        })
        .execute();
      const key = await createApiKeyInTx(ctx, tx, account.id, memberId, 'Default');
      return { account: toAccountView(account), apiKey: key.key, userId };
    });
  } catch (err) {
    // Two sign-ups raced past the check above: the unique index decides.
    if (/unique|duplicate/i.test((err as Error).message)) throw conflict('This email or handle was just taken; choose another.');
    throw err;
  }
}

export async function getAccount(ctx: AppContext, accountId: string) {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw notFound('Account', accountId);
  return account;
}

export async function findAccount(ctx: AppContext, idOrHandleOrEmail: string) {
  const key = idOrHandleOrEmail.trim().toLowerCase();
  return ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrHandleOrEmail), eb('handle', '=', key), eb('email', '=', key)]))
    .executeTakeFirst();
}

/** Every account, oldest first (`linkwire account list`). */
export async function listAccounts(ctx: AppContext): Promise<AccountView[]> {
  const rows = await ctx.db.selectFrom('accounts').select(['id', 'email', 'handle', 'plan', 'createdAt']).orderBy('id').execute();
  return rows.map(toAccountView);
}

export async function accountWithLimits(ctx: AppContext, accountId: string) {
  const account = await getAccount(ctx, accountId);
  return { ...toAccountView(account), limits: ctx.plans.limitsOf(account.plan) };
}

// ---- plans ----

export async function changePlan(ctx: AppContext, accountId: string, toPlan: PlanName, actor: Actor = SYSTEM_ACTOR) {
  return inTransaction(ctx.db, async (tx) => {
    const account = await tx.selectFrom('accounts').select(['id', 'plan']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('Account', accountId);
    const fromPlan = account.plan as PlanName;
    if (fromPlan === toPlan) return { fromPlan, toPlan, changed: false };
    await tx.updateTable('accounts').set({ plan: toPlan, updatedAt: Date.now() }).where('id', '=', accountId).execute();
    const type = planRank(toPlan) > planRank(fromPlan) ? 'account.upgraded' : 'account.downgraded';
    await ctx.outbox.emit(tx, accountId, type, { fromPlan, toPlan });
    await recordAudit(tx, accountId, actor, {
      action: 'account.plan_changed',
      target: { type: 'account', id: accountId },
      changes: { plan: { from: fromPlan, to: toPlan } },
    });
    return { fromPlan, toPlan, changed: true };
  });
}

// ---- login and sessions ----

export interface ClientInfo {
  /** Salted daily hash of the client address (never the address). */
  clientHash: string;
  country: string | null;
}

export interface LoginResult {
  account: AccountView;
  sessionToken: string;
  expiresAt: number;
}

export async function login(ctx: AppContext, emailInput: string, password: string, client: ClientInfo): Promise<LoginResult> {
  const email = normalizeEmail(emailInput);
  const now = Date.now();
  const since = now - LOGIN_WINDOW_MS;
  const [byEmail, byClient] = await Promise.all([
    ctx.db
      .selectFrom('loginFailures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '=', email)
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('loginFailures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clientHash', '=', client.clientHash)
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  // The workspace the session starts in: the user's oldest active membership.
  const account = user
    ? await ctx.db
        .selectFrom('members')
        .innerJoin('accounts', 'accounts.id', 'members.accountId')
        .selectAll('accounts')
        .where('members.userId', '=', user.id)
        .where('members.status', '=', 'active')
        .orderBy('members.id')
        .executeTakeFirst()
    : undefined;

  if (Number(byEmail.n) >= MAX_FAILURES_PER_EMAIL || Number(byClient.n) >= MAX_FAILURES_PER_CLIENT) {
    if (account) {
      await inTransaction(ctx.db, (tx) => ctx.outbox.emit(tx, account.id, 'security.login_failed', { email, reason: 'rate_limited', country: client.country }));
    }
    throw tooManyRequests('Too many failed logins. Wait 15 minutes, or reset your password.', Math.ceil(LOGIN_WINDOW_MS / 1000));
  }

  const ok = user ? await verifyPassword(password, user.passwordHash) : await hashPassword(password).then(() => false);
  if (!user || !account || !ok) {
    await inTransaction(ctx.db, async (tx) => {
      await tx
        .insertInto('loginFailures')
        .values({ id: newId('lf'), email, clientHash: client.clientHash, createdAt: now })
        .execute();
      // An unknown email has no owner to notify: the failure is only counted for throttling.
      if (account) await ctx.outbox.emit(tx, account.id, 'security.login_failed', { email, reason: 'wrong_password', country: client.country });
    });
    throw unauthorized('Wrong email or password.');
  }

  const { token, expiresAt } = await createSession(ctx, user.id, account.id);
  return { account: toAccountView(account), sessionToken: token, expiresAt };
}

/** A session of `userId` acting in `accountId` (one of the user's active memberships). */
export async function createSession(ctx: AppContext, userId: string, accountId: string) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await ctx.db
    .insertInto('sessions')
    .values({ tokenHash: sha256(token), accountId, userId, createdAt: now, expiresAt })
    .execute();
  return { token, expiresAt };
}

export interface SessionMember {
  userId: string;
  accountId: string;
  memberId: string;
  role: string;
  email: string;
}

/**
 * The session's user and its ACTIVE membership in the session's current account; null when expired
 * or no longer a member. A user removed and invited again has two member rows in the account (the
 * removed one stays for its kept keys): only the active one counts.
 */
export async function memberForSession(ctx: AppContext, token: string): Promise<SessionMember | null> {
  const row = await ctx.db
    .selectFrom('sessions')
    .innerJoin('members', (join) =>
      join.onRef('members.userId', '=', 'sessions.userId').onRef('members.accountId', '=', 'sessions.accountId').on('members.status', '=', 'active'),
    )
    .select(['sessions.userId', 'sessions.accountId', 'sessions.expiresAt', 'members.id as memberId', 'members.role', 'members.email'])
    .where('sessions.tokenHash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expiresAt <= Date.now() || !row.userId) return null;
  return { userId: row.userId, accountId: row.accountId, memberId: row.memberId, role: row.role, email: row.email };
}

/** Moves a session to another of its user's accounts (the workspace switcher). */
export async function switchSession(ctx: AppContext, token: string, accountId: string): Promise<void> {
  await ctx.db.updateTable('sessions').set({ accountId }).where('tokenHash', '=', sha256(token)).execute();
}

/** The user of a live session, whichever account it is in (accepting an invite as a signed-in user). */
export async function userForSession(ctx: AppContext, token: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('sessions').select(['userId', 'expiresAt']).where('tokenHash', '=', sha256(token)).executeTakeFirst();
  return row && row.expiresAt > Date.now() ? row.userId : null;
}

export async function accountForSession(ctx: AppContext, token: string): Promise<string | null> {
  return (await memberForSession(ctx, token))?.accountId ?? null;
}

export async function destroySession(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.deleteFrom('sessions').where('tokenHash', '=', sha256(token)).execute();
}

// ---- API keys ----
// `lw_` + 32 base62 characters (~190 bits): high entropy, so a fast SHA-256 is the right hash;
// the first 11 characters are kept in clear so people can tell their keys apart.

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function generateApiKey(): string {
  const bytes = randomBytes(48);
  let out = 'lw_';
  for (const b of bytes) {
    if (b < 248) out += BASE62[b % 62];
    if (out.length === 35) break;
  }
  return out.length === 35 ? out : generateApiKey();
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A key of `memberId` (who creates it): it acts with that member's current role. */
export async function createApiKeyInTx(ctx: AppContext, tx: Tx, accountId: string, memberId: string, name: string) {
  const key = generateApiKey();
  const row = {
    id: newId('key'),
    accountId,
    memberId,
    name,
    prefix: key.slice(0, 11),
    keyHash: sha256(key),
    createdAt: Date.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await tx.insertInto('apiKeys').values(row).execute();
  await ctx.outbox.emit(tx, accountId, 'api.key_created', { keyId: row.id, name, prefix: row.prefix });
  return { id: row.id, name, prefix: row.prefix, key, createdAt: new Date(row.createdAt).toISOString() };
}

export async function createApiKey(ctx: AppContext, accountId: string, memberId: string, name: string, actor: Actor) {
  return inTransaction(ctx.db, async (tx) => {
    // A kept key of a removed member goes on working, but mints no new keys (they would outlive it).
    const member = await tx.selectFrom('members').select('status').where('id', '=', memberId).executeTakeFirst();
    if (member?.status !== 'active') {
      throw forbidden('This API key belongs to a member who was removed from the workspace: it keeps working, but cannot create API keys.', {
        permission: 'api_keys:own',
      });
    }
    const created = await createApiKeyInTx(ctx, tx, accountId, memberId, name);
    await recordAudit(tx, accountId, actor, {
      action: 'api_key.created',
      target: { type: 'api_key', id: created.id },
      changes: { name: { from: null, to: name } },
    });
    return created;
  });
}

/** The account's live keys; `memberId` narrows them to one member's own keys. */
export async function listApiKeys(ctx: AppContext, accountId: string, memberId?: string): Promise<ApiKeyView[]> {
  let query = ctx.db
    .selectFrom('apiKeys')
    .select(['id', 'name', 'prefix', 'createdAt', 'lastUsedAt'])
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null);
  if (memberId) query = query.where('memberId', '=', memberId);
  const rows = await query.orderBy('id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: new Date(r.createdAt).toISOString(),
    lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
  }));
}

export type KeyRevokeReason = 'revoked' | 'member_removed';

/** Revokes live keys in the caller's transaction, emitting api.key_revoked and an audit row per key. */
export async function revokeKeysInTx(
  ctx: AppContext,
  tx: Tx,
  accountId: string,
  keys: { id: string; name: string }[],
  reason: KeyRevokeReason,
  actor: Actor,
): Promise<void> {
  const now = Date.now();
  for (const key of keys) {
    await tx.updateTable('apiKeys').set({ revokedAt: now }).where('id', '=', key.id).where('revokedAt', 'is', null).execute();
    await ctx.outbox.emit(tx, accountId, 'api.key_revoked', { keyId: key.id, name: key.name, reason, revokedBy: actor.id });
    await recordAudit(tx, accountId, actor, {
      action: 'api_key.revoked',
      target: { type: 'api_key', id: key.id },
      changes: { reason: { from: null, to: reason } },
    });
  }
}

/** Revokes one key; `ownerMemberId` set: only a key that member created (a role without members:manage). */
export async function revokeApiKey(ctx: AppContext, accountId: string, keyId: string, actor: Actor, ownerMemberId?: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    let query = tx.selectFrom('apiKeys').select(['id', 'name']).where('id', '=', keyId).where('accountId', '=', accountId).where('revokedAt', 'is', null);
    if (ownerMemberId) query = query.where('memberId', '=', ownerMemberId);
    const key = await query.executeTakeFirst();
    if (!key) throw notFound('API key', keyId);
    await revokeKeysInTx(ctx, tx, accountId, [key], 'revoked', actor);
  });
}

// last_used_at is refreshed at most once a minute per key: a write per API call would double the
// cost of every read request.
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyAuth {
  accountId: string;
  keyId: string;
  /** The member who created the key and that member's CURRENT role: the key never acts with more. */
  memberId: string;
  role: string;
}

export async function accountForApiKey(ctx: AppContext, key: string): Promise<ApiKeyAuth | null> {
  if (!/^lw_[0-9A-Za-z]{32}$/.test(key)) return null;
  const row = await ctx.db
    .selectFrom('apiKeys')
    .innerJoin('members', 'members.id', 'apiKeys.memberId')
    .select(['apiKeys.id', 'apiKeys.accountId', 'apiKeys.lastUsedAt', 'apiKeys.revokedAt', 'members.id as memberId', 'members.role', 'members.status'])
    .where('apiKeys.keyHash', '=', sha256(key))
    .executeTakeFirst();
  // A removed member's kept keys (DELETE /members/{id}?apiKeys=keep) act with the role the member last had.
  if (!row || row.revokedAt !== null || row.status === 'invited') return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await ctx.db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  }
  return { accountId: row.accountId, keyId: row.id, memberId: row.memberId, role: row.role };
}
