import type { Insertable } from 'kysely';
import { inListChunks, ladderChunks, runCompiled } from '../db/compiled.js';
import type { Capabilities } from '../db/capabilities.js';
import { enqueue } from '../db/delivery-queue.js';
import type { DeliveriesTable } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';
import type { Plans } from '../accounts/plans.js';
import { newId } from '../lib/ids.js';
import { compileFilter, type Envelope, type FilterPredicate } from '../webhooks/filter.js';
import { roomLeft24h } from '../webhooks/usage.js';
import type { AdoptedDelivery, DeliveryAdopter, EmitOptions, EmittedEvent } from './types.js';

// Fan-out runs inside every click's transaction, so it does the least it can: one query for the
// account's enabled endpoints (with the plan, joined), the filter predicates from a cache, and the
// 24-hour quota count only when some endpoint matched and the plan has a limit.

const FILTER_CACHE_MAX = 1_000;

/** Filter predicates compiled once per distinct filter text (filters are validated on write, so this rarely fails). */
class FilterCache {
  private readonly predicates = new Map<string, FilterPredicate>();

  predicateFor(filterJson: string): FilterPredicate {
    let predicate = this.predicates.get(filterJson);
    if (!predicate) {
      try {
        predicate = compileFilter(JSON.parse(filterJson));
      } catch {
        predicate = () => false; // a stored filter that no longer compiles matches nothing rather than everything
      }
      if (this.predicates.size >= FILTER_CACHE_MAX) this.predicates.clear();
      this.predicates.set(filterJson, predicate);
    }
    return predicate;
  }
}

// Delivery rows go in multi-row INSERTs of db/compiled.ts's VALUES_LADDER sizes (powers of two up
// to 256 rows; 13 columns × 256 stays far below both engines' parameter caps), each text compiled once.

type DeliveryRow = Insertable<DeliveriesTable>;

/**
 * One delivery row per (event, endpoint) that matches: enabled, not deleted, subscribed to the
 * type (or "*"), and accepted by its filter. Deliveries past the plan's rolling 24-hour quota are
 * recorded as `quota_exceeded` (visible, replayable), never dropped. A test send (opts.onlyWebhookId)
 * targets one endpoint regardless of its events and filter, and does not count toward the quota.
 * Runs inside the events' transaction, once per batch: one endpoint query for every account in the
 * batch, one quota count per account with a limited plan, one multi-row INSERT. Sets each event's
 * `deliveries` (pending ones).
 *
 * With an `adopter` (this process's dispatcher, EmitOptions.handoff), as many pending deliveries as
 * it has room for are written already leased to it (`claimed_by`, `next_attempt_at` = the lease's end, and on
 * PostgreSQL `lease_until` too) and returned as `adopted`, for emit() to hand over after the commit; the rest
 * are `due`, for a claim. On the redirect path with an endpoint subscribed, the claim was the costliest statement
 * of all: 553 µs per claim of ~32 rows, 28 % of the SQLite time (bench/README.md#redirect-path).
 */
export class FanOut {
  private readonly filters = new FilterCache();

  constructor(
    private readonly plans: Plans,
    private readonly caps: Capabilities,
  ) {}

