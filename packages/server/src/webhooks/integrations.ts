import type { AppContext } from '../context.js';
import type { Tx } from '../db/transaction.js';

// integration.connected for the connections of PRODUCT.md §12 that part A owns: a chat endpoint's
// first successful test message, and a no-code tool's first GET /api/v1/me with an API key. Each
// connection emits once (integration_connections), in the transaction of its cause.

/** Inserts the connection; true when it is new (then the event was emitted). */
export async function recordConnection(ctx: Pick<AppContext, 'outbox'>, tx: Tx, accountId: string, integration: string, integrationId: string, now: number) {
  const inserted = await tx
    .insertInto('integrationConnections')
    .values({ accountId, integration, integrationId, connectedAt: now })
    .onConflict((oc) => oc.columns(['accountId', 'integration', 'integrationId']).doNothing())
    .returning('integrationId')
    .executeTakeFirst();
  if (!inserted) return false;
  await ctx.outbox.emit(tx, accountId, 'integration.connected', { integration, integrationId }, { now });
  return true;
}

/** Test deliveries that just succeeded: a chat endpoint's first one connects it. */
export async function connectTestedChatEndpoints(ctx: Pick<AppContext, 'outbox'>, tx: Tx, webhookIds: string[], now: number): Promise<void> {
  if (webhookIds.length === 0) return;
  const rows = await tx
    .selectFrom('webhooks')
    .select(['id', 'accountId', 'format'])
    .where('id', 'in', webhookIds)
    .where('format', '!=', 'standard')
    .where('deletedAt', 'is', null)
    .execute();
  for (const row of rows) await recordConnection(ctx, tx, row.accountId, row.format, row.id, now);
}

/** A removed chat endpoint that had connected: integration.disconnected. */
export async function disconnectChatEndpoint(ctx: Pick<AppContext, 'outbox'>, tx: Tx, accountId: string, webhookId: string, reason: string, now: number) {
  const row = await tx
    .deleteFrom('integrationConnections')
    .where('accountId', '=', accountId)
    .where('integrationId', '=', webhookId)
    .returning('integration')
    .executeTakeFirst();
  if (row) await ctx.outbox.emit(tx, accountId, 'integration.disconnected', { integration: row.integration, integrationId: webhookId, reason }, { now });
}

/**
 * The masked form of a chat URL shown by the API: origin and the first path segments, every
 * credential-bearing part (Slack's T…/B…/secret, Discord's id/token, Teams' sig=) replaced.
 */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    const segments = u.pathname.split('/').filter(Boolean);
    // The last segment is always a credential (Slack secret, Discord token, Teams path): never shown.
    const kept = segments.slice(0, Math.min(2, segments.length - 1)).join('/');
    return `${u.origin}/${kept}${kept ? '/' : ''}…${u.search ? '?…' : ''}`;
  } catch {
    return '…';
  }
}
