import type { Actor } from '../audit/record.js';
import { recordAudit } from '../audit/record.js';
import type { AppContext } from '../context.js';
import type { WebhooksTable } from '../db/schema.js';
import type { IntegrationsTable, SinkProvider } from '../db/schema.integrations.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { holdDeliveries, resumeDeliveries } from '../delivery/hold.js';
import { checkSink } from '../delivery/sinks/validate.js';
import { type SinkCredentials, type SinkSettings, sinkTarget } from '../delivery/sinks/target.js';
import { AppError, notFound, validationError } from '../http/errors.js';
import { page } from '../http/pagination.js';
import { newId } from '../lib/ids.js';
import { open, seal } from '../lib/secretbox.js';
import { checkTargetUrl } from '../lib/ssrf.js';
import { newSecret } from '../webhooks/secrets.js';
import type { ConnectInput, IntegrationPatch } from './schemas.js';

// Analytics sinks (PRODUCT.md §12, docs/analytics.md). An integration is a row of `integrations`
// plus the webhooks row of kind 'sink' that the ordinary fan-out fills with deliveries
// (delivery/sinks/ sends them in batches). Credentials are checked at the provider before anything
// is stored, and `integration.connected` is emitted in the transaction that stores them.

export const REMOVED_BY_USER = 'Removed by a user';
const DISABLED_BY_USER = 'Disabled by a user';

export interface IntegrationView {
  id: string;
  provider: SinkProvider;
  name: string | null;
  events: string[];
  enabled: boolean;
  status: 'active' | 'failing' | 'disabled';
  disabledReason: string | null;
  webhookId: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
  connectedAt: string;
  createdAt: string;
  updatedAt: string;
}

/** `••••` and the last four characters (none of a short secret): enough to tell two keys apart. */
export function mask(value: string): string {
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}

const iso = (ms: number) => new Date(ms).toISOString();

type Row = IntegrationsTable & Pick<WebhooksTable, 'events' | 'enabled' | 'disabledReason' | 'failingSince'>;

