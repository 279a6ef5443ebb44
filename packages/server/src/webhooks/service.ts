import type { AppContext } from '../context.js';
import type { EndpointFormat, EndpointKind, EndpointSource, WebhooksTable } from '../db/schema.js';
import { type Actor, recordAudit, SYSTEM_ACTOR } from '../audit/record.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { holdDeliveries, resumeDeliveries } from '../delivery/hold.js';
import { EXAMPLES, type EventType, isEventType } from '../events/catalog.js';
import { conflict, limitReached, notFound, validationError } from '../http/errors.js';
import { page } from '../http/pagination.js';
import { newId } from '../lib/ids.js';
import { filterErrors } from './filter.js';
import { DEFAULT_GRACE_HOURS, newSecret, revealSecret, rotation } from './secrets.js';
import { checkTargetUrl } from '../lib/ssrf.js';
import { isChatFormat } from '../delivery/formats/index.js';
import { open, seal } from '../lib/secretbox.js';
import { disconnectChatEndpoint, maskUrl } from './integrations.js';
import { noCodeSourceOf } from './nocode.js';
import { reverseUnsubscribe } from './unsubscribe.js';
import { countDeliveries24h, countTestSends1h, HOUR_MS, oldestTestSendSince } from './usage.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MANUAL_DISABLE_REASON = 'Disabled by a user';

export type EndpointStatus = 'active' | 'failing' | 'disabled';

export interface EndpointView {
  id: string;
  /** 'listen' for a `linkwire listen` endpoint (its url is listen://<device>). Sinks (kind 'sink') are
   * not endpoints of this API: /api/v1/integrations owns them, and every query here leaves them out. */
  kind: Exclude<EndpointKind, 'sink'>;
  url: string;
  events: string[];
  description: string | null;
  filter: Record<string, unknown> | null;
  timeoutMs: number;
  headers: Record<string, string>;
  enabled: boolean;
  status: EndpointStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** How deliveries are shaped: the signed envelope, or a Slack/Discord/Teams message. */
  format: EndpointFormat;
  /** Who owns it: api, or the no-code tool that subscribed (own cap). */
  source: EndpointSource;
  /** A chat service refused a message for good (e.g. Slack no_text); cleared by an edit. */
  misconfiguredReason: string | null;
}

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
  filter?: Record<string, unknown> | null;
  timeoutMs?: number;
  headers?: Record<string, string>;
  enabled?: boolean;
  format?: EndpointFormat;
  source?: EndpointSource;
}

export type EndpointPatch = Partial<Omit<EndpointInput, 'source'>>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function endpointStatus(row: Pick<WebhooksTable, 'enabled' | 'failingSince'>): EndpointStatus {
  if (row.enabled === 0) return 'disabled';
  return row.failingSince !== null ? 'failing' : 'active';
}

