import type { AppContext } from '../../context.js';
import { inListChunks } from '../../db/compiled.js';
import type { ClaimedDelivery } from '../claimed.js';
import { releaseClaims } from '../claim.js';
import type { ResultWriter } from '../results.js';
import { type NextStep, nextStep } from '../retry.js';
import type { SendResult } from '../send-result.js';
import { SinkClient } from './client.js';
import type { Envelope } from './mapping.js';
import { buildRequests, type SinkTarget } from './requests.js';
import { targetOfRow } from './target.js';

// The seam between the dispatcher and the analytics sinks (webhooks.kind = 'sink', migration 014).
// The dispatcher claims sink deliveries like any other and hands them here (claim.ts, triage());
// this batches each sink's claimed deliveries into as few requests as the provider accepts
// (requests.ts), sends them, and pushes one Outcome per delivery to the dispatcher's ResultWriter:
// one request is one attempt in the history of each delivery it carried, written by the same group
// commit as every other attempt (retries, 410, auto-disable included). Deliveries claimed one
// commit at a time wait a moment for the rest of their batch (SINK_LINGER_MS).

/**
 * GA4 accepts events up to 72 h old; a delivery whose next try would fall later (an hour's margin
 * for clocks and queueing) gives up with this reason instead.
 */
export const GA4_MAX_AGE_MS = 71 * 3_600_000;
export const EXPIRED_FOR_SINK = 'expired_for_sink: GA4 accepts events up to 72 h old';

/** A claimed delivery of a sink. */
export interface SinkJob {
  delivery: ClaimedDelivery;
  payload: string | Uint8Array;
}

const decoder = new TextDecoder();

/**
 * A sink's deliveries wait this long (from the first one waiting) for a fuller batch, unless
 * SINK_FULL_BATCH are waiting already. Clicks arrive one commit at a time, so without it a sink got
 * one request per click: 60 clicks in 3 s were 60 GA4 requests, now 3 (25, 25, 10; PRODUCT.md §8:
 * ≤ ⌈n/25⌉ requests for n events). Segment's and PostHog's own libraries wait 10 s (flushInterval)
 * or 15–20 events (flushAt); 2 s keeps the analytics near real time and far inside the claim lease.
 */
export const SINK_LINGER_MS = 2_000;
/** GA4's most events in one request: as many waiting go out at once. */
export const SINK_FULL_BATCH = 25;

interface SinkQueue {
  /** In arrival order; `at` is when each was queued. */
  waiting: Array<{ job: SinkJob; at: number; sent: () => void }>;
  timer: NodeJS.Timeout | null;
  /** One batch at a time per sink: a provider's rate limits are per key, and a batch is large already. */
  running: boolean;
}

