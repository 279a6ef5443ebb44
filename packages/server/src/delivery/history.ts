import type { AppContext } from '../context.js';
import type { DeliveriesTable, DeliveryStatus } from '../db/schema.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { conflict, limitReached, notFound } from '../http/errors.js';
import { DAY_MS, roomLeft24h } from '../webhooks/usage.js';
import { HELD_UNTIL } from './hold.js';
import { realDueTime } from './listen.js';

// The delivery history of an account, and the two ways to send again: retry one delivery, or
// replay an endpoint's deliveries over a time range. Every lookup is scoped to the caller's
// account: another account's id is "not found", never "forbidden".

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface DeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  /** When the next attempt is due; null unless pending and not held by a disabled endpoint. */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  isTest: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toDeliveryView(d: DeliveriesTable): DeliveryView {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attemptCount: d.attemptCount,
    nextAttemptAt: d.status === 'pending' && d.nextAttemptAt < HELD_UNTIL ? iso(realDueTime(d.nextAttemptAt)) : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    lastDurationMs: d.lastDurationMs,
    isTest: d.isTest === 1,
    createdAt: iso(d.createdAt)!,
    updatedAt: iso(d.updatedAt)!,
  };
}

async function endpointOf(ctx: AppContext | { db: Tx }, accountId: string, webhookId: string) {
  const row = await ctx.db
    .selectFrom('webhooks')
    .select(['id', 'enabled', 'accountId'])
    .where('id', '=', webhookId)
    .where('accountId', '=', accountId)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Webhook', webhookId);
  return row;
}

export interface DeliveryListQuery {
  status?: DeliveryStatus;
  event?: string;
  cursor?: string;
  limit: number;
}

/** Newest first, over the (webhook_id, id) index. Returns limit+1 rows for page(). */
export async function listDeliveries(ctx: AppContext, accountId: string, webhookId: string, q: DeliveryListQuery): Promise<DeliveriesTable[]> {
  await endpointOf(ctx, accountId, webhookId);
  let query = ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', webhookId).where('accountId', '=', accountId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.event) query = query.where('eventType', '=', q.event);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  return query
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

export async function getDelivery(ctx: AppContext, accountId: string, id: string) {
  const d = await ctx.db.selectFrom('deliveries').selectAll().where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst();
  if (!d) throw notFound('Delivery', id);
  const event = await ctx.db.selectFrom('events').select('payload').where('id', '=', d.eventId).executeTakeFirst();
  const attempts = await ctx.db.selectFrom('attempts').selectAll().where('deliveryId', '=', d.id).orderBy('attempt').execute();
  return {
    ...toDeliveryView(d),
    payload: event ? (JSON.parse(event.payload) as unknown) : null,
    attempts: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: iso(a.startedAt)!,
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      errorKind: a.errorKind,
      responseBody: a.responseBody,
      requestHeaders: JSON.parse(a.requestHeaders) as Record<string, string>,
    })),
  };
}

/** How many more deliveries the account may send in the rolling 24 h window (Infinity: no limit). */
async function quotaRoom(ctx: AppContext, tx: Tx, accountId: string, now: number): Promise<{ room: number; limit: number | null }> {
  const account = await tx.selectFrom('accounts').select('plan').where('id', '=', accountId).executeTakeFirstOrThrow();
  const limit = ctx.plans.limitsOf(account.plan).deliveries24h;
  return { room: await roomLeft24h(tx, limit, accountId, now), limit };
}

/**
 * Does this delivery need room in the 24 h quota to be sent again? Rows the window already counts
 * (created in it, not quota_exceeded) do not; test sends never do.
 */
const needsRoom = (d: Pick<DeliveriesTable, 'status' | 'createdAt' | 'isTest'>, now: number) =>
  d.isTest === 0 && (d.status === 'quota_exceeded' || d.createdAt <= now - DAY_MS);

