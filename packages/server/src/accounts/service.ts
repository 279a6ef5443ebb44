import { createHash, randomBytes } from 'node:crypto';
import type { PlanName } from '../config.js';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import type { AccountsTable } from '../db/schema.js';
import { conflict, notFound, tooManyRequests, unauthorized, validationError } from '../http/errors.js';
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
  if (taken.some((a) => a.email === email)) throw conflict('An account with this email already exists; log in instead.', 'email');
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
      const key = await createApiKeyInTx(ctx, tx, account.id, 'Default');
      return { account: toAccountView(account), apiKey: key.key };
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

export async function changePlan(ctx: AppContext, accountId: string, toPlan: PlanName) {
  return inTransaction(ctx.db, async (tx) => {
    const account = await tx.selectFrom('accounts').select(['id', 'plan']).where('id', '=', accountId).executeTakeFirst();
    if (!account) throw notFound('Account', accountId);
    const fromPlan = account.plan as PlanName;
    if (fromPlan === toPlan) return { fromPlan, toPlan, changed: false };
    await tx.updateTable('accounts').set({ plan: toPlan, updatedAt: Date.now() }).where('id', '=', accountId).execute();
    const type = planRank(toPlan) > planRank(fromPlan) ? 'account.upgraded' : 'account.downgraded';
    await ctx.outbox.emit(tx, accountId, type, { fromPlan, toPlan });
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
  const account = await ctx.db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();

  if (Number(byEmail.n) >= MAX_FAILURES_PER_EMAIL || Number(byClient.n) >= MAX_FAILURES_PER_CLIENT) {
    if (account) {
      await inTransaction(ctx.db, (tx) => ctx.outbox.emit(tx, account.id, 'security.login_failed', { email, reason: 'rate_limited', country: client.country }));
    }
    throw tooManyRequests('Too many failed logins. Wait 15 minutes, or reset your password.', Math.ceil(LOGIN_WINDOW_MS / 1000));
  }

  const ok = account ? await verifyPassword(password, account.passwordHash) : await hashPassword(password).then(() => false);
  if (!account || !ok) {
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

  const { token, expiresAt } = await createSession(ctx, account.id);
  return { account: toAccountView(account), sessionToken: token, expiresAt };
}

export async function createSession(ctx: AppContext, accountId: string) {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  const expiresAt = now + SESSION_TTL_MS;
  await ctx.db
    .insertInto('sessions')
    .values({ tokenHash: sha256(token), accountId, createdAt: now, expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function accountForSession(ctx: AppContext, token: string): Promise<string | null> {
  const row = await ctx.db.selectFrom('sessions').select(['accountId', 'expiresAt']).where('tokenHash', '=', sha256(token)).executeTakeFirst();
  return row && row.expiresAt > Date.now() ? row.accountId : null;
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

export async function createApiKeyInTx(ctx: AppContext, tx: Tx, accountId: string, name: string) {
  const key = generateApiKey();
  const row = { id: newId('key'), accountId, name, prefix: key.slice(0, 11), keyHash: sha256(key), createdAt: Date.now(), lastUsedAt: null, revokedAt: null };
  await tx.insertInto('apiKeys').values(row).execute();
  await ctx.outbox.emit(tx, accountId, 'api.key_created', { keyId: row.id, name, prefix: row.prefix });
  return { id: row.id, name, prefix: row.prefix, key, createdAt: new Date(row.createdAt).toISOString() };
}

export async function createApiKey(ctx: AppContext, accountId: string, name: string) {
  return inTransaction(ctx.db, (tx) => createApiKeyInTx(ctx, tx, accountId, name));
}

export async function listApiKeys(ctx: AppContext, accountId: string): Promise<ApiKeyView[]> {
  const rows = await ctx.db
    .selectFrom('apiKeys')
    .select(['id', 'name', 'prefix', 'createdAt', 'lastUsedAt'])
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: new Date(r.createdAt).toISOString(),
    lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
  }));
}

export async function revokeApiKey(ctx: AppContext, accountId: string, keyId: string): Promise<void> {
  const res = await ctx.db
    .updateTable('apiKeys')
    .set({ revokedAt: Date.now() })
    .where('id', '=', keyId)
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw notFound('API key', keyId);
}

// last_used_at is refreshed at most once a minute per key: a write per API call would double the
// cost of every read request.
const LAST_USED_RESOLUTION_MS = 60_000;

export async function accountForApiKey(ctx: AppContext, key: string): Promise<{ accountId: string; keyId: string } | null> {
  if (!/^lw_[0-9A-Za-z]{32}$/.test(key)) return null;
  const row = await ctx.db.selectFrom('apiKeys').select(['id', 'accountId', 'lastUsedAt', 'revokedAt']).where('keyHash', '=', sha256(key)).executeTakeFirst();
  if (!row || row.revokedAt !== null) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt > LAST_USED_RESOLUTION_MS) {
    await ctx.db.updateTable('apiKeys').set({ lastUsedAt: now }).where('id', '=', row.id).execute();
  }
  return { accountId: row.accountId, keyId: row.id };
}