export function toEndpointView(row: WebhooksTable): EndpointView {
  return {
    id: row.id,
    kind: row.kind === 'listen' ? 'listen' : 'http',
    url: row.url,
    events: JSON.parse(row.events),
    description: row.description,
    filter: row.filter === null ? null : JSON.parse(row.filter),
    timeoutMs: row.timeoutMs,
    headers: JSON.parse(row.headers),
    enabled: row.enabled === 1,
    status: endpointStatus(row),
    disabledReason: row.disabledReason,
    disabledAt: iso(row.disabledAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
    format: row.format,
    source: row.source,
    misconfiguredReason: row.misconfiguredReason,
  };
}

/** A chat URL is a credential: sealed, and `url` keeps a masked form (integrations.ts). */
function storedUrl(ctx: AppContext, url: string, format: EndpointFormat): { url: string; urlEnc: string | null } {
  return isChatFormat(format) ? { url: maskUrl(url), urlEnc: seal(ctx.masterKey, url) } : { url, urlEnc: null };
}

/** The rules zod cannot express: the SSRF check of the URL and the filter language. */
async function checkInput(ctx: AppContext, input: EndpointPatch): Promise<void> {
  const errors = input.filter ? filterErrors(input.filter, 'filter') : [];
  if (input.url !== undefined) {
    const verdict = await checkTargetUrl(input.url, ctx.targetPolicy);
    if (!verdict.ok) errors.unshift({ field: verdict.field ?? 'url', message: verdict.reason });
  }
  if (errors.length > 0) throw validationError(errors);
}

async function accountPlan(ctx: AppContext | { db: Tx }, accountId: string): Promise<string> {
  const account = await ctx.db.selectFrom('accounts').select('plan').where('id', '=', accountId).executeTakeFirst();
  if (!account) throw notFound('Account', accountId);
  return account.plan;
}

/**
 * The account's plan, with its row locked until `tx` ends where write transactions run
 * concurrently. The limit checks below count and then insert: without the lock, two requests of one
 * account on PostgreSQL could both count 2 of 3 endpoints and both insert (the test with six
 * concurrent creations got five). Other accounts are not held up.
 */
async function lockedAccountPlan(ctx: AppContext, tx: Tx, accountId: string): Promise<string> {
  if (!ctx.database.caps.rowLocks) return accountPlan({ db: tx }, accountId);
  const account = await tx.selectFrom('accounts').select('plan').where('id', '=', accountId).forUpdate().executeTakeFirst();
  if (!account) throw notFound('Account', accountId);
  return account.plan;
}

const proFeature = (limit: string) =>
  limitReached({
    status: 403,
    limit,
    max: 0,
    detail: 'Webhooks are a Pro feature. Upgrade to the pro or business plan (`linkwire account plan <account> pro`) to create endpoints and send test events.',
  });

async function findEndpoint(db: AppContext['db'] | Tx, accountId: string, id: string): Promise<WebhooksTable> {
  const row = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('accountId', '=', accountId)
    .where('deletedAt', 'is', null)
    .where('kind', '!=', 'sink')
    .executeTakeFirst();
  if (!row) throw notFound('Webhook', id);
  return row;
}

/**
 * Creates an endpoint; `listen` makes it a `linkwire listen` endpoint of that device (its url is
 * not a target, so only the filter is checked). Listen endpoints count towards the plan's endpoint
 * limit like any other: they take deliveries from the same 24-hour quota and fill the same history.
 */
export async function createEndpoint(
  ctx: AppContext,
  accountId: string,
  input: EndpointInput,
  listen?: { device: string },
  actor: Actor = SYSTEM_ACTOR,
): Promise<EndpointView & { secret: string }> {
  await checkInput(ctx, listen ? { ...input, url: undefined } : input);
  return inTransaction(ctx.db, async (tx) => {
    const limits = ctx.plans.limitsOf(await lockedAccountPlan(ctx, tx, accountId));
    const source = input.source ?? 'api';
    if (source !== 'api') await checkIntegrationCap(tx, accountId, limits.integrationSubscriptions);
    else if (limits.endpoints === 0) throw proFeature('endpoints');
    else if (limits.endpoints !== null) {
      const { n } = await tx
        .selectFrom('webhooks')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('accountId', '=', accountId)
        .where('source', '=', 'api')
        .where('deletedAt', 'is', null)
        .where('kind', '!=', 'sink')
        .executeTakeFirstOrThrow();
      if (Number(n) >= limits.endpoints) {
        throw limitReached({
          status: 403,
          limit: 'endpoints',
          max: limits.endpoints,
          detail: `Your plan allows ${limits.endpoints} webhook endpoints and you have ${Number(n)}. Delete one or upgrade your plan.`,
        });
      }
    }
    const now = Date.now();
    const { secret, secretEnc } = newSecret(ctx);
    const enabled = input.enabled ?? true;
    const format = input.format ?? 'standard';
    const row: WebhooksTable = {
      id: newId('wh'),
      accountId,
      ...storedUrl(ctx, input.url, format),
      description: input.description ?? null,
      events: JSON.stringify(input.events),
      filter: input.filter ? JSON.stringify(input.filter) : null,
      timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: JSON.stringify(input.headers ?? {}),
      enabled: enabled ? 1 : 0,
      disabledReason: enabled ? null : MANUAL_DISABLE_REASON,
      disabledAt: enabled ? null : now,
      secretEnc,
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      lastSuccessAt: null,
      failingSince: null,
      kind: listen ? 'listen' : 'http',
      format,
      source,
      misconfiguredReason: null,
      chatNextAt: null,
      device: listen?.device ?? null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await tx.insertInto('webhooks').values(row).execute();
    await recordAudit(tx, accountId, actor, {
      action: 'webhook.created',
      target: { type: 'webhook', id: row.id },
      changes: { url: { from: null, to: row.url } },
    });
    return { ...toEndpointView(row), secret };
  });
}

export async function listEndpoints(ctx: AppContext, accountId: string, opts: { cursor?: string; limit: number }) {
  let query = ctx.db.selectFrom('webhooks').selectAll().where('accountId', '=', accountId).where('deletedAt', 'is', null).where('kind', '!=', 'sink');
  if (opts.cursor) query = query.where('id', '<', opts.cursor);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return page(rows, opts.limit, toEndpointView);
}

export async function getEndpoint(ctx: AppContext, accountId: string, id: string): Promise<EndpointView> {
  return toEndpointView(await findEndpoint(ctx.db, accountId, id));
}

/** An endpoint by id alone, for operator tools (`linkwire replay`); routes always look up within an account. */
export async function endpointById(ctx: AppContext, id: string): Promise<{ id: string; accountId: string } | undefined> {
  return ctx.db.selectFrom('webhooks').select(['id', 'accountId']).where('id', '=', id).executeTakeFirst();
}

export async function updateEndpoint(ctx: AppContext, accountId: string, id: string, patch: EndpointPatch, actor: Actor = SYSTEM_ACTOR): Promise<EndpointView> {
  const found = await findEndpoint(ctx.db, accountId, id); // 404 before 400: another account's id reveals nothing
  if (found.kind === 'listen' && patch.url !== undefined) {
    throw validationError([
      { field: 'url', message: 'cannot be changed on a listen endpoint (its deliveries go to `linkwire listen`); create an HTTP endpoint instead' },
    ]);
  }
  await checkInput(ctx, patch);
  return inTransaction(ctx.db, async (tx) => {
    const current = await findEndpoint(tx, accountId, id);
    const now = Date.now();
    const set: Partial<WebhooksTable> = { updatedAt: now };
    const format = patch.format ?? current.format;
    if (patch.url !== undefined || patch.format !== undefined) {
      // The format decides whether the URL is sealed: re-store it (from the sealed copy when only the format changes).
      const url = patch.url ?? (current.urlEnc === null ? current.url : open(ctx.masterKey, current.urlEnc));
      Object.assign(set, storedUrl(ctx, url, format), { format, misconfiguredReason: null });
    }
    // An edit is the fix for a refused message: the mark goes.
    set.misconfiguredReason = null;
    if (patch.events !== undefined) set.events = JSON.stringify(patch.events);
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.filter !== undefined) set.filter = patch.filter ? JSON.stringify(patch.filter) : null;
    if (patch.timeoutMs !== undefined) set.timeoutMs = patch.timeoutMs;
    if (patch.headers !== undefined) set.headers = JSON.stringify(patch.headers);
    if (patch.enabled === true && current.enabled === 0) {
      // Re-enabling starts a clean slate: the failure streak that disabled it is forgiven, and the
      // deliveries held while it was off become due now.
      Object.assign(set, { enabled: 1, disabledReason: null, disabledAt: null, failingSince: null });
      await resumeDeliveries(ctx.wake, tx, id, now);
    } else if (patch.enabled === false && current.enabled === 1) {
      Object.assign(set, { enabled: 0, disabledReason: MANUAL_DISABLE_REASON, disabledAt: now });
      await holdDeliveries(tx, id);
    }
    await tx.updateTable('webhooks').set(set).where('id', '=', id).execute();
    await recordAudit(tx, accountId, actor, { action: 'webhook.updated', target: { type: 'webhook', id }, changes: auditedChanges(current, set) });
    return toEndpointView({ ...current, ...set });
  });
}

/** What an update changed, for the audit log. Custom headers may carry credentials: only that they changed is kept. */
function auditedChanges(current: WebhooksTable, set: Partial<WebhooksTable>): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ['url', 'description', 'events', 'filter', 'timeoutMs', 'enabled', 'headers'] as const) {
    if (set[field] === undefined || set[field] === current[field]) continue;
    changes[field] = field === 'headers' ? { from: '[redacted]', to: '[redacted]' } : { from: current[field], to: set[field] };
  }
  return changes;
}

