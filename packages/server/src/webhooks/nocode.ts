import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { EXAMPLES, type EventType } from '../events/catalog.js';
import { notFound } from '../http/errors.js';
import type { EndpointSource } from '../db/schema.js';
import { recordConnection } from './integrations.js';

// What no-code tools call besides the webhooks routes (PRODUCT.md §12): the connection test
// (GET /api/v1/me) and the trigger samples (Zapier performList, Make samples, n8n test event).

/** The no-code tool a request comes from, by its User-Agent (Zapier, n8n and Make name themselves). */
export function noCodeSourceOf(userAgent: string | undefined): Exclude<EndpointSource, 'api'> | null {
  const ua = (userAgent ?? '').toLowerCase();
  if (ua.includes('zapier')) return 'zapier';
  if (ua.includes('n8n')) return 'n8n';
  if (ua.includes('integromat') || /\bmake\//.test(ua)) return 'make';
  return null;
}

export interface Me {
  accountId: string;
  handle: string;
  email: string;
  plan: string;
  instanceUrl: string;
}

/**
 * The account behind the API key. The first call of a no-code tool with a given key is that
 * tool's connection: integration.connected {integration: <tool>, integrationId: <key id>}, once.
 */
export async function me(ctx: AppContext, accountId: string, caller: { apiKeyId: string | null; userAgent: string | undefined }): Promise<Me> {
  const account = await ctx.db.selectFrom('accounts').select(['id', 'handle', 'email', 'plan']).where('id', '=', accountId).executeTakeFirst();
  if (!account) throw notFound('Account', accountId);
  const source = noCodeSourceOf(caller.userAgent);
  if (source && caller.apiKeyId) {
    const apiKeyId = caller.apiKeyId;
    await inTransaction(ctx.db, (tx) => recordConnection(ctx, tx, accountId, source, apiKeyId, Date.now()));
  }
  return { accountId: account.id, handle: account.handle, email: account.email, plan: account.plan, instanceUrl: ctx.config.publicUrl };
}

/**
 * Up to `limit` envelopes of the type, newest first: the account's real events (test sends
 * excluded), else the catalog example as an envelope with an `evt_sample_…` id.
 */
export async function samples(ctx: AppContext, accountId: string, type: EventType, limit: number): Promise<unknown[]> {
  const rows = await ctx.db
    .selectFrom('events')
    .select('payload')
    .where('accountId', '=', accountId)
    .where('type', '=', type)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('deliveries').select('id').whereRef('deliveries.eventId', '=', 'events.id').where('deliveries.isTest', '=', 1))),
    )
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  if (rows.length > 0) return rows.map((r) => JSON.parse(r.payload));
  return [{ id: `evt_sample_${type.replace('.', '_')}`, type, timestamp: new Date().toISOString(), accountId, data: EXAMPLES[type] }];
}
