// Serves the built dashboard (packages/dashboard/dist) at /dashboard/*, with @fastify/static.
//
// - /dashboard                → 301 /dashboard/ (the query kept)
// - /dashboard/<hashed asset> → the file, `cache-control: public, max-age=31536000, immutable`
// - /dashboard/<other asset>  → the file, `public, max-age=3600` (favicon.svg)
// - /dashboard/ and every path without an extension (client-side routes) → index.html, `no-cache`
// - any other path (an unknown or stale asset, a `.gz` sibling, a traversal attempt) → 404 problem+json
// - dist missing              → 503 problem+json telling the operator to run `npm run build`
// The plugin sends the `.gz` siblings the dashboard build writes when the client accepts gzip
// (preCompressed), and brings ETag/Last-Modified, 304 and Range. It replaced 140 hand-written lines
// whose path normalisation was security code we would otherwise have kept reviewing.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.js';

/** `app.3FJ2KQ7A.js`: esbuild's content hash (8 base32 characters) in the name. */
const HASHED = /\.[A-Z0-9]{8}\.(js|css|map)$/i;

// The dashboard only talks to its own origin. The profile preview is a same-origin iframe, and
// avatars/thumbnails are arbitrary https images chosen by the user.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https: http:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export function dashboardDistDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@linkwire/dashboard/package.json')), 'dist');
}

/** By the file asked for: `app.X.js.gz` is sent in place of `app.X.js` and cached as it is. */
function cacheControlOf(sent: string): string {
  const file = sent.endsWith('.gz') ? sent.slice(0, -3) : sent;
  if (file.endsWith('.html')) return 'no-cache';
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

const pathOf = (req: FastifyRequest) => req.url.split('?')[0] ?? '';

const noSuchFile = (req: FastifyRequest) =>
  new AppError(
    404,
    'not_found',
    'Not found',
    `No dashboard file ${pathOf(req).slice('/dashboard/'.length)}. The dashboard may have been rebuilt: reload the page.`,
  );

const notBuilt = () =>
  new AppError(
    503,
    'dashboard_not_built',
    'Dashboard not built',
    'The dashboard assets are missing (packages/dashboard/dist). Run `npm run build` (or `npm install`) at the repository root, then reload.',
    { headers: { 'cache-control': 'no-store' } },
  );

export interface DashboardOptions {
  /** The built dashboard; defaults to @linkwire/dashboard's dist (tests point it elsewhere). */
  dist?: string;
}

export async function dashboardPlugin(app: FastifyInstance, opts: DashboardOptions = {}): Promise<void> {
  let dist: string | null;
  try {
    dist = opts.dist ?? dashboardDistDir();
  } catch {
    dist = null;
  }

  app.get('/dashboard', async (req, reply) => {
    // With ignoreTrailingSlash, /dashboard/ can land here too: serve it rather than loop.
    if (pathOf(req).endsWith('/')) return serveIndex(reply);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.redirect(`/dashboard/${query}`, 301);
  });

  function serveIndex(reply: FastifyReply) {
    if (!dist || !existsSync(join(dist, 'index.html'))) throw notBuilt();
    // A 404 handler's reply starts as 404; @fastify/static keeps a status that is not 200.
    return reply.code(200).sendFile('index.html');
  }

  await app.register(
    async (scope) => {
      // Errors of this scope go on to the central problem+json handler. The plugin answers 403
      // for a path it refuses (`..`, `//`, a case alias); that is a 404 here as for any missing file.
      scope.setErrorHandler((err: FastifyError, req) => {
        if (err.code === 'FST_STATIC_FORBIDDEN_PATH') throw noSuchFile(req);
        throw err;
      });

      // On every answer of the scope, so a 304 or 206 of index.html carries them too; on a script
      // or a problem+json they are inert.
      scope.addHook('onRequest', async (_req, reply) => {
        reply
          .header('content-security-policy', CSP)
          .header('x-frame-options', 'DENY')
          .header('referrer-policy', 'same-origin')
          .header('x-content-type-options', 'nosniff');
      });
      // mime@3 (under @fastify/send) still names the obsolete application/javascript; RFC 9239 made
      // text/javascript the one type, and it is what the dashboard has always been served as.
      scope.addHook('onSend', async (_req, reply, payload) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith('application/javascript')) {
          reply.header('content-type', 'text/javascript; charset=utf-8');
        }
        return payload;
      });

      await scope.register(fastifyStatic, {
        // Without dist every request falls through to the 404 handler below, which answers 503.
        root: dist ?? join(process.cwd(), 'dashboard-dist-missing'),
        suppressWarning: true,
        preCompressed: true,
        // Cache headers are set per file below, not by the plugin's maxAge.
        cacheControl: false,
        // A `.gz` sibling is only ever sent in place of its file, never by its own name.
        allowedPath: (path) => !path.endsWith('.gz'),
        setHeaders: (reply, path) => {
          reply.header('cache-control', cacheControlOf(path));
        },
      });

      // What is not a file: a client-side route (no extension) gets index.html, the rest a 404.
      scope.setNotFoundHandler(async (req, reply) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new AppError(404, 'not_found', 'Not found', `No route ${req.method} ${pathOf(req)}.`);
        if (extname(pathOf(req)) === '') return serveIndex(reply);
        if (!dist || !existsSync(join(dist, 'index.html'))) throw notBuilt();
        throw noSuchFile(req);
      });
    },
    { prefix: '/dashboard' },
  );
}
