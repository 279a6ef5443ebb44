import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { formatDuration } from '../lib/duration.js';
import type { BackgroundService } from '../context.js';
import { holdDeliveries } from './hold.js';
import { startPeriodic } from '../lib/periodic.js';

/**
 * Disables an endpoint in the caller's transaction: enabled = 0 with the reason, its pending
 * deliveries held (they resume when it is re-enabled), and `webhook.disabled` emitted so the
 * account hears about it on its other endpoints. Returns false when it was already disabled.
 */
export async function disableEndpoint(ctx: Pick<AppContext, 'outbox'>, tx: Tx, webhookId: string, reason: string, now: number): Promise<boolean> {
  const row = await tx
    .updateTable('webhooks')
    .set({ enabled: 0, disabledReason: reason, disabledAt: now, updatedAt: now })
    .where('id', '=', webhookId)
    .where('enabled', '=', 1)
    .where('deletedAt', 'is', null)
    .returning(['id', 'accountId', 'url'])
    .executeTakeFirst();
  if (!row) return false;
  await holdDeliveries(tx, webhookId);
  await ctx.outbox.emit(tx, row.accountId, 'webhook.disabled', { webhookId: row.id, url: row.url, reason }, { now });
  return true;
}

/** A chat service refused a message for good (formats/errors.ts): shown on the endpoint until it is edited. */
export async function markMisconfigured(tx: Tx, webhookId: string, reason: string, now: number): Promise<void> {
  await tx.updateTable('webhooks').set({ misconfiguredReason: reason, updatedAt: now }).where('id', '=', webhookId).execute();
}

/**
 * A no-code subscription whose target answered 410 (its Zap or scenario is off): deleted like a
 * user's DELETE (pending deliveries cancelled), without webhook.disabled.
 */
export async function deleteGoneSubscription(tx: Tx, webhookId: string, now: number): Promise<void> {
  const row = await tx
    .updateTable('webhooks')
    .set({ deletedAt: now, updatedAt: now })
    .where('id', '=', webhookId)
    .where('deletedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!row) return;
  await tx
    .updateTable('deliveries')
    .set({ status: 'cancelled', claimedBy: null, updatedAt: now })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

function staleSince(ctx: AppContext, now: number): number {
  return now - ctx.config.disableAfterMs;
}

function reasonFor(ctx: AppContext): string {
  return `No successful delivery for ${formatDuration(ctx.config.disableAfterMs)} and at least one delivery failed after every retry`;
}

/**
 * Auto-disable (docs/webhooks.md#4-retries-retry-after-410-and-auto-disable): an endpoint with no success for
 * LINKWIRE_DISABLE_AFTER (counted from COALESCE(last_success_at, created_at)) and at least one
 * exhausted (`failed`) delivery is disabled.
 * Called in the results transaction when a delivery becomes exhausted.
 */
export async function autoDisableIfDue(ctx: AppContext, tx: Tx, webhookId: string, now: number): Promise<boolean> {
  const due = await tx
    .selectFrom('webhooks as w')
    .select('w.id')
    .where('w.id', '=', webhookId)
    .where('w.enabled', '=', 1)
    .where('w.deletedAt', 'is', null)
    .where(sql<number>`COALESCE(w.last_success_at, w.created_at)`, '<=', staleSince(ctx, now))
    .where((eb) => eb.exists(eb.selectFrom('deliveries as d').select('d.id').whereRef('d.webhookId', '=', 'w.id').where('d.status', '=', 'failed')))
    .executeTakeFirst();
  if (!due) return false;
  return disableEndpoint(ctx, tx, webhookId, reasonFor(ctx), now);
}

/** The periodic sweep (an endpoint can cross the line while nothing is being delivered to it). */
export async function autoDisableSweep(ctx: AppContext, now = Date.now()): Promise<string[]> {
  const candidates = await ctx.db
    .selectFrom('webhooks as w')
    .select('w.id')
    .where('w.enabled', '=', 1)
    .where('w.deletedAt', 'is', null)
    .where(sql<number>`COALESCE(w.last_success_at, w.created_at)`, '<=', staleSince(ctx, now))
    .where((eb) => eb.exists(eb.selectFrom('deliveries as d').select('d.id').whereRef('d.webhookId', '=', 'w.id').where('d.status', '=', 'failed')))
    .limit(1000)
    .execute();
  const disabled: string[] = [];
  for (const { id } of candidates) {
    if (await inTransaction(ctx.db, (tx) => autoDisableIfDue(ctx, tx, id, now))) disabled.push(id);
  }
  return disabled;
}

/** The worker's periodic auto-disable check: every minute. */
export function startAutoDisable(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'delivery-auto-disable', 60_000, 5_000, async () => {
    const disabled = await autoDisableSweep(ctx);
    if (disabled.length) ctx.log.warn({ webhooks: disabled }, 'endpoints disabled automatically (no success for LINKWIRE_DISABLE_AFTER)');
  });
}
