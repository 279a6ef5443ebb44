import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { parse } from '../http/validation.js';
import { CSRF_COOKIE, clientInfo, SESSION_COOKIE } from './auth.js';
import { accountWithLimits, createApiKey, destroySession, listApiKeys, login, createSession, revokeApiKey, signup } from './service.js';

const SignupBody = z.strictObject({
  email: z.email({ message: 'must be a valid email address' }).max(254),
  password: z.string({ message: 'must be a string' }),
  handle: z.string({ message: 'must be a string' }),
});
const LoginBody = z.strictObject({ email: z.string().min(1, 'is required'), password: z.string().min(1, 'is required') });
const ApiKeyBody = z.strictObject({ name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters') });
const IdParams = z.strictObject({ id: z.string() });

function setSessionCookies(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: number) {
  const secure = app.ctx.config.publicUrl.startsWith('https://');
  const expires = new Date(expiresAt);
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires });
  reply.setCookie(CSRF_COOKIE, randomBytes(18).toString('base64url'), { path: '/', httpOnly: false, sameSite: 'lax', secure, expires });
}

export async function accountRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  app.post('/signup', { config: { public: true, rateLimit: app.rateLimits.route('signup') } }, async (req, reply) => {
    const body = parse(SignupBody, req.body);
    const result = await signup(ctx, body);
    const session = await createSession(ctx, result.account.id);
    setSessionCookies(app, reply, session.token, session.expiresAt);
    return reply.code(201).send(result);
  });

  // Besides the failed-login throttle in the database (accounts/service.ts), which outlives processes.
  app.post('/login', { config: { public: true, rateLimit: app.rateLimits.route('login') } }, async (req, reply) => {
    const body = parse(LoginBody, req.body);
    const result = await login(ctx, body.email, body.password, clientInfo(req));
    setSessionCookies(app, reply, result.sessionToken, result.expiresAt);
    return { account: result.account };
  });

  app.post('/logout', { config: { public: true } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await destroySession(ctx, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/account', async (req) => accountWithLimits(ctx, req.accountId));

  app.get('/api-keys', async (req) => ({ data: await listApiKeys(ctx, req.accountId) }));

  app.post('/api-keys', async (req, reply) => {
    const body = parse(ApiKeyBody, req.body);
    return reply.code(201).send(await createApiKey(ctx, req.accountId, body.name));
  });

  app.delete('/api-keys/:id', async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    await revokeApiKey(ctx, req.accountId, id);
    return reply.code(204).send();
  });
}
