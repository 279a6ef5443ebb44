import type { DeliveryStatus } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';
import type { EmitOptions, EmittedEvent } from '../events/emit.js';
import { newId } from '../lib/ids.js';
import { compileFilter, type Envelope, type FilterPredicate } from './filter.js';
import { planLimitsOf } from './quota.js';
import { countDeliveries24h } from './usage.js';

// Fan-out runs inside every click's transaction, so it does the least it can: one query for the
// account's enabled endpoints (with the plan, joined), the filter predicates from a cache, and the
// 24-hour quota count only when some endpoint matched and the plan has a limit.

const FILTER_CACHE_MAX = 1_000;
const filterCache = new Map<string, FilterPredicate>();

/** Compiled once per distinct filter text (filters are validated on write, so this rarely fails). */
function predicateFor(filterJson: string): FilterPredicate {
  let predicate = filterCache.get(filterJson);
  if (!predicate) {
    try {
      predicate = compileFilter(JSON.parse(filterJson));
    } catch {
      predicate = () => false; // a stored filter that no longer compiles matches nothing rather than everything
    }
    if (filterCache.size >= FILTER_CACHE_MAX) filterCache.clear();
    filterCache.set(filterJson, predicate);
  }
  return predicate;
}

/**
 * One delivery row per endpoint that matches the event: enabled, not deleted, subscribed to the
 * type (or "*"), and accepted by its filter. Deliveries past the plan's rolling 24-hour quota are
 * recorded as `quota_exceeded` (visible, replayable), never dropped. A test send (opts.onlyWebhookId)
 * targets one endpoint regardless of its events and filter, and does not count toward the quota.
 * Runs inside the event's transaction. Returns the number of deliveries queued for sending (pending).
 */
export async function fanOut(tx: Tx, event: EmittedEvent, opts: EmitOptions): Promise<number> {
  let query = tx
    .selectFrom('webhooks')
    .innerJoin('accounts', 'accounts.id', 'webhooks.accountId')
    .select(['webhooks.id', 'webhooks.events', 'webhooks.filter', 'accounts.plan'])
    .where('webhooks.accountId', '=', event.accountId)
    .where('webhooks.deletedAt', 'is', null);
  query = opts.onlyWebhookId ? query.where('webhooks.id', '=', opts.onlyWebhookId) : query.where('webhooks.enabled', '=', 1);
  const endpoints = await query.execute();
  if (endpoints.length === 0) return 0;

  let envelope: Envelope | undefined;
  const matching = opts.onlyWebhookId
    ? endpoints
    : endpoints.filter((wh) => {
        const types = JSON.parse(wh.events) as string[];
        if (!types.includes('*') && !types.includes(event.type)) return false;
        if (wh.filter === null) return true;
        envelope ??= { id: event.id, type: event.type, timestamp: new Date(event.createdAt).toISOString(), accountId: event.accountId, data: event.data };
        return predicateFor(wh.filter)(envelope);
      });
  if (matching.length === 0) return 0;

  // How many of these may still be sent under the rolling 24-hour quota (test sends are exempt).
  let room = matching.length;
  const limit = opts.isTest ? null : planLimitsOf(tx, matching[0]!.plan).deliveries24h;
  if (limit !== null) room = Math.max(0, limit - (await countDeliveries24h(tx, event.accountId, event.createdAt)));

  await tx
    .insertInto('deliveries')
    .values(
      matching.map((wh, i) => {
        const overQuota = i >= room;
        return {
          id: newId('dlv'),
          accountId: event.accountId,
          webhookId: wh.id,
          eventId: event.id,
          eventType: event.type,
          status: (overQuota ? 'quota_exceeded' : 'pending') as DeliveryStatus,
          attemptCount: 0,
          nextAttemptAt: event.createdAt,
          claimedBy: null,
          lastError: overQuota ? `Not sent: the ${limit}-deliveries-per-24-hours quota of the ${wh.plan} plan was reached. Replay it later.` : null,
          isTest: opts.isTest ? 1 : 0,
          createdAt: event.createdAt,
          updatedAt: event.createdAt,
        };
      }),
    )
    .execute();
  return Math.min(room, matching.length);
}