/** POST /deliveries/{id}/retry: due now, whatever its status, except cancelled (endpoint deleted). */
export async function retryDelivery(ctx: AppContext, accountId: string, id: string, now = Date.now()) {
  const view = await inTransaction(ctx.db, async (tx) => {
    const d = await tx.selectFrom('deliveries').selectAll().where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst();
    if (!d) throw notFound('Delivery', id);
    if (d.status === 'cancelled') throw conflict('This delivery was cancelled because its endpoint was deleted; it cannot be sent again.');
    const endpoint = await endpointOf({ db: tx }, accountId, d.webhookId).catch(() => null);
    if (!endpoint) throw conflict('The endpoint of this delivery no longer exists.');
    if (endpoint.enabled !== 1) throw conflict('The endpoint is disabled; enable it (PATCH /api/v1/webhooks/{id} {"enabled": true}) to retry its deliveries.');
    // Pending and claimed: a worker is sending it right now; queueing it again would only duplicate.
    if (d.status === 'pending' && d.claimedBy !== null) return toDeliveryView(d);
    if (needsRoom(d, now)) {
      const quota = await quotaRoom(ctx, tx, accountId, now);
      if (quota.room < 1) throw overQuota(quota.limit ?? 0);
    }
    const updated = await tx
      .updateTable('deliveries')
      .set({ status: 'pending', nextAttemptAt: now, claimedBy: null, updatedAt: now, ...(d.createdAt <= now - DAY_MS ? { requeuedAt: now } : {}) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await ctx.wake.deliveriesDue(tx, 'requeued');
    return toDeliveryView(updated);
  });
  return view;
}

function overQuota(max: number) {
  return limitReached({
    status: 429,
    limit: 'deliveries24h',
    max,
    detail: "The account's rolling 24-hour delivery quota is used up; retry later or upgrade the plan.",
    retryAfterSeconds: 3600,
  });
}

export interface ReplayInput {
  since: number;
  until: number;
  status: 'failed' | 'all';
}

/**
 * POST /webhooks/{id}/replay: queues the endpoint's deliveries created in [since, until] again —
 * failed and quota_exceeded ones, or with status "all" every finished one (succeeded too). The
 * 24-hour quota is re-checked: deliveries beyond the room left are not queued (and counted in
 * `overQuota`). Oldest first, so what the room allows is the start of the range.
 */
export async function replay(ctx: AppContext, accountId: string, webhookId: string, input: ReplayInput, now = Date.now()) {
  const result = await inTransaction(ctx.db, async (tx) => {
    const endpoint = await endpointOf({ db: tx }, accountId, webhookId);
    if (endpoint.enabled !== 1) throw conflict('The endpoint is disabled; enable it before replaying its deliveries.');
    const statuses: DeliveryStatus[] = input.status === 'failed' ? ['failed', 'quota_exceeded'] : ['succeeded', 'failed', 'quota_exceeded'];
    const rows = await tx
      .selectFrom('deliveries')
      .select(['id', 'status', 'createdAt', 'isTest'])
      .where('webhookId', '=', webhookId)
      .where('accountId', '=', accountId)
      .where('createdAt', '>=', input.since)
      .where('createdAt', '<=', input.until)
      .where('status', 'in', statuses)
      .orderBy('id')
      .execute();
    let room = rows.some((d) => needsRoom(d, now)) ? (await quotaRoom(ctx, tx, accountId, now)).room : 0;
    const ids: string[] = [];
    // Rows created before the 24-hour window count toward it again from now (webhooks/usage.ts).
    const beforeWindow = new Set<string>();
    let overQuotaCount = 0;
    for (const d of rows) {
      if (needsRoom(d, now)) {
        if (room < 1) {
          overQuotaCount++;
          continue;
        }
        room--;
      }
      ids.push(d.id);
      if (d.createdAt <= now - DAY_MS) beforeWindow.add(d.id);
    }
    const set = { status: 'pending' as const, nextAttemptAt: now, claimedBy: null, updatedAt: now };
    const parts: Array<[string[], Partial<DeliveriesTable>]> = [
      [ids.filter((id) => !beforeWindow.has(id)), set],
      [ids.filter((id) => beforeWindow.has(id)), { ...set, requeuedAt: now }],
    ];
    for (const [part, values] of parts) {
      for (let i = 0; i < part.length; i += 1000) {
        await tx
          .updateTable('deliveries')
          .set(values)
          .where('id', 'in', part.slice(i, i + 1000))
          .execute();
      }
    }
    if (ids.length) await ctx.wake.deliveriesDue(tx, 'requeued');
    return { queued: ids.length, overQuota: overQuotaCount };
  });
  return result;
}