/** Soft delete: the row stays for the delivery history; its pending deliveries are cancelled. */
export async function deleteEndpoint(
  ctx: AppContext,
  accountId: string,
  id: string,
  actor: Actor = SYSTEM_ACTOR,
  caller: { userAgent?: string } = {},
): Promise<void> {
  const deleted = await inTransaction(ctx.db, async (tx) => {
    const row = await findEndpoint(tx, accountId, id);
    await recordAudit(tx, accountId, actor, { action: 'webhook.deleted', target: { type: 'webhook', id } });
    const now = Date.now();
    if (isChatFormat(row.format)) await disconnectChatEndpoint(ctx, tx, accountId, id, 'deleted', now);
    await tx.updateTable('webhooks').set({ deletedAt: now, updatedAt: now }).where('id', '=', id).execute();
    await tx
      .updateTable('deliveries')
      .set({ status: 'cancelled', claimedBy: null, updatedAt: now })
      .where('webhookId', '=', id)
      .where('status', '=', 'pending')
      .execute();
    return row;
  });
  // Zapier's reverse unsubscribe: DELETE <target url> pauses the Zap, so a deletion here shows
  // there instead of the Zap failing silently. After the commit, best effort, through the SSRF guard.
  // Not when Zapier itself unsubscribes (performUnsubscribe, the Zap turned off: its requests say
  // `user-agent: Zapier`): the Zap is off already, and its unsubscribe call would wait for ours.
  if (deleted.source === 'zapier' && noCodeSourceOf(caller.userAgent) !== 'zapier') await reverseUnsubscribe(ctx, deleted.url, deleted.timeoutMs);
}