  async run(
    tx: Tx,
    events: readonly EmittedEvent[],
    opts: EmitOptions,
    adopter: DeliveryAdopter | null = null,
  ): Promise<{ due: number; adopted: AdoptedDelivery[] }> {
    const adopted: AdoptedDelivery[] = [];
    if (events.length === 0) return { due: 0, adopted };
    const accountIds = [...new Set(events.map((e) => e.accountId))];
    const endpoints = await endpointsOf(tx, accountIds, opts.onlyWebhookId);
    if (endpoints.length === 0) return { due: 0, adopted };
    let room = adopter ? adopter.room() : 0;
    const leaseUntil = adopter ? Date.now() + adopter.leaseMs : 0;

    const byAccount = new Map<string, { endpoints: typeof endpoints; types: string[][]; room: number | null; limit: number | null }>();
    for (const wh of endpoints) {
      let entry = byAccount.get(wh.accountId);
      if (!entry) {
        entry = { endpoints: [], types: [], room: null, limit: null };
        byAccount.set(wh.accountId, entry);
      }
      entry.endpoints.push(wh);
      entry.types.push(JSON.parse(wh.events) as string[]);
    }

    const rows: DeliveryRow[] = [];
    let due = 0;
    for (const event of events) {
      // The envelope's bytes, shared by the event's adopted deliveries (the sender signs and sends them as they are).
      let bytes: Uint8Array | null = null;
      const account = byAccount.get(event.accountId);
      if (!account) continue;
      let envelope: Envelope | undefined;
      const matching = opts.onlyWebhookId
        ? account.endpoints
        : account.endpoints.filter((wh, i) => {
            const types = account.types[i]!;
            if (!types.includes('*') && !types.includes(event.type)) return false;
            if (wh.filter === null) return true;
            envelope ??= { id: event.id, type: event.type, timestamp: new Date(event.createdAt).toISOString(), accountId: event.accountId, data: event.data };
            return this.filters.predicateFor(wh.filter)(envelope);
          });
      if (matching.length === 0) continue;

      // How many may still be sent under the rolling 24-hour quota (test sends are exempt); counted
      // once per account per batch, then decremented as the batch uses it.
      if (account.room === null) {
        account.limit = opts.isTest ? null : this.plans.limitsOf(matching[0]!.plan).deliveries24h;
        account.room = await roomLeft24h(tx, account.limit, event.accountId, event.createdAt);
      }
      for (const wh of matching) {
        const overQuota = account.room <= 0;
        if (!overQuota) account.room--;
        const adopt = !overQuota && room > 0;
        const id = newId('dlv');
        if (adopt) {
          room--;
          bytes ??= Buffer.from(event.payload);
          adopted.push({ id, accountId: event.accountId, webhookId: wh.id, eventId: event.id, attemptCount: 0, isTest: opts.isTest ? 1 : 0, payload: bytes });
        }
        rows.push({
          id,
          accountId: event.accountId,
          webhookId: wh.id,
          eventId: event.id,
          eventType: event.type,
          status: overQuota ? 'quota_exceeded' : 'pending',
          attemptCount: 0,
          nextAttemptAt: adopt ? leaseUntil : event.createdAt,
          claimedBy: adopt ? adopter!.workerId : null,
          // PostgreSQL's claim and takeover read the lease from lease_until (SQLite folds it into
          // next_attempt_at, as here): without it, a process that died holding adopted rows left
          // them claimable by nobody, ever.
          leaseUntil: adopt && this.caps.concurrentWorkers ? leaseUntil : null,
          lastError: overQuota ? `Not sent: the ${account.limit}-deliveries-per-24-hours quota of the ${wh.plan} plan was reached. Replay it later.` : null,
          isTest: opts.isTest ? 1 : 0,
          createdAt: event.createdAt,
          updatedAt: event.createdAt,
        });
        if (!overQuota) {
          event.deliveries++;
          if (!adopt) due++;
        }
      }
    }
    for (const chunk of ladderChunks(rows)) {
      const params: unknown[] = [];
      for (const r of chunk) {
        params.push(
          r.id,
          r.accountId,
          r.webhookId,
          r.eventId,
          r.eventType,
          r.status,
          r.attemptCount,
          r.nextAttemptAt,
          r.claimedBy,
          r.leaseUntil,
          r.lastError,
          r.isTest,
          r.createdAt,
          r.updatedAt,
        );
      }
      await runCompiled(tx, `fanOut.deliveries:${chunk.length}`, params, () => tx.insertInto('deliveries').values(chunk));
    }
    if (this.caps.deliveryQueue) {
      // Each pending delivery's queue row, due when it is (an adopted one: at its lease's end).
      const ids: string[] = [];
      const at: number[] = [];
      for (const r of rows) {
        if (r.status !== 'pending') continue;
        ids.push(r.id);
        at.push(r.nextAttemptAt);
      }
      await enqueue(tx, ids, at);
    }
    return { due, adopted };
  }
}

/**
 * The enabled endpoints of these accounts (or the one endpoint of a test send), with the plan. The
 * account ids go in IN lists padded to the ladder's sizes: one compiled text per size and shape.
 */
async function endpointsOf(tx: Tx, accountIds: string[], onlyWebhookId: string | undefined) {
  const out: Array<{ id: string; accountId: string; events: string; filter: string | null; plan: string }> = [];
  for (const chunk of inListChunks(accountIds)) {
    const { rows } = await runCompiled(tx, `fanOut.endpoints:${onlyWebhookId ? 'one' : 'enabled'}:${chunk.length}`, [...chunk, onlyWebhookId || 1], () => {
      const query = tx
        .selectFrom('webhooks')
        .innerJoin('accounts', 'accounts.id', 'webhooks.accountId')
        .select(['webhooks.id', 'webhooks.accountId', 'webhooks.events', 'webhooks.filter', 'accounts.plan'])
        .where('webhooks.accountId', 'in', chunk)
        .where('webhooks.deletedAt', 'is', null);
      return onlyWebhookId ? query.where('webhooks.id', '=', onlyWebhookId) : query.where('webhooks.enabled', '=', 1);
    });
    for (const row of rows) out.push(row);
  }
  return out;
}
