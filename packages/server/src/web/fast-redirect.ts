import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import proxyAddr from '@fastify/proxy-addr';
import { parse as parseQuery } from 'fast-querystring';
import type { AppContext } from '../context.js';
import { linkServedOn } from '../domains/hosts.js';
import { hostRewriter } from '../domains/routing.js';
import type { ClientRequest, GeoResolver } from '../lib/geo.js';
import { type ClickSource, clickOf, effectiveSource } from '../links/clicks.js';
import { internalErrorProblem } from '../http/problem.js';
import { CLICK_NOT_RECORDED, CLICK_NOT_RECORDED_HEADERS, redirectHeaders } from '../http/redirect.js';
import { cachedRedirectTarget, isExpired, type RedirectTarget } from '../links/lookup.js';
import { SLUG_RE } from '../links/service.js';
import { describeVisitor, isBotRequest } from '../links/visitor.js';

/** Answers the request itself and returns true, or returns false and leaves it untouched for Fastify. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

const ROUTES: Record<string, { route: string; source: ClickSource }> = {
  l: { route: '/l/:slug', source: 'short_link' },
  q: { route: '/q/:slug', source: 'qr' },
};

/**
 * The redirect fast path: `GET /l/{slug}` and `/q/{slug}` (and a custom domain's `/{slug}`, through
 * the same host mapping) for a link already in this process's cache, answered straight from
 * node:http in front of Fastify. It does what the route in web/public.ts does for that case, with
 * the same helpers (clickOf and effectiveSource in links/clicks.ts, the answer's headers and 503 in
 * http/redirect.ts): the click is recorded by the same group commit and the 302 is written only
 * once it is durable, with the same headers, request id and duration metric.
 *
 * Everything else goes to Fastify, which stays the whole implementation and fills the cache: a
 * cache miss, a missing or expired link, an app link, a bot, HEAD, a request with a body, a slug
 * outside the slug rule, a closing server.
 *
 * Why: Fastify's request and reply objects, its hooks (request id, cookies, the custom-host cookie
 * guard, the duration metric) and the route's schema cost more than the click's own write: with a
 * crawler's user agent (no click written) a node answered 0.48× a bare node:http 302, a bare Fastify
 * route 0.90×. With this path, bench/micro/redirect-variants.ts (2026-12-07, side by side, medians)
 * measured 90 → 72 µs of server CPU per redirect in one series, 73 → 66 µs in another, and no
 * difference in a third on a VM whose speed swung by 2× (bench/README.md#redirect-path).
 */
export function redirectFastPath(ctx: AppContext, opts: { geoOf: GeoResolver; requestId: () => string }): FastPath {
  const rewrite = hostRewriter(ctx);
  const recorder = ctx.clickRecorder;
  const { geoOf, requestId } = opts;
  // Fastify's req.ip: the socket's address, or with LINKWIRE_TRUST_PROXY=1 the left-most
  // X-Forwarded-For address (every hop trusted), as Fastify computes it with trustProxy: true.
  const trustAll = () => true;
  const ipOf = ctx.config.trustProxy
    ? (req: IncomingMessage) => {
        const addrs = proxyAddr.all(req, trustAll);
        return addrs[addrs.length - 1] ?? '';
      }
    : (req: IncomingMessage) => req.socket.remoteAddress ?? '';
  const observers = new Map<string, { observe(seconds: number): void }>();
  const observe = (route: string, status: number, started: number) => {
    const key = `${route} ${status}`;
    let o = observers.get(key);
    if (!o) {
      o = ctx.metrics.httpDuration.labels({ method: 'GET', route, status: String(status) });
      observers.set(key, o);
    }
    o.observe((performance.now() - started) / 1000);
  };

  return (req, res) => {
    if (req.method !== 'GET' || recorder.closed) return false;
    const length = req.headers['content-length'];
    if ((length !== undefined && length !== '0') || req.headers['transfer-encoding'] !== undefined) return false;
    const started = performance.now();
    // The same mapping as Fastify's rewriteUrl (app.ts): a custom host's /{slug} becomes /l/{slug}.
    const url = rewrite(req);
    if (url.charCodeAt(0) !== 47 /* / */ || url.charCodeAt(2) !== 47) return false;
    const kind = ROUTES[url[1]!];
    if (!kind) return false;
    const q = url.indexOf('?');
    const slug = q < 0 ? url.slice(3) : url.slice(3, q);
    // A path no link can have (a %-escape, a trailing slash) is Fastify's to answer, as it would have been.
    if (!SLUG_RE.test(slug)) return false;

    const now = Date.now();
    const domain = ctx.hosts.ofRequest.get(req);
    // As the route does: a custom host's own link first, then its account's domain-less one.
    let link: RedirectTarget | null | undefined = domain ? cachedRedirectTarget(ctx, slug, now, domain.domainId) : null;
    if (link === null) link = cachedRedirectTarget(ctx, slug, now);
    if (!link || !linkServedOn(link, domain) || isExpired(link, now) || link.appId || isBotRequest(req)) return false;

    const query = q < 0 ? {} : parseQuery(url.slice(q + 1));
    const client: ClientRequest = { headers: req.headers, ip: ipOf(req), query };
    const visitor = describeVisitor(ctx, client, geoOf(client), now);
    const id = requestId();
    const target = link;
    const problem = (status: number, body: object, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        ...headers,
        'content-type': 'application/problem+json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        'x-request-id': id,
      });
      res.end(text);
      observe(kind.route, status, started);
    };
    recorder.record(clickOf(target, effectiveSource(kind.source, query), visitor, now, domain?.hostname)).then(
      () => {
        try {
          res.writeHead(302, { ...redirectHeaders(target.url), 'x-request-id': id, 'content-length': '0' });
          res.end();
          ctx.metrics.fastRedirects.inc();
          observe(kind.route, 302, started);
        } catch (err) {
          // The click is recorded; what cannot be written is answered as the route's error handler would.
          ctx.log.error({ err, slug, reqId: id }, 'redirect could not be written');
          if (res.headersSent) res.destroy();
          else problem(500, { status: 500, ...internalErrorProblem(id) });
        }
      },
      (err: unknown) => {
        ctx.log.warn({ err, slug, reqId: id }, 'click not recorded; not redirecting');
        problem(CLICK_NOT_RECORDED.status, CLICK_NOT_RECORDED, CLICK_NOT_RECORDED_HEADERS);
      },
    );
    return true;
  };
}