async function checkIntegrationCap(tx: Tx, accountId: string, max: number | null): Promise<void> {
  if (max === null) return;
  const { n } = await tx
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('accountId', '=', accountId)
    .where('source', '!=', 'api')
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  if (max === 0) throw proFeature('integrationSubscriptions');
  if (Number(n) >= max) {
    throw limitReached({
      status: 403,
      limit: 'integrationSubscriptions',
      max,
      detail: `Your plan allows ${max} no-code subscriptions (Zapier, Make, n8n) and you have ${Number(n)}. Turn a Zap or scenario off, or upgrade your plan.`,
    });
  }
}

/** A listen endpoint's deliveries are signed by the CLI with a secret derived on its machine (cli/listen.ts). */
function refuseListenSecret(row: WebhooksTable): void {
  if (row.kind === 'listen') {
    throw conflict('A listen endpoint is signed by `linkwire listen` with a secret of its machine; run `linkwire listen --print-secret` to see it.');
  }
}

export async function getSecret(ctx: AppContext, accountId: string, id: string, actor: Actor = SYSTEM_ACTOR): Promise<{ secret: string; url?: string }> {
  const row = await findEndpoint(ctx.db, accountId, id);
  refuseListenSecret(row);
  // Who saw a secret is worth knowing; the secret itself never enters the log.
  await inTransaction(ctx.db, (tx) => recordAudit(tx, accountId, actor, { action: 'webhook.secret_revealed', target: { type: 'webhook', id } }));
  return { secret: revealSecret(ctx, row.secretEnc), ...(row.urlEnc === null ? {} : { url: open(ctx.masterKey, row.urlEnc) }) };
}

