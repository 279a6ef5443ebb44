// Members, invites and workspaces (PRODUCT.md §9). Every change runs in one transaction with its
// event (ctx.outbox.emit) and its audit row (recordAudit), so all three commit or roll back together.
import { createHash, randomBytes } from 'node:crypto';
import { isRole, type Permission, type Role, roleAllows } from '../accounts/permissions.js';
import { hashPassword, passwordProblem } from '../accounts/passwords.js';
import { normalizeEmail, revokeKeysInTx } from '../accounts/service.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/record.js';
import type { AppContext } from '../context.js';
import type { MembersTable } from '../db/schema.teams.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { AppError, conflict, forbidden, limitReached, notFound, unauthorized, validationError } from '../http/errors.js';
import { newId } from '../lib/ids.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The caller acting on the team: its member id and role in the account. */
export interface Caller {
  memberId: string;
  role: Role;
  actor: Actor;
}

export interface MemberView {
  id: string;
  userId: string | null;
  email: string;
  role: string;
  status: 'invited' | 'active';
  invitedBy: string | null;
  createdAt: string;
  joinedAt: string | null;
  /** When a pending invite's token expires; null for active members. */
  expiresAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function toMemberView(m: MembersTable): MemberView {
  return {
    id: m.id,
    userId: m.userId,
    email: m.email,
    role: m.role,
    status: m.status === 'invited' ? 'invited' : 'active',
    invitedBy: m.invitedBy,
    createdAt: new Date(m.createdAt).toISOString(),
    joinedAt: iso(m.joinedAt),
    expiresAt: m.status === 'invited' ? iso(m.inviteExpiresAt) : null,
  };
}

/**
 * Serialises team changes of one account: on PostgreSQL the account row is locked (SELECT … FOR
 * UPDATE) for the rest of the transaction, so two concurrent demotions, removals or invites see each
 * other's result before counting owners or seats. SQLite has one writer at a time already.
 */
async function lockAccount(ctx: AppContext, tx: Tx, accountId: string): Promise<{ plan: string }> {
  const query = tx.selectFrom('accounts').select('plan').where('id', '=', accountId);
  const account = await (ctx.database.caps.rowLocks ? query.forUpdate() : query).executeTakeFirst();
  if (!account) throw notFound('Account', accountId);
  return account;
}

/**
 * The caller as the database has it now, read after lockAccount: the role the auth hook saw may be
 * stale by the time the lock is granted (a concurrent request demoted or removed the caller), and
 * every rule below (owners:manage, the last owner) must be judged on the committed state.
 */
async function freshCaller(tx: Tx, accountId: string, caller: Caller, permission: Permission | null = 'members:manage'): Promise<Caller> {
  const row = await tx.selectFrom('members').select(['role', 'status']).where('id', '=', caller.memberId).where('accountId', '=', accountId).executeTakeFirst();
  // A session acts only while its member is active; a kept API key of a removed member acts with the role it last had.
  if (!row || row.status === 'invited' || (row.status !== 'active' && caller.actor.type === 'user')) {
    throw unauthorized('You are no longer a member of this workspace; log in again.');
  }
  const role = isRole(row.role) ? row.role : 'viewer';
  if (permission && !roleAllows(role, permission)) {
    throw forbidden(`The ${role} role does not have the ${permission} permission (your role changed while this request waited).`, { role, permission });
  }
  return { ...caller, role };
}

async function activeOwners(tx: Tx, accountId: string): Promise<number> {
  const row = await tx
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('accountId', '=', accountId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function requireOwnerRights(caller: Caller, what: string): void {
  if (!roleAllows(caller.role, 'owners:manage')) {
    throw forbidden(`The ${caller.role} role does not have the owners:manage permission: only an owner can ${what}.`, {
      role: caller.role,
      permission: 'owners:manage',
    });
  }
}

const lastOwner = () =>
  new AppError(409, 'last_owner', 'Conflict', 'An account must keep at least one owner: make another member an owner first.', { field: 'role' });

// ---- invites ----

export interface InviteInput {
  email: string;
  role: Role;
}

export interface InviteResult {
  memberId: string;
  email: string;
  role: Role;
  status: 'invited';
  expiresAt: string;
  acceptUrl: string;
}

/** The one-time link of an invite. The token is in the fragment, so it never reaches a server log. */
export function acceptUrlOf(ctx: AppContext, token: string): string {
  return `${ctx.config.publicUrl}/dashboard/accept-invite#token=${token}`;
}

function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: sha256(token) };
}

/**
 * Mails the link after the invite has committed. A mail server that is down does not undo the
 * invite: the response still carries the acceptUrl to hand over, and resend mails again.
 */
async function mailInvite(ctx: AppContext, accountId: string, email: string, role: string, acceptUrl: string): Promise<void> {
  if (!ctx.mailer) return;
  const account = await ctx.db.selectFrom('accounts').select('handle').where('id', '=', accountId).executeTakeFirst();
  try {
    await ctx.mailer.sendInvite({ to: email, workspace: account?.handle ?? accountId, role, acceptUrl });
  } catch (err) {
    ctx.log.warn({ err, accountId }, 'invite mail failed; the invite stands and its link is in the response');
  }
}

export async function createInvite(ctx: AppContext, accountId: string, caller: Caller, input: InviteInput): Promise<InviteResult> {
  const email = normalizeEmail(input.email);
  const { token, hash } = newInviteToken();
  const now = Date.now();
  const expiresAt = now + ctx.config.inviteTtlMs;
  const memberId = newId('mem');
  await inTransaction(ctx.db, async (tx) => {
    const account = await lockAccount(ctx, tx, accountId);
    const current = await freshCaller(tx, accountId, caller);
    if (input.role === 'owner') requireOwnerRights(current, 'invite an owner');
    const existing = await tx
      .selectFrom('members')
      .select(['id', 'status'])
      .where('accountId', '=', accountId)
      .where('email', '=', email)
      .where('status', 'in', ['invited', 'active'])
      .executeTakeFirst();
    if (existing?.status === 'active') throw conflict(`${email} is already a member of this workspace (${existing.id}).`, 'email');
    if (existing) throw conflict(`${email} already has a pending invite (${existing.id}); resend it instead.`, 'email');
    const seats = ctx.plans.limitsOf(account.plan).seats;
    if (seats !== null) {
      const used = await tx
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accountId', '=', accountId)
        .where('status', 'in', ['invited', 'active'])
        .executeTakeFirstOrThrow();
      if (Number(used.n) >= seats) {
        throw limitReached({
          status: 403,
          limit: 'seats',
          max: seats,
          detail: `The ${account.plan} plan has ${seats} seat(s), all taken by members and pending invites. Remove a member, revoke an invite or upgrade the plan.`,
        });
      }
    }
    await tx
      .insertInto('members')
      .values({
        id: memberId,
        accountId,
        userId: null,
        email,
        role: input.role,
        status: 'invited',
        inviteTokenHash: hash,
        inviteExpiresAt: expiresAt,
        invitedBy: caller.memberId,
        createdAt: now,
        joinedAt: null,
        updatedAt: now,
      })
      .execute();
    await ctx.outbox.emit(tx, accountId, 'team.member_added', { memberId, email, role: input.role });
    await recordAudit(tx, accountId, caller.actor, {
      action: 'member.invited',
      target: { type: 'member', id: memberId },
      changes: { email: { from: null, to: email }, role: { from: null, to: input.role } },
    });
  });
  const acceptUrl = acceptUrlOf(ctx, token);
  await mailInvite(ctx, accountId, email, input.role, acceptUrl);
  return { memberId, email, role: input.role, status: 'invited', expiresAt: new Date(expiresAt).toISOString(), acceptUrl };
}

async function pendingInvite(tx: Tx, accountId: string, memberId: string) {
  const member = await tx
    .selectFrom('members')
    .selectAll()
    .where('id', '=', memberId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'invited')
    .executeTakeFirst();
  if (!member) throw notFound('Invite', memberId);
  return member;
}

/** A new token and expiry for a pending invite; the previous token stops working. */
export async function resendInvite(ctx: AppContext, accountId: string, caller: Caller, memberId: string): Promise<InviteResult> {
  const { token, hash } = newInviteToken();
  const expiresAt = Date.now() + ctx.config.inviteTtlMs;
  const member = await inTransaction(ctx.db, async (tx) => {
    await lockAccount(ctx, tx, accountId);
    const current = await freshCaller(tx, accountId, caller);
    const member = await pendingInvite(tx, accountId, memberId);
    if (member.role === 'owner') requireOwnerRights(current, 'resend an owner invite');
    await tx.updateTable('members').set({ inviteTokenHash: hash, inviteExpiresAt: expiresAt, updatedAt: Date.now() }).where('id', '=', memberId).execute();
    await recordAudit(tx, accountId, caller.actor, { action: 'member.invite_resent', target: { type: 'member', id: memberId } });
    return member;
  });
  const acceptUrl = acceptUrlOf(ctx, token);
  await mailInvite(ctx, accountId, member.email, member.role, acceptUrl);
  return { memberId, email: member.email, role: member.role as Role, status: 'invited', expiresAt: new Date(expiresAt).toISOString(), acceptUrl };
}

export async function revokeInvite(ctx: AppContext, accountId: string, caller: Caller, memberId: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await lockAccount(ctx, tx, accountId);
    const current = await freshCaller(tx, accountId, caller);
    const member = await pendingInvite(tx, accountId, memberId);
    if (member.role === 'owner') requireOwnerRights(current, 'revoke an owner invite');
    await endInvite(ctx, tx, member, 'invite_revoked', caller.actor);
  });
}

