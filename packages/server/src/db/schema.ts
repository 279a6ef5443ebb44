import type { Generated } from 'kysely';
import type { AppTables } from './schema.apps.js';
import type { AuditTables } from './schema.audit.js';
import type { IntegrationTables } from './schema.integrations.js';
import type { DomainTables } from './schema.domains.js';
import type { LinkTables } from './schema.links.js';
import type { TeamTables } from './schema.teams.js';

// Table types as Kysely sees them. Columns are snake_case in the database and camelCase here
// (CamelCasePlugin). Times are Unix epoch milliseconds in a BIGINT/INTEGER column on both dialects,
// booleans are 0/1 integers, JSON is TEXT: one representation everywhere, no per-dialect parsing.

export interface AccountsTable {
  id: string;
  email: string;
  handle: string;
  passwordHash: string;
  plan: string;
  createdAt: number;
  updatedAt: number;
}

export interface ProfilesTable {
  accountId: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: string;
  updatedAt: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked table does not yield usable sessions. */
  tokenHash: string;
  accountId: string;
  /** The signed-in user (010_teams); the session acts in `accountId`, one of the user's accounts. */
  userId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface ApiKeysTable {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  /** The member who created the key (010_teams): the key acts with that member's current role. */
  memberId: string | null;
}

export interface LoginFailuresTable {
  id: string;
  email: string;
  /** Salted hash of the client address, never the address itself. */
  clientHash: string;
  createdAt: number;
}

export interface EventsTable {
  id: string;
  accountId: string;
  type: string;
  createdAt: number;
  /** The exact envelope bytes every delivery of this event sends (and that signatures cover). */
  payload: string;
}

export type EndpointKind = 'http' | 'listen' | 'sink';
export type EndpointFormat = 'standard' | 'slack' | 'discord' | 'teams';
export type EndpointSource = 'api' | 'zapier' | 'make' | 'n8n';

export interface WebhooksTable {
  id: string;
  accountId: string;
  url: string;
  description: string | null;
  /** JSON array of event types, or ["*"]. */
  events: string;
  /** JSON filter expression, or null for "every event of the subscribed types". */
  filter: string | null;
  timeoutMs: number;
  /** JSON object of custom request headers. */
  headers: string;
  enabled: number;
  disabledReason: string | null;
  disabledAt: number | null;
  /** AES-256-GCM ciphertext of the signing secret (see lib/secretbox.ts). */
  secretEnc: string;
  /** The previous secret during a rotation's grace period. */
  previousSecretEnc: string | null;
  previousSecretExpiresAt: number | null;
  lastSuccessAt: number | null;
  /** Set at the first failed attempt after a success, cleared by the next success: drives the
   * "failing" status and auto-disable. */
  failingSince: number | null;
  /** 'http' (POSTed by the dispatcher), 'listen' (streamed to `linkwire listen`, migration 008) or
   * 'sink' (batched to an analytics integration, migration 014, delivery/sinks/). */
  kind: EndpointKind;
  /** The machine of a listen endpoint (the CLI's device id); null for HTTP endpoints. */
  device: string | null;
  /** How deliveries are shaped (migration 013): the signed envelope, or a chat message (delivery/formats/). */
  format: EndpointFormat;
  /** Who owns it: 'api' (a person or program), or the no-code tool that subscribed (own cap, deleted on 410). */
  source: EndpointSource;
  /** The sealed target URL of a chat endpoint (the URL is its credential); `url` then holds a masked form. */
  urlEnc: string | null;
  /** A chat service's permanent refusal of a message (Slack invalid_payload…), until the endpoint is edited. */
  misconfiguredReason: string | null;
  /** A chat endpoint's next allowed message time, Unix ms, shared by every worker (migration 016, delivery/chat-rate.ts). */
  chatNextAt: number | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'quota_exceeded' | 'cancelled';

export interface DeliveriesTable {
  id: string;
  accountId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  /** When the next attempt is due. On SQLite, while a worker holds the delivery, its lease expiry. */
  nextAttemptAt: number;
  /** The worker holding the lease, or null when the delivery is waiting. */
  claimedBy: string | null;
  /** On PostgreSQL, when the lease of `claimedBy` expires (meaningless while claimedBy is null). */
  leaseUntil: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  isTest: number;
  createdAt: number;
  updatedAt: number;
  /** When a delivery created more than 24 h earlier was last re-queued (replay, retry): the quota counts it from then. */
  requeuedAt: number | null;
}

export interface AttemptsTable {
  id: string;
  deliveryId: string;
  accountId: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  /** Failure class: timeout, connection, dns, tls, ssrf, http, redirect… null on success. */
  errorKind: string | null;
  error: string | null;
  responseBody: string | null;
  /** JSON of the request headers as sent (signature included: it is not a secret). */
  requestHeaders: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** The tables of 001_init. Later migrations' tables are declared next to their module and joined into DB below. */
export interface CoreTables {
  accounts: AccountsTable;
  profiles: ProfilesTable;
  sessions: SessionsTable;
  apiKeys: ApiKeysTable;
  loginFailures: LoginFailuresTable;
  events: EventsTable;
  webhooks: WebhooksTable;
  deliveries: DeliveriesTable;
  attempts: AttemptsTable;
  meta: MetaTable;
}

// Each module that adds tables declares them in its own file and is listed here.
export interface DB extends CoreTables, LinkTables, AuditTables, TeamTables, DomainTables, IntegrationTables, AppTables {}

// Re-exported so table files elsewhere can declare generated columns the same way.
export type { Generated };
