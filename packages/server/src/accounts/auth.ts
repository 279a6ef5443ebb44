import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../http/errors.js';
import { countryFromProxyHeaders } from '../lib/geo.js';
import { accountForApiKey, accountForSession, type ClientInfo } from './service.js';

export const SESSION_COOKIE = 'lw_session';
export const CSRF_COOKIE = 'lw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Authentication for every /api/v1 route: `Authorization: Bearer lw_…` for integrations, or the
 * dashboard's session cookie. Cookie-authenticated writes must echo the lw_csrf cookie in the
 * x-csrf-token header (double-submit), which a cross-site form cannot do.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('accountId', '');
  app.decorateRequest('authKind', null);
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (req.routeOptions.config?.public) return;
    const ctx = app.ctx;
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <api key>".');
      const key = await accountForApiKey(ctx, match[1]!);
      if (!key) throw unauthorized('This API key is unknown or revoked. Create a new one in the dashboard (Settings → API keys).');
      req.accountId = key.accountId;
      req.authKind = 'api_key';
      req.actor = { type: 'api_key', id: key.keyId };
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw unauthorized();
    const accountId = await accountForSession(ctx, token);
    if (!accountId) throw unauthorized('Your session has expired; log in again.');
    if (UNSAFE.has(req.method)) {
      const cookie = req.cookies[CSRF_COOKIE];
      const sent = req.headers[CSRF_HEADER];
      if (!cookie || typeof sent !== 'string' || !sameToken(cookie, sent)) {
        throw new AppError(403, 'csrf_failed', 'CSRF check failed', `Send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`);
      }
    }
    req.accountId = accountId;
    req.authKind = 'session';
    // Until users are separate from accounts (issue 17), the session's person is the account.
    req.actor = { type: 'user', id: accountId };
  });
}

/** What may be kept about the caller: a daily-rotating hash and a country, never the address. */
export function clientInfo(req: FastifyRequest): ClientInfo {
  const ctx = req.server.ctx;
  return {
    clientHash: ctx.clientHashes.of('client', req.ip),
    country: ctx.config.trustProxy ? countryFromProxyHeaders(req) : null,
  };
}