async function endInvite(ctx: AppContext, tx: Tx, member: MembersTable, reason: 'invite_revoked' | 'invite_expired', actor: Actor): Promise<boolean> {
  let update = tx.updateTable('members').set({ status: 'removed', updatedAt: Date.now() }).where('id', '=', member.id).where('status', '=', 'invited');
  // The scheduler read `member` before this transaction: an invite resent (new expiry) or accepted since is left alone.
  if (reason === 'invite_expired') update = update.where('inviteExpiresAt', '<=', member.inviteExpiresAt ?? 0);
  const res = await update.executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) return false;
  await ctx.outbox.emit(tx, member.accountId, 'team.member_removed', { memberId: member.id, email: member.email, role: member.role, reason });
  await recordAudit(tx, member.accountId, actor, {
    action: reason === 'invite_revoked' ? 'member.invite_revoked' : 'member.invite_expired',
    target: { type: 'member', id: member.id },
  });
  return true;
}

/** Ends every pending invite past its expiry (the worker's scheduler); returns how many. */
export async function expireInvites(ctx: AppContext, now = Date.now()): Promise<number> {
  let expired = 0;
  for (const member of await dueInvites(ctx, now)) if (await expireInvite(ctx, member)) expired++;
  return expired;
}

/** The scheduler's read: pending invites past their expiry at `now` (up to 500 a run). */
export function dueInvites(ctx: AppContext, now: number): Promise<MembersTable[]> {
  return ctx.db.selectFrom('members').selectAll().where('status', '=', 'invited').where('inviteExpiresAt', '<=', now).orderBy('id').limit(500).execute();
}