function toView(row: Row): IntegrationView {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    events: JSON.parse(row.events),
    enabled: row.enabled === 1,
    status: row.enabled === 0 ? 'disabled' : row.failingSince !== null ? 'failing' : 'active',
    disabledReason: row.disabledReason,
    webhookId: row.webhookId,
    settings: JSON.parse(row.settings),
    credentials: JSON.parse(row.credentialsHint),
    connectedAt: iso(row.connectedAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function split(input: Partial<ConnectInput & IntegrationPatch>, provider: SinkProvider): { settings: SinkSettings; credentials: SinkCredentials } {
  if (provider === 'ga4') return { settings: { measurementId: input.measurementId }, credentials: { apiSecret: input.apiSecret } };
  if (provider === 'segment') return { settings: { apiHost: input.apiHost ?? 'https://api.segment.io' }, credentials: { writeKey: input.writeKey } };
  return { settings: { host: input.host }, credentials: { apiKey: input.apiKey } };
}

const hints = (credentials: SinkCredentials) =>
  Object.fromEntries(Object.entries(credentials).flatMap(([k, v]) => (typeof v === 'string' ? [[k, mask(v)]] : [])));

/** The user-given hosts pass the SSRF guard, then the provider checks the credentials. */
async function validate(ctx: AppContext, provider: SinkProvider, settings: SinkSettings, credentials: SinkCredentials, events: string[]): Promise<void> {
  const hostField = provider === 'segment' ? 'apiHost' : provider === 'posthog' ? 'host' : null;
  const host = settings.apiHost ?? settings.host;
  if (hostField && host) {
    const verdict = await checkTargetUrl(host, ctx.targetPolicy);
    if (!verdict.ok) throw validationError([{ field: hostField, message: verdict.reason }]);
  }
  const check = await checkSink(ctx.targetPolicy, sinkTarget(provider, settings, credentials, ctx.config.ga4Endpoint), events);
  if (check.ok) return;
  if (check.status === 400)
    throw validationError(check.problems, `The ${provider} connection was refused: ${check.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  throw new AppError(
    502,
    'integration_unreachable',
    'The analytics provider could not be reached',
    check.problems.map((p) => `${p.field} ${p.message}`).join('; '),
    {
      errors: check.problems,
    },
  );
}

function joined(db: AppContext['db'] | Tx, accountId: string) {
  return db
    .selectFrom('integrations')
    .innerJoin('webhooks', 'webhooks.id', 'integrations.webhookId')
    .selectAll('integrations')
    .select(['webhooks.events', 'webhooks.enabled', 'webhooks.disabledReason', 'webhooks.failingSince'])
    .where('integrations.accountId', '=', accountId)
    .where('integrations.deletedAt', 'is', null);
}

async function find(db: AppContext['db'] | Tx, accountId: string, id: string): Promise<Row> {
  const row = await joined(db, accountId).where('integrations.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Integration', id);
  return row as Row;
}

export async function connectIntegration(ctx: AppContext, accountId: string, actor: Actor, input: ConnectInput): Promise<IntegrationView> {
  const { settings, credentials } = split(input, input.provider);
  await validate(ctx, input.provider, settings, credentials, input.events);
  return inTransaction(ctx.db, async (tx) => {
    const now = Date.now();
    const id = newId('int');
    const webhook: WebhooksTable = {
      id: newId('wh'),
      accountId,
      url: `sink://${input.provider}/${id}`,
      description: input.name ?? null,
      events: JSON.stringify(input.events),
      filter: null,
      timeoutMs: 15_000,
      headers: '{}',
      enabled: 1,
      disabledReason: null,
      disabledAt: null,
      // Never used to sign (sinks are not Standard Webhooks), but the column holds a sealed secret on every row.
      secretEnc: newSecret(ctx).secretEnc,
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      lastSuccessAt: null,
      failingSince: null,
      kind: 'sink',
      device: null,
      format: 'standard',
      source: 'api',
      urlEnc: null,
      misconfiguredReason: null,
      chatNextAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const row: IntegrationsTable = {
      id,
      accountId,
      provider: input.provider,
      webhookId: webhook.id,
      name: input.name ?? null,
      settings: JSON.stringify(settings),
      credentialsEnc: seal(ctx.masterKey, JSON.stringify(credentials)),
      credentialsHint: JSON.stringify(hints(credentials)),
      connectedAt: now,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await tx.insertInto('webhooks').values(webhook).execute();
    await tx.insertInto('integrations').values(row).execute();
    await recordAudit(tx, accountId, actor, {
      action: 'integration.connected',
      target: { type: 'integration', id },
      changes: { provider: { from: null, to: input.provider }, events: { from: null, to: input.events } },
    });
    await ctx.outbox.emit(tx, accountId, 'integration.connected', { integration: input.provider, integrationId: id });
    return toView({ ...row, events: webhook.events, enabled: 1, disabledReason: null, failingSince: null });
  });
}

export async function listIntegrations(ctx: AppContext, accountId: string, opts: { cursor?: string; limit: number }) {
  let query = joined(ctx.db, accountId);
  if (opts.cursor) query = query.where('integrations.id', '<', opts.cursor);
  const rows = await query
    .orderBy('integrations.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return page(rows as Row[], opts.limit, toView);
}

export async function getIntegration(ctx: AppContext, accountId: string, id: string): Promise<IntegrationView> {
  return toView(await find(ctx.db, accountId, id));
}

const CREDENTIAL_FIELDS = ['measurementId', 'apiSecret', 'writeKey', 'apiHost', 'apiKey', 'host'] as const;
const FIELDS_OF: Record<SinkProvider, readonly string[]> = {
  ga4: ['measurementId', 'apiSecret'],
  segment: ['writeKey', 'apiHost'],
  posthog: ['apiKey', 'host'],
};

export async function updateIntegration(ctx: AppContext, accountId: string, actor: Actor, id: string, patch: IntegrationPatch): Promise<IntegrationView> {
  const found = await find(ctx.db, accountId, id);
  const given = CREDENTIAL_FIELDS.filter((f) => patch[f] !== undefined);
  const foreign = given.filter((f) => !FIELDS_OF[found.provider].includes(f));
  if (foreign.length) throw validationError(foreign.map((f) => ({ field: f, message: `is not a setting of a ${found.provider} integration` })));
  let sealed: Pick<IntegrationsTable, 'settings' | 'credentialsEnc' | 'credentialsHint' | 'connectedAt'> | null = null;
  if (given.length) {
    // New credentials are merged over the stored ones and checked like a new connection.
    const current = { ...JSON.parse(found.settings), ...JSON.parse(open(ctx.masterKey, found.credentialsEnc)) };
    const merged = { ...current, ...Object.fromEntries(given.map((f) => [f, patch[f]])) };
    const { settings, credentials } = split(merged, found.provider);
    await validate(ctx, found.provider, settings, credentials, patch.events ?? JSON.parse(found.events));
    sealed = {
      settings: JSON.stringify(settings),
      credentialsEnc: seal(ctx.masterKey, JSON.stringify(credentials)),
      credentialsHint: JSON.stringify(hints(credentials)),
      connectedAt: Date.now(),
    };
  }
  return inTransaction(ctx.db, async (tx) => {
    const current = await find(tx, accountId, id);
    const now = Date.now();
    const hook: Partial<WebhooksTable> = { updatedAt: now };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (patch.events !== undefined) {
      hook.events = JSON.stringify(patch.events);
      changes.events = { from: JSON.parse(current.events), to: patch.events };
    }
    if (patch.name !== undefined) {
      hook.description = patch.name;
      changes.name = { from: current.name, to: patch.name };
    }
    if (patch.enabled === true && current.enabled === 0) {
      Object.assign(hook, { enabled: 1, disabledReason: null, disabledAt: null, failingSince: null });
      await resumeDeliveries(ctx.wake, tx, current.webhookId, now);
      changes.enabled = { from: false, to: true };
    } else if (patch.enabled === false && current.enabled === 1) {
      Object.assign(hook, { enabled: 0, disabledReason: DISABLED_BY_USER, disabledAt: now });
      await holdDeliveries(tx, current.webhookId);
      changes.enabled = { from: true, to: false };
    }
    const set: Partial<IntegrationsTable> = { updatedAt: now, ...(sealed ?? {}) };
    if (patch.name !== undefined) set.name = patch.name;
    // Masked values only: the audit log never holds a credential.
    for (const f of given) changes[f] = { from: '••••', to: f === 'measurementId' || f === 'apiHost' || f === 'host' ? patch[f] : '••••' };
    await tx.updateTable('webhooks').set(hook).where('id', '=', current.webhookId).execute();
    await tx.updateTable('integrations').set(set).where('id', '=', id).execute();
    await recordAudit(tx, accountId, actor, { action: 'integration.updated', target: { type: 'integration', id }, changes });
    return toView(await find(tx, accountId, id));
  });
}

/** Removes the sink: its queue is soft-deleted (the history stays), pending deliveries are cancelled. */
export async function deleteIntegration(ctx: AppContext, accountId: string, actor: Actor, id: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await find(tx, accountId, id);
    const now = Date.now();
    await tx.updateTable('integrations').set({ deletedAt: now, updatedAt: now }).where('id', '=', id).execute();
    await tx.updateTable('webhooks').set({ deletedAt: now, updatedAt: now }).where('id', '=', row.webhookId).execute();
    await tx
      .updateTable('deliveries')
      .set({ status: 'cancelled', claimedBy: null, updatedAt: now })
      .where('webhookId', '=', row.webhookId)
      .where('status', '=', 'pending')
      .execute();
    await recordAudit(tx, accountId, actor, {
      action: 'integration.removed',
      target: { type: 'integration', id },
      changes: { provider: { from: row.provider, to: null } },
    });
    await ctx.outbox.emit(tx, accountId, 'integration.disconnected', { integration: row.provider, integrationId: id, reason: REMOVED_BY_USER });
  });
}
