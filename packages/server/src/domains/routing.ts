import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { sendDomainRedirect } from '../http/redirect.js';
import { SLUG_RE } from '../links/service.js';
import { instanceHost } from './for-link.js';
import { hostOfHeader } from './hostname.js';
import { type HostEntry, isServing } from './hosts.js';

// Routing by Host (PRODUCT.md §10), in ONE place: Fastify's rewriteUrl, which runs before routing,
// maps a request on a custom host onto the route that serves it, from the in-memory host map:
//   /{slug}, /l/{slug}  → /l/{slug}  (the click path of web/public.ts, with the host attached)
//   /q/{slug}           → /q/{slug}
//   /                   → /{handle} (purpose profile/both), else the domain's rootUrl
//   /{handle}/subscribe → itself (the profile's form)
//   /.well-known/linkwire-challenge/<id> → the challenge file (any status: the HTTP fallback)
//   ASSOCIATION_FILE_PATHS → themselves (the deep-link routes answer them per host)
//   anything else (the API, the dashboard, login, docs, /metrics) → 404; an unknown host → 421.
// The instance's own host, IP literals and localhost are not rewritten.

/** Internal routes a rewritten request lands on; on any other host they are 404. */
const HOST_ROUTES = '/_linkwire/host';

/**
 * The app-link association files of PRODUCT.md §11 (Apple's also at its legacy root path, which
 * would otherwise be taken for a slug). On a serving custom host they reach the normal
 * router unchanged, with `ctx.hosts.ofRequest.get(req.raw)` telling the handler which domain (and
 * so which account's apps) it answers for: the single place the deep-link routes plug into.
 */
export const ASSOCIATION_FILE_PATHS = new Set(['/.well-known/apple-app-site-association', '/apple-app-site-association', '/.well-known/assetlinks.json']);

/** The host a request is routed by: X-Forwarded-Host only behind a trusted proxy (LINKWIRE_TRUST_PROXY=1). */
function requestHost(ctx: AppContext, raw: IncomingMessage): string {
  const forwarded = ctx.config.trustProxy ? raw.headers['x-forwarded-host'] : undefined;
  return hostOfHeader(typeof forwarded === 'string' && forwarded ? forwarded : raw.headers.host);
}

/** True for the hosts the instance itself answers on (its own, IP literals, localhost). */
function isInstanceHost(own: string, host: string): boolean {
  return host === '' || host === own || host === 'localhost' || host.startsWith('[') || isIP(host) !== 0;
}

export function hostRewriter(ctx: AppContext): (raw: IncomingMessage) => string {
  // Parsed once: a URL parse on every request was ~4 % of the click path's main thread (cpu-prof, 1 000 clicks/s).
  const own = instanceHost(ctx);
  return (raw) => {
    const url = raw.url ?? '/';
    const host = requestHost(ctx, raw);
    if (isInstanceHost(own, host)) return url;
    const entry = ctx.hosts.get(host);
    if (!entry) return `${HOST_ROUTES}/misdirected`;
    ctx.hosts.ofRequest.set(raw, entry);
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q);
    const parts = path.split('/').slice(1);
    if (parts.length === 3 && parts[0] === '.well-known' && parts[1] === 'linkwire-challenge') return `${HOST_ROUTES}/challenge/${parts[2]}`;
    if (!isServing(entry)) return `${HOST_ROUTES}/not-found`;
    if (ASSOCIATION_FILE_PATHS.has(path)) return url;
    const links = entry.purpose !== 'profile';
    const profile = entry.purpose !== 'short_links';
    if (path === '/') return profile ? `/${encodeURIComponent(entry.handle)}${query}` : `${HOST_ROUTES}/root`;
    if (parts.length === 1 && profile && parts[0]!.toLowerCase() === entry.handle.toLowerCase()) return url;
    if (parts.length === 2 && profile && parts[1] === 'subscribe' && parts[0]!.toLowerCase() === entry.handle.toLowerCase()) return url;
    if (parts.length === 1 && links && SLUG_RE.test(parts[0]!)) return `/l/${parts[0]}${query}`;
    // /l/{slug}: the profile's own link buttons (relative hrefs), any purpose; /q/{slug}: QR codes.
    if (parts.length === 2 && (parts[0] === 'l' || parts[0] === 'q') && SLUG_RE.test(parts[1]!)) return url;
    return `${HOST_ROUTES}/not-found`;
  };
}

function notFoundPage(reply: FastifyReply) {
  return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found');
}

/**
 * The routes rewritten requests land on, and the guard that nothing on a custom host sets a cookie.
 * Registered at the root by app.ts (with rewriteUrl: hostRewriter(ctx)), after the cookie plugin.
 */
export async function installHostRouting(app: FastifyInstance): Promise<void> {
  const ctx = app.ctx;
  const entryOf = (raw: IncomingMessage): HostEntry | undefined => ctx.hosts.ofRequest.get(raw);
  // The map is in memory before the first request; changes reload it (domains/service.ts, worker.ts).
  app.addHook('onReady', async () => ctx.hosts.reload(ctx.db));
  // Runs after @fastify/cookie's own onSend (app.ts registers this after it), which is what writes
  // reply.setCookie() into the Set-Cookie header.
  app.addHook('onSend', async (req, reply) => {
    if (entryOf(req.raw)) reply.removeHeader('set-cookie');
  });
  const hide = { hide: true } as const;
  app.all(`${HOST_ROUTES}/misdirected`, { schema: hide }, async (req, reply) => {
    if (entryOf(req.raw)) return notFoundPage(reply);
    return reply
      .code(421)
      .type('text/plain; charset=utf-8')
      .send(`This server does not serve ${requestHost(ctx, req.raw) || 'this host'}.`);
  });
  app.all(`${HOST_ROUTES}/not-found`, { schema: hide }, async (_req, reply) => notFoundPage(reply));
  app.get(`${HOST_ROUTES}/root`, { schema: hide }, async (req, reply) => {
    const entry = entryOf(req.raw);
    if (!entry?.rootUrl) return notFoundPage(reply);
    return sendDomainRedirect(reply, entry.rootUrl);
  });
  app.get<{ Params: { id: string } }>(`${HOST_ROUTES}/challenge/:id`, { schema: hide }, async (req, reply) => {
    const entry = entryOf(req.raw);
    if (!entry || entry.domainId !== req.params.id) return notFoundPage(reply);
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(entry.ownershipToken);
  });
}