/**
 * Ends one invite as the scheduler read it; false when it changed since (resent with a new expiry,
 * accepted, revoked), which is then left alone.
 */
export function expireInvite(ctx: AppContext, member: MembersTable): Promise<boolean> {
  return inTransaction(ctx.db, (tx) => endInvite(ctx, tx, member, 'invite_expired', SYSTEM_ACTOR));
}

export interface AcceptInput {
  token: string;
  password?: string;
}

export interface AcceptResult {
  accountId: string;
  memberId: string;
  role: string;
  userId: string;
}

/**
 * The token is the credential. The invited email's user is created with `password` when it has
 * none; otherwise the caller must be signed in as that user (`sessionUserId`). The UPDATE … WHERE
 * status = 'invited' decides between concurrent accepts of one token: one wins, the other is a 410.
 */
export async function acceptInvite(ctx: AppContext, input: AcceptInput, sessionUserId: string | null): Promise<AcceptResult> {
  const hash = sha256(input.token);
  const invite = await ctx.db.selectFrom('members').selectAll().where('inviteTokenHash', '=', hash).executeTakeFirst();
  if (!invite)
    throw new AppError(404, 'invite_not_found', 'Not found', 'No invite has this token: it was mistyped, or the invite was resent with a new link.', {
      field: 'token',
    });
  const gone = (detail: string) => new AppError(410, 'invite_gone', 'Gone', detail, { field: 'token' });
  if (invite.status === 'active') throw gone('This invite was already used. Log in instead, or ask for a new invite.');
  // Expired, whether or not the scheduler has ended it yet (it then has status removed).
  if (invite.inviteExpiresAt !== null && invite.inviteExpiresAt <= Date.now()) throw gone('This invite has expired. Ask for a new one.');
  if (invite.status !== 'invited') throw gone('This invite was revoked, or its member removed. Ask for a new one.');

  const user = await ctx.db.selectFrom('users').select(['id', 'email']).where('email', '=', invite.email).executeTakeFirst();
  let newUser: { id: string; passwordHash: string } | null = null;
  if (user) {
    if (sessionUserId !== user.id) {
      throw new AppError(
        401,
        'login_required',
        'Unauthorized',
        `${invite.email} already has a Linkwire login: log in as ${invite.email}, then open the invite link again.`,
      );
    }
  } else {
    if (!input.password) throw validationError([{ field: 'password', message: `is required: it creates the login of ${invite.email}` }]);
    const problem = passwordProblem(input.password);
    if (problem) throw validationError([{ field: 'password', message: problem }]);
    newUser = { id: newId('usr'), passwordHash: await hashPassword(input.password) };
  }
  const userId = user?.id ?? newUser!.id;
  const now = Date.now();
  try {
    return await claimInvite(ctx, invite, hash, userId, newUser, now);
  } catch (err) {
    // Two invites of one new email (two workspaces) accepted at the same moment: the first created the login.
    if (newUser && /unique|duplicate/i.test((err as Error).message)) {
      throw new AppError(
        409,
        'login_exists',
        'Conflict',
        `${invite.email} just got a Linkwire login: log in as ${invite.email}, then open the invite link again.`,
        {
          field: 'password',
        },
      );
    }
    throw err;
  }
}

