import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authed, NoContent, problems } from '../http/schemas.js';
import { CSRF_COOKIE, clientInfo, SESSION_COOKIE } from './auth.js';
import { AccountWithLimits, ApiKeyBody, ApiKeyList, CreatedApiKey, IdParams, LoginBody, LoginResult, SignupBody, SignupResult } from './schemas.js';
import { accountWithLimits, createApiKey, destroySession, listApiKeys, login, createSession, revokeApiKey, signup } from './service.js';

export * from './schemas.js';

function setSessionCookies(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: number) {
  const secure = app.ctx.config.publicUrl.startsWith('https://');
  const expires = new Date(expiresAt);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
  reply.setCookie(CSRF_COOKIE, randomBytes(18).toString('base64url'), { path: '/', httpOnly: false, sameSite: 'lax', secure, expires });
}

const tags = ['accounts'];

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
      const session = await createSession(ctx, result.account.id);
      setSessionCookies(app, reply, session.token, session.expiresAt);
      return reply.code(201).send(result);
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
    { schema: { operationId: 'getAccount', summary: 'The account and its plan limits', tags, response: { 200: AccountWithLimits, ...authed(404) } } },
    async (req) => accountWithLimits(ctx, req.accountId),
  );

  app.get(
    '/api-keys',
    { schema: { operationId: 'listApiKeys', summary: 'The account’s API keys (never the keys themselves)', tags, response: { 200: ApiKeyList, ...authed() } } },
    async (req) => ({ data: await listApiKeys(ctx, req.accountId) }),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        operationId: 'createApiKey',
        summary: 'Create an API key; the key is in this response only',
        tags,

        body: ApiKeyBody,
        response: { 201: CreatedApiKey, ...authed(400, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createApiKey(ctx, req.accountId, req.body.name)),
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: {
        operationId: 'revokeApiKey',
        summary: 'Revoke an API key',
        tags,

        params: IdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await revokeApiKey(ctx, req.accountId, req.params.id);
      return reply.code(204).send(null);
    },
  );
}
