import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseCidr } from './lib/cidr.js';
import { DEFAULT_DELIVERY_OPTIONS, type DeliveryOptions } from './delivery/options.js';
import { parseDuration } from './lib/duration.js';

export type Role = 'all' | 'api' | 'worker';
export type PlanName = 'free' | 'pro' | 'business';
export const PLAN_NAMES = ['free', 'pro', 'business'] as const satisfies readonly PlanName[];

/** A null limit means unlimited. */
export interface PlanLimits {
  endpoints: number | null;
  deliveries24h: number | null;
  testSends1h: number | null;
  /** No-code subscriptions (source zapier/make/n8n), counted apart from `endpoints` (PRODUCT.md §12). */
  integrationSubscriptions: number | null;
  /** Custom domains (PRODUCT.md §10). */
  domains: number | null;
  /** Members plus pending invites (PRODUCT.md §9). */
  seats: number | null;
}

/** The plans of docs/webhooks.md#5-limits. Operators override any number with LINKWIRE_PLAN_<PLAN>_<LIMIT> (e.g. LINKWIRE_PLAN_PRO_ENDPOINTS=5). */
export const DEFAULT_PLAN_LIMITS: Record<PlanName, PlanLimits> = {
  free: { endpoints: 0, deliveries24h: 0, testSends1h: 0, integrationSubscriptions: 0, domains: 0, seats: 1 },
  pro: { endpoints: 3, deliveries24h: 1_000, testSends1h: 10, integrationSubscriptions: 25, domains: 3, seats: 5 },
  business: { endpoints: 25, deliveries24h: null, testSends1h: 100, integrationSubscriptions: 250, domains: 25, seats: 50 },
};

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  role: Role;
  dev: boolean;
  allowPrivateTargets: string[];
  /** Explicit master key; when null one is generated into the data dir (see resolveMasterKey). */
  secretKey: Buffer | null;
  defaultPlan: PlanName;
  plans: Record<PlanName, PlanLimits>;
  retryScheduleMs: number[];
  disableAfterMs: number;
  trustProxy: boolean;
  /** LINKWIRE_REDIRECT_FAST_PATH (default 1): cached short links are answered in front of Fastify (web/fast-redirect.ts). */
  redirectFastPath: boolean;
  geoipDb: string | null;
  retentionDays: number;
  logLevel: string;
  /** NODE_ENV=production: event data is zod-checked for the first events of each type only (events/emit.ts). */
  production: boolean;
  /** The delivery worker's knobs: LINKWIRE_LEASE_MS … LINKWIRE_SENDER_THREADS, LINKWIRE_DELIVERY_HANDOFF, the rest at their defaults. */
  delivery: DeliveryOptions;
  /** Teams (PRODUCT.md §9): how long an invite's token is valid (LINKWIRE_INVITE_TTL, 7d). */
  inviteTtlMs: number;
  /** Where invites are mailed (LINKWIRE_SMTP_URL, smtp://…); null: the create response carries the acceptUrl only. */
  smtpUrl: string | null;
  /** Audit rows older than this are purged by the worker (LINKWIRE_AUDIT_RETENTION_DAYS, 365). */
  auditRetentionDays: number;
  /** LINKWIRE_GA4_ENDPOINT: the origin GA4 sinks post to (operator only: tests, air-gapped demos). */
  ga4Endpoint: string;
  /** Custom domains: the records users are told to set, the DNS servers checks ask, the TLS ask listener. */
  domains: DomainOptions;
}

export interface DomainOptions {
  /** LINKWIRE_DOMAIN_CNAME_TARGET: what a subdomain's CNAME must point at (null: no CNAME record asked for). */
  cnameTarget: string | null;
  /** LINKWIRE_DOMAIN_IPV4 / _IPV6 (comma-separated): what an apex's A/AAAA records must hold. */
  ipv4: string[];
  ipv6: string[];
  /** LINKWIRE_DNS_SERVERS (`127.0.0.1:5353,…`); empty: the system's resolvers. */
  dnsServers: string[];
  /** LINKWIRE_DNS_TIMEOUT_MS: one DNS query's timeout (default 5000). */
  dnsTimeoutMs: number;
  /** LINKWIRE_DOMAIN_CHALLENGE_PORT: where the HTTP fallback fetches the challenge file (default 80). */
  challengePort: number;
  /** LINKWIRE_INTERNAL_PORT: the loopback listener of /internal/tls/allow (null: off). */
  internalPort: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// Unset or empty is the fallback (false unless named); otherwise one of the listed words, case-insensitive.
const bool = (name: string, fallback = false) =>
  z
    .preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .stringbool({
          truthy: ['1', 'true', 'yes', 'on'],
          falsy: ['0', 'false', 'no', 'off'],
          case: 'insensitive',
          error: (issue) => `${name} must be 1 or 0 (got "${String(issue.input)}")`,
        })
        .optional(),
    )
    .transform((v) => v ?? fallback);