async function claimInvite(
  ctx: AppContext,
  invite: MembersTable,
  hash: string,
  userId: string,
  newUser: { id: string; passwordHash: string } | null,
  now: number,
): Promise<AcceptResult> {
  const gone = (detail: string) => new AppError(410, 'invite_gone', 'Gone', detail, { field: 'token' });
  return inTransaction(ctx.db, async (tx) => {
    // The claim comes first: a concurrent accept of the same token waits on this row and then gets
    // the 410, instead of racing to create the same user.
    const res = await tx
      .updateTable('members')
      .set({ status: 'active', joinedAt: now, updatedAt: now })
      .where('id', '=', invite.id)
      .where('status', '=', 'invited')
      .where('inviteTokenHash', '=', hash)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw gone('This invite was already used or revoked. Ask for a new one.');
    if (newUser) {
      await tx
        .insertInto('users')
        .values({ id: newUser.id, email: invite.email, passwordHash: newUser.passwordHash, createdAt: now, updatedAt: now })
        .execute();
    }
    await tx.updateTable('members').set({ userId }).where('id', '=', invite.id).execute();
    await ctx.outbox.emit(tx, invite.accountId, 'team.member_joined', {
      memberId: invite.id,
      userId,
      email: invite.email,
      role: invite.role,
      joinedAt: new Date(now).toISOString(),
    });
    await recordAudit(
      tx,
      invite.accountId,
      { type: 'user', id: userId, email: invite.email },
      { action: 'member.joined', target: { type: 'member', id: invite.id } },
    );
    return { accountId: invite.accountId, memberId: invite.id, role: invite.role, userId };
  });
}

// ---- members ----

export async function listMembers(ctx: AppContext, accountId: string): Promise<MemberView[]> {
  const rows = await ctx.db
    .selectFrom('members')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('status', 'in', ['invited', 'active'])
    .orderBy('id')
    .execute();
  return rows.map(toMemberView);
}

async function activeMember(tx: Tx, accountId: string, memberId: string) {
  const member = await tx
    .selectFrom('members')
    .selectAll()
    .where('id', '=', memberId)
    .where('accountId', '=', accountId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!member) throw notFound('Member', memberId);
  return member;
}

export async function changeRole(ctx: AppContext, accountId: string, caller: Caller, memberId: string, toRole: Role): Promise<MemberView> {
  return inTransaction(ctx.db, async (tx) => {
    await lockAccount(ctx, tx, accountId);
    const current = await freshCaller(tx, accountId, caller);
    const member = await activeMember(tx, accountId, memberId);
    const fromRole = member.role;
    if (fromRole === toRole) return toMemberView(member);
    if (fromRole === 'owner' || toRole === 'owner') requireOwnerRights(current, fromRole === 'owner' ? 'demote an owner' : 'make an owner');
    if (fromRole === 'owner' && (await activeOwners(tx, accountId)) <= 1) throw lastOwner();
    const now = Date.now();
    await tx.updateTable('members').set({ role: toRole, updatedAt: now }).where('id', '=', memberId).execute();
    await ctx.outbox.emit(tx, accountId, 'team.member_role_changed', { memberId, email: member.email, fromRole, toRole, changedBy: caller.memberId });
    await recordAudit(tx, accountId, caller.actor, {
      action: 'member.role_changed',
      target: { type: 'member', id: memberId },
      changes: { role: { from: fromRole, to: toRole } },
    });
    return toMemberView({ ...member, role: toRole, updatedAt: now });
  });
}

