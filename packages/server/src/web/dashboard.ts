// Serves the built dashboard (packages/dashboard/dist) at /dashboard/*.
//
// - /dashboard                → 301 /dashboard/
// - /dashboard/<hashed asset> → the file, `cache-control: public, max-age=31536000, immutable`
// - /dashboard/<other asset>  → the file, short cache (favicon.svg)
// - /dashboard/<anything else without an extension> → index.html (SPA fallback), `no-cache`
// - dist missing              → 503 problem+json telling the operator to run `npm run build`
// Pre-compressed `.gz` siblings written by the dashboard build are sent when the client accepts gzip.
// Files are read with fs (they are a few tens of kB), so no static-file dependency is needed.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

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

function problem(reply: FastifyReply, status: number, title: string, detail: string) {
  return reply
    .code(status)
    .type('application/problem+json')
    .header('cache-control', 'no-store')
    .send(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function dashboardPlugin(app: FastifyInstance): Promise<void> {
  let dist: string | null;
  try {
    dist = dashboardDistDir();
  } catch {
    dist = null;
  }

  async function send(req: FastifyRequest, reply: FastifyReply, file: string, cacheControl: string) {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let body: Buffer;
    if (acceptsGzip && (await fileExists(`${file}.gz`))) {
      body = await readFile(`${file}.gz`);
      reply.header('content-encoding', 'gzip');
    } else {
      body = await readFile(file);
    }
    reply.header('vary', 'accept-encoding').header('cache-control', cacheControl).header('x-content-type-options', 'nosniff').type(type);
    if (type.startsWith('text/html')) {
      reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
    }
    return reply.send(body);
  }

  async function serveIndex(req: FastifyRequest, reply: FastifyReply) {
    const index = dist ? join(dist, 'index.html') : null;
    if (!index || !(await fileExists(index))) {
      return problem(
        reply,
        503,
        'Dashboard not built',
        'The dashboard assets are missing (packages/dashboard/dist). Run `npm run build` (or `npm install`) at the repository root, then reload.',
      );
    }
    return send(req, reply, index, 'no-cache');
  }

  app.get('/dashboard', async (req, reply) => {
    // With ignoreTrailingSlash, /dashboard/ can land here too: serve it rather than loop.
    const path = req.url.split('?')[0] ?? '';
    if (path.endsWith('/')) return serveIndex(req, reply);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    return reply.redirect(`/dashboard/${query}`, 301);
  });

  app.get('/dashboard/*', async (req, reply) => {
    const rest = (req.params as { '*': string })['*'] ?? '';
    let rel: string;
    try {
      rel = decodeURIComponent(rest);
    } catch {
      return problem(reply, 400, 'Bad Request', 'The path is not valid URL encoding.');
    }
    const ext = extname(rel);
    // Client-side routes (/dashboard/webhooks/wh_123) have no extension: SPA fallback.
    if (rel === '' || rel === 'index.html' || !ext || !(ext in TYPES)) {
      if (ext && !(ext in TYPES)) {
        return problem(reply, 404, 'Not Found', `No dashboard file ${rel}.`);
      }
      return serveIndex(req, reply);
    }
    if (!dist) return serveIndex(req, reply);
    const file = normalize(join(dist, rel));
    if (!file.startsWith(dist + sep) || rel.endsWith('.gz')) {
      return problem(reply, 404, 'Not Found', `No dashboard file ${rel}.`);
    }
    if (!(await fileExists(file))) {
      if (!(await fileExists(join(dist, 'index.html')))) return serveIndex(req, reply);
      return problem(reply, 404, 'Not Found', `No dashboard file ${rel}. The dashboard may have been rebuilt: reload the page.`);
    }
    return send(req, reply, file, HASHED.test(rel) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
  });
}
