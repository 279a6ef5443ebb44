import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../audit/record.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authed, NoContent, problems } from '../http/schemas.js';
import { CSRF_COOKIE, clientInfo, SESSION_COOKIE } from './auth.js';
import { roleAllows } from './permissions.js';
import { AccountWithLimits, ApiKeyBody, ApiKeyList, CreatedApiKey, IdParams, LoginBody, LoginResult, SignupBody, SignupResult } from './schemas.js';
import { accountWithLimits, createApiKey, destroySession, listApiKeys, login, createSession, revokeApiKey, signup } from './service.js';

export * from './schemas.js';

/** The session cookie and its CSRF companion (sign-up, login, accepting an invite). */
export function setSessionCookies(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: number) {
  const secure = app.ctx.config.publicUrl.startsWith('https://');
  const expires = new Date(expiresAt);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
  reply.setCookie(CSRF_COOKIE, randomBytes(18).toString('base64url'), { path: '/', httpOnly: false, sameSite: 'lax', secure, expires });
}

const tags = ['accounts'];

/** A role that manages members sees and revokes every key of the account; others only their own. */
const ownKeysOnly = (req: FastifyRequest) => (roleAllows(req.member!.role, 'members:manage') ? undefined : req.member!.id);

export async function accountRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.post(
    '/signup',
    {
      config: { public: true, rateLimit: app.rateLimits.route('signup') },
      schema: {
        operationId: 'signup',
        summary: 'Create an account; sets the session cookies and returns the first API key',
        tags,
        security: [],
        body: SignupBody,
        response: { 201: SignupResult, ...problems(400, 409, 429) },
      },
    },
    async (req, reply) => {
      const result = await signup(ctx, req.body);
      const session = await createSession(ctx, result.userId, result.account.id);
      setSessionCookies(app, reply, session.token, session.expiresAt);
      return reply.code(201).send({ account: result.account, apiKey: result.apiKey });
    },
  );

  // Besides the failed-login throttle in the database (accounts/service.ts), which outlives processes.
  app.post(
    '/login',
    {
      config: { public: true, rateLimit: app.rateLimits.route('login') },
      schema: {
        operationId: 'login',
        summary: 'Log in; sets the session cookie (lw_session) and the CSRF cookie (lw_csrf)',
        tags,
        security: [],
        body: LoginBody,
        response: { 200: LoginResult, ...problems(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const result = await login(ctx, req.body.email, req.body.password, clientInfo(req));
      setSessionCookies(app, reply, result.sessionToken, result.expiresAt);
      return { account: result.account };
    },
  );

  app.post(
    '/logout',
    {
      config: { public: true },
      schema: { operationId: 'logout', summary: 'End the session and clear its cookies', tags, security: [], response: { 204: NoContent } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await destroySession(ctx, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/account',
    {
      config: { permission: 'account:read' },
      schema: { operationId: 'getAccount', summary: 'The account and its plan limits', tags, response: { 200: AccountWithLimits, ...authed(404) } },
    },
    async (req) => ({
      ...(await accountWithLimits(ctx, req.accountId)),
      role: req.member!.role,
      memberId: req.member!.id,
      userEmail: req.authKind === 'session' ? (req.actor?.email ?? null) : null,
    }),
  );

  app.get(
    '/api-keys',
    {
      config: { permission: 'api_keys:own' },
      schema: {
        operationId: 'listApiKeys',
        summary: 'The API keys (never the keys themselves): all of the account’s for a role that manages members, else one’s own',
        tags,
        response: { 200: ApiKeyList, ...authed() },
      },
    },
    async (req) => ({ data: await listApiKeys(ctx, req.accountId, ownKeysOnly(req)) }),
  );

  app.post(
    '/api-keys',
    {
      config: { permission: 'api_keys:own' },
      schema: {
        operationId: 'createApiKey',
        summary: 'Create an API key; the key is in this response only',
        tags,

        body: ApiKeyBody,
        response: { 201: CreatedApiKey, ...authed(400, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiKey(ctx, req.accountId, req.member!.id, req.body.name, actorOf(req))),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: { permission: 'api_keys:own' },
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key (one’s own, or any with members:manage); emits api.key_revoked',
        tags,

        params: IdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeApiKey(ctx, req.accountId, req.params.id, actorOf(req), ownKeysOnly(req));
      return reply.code(204).send(null);
    },
  );
}
