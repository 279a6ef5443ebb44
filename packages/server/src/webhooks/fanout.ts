import type { Tx } from '../db/transaction.js';
import type { EmitOptions, EmittedEvent } from '../events/emit.js';
import { newId } from '../lib/ids.js';

/**
 * One delivery row per endpoint that matches the event: enabled, not deleted, subscribed to the
 * type (or "*"). Runs inside the event's transaction. Returns the number of deliveries queued.
 */
export async function fanOut(tx: Tx, event: EmittedEvent, opts: EmitOptions): Promise<number> {
  let query = tx.selectFrom('webhooks').select(['id', 'events']).where('accountId', '=', event.accountId).where('deletedAt', 'is', null);
  query = opts.onlyWebhookId ? query.where('id', '=', opts.onlyWebhookId) : query.where('enabled', '=', 1);
  const endpoints = await query.execute();
  const matching = endpoints.filter((wh) => {
    if (opts.onlyWebhookId) return true;
    const types = JSON.parse(wh.events) as string[];
    return types.includes('*') || types.includes(event.type);
  });
  if (matching.length === 0) return 0;
  await tx
    .insertInto('deliveries')
    .values(
      matching.map((wh) => ({
        id: newId('dlv'),
        accountId: event.accountId,
        webhookId: wh.id,
        eventId: event.id,
        eventType: event.type,
        status: 'pending' as const,
        attemptCount: 0,
        nextAttemptAt: event.createdAt,
        claimedBy: null,
        isTest: opts.isTest ? 1 : 0,
        createdAt: event.createdAt,
        updatedAt: event.createdAt,
      })),
    )
    .execute();
  return matching.length;
}
