import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CSRF_COOKIE, SESSION_COOKIE } from '../accounts/auth.js';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../accounts/permissions.js';
import { setSessionCookies } from '../accounts/routes.js';
import { createSession, destroySession, switchSession, userForSession } from '../accounts/service.js';
import { actorOf } from '../audit/record.js';
import { badRequest } from '../http/errors.js';
import { authed, NoContent, problems } from '../http/schemas.js';
import {
  AcceptBody,
  Accepted,
  AccountParams,
  IdParams,
  Invite,
  InviteBody,
  Left,
  Member,
  MemberList,
  RemoveQuery,
  RoleBody,
  RoleTable,
  Workspace,
  WorkspaceList,
} from './schemas.js';
import {
  acceptInvite,
  type Caller,
  changeRole,
  createInvite,
  leaveWorkspace,
  listMembers,
  listWorkspaces,
  removeMember,
  resendInvite,
  revokeInvite,
  workspaceOf,
} from './service.js';

const tags = ['teams'];

function callerOf(req: FastifyRequest): Caller {
  return { memberId: req.member!.id, role: req.member!.role, actor: actorOf(req) };
}

function sessionUser(req: FastifyRequest): string {
  if (req.authKind !== 'session' || !req.member?.userId)
    throw badRequest('Workspaces belong to a signed-in user: use the dashboard session, not an API key (a key belongs to one account).');
  return req.member.userId;
}

export async function teamRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  // Runs after the auth hook, before the body is read: creating and resending share one counter.
  const inviteLimit = async (req: FastifyRequest) => app.rateLimits.check('invite', req);

  app.get(
    '/roles',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'listRoles',
        summary: 'The roles and what each may do (the table the server enforces)',
        tags,
        response: { 200: RoleTable, ...authed() },
      },
    },
    async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      permissions: Object.entries(PERMISSIONS).map(([name, description]) => ({ name, description })),
    }),
  );

  app.post(
    '/invites',
    {
      config: { permission: 'members:manage' },
      onRequest: inviteLimit,
      schema: {
        operationId: 'createInvite',
        summary: 'Invite someone by email with a role; emits team.member_added',
        tags,
        body: InviteBody,
        response: { 201: Invite, ...authed(400, 409, 429) },
      },
    },
    async (req, reply) => reply.code(201).send(await createInvite(ctx, req.accountId, callerOf(req), req.body)),
  );

  app.post(
    '/invites/:id/resend',
    {
      config: { permission: 'members:manage' },
      onRequest: inviteLimit,
      schema: {
        operationId: 'resendInvite',
        summary: 'A new link (and mail) for a pending invite; the previous link stops working',
        tags,
        params: IdParams,
        response: { 200: Invite, ...authed(400, 404, 429) },
      },
    },
    async (req) => resendInvite(ctx, req.accountId, callerOf(req), req.params.id),
  );

  app.delete(
    '/invites/:id',
    {
      config: { permission: 'members:manage' },
      schema: {
        operationId: 'revokeInvite',
        summary: 'Revoke a pending invite; emits team.member_removed (reason invite_revoked)',
        tags,
        params: IdParams,
        response: { 204: NoContent, ...authed(400, 404) },
      },
    },
    async (req, reply) => {
      await revokeInvite(ctx, req.accountId, callerOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invites/accept',
    {
      config: { public: true, rateLimit: app.rateLimits.route('acceptInvite') },
      schema: {
        operationId: 'acceptInvite',
        summary: 'Accept an invite (the token is the credential); sets a session acting in that account; emits team.member_joined',
        tags,
        security: [],
        body: AcceptBody,
        response: { 200: Accepted, ...problems(400, 401, 404, 410, 429) },
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      const userId = token ? await userForSession(ctx, token) : null;
      const accepted = await acceptInvite(ctx, req.body, userId);
      const session = await createSession(ctx, accepted.userId, accepted.accountId);
      setSessionCookies(app, reply, session.token, session.expiresAt);
      return { accountId: accepted.accountId, memberId: accepted.memberId, role: accepted.role as (typeof ROLES)[number] };
    },
  );

  app.get(
    '/members',
    {
      config: { permission: 'account:read' },
      schema: { operationId: 'listMembers', summary: 'Members and pending invites', tags, response: { 200: MemberList, ...authed() } },
    },
    async (req) => ({ data: (await listMembers(ctx, req.accountId)) as never }),
  );

  // Before /members/:id in the docs; Fastify matches the static segment first either way.
  app.delete(
    '/members/me',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'leaveWorkspace',
        summary: 'Leave the current workspace (any role; not its last owner); emits team.member_removed (reason left)',
        tags,
        querystring: RemoveQuery,
        response: { 200: Left, ...authed(400, 409) },
      },
    },
    async (req, reply) => {
      const userId = sessionUser(req);
      const token = req.cookies[SESSION_COOKIE]!;
      const next = await leaveWorkspace(ctx, req.accountId, callerOf(req), userId, req.query.apiKeys);
      // The session moves to the user's next workspace, or ends when there is none.
      if (next) await switchSession(ctx, token, next);
      else {
        await destroySession(ctx, token);
        reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      }
      return { accountId: next };
    },
  );

  app.patch(
    '/members/:id',
    {
      config: { permission: 'members:manage' },
      schema: {
        operationId: 'changeMemberRole',
        summary: "Change a member's role (owners only for owners); emits team.member_role_changed",
        tags,
        params: IdParams,
        body: RoleBody,
        response: { 200: Member, ...authed(400, 404, 409) },
      },
    },
    async (req) => (await changeRole(ctx, req.accountId, callerOf(req), req.params.id, req.body.role)) as never,
  );

  app.delete(
    '/members/:id',
    {
      config: { permission: 'members:manage' },
      schema: {
        operationId: 'removeMember',
        summary: 'Remove a member, revoking (default) or keeping their API keys; emits team.member_removed and api.key_revoked per key',
        tags,
        params: IdParams,
        querystring: RemoveQuery,
        response: { 204: NoContent, ...authed(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await removeMember(ctx, req.accountId, callerOf(req), req.params.id, req.query.apiKeys);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'listWorkspaces',
        summary: "The signed-in user's workspaces (accounts) and the role in each",
        tags,
        response: { 200: WorkspaceList, ...authed(400) },
      },
    },
    async (req) => ({ data: (await listWorkspaces(ctx, sessionUser(req), req.accountId)) as never }),
  );

  app.post(
    '/workspaces/:accountId/switch',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'switchWorkspace',
        summary: 'Make another of your workspaces the session’s current one',
        tags,
        params: AccountParams,
        response: { 200: Workspace, ...authed(400, 404) },
      },
    },
    async (req) => {
      const userId = sessionUser(req);
      const workspace = await workspaceOf(ctx, userId, req.params.accountId);
      await switchSession(ctx, req.cookies[SESSION_COOKIE]!, workspace.accountId);
      return { ...workspace, current: true } as never;
    },
  );
}