export type KeyDisposition = 'revoke' | 'keep';

/**
 * Removes an active member (their sessions stop acting in this account at once). Their API keys are
 * revoked, or kept acting with the role the member last had. A member removing themselves has left.
 */
export async function removeMember(ctx: AppContext, accountId: string, caller: Caller, memberId: string, apiKeys: KeyDisposition): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    await lockAccount(ctx, tx, accountId);
    // Leaving (removing oneself) needs no members:manage: every role may leave a workspace.
    const current = await freshCaller(tx, accountId, caller, memberId === caller.memberId ? null : 'members:manage');
    const member = await activeMember(tx, accountId, memberId);
    if (member.role === 'owner') {
      requireOwnerRights(current, 'remove an owner');
      if ((await activeOwners(tx, accountId)) <= 1) throw lastOwner();
    }
    await tx.updateTable('members').set({ status: 'removed', updatedAt: Date.now() }).where('id', '=', memberId).execute();
    if (apiKeys === 'revoke') {
      const keys = await tx
        .selectFrom('apiKeys')
        .select(['id', 'name'])
        .where('memberId', '=', memberId)
        .where('revokedAt', 'is', null)
        .orderBy('id')
        .execute();
      await revokeKeysInTx(ctx, tx, accountId, keys, 'member_removed', caller.actor);
    }
    const reason = memberId === caller.memberId ? 'left' : 'removed';
    await ctx.outbox.emit(tx, accountId, 'team.member_removed', { memberId, email: member.email, role: member.role, reason });
    await recordAudit(tx, accountId, caller.actor, {
      action: reason === 'left' ? 'member.left' : 'member.removed',
      target: { type: 'member', id: memberId },
      changes: { status: { from: 'active', to: 'removed' }, apiKeys: { from: null, to: apiKeys } },
    });
  });
}

/**
 * The signed-in member leaves the workspace (team.member_removed, reason left). The last owner
 * cannot leave (409 last_owner). Returns the user's next workspace, or null when none is left.
 */
export async function leaveWorkspace(ctx: AppContext, accountId: string, caller: Caller, userId: string, apiKeys: KeyDisposition): Promise<string | null> {
  await removeMember(ctx, accountId, caller, caller.memberId, apiKeys);
  const next = await listWorkspaces(ctx, userId, accountId);
  return next[0]?.accountId ?? null;
}

// ---- workspaces ----

export interface WorkspaceView {
  accountId: string;
  handle: string;
  plan: string;
  memberId: string;
  role: string;
  current: boolean;
}

export async function listWorkspaces(ctx: AppContext, userId: string, currentAccountId: string): Promise<WorkspaceView[]> {
  const rows = await ctx.db
    .selectFrom('members')
    .innerJoin('accounts', 'accounts.id', 'members.accountId')
    .select(['accounts.id as accountId', 'accounts.handle', 'accounts.plan', 'members.id as memberId', 'members.role'])
    .where('members.userId', '=', userId)
    .where('members.status', '=', 'active')
    .orderBy('members.id')
    .execute();
  return rows.map((r) => ({ ...r, current: r.accountId === currentAccountId }));
}

/** The user's active membership in `accountId`, or a 404 (an account one is not a member of is not revealed). */
export async function workspaceOf(ctx: AppContext, userId: string, accountId: string): Promise<WorkspaceView> {
  const all = await listWorkspaces(ctx, userId, accountId);
  const found = all.find((w) => w.accountId === accountId);
  if (!found) throw notFound('Workspace', accountId);
  return found;
}

/** The account's first active owner (who the CLI acts for). */
export async function accountOwner(ctx: AppContext, accountId: string): Promise<string> {
  const owner = await ctx.db
    .selectFrom('members')
    .select('id')
    .where('accountId', '=', accountId)
    .where('role', '=', 'owner')
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  if (!owner) throw notFound('Owner of account', accountId);
  return owner.id;
}
