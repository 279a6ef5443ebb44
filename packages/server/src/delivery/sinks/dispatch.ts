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
// commit as every other attempt (retries, 410, auto-disable included).

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

export class SinkDispatcher {
  private readonly client: SinkClient;
  private sending = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly workerId: string,
    private readonly results: ResultWriter,
  ) {
    this.client = new SinkClient(ctx.targetPolicy);
  }

  /** Sink deliveries being sent (the dispatcher counts them in its load). */
  get load(): number {
    return this.sending;
  }

  /** Sends one claimed batch's sink deliveries, grouped per sink; resolves when their outcomes are pushed. */
  async deliver(jobs: SinkJob[], now: number): Promise<void> {
    this.sending += jobs.length;
    try {
      const bySink = new Map<string, SinkJob[]>();
      for (const job of jobs) {
        let list = bySink.get(job.delivery.webhookId);
        if (!list) {
          list = [];
          bySink.set(job.delivery.webhookId, list);
        }
        list.push(job);
      }
      const targets = await this.loadTargets([...bySink.keys()]);
      const unknown: string[] = [];
      const sends: Promise<void>[] = [];
      for (const [webhookId, list] of bySink) {
        const target = targets.get(webhookId);
        if (target) sends.push(this.deliverToSink(target, list, now));
        else unknown.push(...list.map((j) => j.delivery.id));
      }
      // A sink row without its integration (removed in between): the next claim sees it deleted.
      if (unknown.length) await releaseClaims(this.ctx.db, this.workerId, unknown, now);
      await Promise.all(sends);
    } finally {
      this.sending -= jobs.length;
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