const duration = (name: string, fallback: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ms = parseDuration(v || fallback);
      if (ms === null || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a duration such as 30s, 10m or 72h (got "${v}")` });
        return z.NEVER;
      }
      return ms;
    });

// The delivery knobs: unset or empty keeps the default of delivery/options.ts.
const deliveryDuration = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const ms = /^\d+$/.test(v) ? Number(v) : parseDuration(v);
      if (ms === null || !(ms > 0)) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a duration in ms or such as 30s (got "${v}")` });
        return z.NEVER;
      }
      return ms;
    });

const wholeNumber = (name: string, min: number, max: number | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || (max !== null && n > max)) {
        const rule = max === null ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
        ctx.addIssue({ code: 'custom', message: `${name} must be ${rule} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const envSchema = z.object({
  PORT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const n = Number(v ?? '3000');
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `PORT must be an integer from 0 to 65535 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
  HOST: z.string().optional(),
  LINKWIRE_PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s/]+/.test(v), {
      message: 'LINKWIRE_PUBLIC_URL must be an absolute http(s) URL such as https://links.example.com',
    }),
  LINKWIRE_DATA_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL must start with postgres:// or postgresql:// (leave it unset for SQLite)',
    }),
  LINKWIRE_ROLE: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || ['all', 'api', 'worker'].includes(v), {
      message: 'LINKWIRE_ROLE must be one of all, api, worker',
    }),
  LINKWIRE_DEV: bool('LINKWIRE_DEV'),
  LINKWIRE_ALLOW_PRIVATE_TARGETS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const cidrs = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const cidr of cidrs) {
        if (!parseCidr(cidr))
          ctx.addIssue({ code: 'custom', message: `LINKWIRE_ALLOW_PRIVATE_TARGETS: "${cidr}" is not a CIDR such as 10.0.0.0/8 or fd00::/8` });
      }
      return cidrs;
    }),
  LINKWIRE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const key = decodeKey(v);
      if (!key) {
        ctx.addIssue({
          code: 'custom',
          message: 'LINKWIRE_SECRET_KEY must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -base64 32)',
        });
        return z.NEVER;
      }
      return key;
    }),
  LINKWIRE_DEFAULT_PLAN: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || (PLAN_NAMES as readonly string[]).includes(v), {
      message: 'LINKWIRE_DEFAULT_PLAN must be one of free, pro, business',
    }),
  LINKWIRE_RETRY_SCHEDULE: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const text = v || '10s,30s,2m,10m,1h,3h,8h,24h';
      const steps = text.split(',').map((s) => parseDuration(s));
      if (steps.length === 0 || steps.some((s) => s === null || s < 0)) {
        ctx.addIssue({ code: 'custom', message: `LINKWIRE_RETRY_SCHEDULE must be comma-separated durations such as 10s,30s,2m (got "${v}")` });
        return z.NEVER;
      }
      return steps as number[];
    }),
  LINKWIRE_DISABLE_AFTER: duration('LINKWIRE_DISABLE_AFTER', '72h'),
  LINKWIRE_TRUST_PROXY: bool('LINKWIRE_TRUST_PROXY'),
  LINKWIRE_REDIRECT_FAST_PATH: bool('LINKWIRE_REDIRECT_FAST_PATH', true),
  LINKWIRE_GEOIP_DB: z.string().optional(),
  LINKWIRE_RETENTION_DAYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const n = Number(v || '30');
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: `LINKWIRE_RETENTION_DAYS must be a whole number of days ≥ 1 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
  LOG_LEVEL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v), {
      message: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }),
  LINKWIRE_LEASE_MS: deliveryDuration('LINKWIRE_LEASE_MS'),
  LINKWIRE_POLL_MS: deliveryDuration('LINKWIRE_POLL_MS'),
  LINKWIRE_CLAIM_BATCH: wholeNumber('LINKWIRE_CLAIM_BATCH', 1, null),
  LINKWIRE_DELIVERY_CONCURRENCY: wholeNumber('LINKWIRE_DELIVERY_CONCURRENCY', 1, null),
  LINKWIRE_ENDPOINT_CONCURRENCY: wholeNumber('LINKWIRE_ENDPOINT_CONCURRENCY', 1, null),
  LINKWIRE_SENDER_THREADS: wholeNumber('LINKWIRE_SENDER_THREADS', 0, 16),
  LINKWIRE_DELIVERY_HANDOFF: bool('LINKWIRE_DELIVERY_HANDOFF', true),
  LINKWIRE_GA4_ENDPOINT: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s/]+\/?$/.test(v), {
      message: 'LINKWIRE_GA4_ENDPOINT must be an origin such as https://www.google-analytics.com (no path)',
    }),
  LINKWIRE_DOMAIN_CNAME_TARGET: z.string().optional(),
  LINKWIRE_DOMAIN_IPV4: addressList('LINKWIRE_DOMAIN_IPV4', 4),
  LINKWIRE_DOMAIN_IPV6: addressList('LINKWIRE_DOMAIN_IPV6', 6),
  LINKWIRE_DNS_SERVERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const servers = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const server of servers) {
        if (!isDnsServer(server))
          ctx.addIssue({ code: 'custom', message: `LINKWIRE_DNS_SERVERS: "${server}" is not an IP address with an optional port such as 127.0.0.1:5353` });
      }
      return servers;
    }),
  LINKWIRE_DNS_TIMEOUT_MS: wholeNumber('LINKWIRE_DNS_TIMEOUT_MS', 1, 60_000),
  LINKWIRE_INTERNAL_PORT: wholeNumber('LINKWIRE_INTERNAL_PORT', 0, 65535),
  LINKWIRE_DOMAIN_CHALLENGE_PORT: wholeNumber('LINKWIRE_DOMAIN_CHALLENGE_PORT', 1, 65535),
  LINKWIRE_INVITE_TTL: duration('LINKWIRE_INVITE_TTL', '7d'),
  LINKWIRE_SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\//.test(v), { message: 'LINKWIRE_SMTP_URL must be smtp://… or smtps://…' }),
  LINKWIRE_AUDIT_RETENTION_DAYS: wholeNumber('LINKWIRE_AUDIT_RETENTION_DAYS', 1, null),
});

function addressList(name: string, family: 4 | 6) {
  return z
    .string()
    .optional()
    .transform((v, ctx) => {
      const ips = (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const ip of ips) if (isIP(ip) !== family) ctx.addIssue({ code: 'custom', message: `${name}: "${ip}" is not an IPv${family} address` });
      return ips;
    });
}

function isDnsServer(text: string): boolean {
  if (isIP(text)) return true;
  const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(text) ?? /^([^:]+):(\d{1,5})$/.exec(text);
  return !!m && isIP(m[1]!) !== 0 && Number(m[2]) <= 65535;
}

function decodeKey(text: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  const buf = Buffer.from(text, 'base64');
  return buf.length === 32 ? buf : null;
}

function planOverrides(env: NodeJS.ProcessEnv, problems: string[]): Record<PlanName, PlanLimits> {
  const plans = structuredClone(DEFAULT_PLAN_LIMITS);
  const fields = {
    ENDPOINTS: 'endpoints',
    DELIVERIES_24H: 'deliveries24h',
    TEST_SENDS_1H: 'testSends1h',
    INTEGRATION_SUBSCRIPTIONS: 'integrationSubscriptions',
    DOMAINS: 'domains',
    SEATS: 'seats',
  } as const;
  for (const plan of PLAN_NAMES) {
    for (const [suffix, field] of Object.entries(fields)) {
      const name = `LINKWIRE_PLAN_${plan.toUpperCase()}_${suffix}`;
      const raw = env[name];
      if (raw === undefined || raw === '') continue;
      if (raw === 'unlimited') plans[plan][field] = null;
      else if (/^\d+$/.test(raw)) plans[plan][field] = Number(raw);
      else problems.push(`${name} must be a whole number or "unlimited" (got "${raw}")`);
    }
  }
  return plans;
}

/** The public URL when LINKWIRE_PUBLIC_URL is unset: this machine, on the port the server listens on. */
export const defaultPublicUrl = (port: number) => `http://localhost:${port}`;

