// Per-client limits on the public routes, with @fastify/rate-limit: the one table of limits, the
// one client key, the one 429.
//
// Counters live in each process's memory (the plugin's LRU store): with N api processes a client
// gets N times a limit, which still bounds abuse; a Redis store would make them cluster-wide at the
// price of a dependency this project does not otherwise need. The failed-login throttle in
// accounts/service.ts stays in the database, because it must hold across every process.
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClientHashes } from '../lib/privacy.js';
import { AppError } from './errors.js';

interface RateLimitRule {
  max: number;
  windowMs: number;
  /** First half of the 429's detail; "try again in …" is appended. */
  detail: string;
}

export const RATE_LIMITS = {
  // Per visitor and mailing list: plenty for a human, and stops a script filling a list.
  subscribe: { max: 5, windowMs: 60_000, detail: 'Too many sign-ups from this device' },
  // A sign-up and a login each cost one scrypt hash (204 ms of a libuv thread, accounts/passwords.ts),
  // whether or not the email exists. 20 sign-ups an hour leaves room for a household or an office
  // behind one address and stops a script creating accounts by the thousand.
  signup: { max: 20, windowMs: 3_600_000, detail: 'Too many accounts created from this network' },
  // 20 a minute is about 4 s of hashing per client and minute; the database throttle (10 failures
  // per email, 50 per client in 15 minutes) still decides about guessing passwords.
  login: { max: 20, windowMs: 60_000, detail: 'Too many login attempts from this network' },
  // Unknown short links, QR codes, profile handles and routes: a mistyped link a few times a minute
  // never meets it; enumerating slugs gets 60 guesses a minute instead of thousands.
  notFound: { max: 60, windowMs: 60_000, detail: 'Too many requests for pages that do not exist' },
  // The app-side API (apps/sdk.ts), per app key and client: an app calls it a few times per launch.
  sdk: { max: 60, windowMs: 60_000, detail: 'Too many app API calls from this device' },
  // Each invite may send a mail and takes a seat: 30 an hour per network is a team's onboarding day.
  // Creating and resending share the one counter (a resend mails again), so it is a check(), not a
  // route() limit: the plugin keeps a separate store per route.
  invite: { max: 30, windowMs: 3_600_000, detail: 'Too many invites sent from this network' },
  // Accepting may hash a password (scrypt), like a sign-up; tokens are 256-bit, so this is about cost, not guessing.
  acceptInvite: { max: 20, windowMs: 60_000, detail: 'Too many invite acceptances from this network' },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/** The 429 of every limit: the problem names the limit, its size and when the window resets. */
export function rateLimited(name: RateLimitName, ttlMs: number, now = Date.now()): AppError {
  const rule: RateLimitRule = RATE_LIMITS[name];
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return new AppError(429, 'rate_limited', 'Too many requests', `${rule.detail}; try again in ${seconds} s.`, {
    limit: name,
    max: rule.max,
    windowSeconds: rule.windowMs / 1000,
    resetsAt: new Date(now + seconds * 1000).toISOString(),
    headers: { 'retry-after': String(seconds) },
  });
}

export interface RateLimits {
  /** For a route's `config.rateLimit`: counts every request before the body is read. */
  route(name: 'signup' | 'login' | 'acceptInvite'): {
    max: number;
    timeWindow: number;
    errorResponseBuilder: (req: FastifyRequest, c: { ttl: number }) => AppError;
  };
  /**
   * Counts one request against `name` and throws its 429 when over the limit. For limits that
   * count only some outcomes (a miss, a subscribe with a valid body), called where the outcome is known.
   */
  check(name: 'subscribe' | 'notFound' | 'sdk' | 'invite', req: FastifyRequest): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RateLimits;
  }
}

/**
 * Registers the plugin (no global limit: only the routes above are limited) and decorates the app
 * with `rateLimits`. The key is a daily HMAC of the client address (IPv6 folded to its /64, the
 * plugin's default), the same kind of hash the visitor ids use: the limiter keeps no raw address (the hashes' own small cache in lib/privacy.ts does, in memory only).
 */
export async function installRateLimits(app: FastifyInstance, hashes: ClientHashes): Promise<RateLimits> {
  const clientKey = (req: FastifyRequest) => hashes.of('rate-limit', normalizeIP(req.ip));
  await app.register(rateLimit, {
    global: false,
    keyGenerator: clientKey,
    // 10 000 clients per limit (about 1 MB each); the least recently seen are forgotten first.
    cache: 10_000,
    // The problem body names the limit and its reset, and Retry-After says when: no x-ratelimit-*.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
  });

  const checkers = {
    // The list is the body's widgetId, read after the route has validated the body.
    subscribe: app.createRateLimit({
      max: RATE_LIMITS.subscribe.max,
      timeWindow: RATE_LIMITS.subscribe.windowMs,
      keyGenerator: (req) => `${clientKey(req)}|${String((req.body as { widgetId?: unknown } | undefined)?.widgetId)}`,
    }),
    notFound: app.createRateLimit({ max: RATE_LIMITS.notFound.max, timeWindow: RATE_LIMITS.notFound.windowMs }),
    invite: app.createRateLimit({ max: RATE_LIMITS.invite.max, timeWindow: RATE_LIMITS.invite.windowMs }),
    sdk: app.createRateLimit({
      max: RATE_LIMITS.sdk.max,
      timeWindow: RATE_LIMITS.sdk.windowMs,
      keyGenerator: (req) => `${clientKey(req)}|${hashes.of('rate-limit-app', String(req.headers['x-linkwire-app-key'] ?? ''))}`,
    }),
  };

  const limits: RateLimits = {
    route: (name) => ({
      max: RATE_LIMITS[name].max,
      timeWindow: RATE_LIMITS[name].windowMs,
      errorResponseBuilder: (_req, c) => rateLimited(name, c.ttl),
    }),
    async check(name, req) {
      const result = await checkers[name](req);
      if (!result.isAllowed && result.isExceeded) throw rateLimited(name, result.ttl);
    },
  };
  app.decorate('rateLimits', limits);
  return limits;
}
