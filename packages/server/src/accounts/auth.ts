import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../http/errors.js';
import { countryFromProxyHeaders } from '../lib/geo.js';
import { isRole, type Permission, PERMISSIONS, type Role, roleAllows } from './permissions.js';
import { accountForApiKey, type ClientInfo, memberForSession } from './service.js';

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
 * x-csrf-token header (double-submit), which a cross-site form cannot do. Then ONE authorization
 * check: the caller's role (the session's membership, or the API key creator's current role) must
 * allow the route's `config.permission` (accounts/permissions.ts).
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('accountId', '');
  app.decorateRequest('authKind', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('member', null);
  // A route that forgets its permission would be open to every role: refuse to start instead.
  app.addHook('onRoute', (route) => {
    const config = route.config as { public?: boolean; permission?: string } | undefined;
    if (config?.public) return;
    if (!config?.permission || !(config.permission in PERMISSIONS)) {
      throw new Error(
        `${route.method} ${route.url} names no permission: add config: { permission: '<one of accounts/permissions.ts PERMISSIONS>' } (or public: true)`,
      );
    }
    // Documented per operation (OpenAPI extension x-permission): clients, and the role × route suite, read it there.
    if (route.schema) route.schema = { ...route.schema, 'x-permission': config.permission } as typeof route.schema;
  });
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    if (req.routeOptions.config?.public) return;
    await authenticate(app, req);
    const permission = req.routeOptions.config?.permission as Permission;
    const role = req.member!.role;
    if (!roleAllows(role, permission)) {
      throw forbidden(`The ${role} role does not have the ${permission} permission (${PERMISSIONS[permission]}).`, { role, permission });
    }
  });
}

function asRole(role: string): Role {
  // A role written by a newer version is treated as the least one.
  return isRole(role) ? role : 'viewer';
}

async function authenticate(app: FastifyInstance, req: FastifyRequest): Promise<void> {
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
    req.member = { id: key.memberId, role: asRole(key.role), userId: null };
    return;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw unauthorized();
  const session = await memberForSession(ctx, token);
  if (!session) throw unauthorized('Your session has expired or you are no longer a member of this workspace; log in again.');
  if (UNSAFE.has(req.method)) {
    const cookie = req.cookies[CSRF_COOKIE];
    const sent = req.headers[CSRF_HEADER];
    if (!cookie || typeof sent !== 'string' || !sameToken(cookie, sent)) {
      throw new AppError(403, 'csrf_failed', 'CSRF check failed', `Send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header.`);
    }
  }
  req.accountId = session.accountId;
  req.authKind = 'session';
  req.actor = { type: 'user', id: session.userId, email: session.email };
  req.member = { id: session.memberId, role: asRole(session.role), userId: session.userId };
}

/** What may be kept about the caller: a daily-rotating hash and a country, never the address. */
export function clientInfo(req: FastifyRequest): ClientInfo {
  const ctx = req.server.ctx;
  return {
    clientHash: ctx.clientHashes.of('client', req.ip),
    country: ctx.config.trustProxy ? countryFromProxyHeaders(req) : null,
  };
}