export async function rotateSecret(
  ctx: AppContext,
  accountId: string,
  id: string,
  graceHours = DEFAULT_GRACE_HOURS,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{ secret: string }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await findEndpoint(tx, accountId, id);
    refuseListenSecret(row);
    const now = Date.now();
    const { secret, secretEnc, previousSecretEnc, previousSecretExpiresAt } = rotation(ctx, row.secretEnc, graceHours, now);
    await tx.updateTable('webhooks').set({ secretEnc, previousSecretEnc, previousSecretExpiresAt, updatedAt: now }).where('id', '=', id).execute();
    await recordAudit(tx, accountId, actor, {
      action: 'webhook.secret_rotated',
      target: { type: 'webhook', id },
      changes: { graceHours: { from: null, to: graceHours } },
    });
    return { secret };
  });
}

/** The type a test send uses when none is given: link.click if subscribed (or "*"), else the first subscribed type. */
export function defaultTestEvent(events: string[]): EventType {
  if (events.includes('*') || events.includes('link.click')) return 'link.click';
  const first = events.find(isEventType);
  return first ?? 'link.click';
}

/**
 * A test send: the catalog's example data for the type, emitted as a real event that fans out to
 * this endpoint only, so it is signed, retried and recorded like any other delivery. It skips the
 * endpoint's filter (a test is explicit) and does not count toward the 24-hour delivery quota.
 */
export async function sendTest(
  ctx: AppContext,
  accountId: string,
  id: string,
  type?: EventType,
  now = Date.now(),
): Promise<{ deliveryId: string; eventId: string }> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await findEndpoint(tx, accountId, id);
    const limits = ctx.plans.limitsOf(await lockedAccountPlan(ctx, tx, accountId));
    if (limits.testSends1h === 0) throw proFeature('testSends1h');
    if (row.enabled === 0) {
      throw conflict(
        `This endpoint is disabled${row.disabledReason ? ` (${row.disabledReason})` : ''}. Re-enable it first: PATCH /api/v1/webhooks/${id} {"enabled": true}.`,
      );
    }
    if (limits.testSends1h !== null) {
      const used = await countTestSends1h(tx, accountId, now);
      if (used >= limits.testSends1h) {
        const oldest = (await oldestTestSendSince(tx, accountId, now - HOUR_MS)) ?? now;
        const retryAfterSeconds = Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
        throw limitReached({
          status: 429,
          limit: 'testSends1h',
          max: limits.testSends1h,
          detail: `Your plan allows ${limits.testSends1h} test sends per rolling hour. Try again in ${retryAfterSeconds} s.`,
          retryAfterSeconds,
          resetsAt: new Date(oldest + HOUR_MS),
        });
      }
    }
    const eventType = type ?? defaultTestEvent(JSON.parse(row.events));
    const event = await ctx.outbox.emit(tx, accountId, eventType, EXAMPLES[eventType], { onlyWebhookId: id, isTest: true, now });
    const delivery = await tx.selectFrom('deliveries').select('id').where('eventId', '=', event.id).where('webhookId', '=', id).executeTakeFirstOrThrow();
    return { deliveryId: delivery.id, eventId: event.id };
  });
}

export interface Usage {
  endpoints: { used: number; limit: number | null };
  deliveries24h: { used: number; limit: number | null };
  testSends1h: { used: number; limit: number | null };
}

export async function usage(ctx: AppContext, accountId: string, now = Date.now()): Promise<Usage> {
  const limits = ctx.plans.limitsOf(await accountPlan(ctx, accountId));
  const { n } = await ctx.db
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('accountId', '=', accountId)
    .where('source', '=', 'api')
    .where('deletedAt', 'is', null)
    .where('kind', '!=', 'sink')
    .executeTakeFirstOrThrow();
  return {
    endpoints: { used: Number(n), limit: limits.endpoints },
    deliveries24h: { used: await countDeliveries24h(ctx.db, accountId, now), limit: limits.deliveries24h },
    testSends1h: { used: await countTestSends1h(ctx.db, accountId, now), limit: limits.testSends1h },
  };
}
