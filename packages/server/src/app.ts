import { randomBytes } from 'node:crypto';
import { createServer, type ServerOptions } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory, LogController } from 'fastify';
import { installAuth } from './accounts/auth.js';
import { integrationRoutes } from './integrations/routes.js';
import { accountRoutes } from './accounts/routes.js';
import { appRoutes, associationRoutes } from './apps/routes.js';
import { sdkRoutes } from './apps/sdk.js';
import type { AppContext } from './context.js';
import { deliveryRoutes } from './delivery/routes.js';
import { domainRoutes } from './domains/routes.js';
import { hostRewriter, installHostRouting } from './domains/routing.js';
import { eventRoutes } from './events/routes.js';

import { installProblemHandler, PROBLEM_BASE, sendProblem } from './http/problem.js';
import { installRateLimits } from './http/rate-limits.js';
import { serializerCompiler, validatorCompiler } from './http/schemas.js';
import { lazyChildLogger } from './logger.js';
import { openApiOptions } from './openapi.js';
import { linkRoutes } from './links/routes.js';
import { pingDatabase } from './db/health.js';
import { dashboardPlugin } from './web/dashboard.js';
import { publicRoutes } from './web/public.js';
import { type FastPath, redirectFastPath } from './web/fast-redirect.js';
import { createGeoResolver } from './lib/geo.js';
import { listenRoutes } from './webhooks/listen.js';
import { webhookRoutes } from './webhooks/routes.js';
import { noCodeRoutes } from './webhooks/nocode-routes.js';
import { auditRoutes } from './audit/routes.js';
import { teamRoutes } from './teams/routes.js';
import './http/types.js';

/**
 * The docs page's CSP: this origin only. Scripts are Swagger UI's own files (no inline script);
 * styles also allow inline ones, because Swagger UI sets style attributes while it renders
 * (test/openapi-ui.test.ts sees the violation without it), and a style cannot run code.
 */
export const DOCS_CSP =
  "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'";

export interface AppOptions {
  /** Serve only /healthz and /metrics (worker role). */
  healthOnly?: boolean;
  /** Reports readiness for /healthz; false while starting or draining. */
  isReady?: () => boolean;
}