export class SinkDispatcher {
  private readonly client: SinkClient;
  private sending = 0;
  private readonly queues = new Map<string, SinkQueue>();
  /** Stopping: whatever waits goes out now. */
  private hurry = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly workerId: string,
    private readonly results: ResultWriter,
  ) {
    this.client = new SinkClient(ctx.targetPolicy);
  }

  /** Sink deliveries waiting or being sent (the dispatcher counts them in its load). */
  get load(): number {
    return this.sending;
  }

  /**
   * Queues one claimed batch's sink deliveries per sink; resolves when their outcomes are pushed
   * (after at most SINK_LINGER_MS and the requests).
   */
  deliver(jobs: SinkJob[], _now: number): Promise<void> {
    this.sending += jobs.length;
    const sent: Promise<void>[] = [];
    for (const job of jobs) {
      const id = job.delivery.webhookId;
      let queue = this.queues.get(id);
      if (!queue) {
        queue = { waiting: [], timer: null, running: false };
        this.queues.set(id, queue);
      }
      const at = Date.now();
      sent.push(new Promise<void>((resolve) => queue.waiting.push({ job, at, sent: resolve })));
    }
    for (const id of new Set(jobs.map((j) => j.delivery.webhookId))) this.pump(id);
    return Promise.all(sent).then(() => {});
  }

  /** Stopping: send what waits without lingering. */
  sendNow(): void {
    this.hurry = true;
    for (const id of this.queues.keys()) this.pump(id);
  }

  private pump(id: string): void {
    const queue = this.queues.get(id);
    if (!queue || queue.running) return;
    if (queue.waiting.length === 0) {
      this.queues.delete(id);
      return;
    }
    const waitMs = queue.waiting[0]!.at + SINK_LINGER_MS - Date.now();
    if (this.hurry || waitMs <= 0 || queue.waiting.length >= SINK_FULL_BATCH) {
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = null;
      // Full batches only, while the oldest may still wait: 27 waiting are 25 now and 2 that wait
      // for more (sending all 27 made a request of 2).
      const take = this.hurry || waitMs <= 0 ? queue.waiting.length : queue.waiting.length - (queue.waiting.length % SINK_FULL_BATCH);
      void this.run(id, queue, take);
    } else if (!queue.timer) {
      queue.timer = setTimeout(() => {
        queue.timer = null;
        this.pump(id);
      }, waitMs);
    }
  }

  private async run(id: string, queue: SinkQueue, take: number): Promise<void> {
    queue.running = true;
    const batch = queue.waiting.splice(0, take);
    const jobs = batch.map((w) => w.job);
    const now = Date.now();
    try {
      const target = (await this.loadTargets([id])).get(id);
      // A sink row without its integration (removed in between): the next claim sees it deleted.
      if (target) await this.deliverToSink(target, jobs, now);
      else
        await releaseClaims(
          this.ctx.db,
          this.workerId,
          jobs.map((j) => j.delivery.id),
          now,
        );
    } catch (err) {
      // The database was away (targets, give-ups): hand the claims back rather than hold them to the lease.
      this.ctx.log.error({ err, webhookId: id }, 'sending to an analytics sink failed before a request; handing the deliveries back');
      await releaseClaims(
        this.ctx.db,
        this.workerId,
        jobs.map((j) => j.delivery.id),
        Date.now(),
      ).catch(() => {});
    } finally {
      this.sending -= batch.length;
      for (const w of batch) w.sent();
      queue.running = false;
      this.pump(id);
    }
  }

  private async loadTargets(webhookIds: string[]): Promise<Map<string, { provider: SinkTarget['provider']; target: SinkTarget }>> {
    const out = new Map<string, { provider: SinkTarget['provider']; target: SinkTarget }>();
    for (const chunk of inListChunks(webhookIds)) {
      const rows = await this.ctx.db
        .selectFrom('integrations')
        .select(['webhookId', 'provider', 'settings', 'credentialsEnc'])
        .where('webhookId', 'in', chunk)
        .where('deletedAt', 'is', null)
        .execute();
      for (const row of rows) out.set(row.webhookId, { provider: row.provider, target: targetOfRow(row, this.ctx.masterKey, this.ctx.config.ga4Endpoint) });
    }
    return out;
  }

  private async deliverToSink(sink: { provider: SinkTarget['provider']; target: SinkTarget }, jobs: SinkJob[], now: number): Promise<void> {
    const items: Array<{ item: SinkJob; envelope: Envelope }> = [];
    const gaveUp: Array<{ job: SinkJob; reason: string }> = [];
    for (const job of jobs) {
      const envelope = JSON.parse(typeof job.payload === 'string' ? job.payload : decoder.decode(job.payload)) as Envelope;
      if (sink.provider === 'ga4' && now - Date.parse(envelope.timestamp) > GA4_MAX_AGE_MS) gaveUp.push({ job, reason: EXPIRED_FOR_SINK });
      else items.push({ item: job, envelope });
    }
    const { requests, refused } = buildRequests(sink.target, items, now);
    for (const r of refused) gaveUp.push({ job: r.item, reason: r.reason });
    if (gaveUp.length) await this.giveUp(gaveUp, now);
    const eventTime = new Map(items.map((i) => [i.item, Date.parse(i.envelope.timestamp)]));
    // One request at a time per sink: a provider's rate limits are per key, and a batch is large already.
    for (const req of requests) {
      const result = await this.client.post(req.url, req.headers, req.body, req.recordedHeaders);
      const at = Date.now();
      for (const job of req.items) {
        const attempt = job.delivery.attemptCount + 1;
        const decided = sinkStep(sink.provider, this.ctx.config.retryScheduleMs, attempt, result, eventTime.get(job) ?? at, at);
        this.results.push({ delivery: job.delivery, attempt, result: decided.result, step: decided.step });
      }
    }
  }

  /** Deliveries that can never be accepted: failed with the named reason, no request made. */
  private async giveUp(list: Array<{ job: SinkJob; reason: string }>, now: number): Promise<void> {
    const byReason = new Map<string, string[]>();
    for (const { job, reason } of list) {
      let ids = byReason.get(reason);
      if (!ids) {
        ids = [];
        byReason.set(reason, ids);
      }
      ids.push(job.delivery.id);
    }
    for (const [reason, ids] of byReason) {
      for (const chunk of inListChunks(ids)) {
        await this.ctx.db
          .updateTable('deliveries')
          .set({ status: 'failed', claimedBy: null, lastError: reason, updatedAt: now })
          .where('id', 'in', chunk)
          .where('claimedBy', '=', this.workerId)
          .execute();
      }
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** A 4xx that retrying cannot fix (bad credentials, a malformed batch); 408, 409, 410 and 429 are not. */
export function permanentStatus(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500 && status !== 408 && status !== 409 && status !== 410 && status !== 429;
}

/**
 * The retry policy of a sink delivery: the ordinary one (retry.ts), except that a permanent 4xx
 * fails at once (and counts towards auto-disable, like an exhausted delivery), and a GA4 retry that
 * would land past the 72-hour window gives up with `expired_for_sink`.
 */
export function sinkStep(
  provider: SinkTarget['provider'],
  schedule: readonly number[],
  attempt: number,
  result: SendResult,
  eventAt: number,
  now: number,
): { step: NextStep; result: SendResult } {
  if (permanentStatus(result.statusCode)) {
    return { step: { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: true }, result };
  }
  const step = nextStep(schedule, attempt, result, now);
  if (provider === 'ga4' && step.status === 'pending' && step.nextAttemptAt - eventAt > GA4_MAX_AGE_MS) {
    return {
      step: { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: true },
      result: { ...result, error: `${EXPIRED_FOR_SINK} (${result.error ?? 'failed'})` },
    };
  }
  return { step, result };
}