/** Environment → one typed, validated config object. Throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const plans = planOverrides(env, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const port = e.PORT;
  return {
    port,
    host: e.HOST || '127.0.0.1',
    publicUrl: (e.LINKWIRE_PUBLIC_URL || defaultPublicUrl(port)).replace(/\/+$/, ''),
    dataDir: resolve(e.LINKWIRE_DATA_DIR || './data'),
    databaseUrl: e.DATABASE_URL || null,
    role: (e.LINKWIRE_ROLE || 'all') as Role,
    dev: e.LINKWIRE_DEV,
    allowPrivateTargets: e.LINKWIRE_ALLOW_PRIVATE_TARGETS,
    secretKey: e.LINKWIRE_SECRET_KEY,
    defaultPlan: (e.LINKWIRE_DEFAULT_PLAN || 'pro') as PlanName,
    plans,
    retryScheduleMs: e.LINKWIRE_RETRY_SCHEDULE,
    disableAfterMs: e.LINKWIRE_DISABLE_AFTER,
    trustProxy: e.LINKWIRE_TRUST_PROXY,
    redirectFastPath: e.LINKWIRE_REDIRECT_FAST_PATH,
    geoipDb: e.LINKWIRE_GEOIP_DB || null,
    retentionDays: e.LINKWIRE_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL || 'info',
    production: env.NODE_ENV === 'production',
    delivery: {
      ...DEFAULT_DELIVERY_OPTIONS,
      leaseMs: e.LINKWIRE_LEASE_MS ?? DEFAULT_DELIVERY_OPTIONS.leaseMs,
      pollMs: e.LINKWIRE_POLL_MS ?? DEFAULT_DELIVERY_OPTIONS.pollMs,
      claimBatch: e.LINKWIRE_CLAIM_BATCH ?? DEFAULT_DELIVERY_OPTIONS.claimBatch,
      globalConcurrency: e.LINKWIRE_DELIVERY_CONCURRENCY ?? DEFAULT_DELIVERY_OPTIONS.globalConcurrency,
      endpointConcurrency: e.LINKWIRE_ENDPOINT_CONCURRENCY ?? DEFAULT_DELIVERY_OPTIONS.endpointConcurrency,
      senderThreads: e.LINKWIRE_SENDER_THREADS ?? DEFAULT_DELIVERY_OPTIONS.senderThreads,
      handoff: e.LINKWIRE_DELIVERY_HANDOFF,
    },
    ga4Endpoint: (e.LINKWIRE_GA4_ENDPOINT || 'https://www.google-analytics.com').replace(/\/+$/, ''),
    domains: {
      cnameTarget: e.LINKWIRE_DOMAIN_CNAME_TARGET ? e.LINKWIRE_DOMAIN_CNAME_TARGET.toLowerCase().replace(/\.$/, '') : null,
      ipv4: e.LINKWIRE_DOMAIN_IPV4,
      ipv6: e.LINKWIRE_DOMAIN_IPV6,
      dnsServers: e.LINKWIRE_DNS_SERVERS,
      dnsTimeoutMs: e.LINKWIRE_DNS_TIMEOUT_MS ?? 5_000,
      challengePort: e.LINKWIRE_DOMAIN_CHALLENGE_PORT ?? 80,
      internalPort: e.LINKWIRE_INTERNAL_PORT ?? null,
    },
    inviteTtlMs: e.LINKWIRE_INVITE_TTL,
    smtpUrl: e.LINKWIRE_SMTP_URL || null,
    auditRetentionDays: e.LINKWIRE_AUDIT_RETENTION_DAYS ?? 365,
  };
}

/**
 * The master key that encrypts webhook secrets at rest. An explicit LINKWIRE_SECRET_KEY wins;
 * otherwise a key is generated once into `<dataDir>/master.key` (mode 0600) and reused.
 * Several processes sharing PostgreSQL on different machines must all be given the same key.
 */
export function resolveMasterKey(config: Config): Buffer {
  if (config.secretKey) return config.secretKey;
  const file = join(config.dataDir, 'master.key');
  if (existsSync(file)) {
    const key = decodeKey(readFileSync(file, 'utf8').trim());
    if (!key) throw new ConfigError([`${file} does not hold a valid 32-byte key; restore it or set LINKWIRE_SECRET_KEY`]);
    return key;
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