/** The HTTP/1 server Fastify would make (fastify/lib/server.js), with the redirect fast path in front of its handler. */
function serverWithFastPath(fastPath: FastPath): FastifyServerFactory {
  return (handler, opts) => {
    const o = opts as { http?: ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
    const server = createServer(o.http ?? {}, (req, res) => {
      let answered = false;
      try {
        answered = fastPath(req, res);
      } catch {
        // It throws only before it records anything: the route answers instead (and its error handler, if it throws too).
      }
      if (!answered) handler(req, res);
    });
    if (o.keepAliveTimeout !== undefined) server.keepAliveTimeout = o.keepAliveTimeout;
    if (o.requestTimeout !== undefined) server.requestTimeout = o.requestTimeout;
    if (o.connectionTimeout !== undefined) server.setTimeout(o.connectionTimeout);
    if (o.maxRequestsPerSocket) server.maxRequestsPerSocket = o.maxRequestsPerSocket;
    return server;
  };
}

/** Builds the Fastify app from the modules; does not listen (server.ts does, tests use inject). */
export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const reqIdPrefix = randomBytes(6).toString('base64url');
  let reqSeq = 0;
  const requestId = () => `req_${reqIdPrefix}${(reqSeq++).toString(36)}`;
  // Opened once here: a bad LINKWIRE_GEOIP_DB fails the start with a clear message.
  const geoOf = createGeoResolver(ctx.config);
  const fastPath = !opts.healthOnly && ctx.config.redirectFastPath ? redirectFastPath(ctx, { geoOf, requestId }) : null;
  const app = Fastify({
    // Cached short links are answered in front of Fastify (web/fast-redirect.ts); everything else
    // reaches it unchanged. The server is set up as Fastify sets up its own (fastify/lib/server.js).
    ...(fastPath ? { serverFactory: serverWithFastPath(fastPath) } : {}),
    loggerInstance: ctx.log as FastifyBaseLogger,
    // API bodies are small; a larger one is a mistake or an attack (413).
    bodyLimit: 64 * 1024,
    // A URL Fastify cannot even route (a malformed %-escape) is answered before any hook or error
    // handler: still a problem+json, not Fastify's own JSON shape.
    frameworkErrors: (_err, _req, reply) =>
      sendProblem(reply, 400, {
        type: `${PROBLEM_BASE}bad_url`,
        title: 'Bad request',
        detail: 'The URL is not valid: it has a malformed percent-escape (such as %E0%A4%A).',
      }),
    trustProxy: ctx.config.trustProxy,
    // Per-request log lines would cost more than a redirect itself; the onResponse hook below
    // records metrics for every request and logs only failures.
    logController: new LogController({ disableRequestLogging: true }),
    // A per-process random prefix (6 bytes, unique across processes and restarts) + a counter:
    // randomBytes(9) per request was ≈ 4 % of the redirect path's CPU (bench --profile).
    genReqId: requestId,
    // Custom domains: a request on a custom host is mapped onto the route serving it (domains/routing.ts).
    ...(opts.healthOnly ? {} : { rewriteUrl: hostRewriter(ctx) }),
    // pino's child() per request (bindings + redaction setup) was ≈ 2 % of the redirect path's CPU
    // for loggers that almost never write, so the child is created on a request's first log call instead.
    childLoggerFactory: lazyChildLogger,
  });
  app.decorate('ctx', ctx);
  // The worker role serves two routes and limits nothing; the other roles limit the public routes
  // (http/rate-limits.ts), unknown paths included.
  const limits = opts.healthOnly ? null : await installRateLimits(app, ctx.clientHashes);
  installProblemHandler(app, limits ? { notFoundPreHandler: (req) => limits.check('notFound', req) } : {});

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) req.log.warn({ method: req.method, route, status: reply.statusCode, reqId: req.id }, 'request failed');
  });

  const isReady = opts.isReady ?? (() => true);
  app.get('/healthz', async (_req, reply) => {
    if (!isReady()) return reply.code(503).send({ status: 'starting_or_draining' });
    // The database answers, or the node is not healthy (a PostgreSQL restart, a full disk).
    const down = await pingDatabase(ctx.db);
    if (down) return reply.code(503).send({ status: down });
    return { status: 'ok' };
  });
  app.get('/metrics', async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
  if (opts.healthOnly) return app;

  await app.register(cookie);
  // After the cookie plugin: its onSend hook writes Set-Cookie, and the host guard's onSend (no
  // cookie on a custom domain) must run after it to strip it (test/domains-hosts.test.ts).
  await installHostRouting(app);
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  // Route schemas are zod (http/schemas.ts); @fastify/swagger collects them into the OpenAPI
  // document, which must be registered before the routes it describes.
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, openApiOptions());
  // Swagger UI's assets come from node_modules (@fastify/swagger-ui/static): no CDN, works offline,
  // and nothing but this origin is allowed (no validator badge, no fonts or styles from elsewhere).
  await app.register(swaggerUi, { routePrefix: '/docs/api', staticCSP: DOCS_CSP, validatorUrl: false });

  await app.register(
    async (api) => {
      installAuth(api);
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
      await api.register(accountRoutes);
      await api.register(eventRoutes);
      await api.register(linkRoutes);
      await api.register(webhookRoutes);
      await api.register(listenRoutes);
      await api.register(deliveryRoutes);
      await api.register(integrationRoutes);
      await api.register(noCodeRoutes);
      await api.register(appRoutes);
      await api.register(sdkRoutes);
      await api.register(domainRoutes);
      await api.register(teamRoutes);
      await api.register(auditRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(dashboardPlugin);
  await app.register(associationRoutes);
  await app.register(publicRoutes, { geoOf });
  return app;
}
