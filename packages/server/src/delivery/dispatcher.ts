import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../context.js';
import { onDeliveriesQueued } from '../events/emit.js';
import type { BackgroundService } from '../server.js';
import { targetPolicy } from '../webhooks/ssrf.js';
import { Breakers } from './breaker.js';
import { type ClaimFn, claimFor, releaseClaims } from './claim.js';
import type { ClaimedDelivery } from './claimed.js';
import { type EndpointConfig, EndpointLoader } from './endpoints.js';
import { HELD_UNTIL } from './hold.js';
import { type DeliveryMetrics, deliveryMetrics } from './metrics.js';
import { listenForDeliveries } from './notify.postgres.js';
import { type DeliveryOptions, deliveryOptionsFromEnv } from './options.js';
import { ResultWriter } from './results.js';
import { nextStep } from './retry.js';
import { onRequeued } from './wake.js';
import { failedBeforeSending, type SendResult } from './send-result.js';
import { type DispatchSender, LocalSender } from './dispatch-sender.js';
import { ThreadedSender } from './threaded-sender.js';

interface Job {
  delivery: ClaimedDelivery;
  endpoint: EndpointConfig;
  payload: string | Uint8Array;
}

/** Per-endpoint state of this worker: sends in flight and claimed deliveries waiting for a slot. */
interface Lane {
  /** Sends handed to the sender: in flight, or waiting in a sender that queues ahead. */
  active: number;
  queue: Job[];
  /** The endpoint answered 410 and is being disabled: nothing more of this lane is sent. */
  gone: boolean;
  /** What this worker has learnt about the endpoint (outlives the lane). */
  stats: EndpointStats;
  /**
   * Start times of the sends in flight, oldest first (a Set keeps insertion order): a send that has
   * been running long counts before it ends.
   */
  starts: Set<{ at: number }>;
}

/** Learnt per endpoint: its pace and how many concurrent sends it has earned. */
interface EndpointStats {
  /** Moving average of attempt durations (ms), null until a first attempt finished. */
  avgMs: number | null;
  /** Sends allowed in flight now: starts low, +1 per success while work waits, halved on failure. */
  limit: number;
  /** The last attempt succeeded: the endpoint may be handed sends ahead of its limit. */
  lastOk: boolean;
}

/** A new endpoint starts with this many sends in flight (or the cap, if lower). */
const START_CONCURRENCY = 16;
/** Work kept waiting locally per endpoint, in time at its observed pace. */
const LOCAL_QUEUE_MS = 5_000;

/**
 * The delivery worker loop.
 *
 *   wake (in-process emit, NOTIFY, a send finishing while the queue is backlogged) or poll
 *     → claim up to min(batch, free slots) due deliveries with a lease
 *     → with their envelopes (returned by the claim) and their endpoints (one query)
 *     → per endpoint: start up to the endpoint cap, queue a few more, hand back the rest;
 *       endpoints whose breaker is open get their deliveries handed back (no attempt counted)
 *     → each finished send becomes an Outcome for the ResultWriter (group commit)
 *
 * A batch that comes back full means more are due: the loop claims again as soon as half a batch
 * of slots is free (sends finishing wake it) instead of waiting for the poll. Caps (512 claimed per worker; per endpoint 16 at first, up to 64 as it
 * answers) and the breaker keep a slow or dead endpoint from holding the slots healthy endpoints need.
 */
export class Dispatcher implements BackgroundService {
  readonly name = 'delivery-dispatcher';
  readonly workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly breakers: Breakers;
  readonly results: ResultWriter;
  /** Claims that returned rows, the rows they returned, sends the sender handed back unstarted (tests and logs). */
  readonly stats = { claims: 0, claimed: 0, handedBack: 0 };
  private readonly opts: DeliveryOptions;
  private readonly claim: ClaimFn;
  private readonly sender: DispatchSender;
  private readonly endpoints: EndpointLoader;
  private readonly metrics: DeliveryMetrics;
  private readonly disposeMetrics: () => void;
  private readonly lanes = new Map<string, Lane>();
  /** Pace and earned concurrency per endpoint (survive its lane going idle). */
  private readonly endpointStats = new Map<string, EndpointStats>();
  private readonly inFlight = new Map<Promise<void>, string>();
  private readonly chores = new Set<Promise<unknown>>();
  private queued = 0;
  private running = true;
  private backlog = false;
  private wakeRequested = false;
  private wakeUp: (() => void) | null = null;
  private readonly loopDone: Promise<void>;
  private readonly unsubscribe: () => void;
  private readonly listener: { close(): Promise<void> } | null;
  private stopping: Promise<void> | null = null;
  private readonly trimTimer: NodeJS.Timeout;
  /** The smallest claim worth a statement while a backlog waits: half a batch. */
  private readonly minBacklogClaim: number;

  constructor(
    private readonly ctx: AppContext,
    overrides: Partial<DeliveryOptions> = {},
  ) {
    this.opts = deliveryOptionsFromEnv(process.env, overrides);
    this.minBacklogClaim = Math.max(1, Math.min(Math.ceil(this.opts.claimBatch / 2), this.opts.globalConcurrency));
    this.claim = claimFor(ctx.database.caps);
    this.breakers = new Breakers({
      threshold: this.opts.breakerThreshold,
      minCooldownMs: this.opts.breakerMinCooldownMs,
      maxCooldownMs: this.opts.breakerMaxCooldownMs,
    });
    const senderThreads = this.opts.senderThreads ?? (ctx.database.caps.concurrentWorkers ? 0 : 1);
    this.sender =
      senderThreads > 0
        ? new ThreadedSender(
            { dev: ctx.config.dev, allowPrivateTargets: ctx.config.allowPrivateTargets, connectionsPerOrigin: this.opts.endpointConcurrency },
            senderThreads,
            ctx.log,
          )
        : new LocalSender({ policy: targetPolicy(ctx.config), connectionsPerOrigin: this.opts.endpointConcurrency });
    this.endpoints = new EndpointLoader(ctx.db, ctx.masterKey);
    this.results = new ResultWriter(ctx, this.workerId, { flushMs: this.opts.flushMs, flushMax: this.opts.flushMax }, (err) =>
      ctx.log.error({ err }, 'writing delivery results failed; retrying'),
    );
    const m = deliveryMetrics(ctx, () => this.breakers.counts());
    this.metrics = m.metrics;
    this.disposeMetrics = m.dispose;
    const offQueued = onDeliveriesQueued(() => this.wake());
    const offRequeued = onRequeued(() => this.wake());
    this.unsubscribe = () => {
      offQueued();
      offRequeued();
    };
    this.listener = ctx.database.caps.listenNotify && ctx.config.databaseUrl ? listenForDeliveries(ctx.config.databaseUrl, ctx.log, () => this.wake()) : null;
    this.loopDone = this.loop();
    this.trimTimer = setInterval(() => {
      for (const id of this.lanes.keys()) this.pump(id);
    }, 250);
    this.trimTimer.unref();
  }

  /** Sends in flight plus claimed deliveries waiting for an endpoint slot. */
  get load(): number {
    return this.inFlight.size + this.queued;
  }

  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      // A wake-up that arrived before this point is served by this iteration. (Clearing it only
      // when there was room to claim let a wake-up while all slots were busy spin this loop on
      // microtasks and starve the sends it was waiting for.)
      this.wakeRequested = false;
      const room = this.opts.globalConcurrency - this.load;
      let full = false;
      // While backlogged, claim only once a useful batch fits (sends finishing wake the loop then):
      // every claim is a statement and, on SQLite, a commit of its own. Claiming whatever few slots
      // had just freed made 28 % of a 60 000-delivery drain's 1 200 claims smaller than 32 rows.
      if (room >= (this.backlog ? this.minBacklogClaim : 1)) {
        try {
          full = await this.claimBatch(Math.min(this.opts.claimBatch, room));
          this.backlog = full;
        } catch (err) {
          if (!this.running) break;
          this.ctx.log.error({ err }, 'claiming deliveries failed; retrying after the poll interval');
        }
      }
      if (!this.running) break;
      if (full) {
        // More are due: claim again, but after a macrotask. On SQLite every query resolves as a
        // microtask, so back-to-back claims would otherwise keep I/O (send completions, redirects)
        // waiting until the slots run out.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      await this.sleep(this.opts.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeUp = null;
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Claims and starts one batch; true when the batch was full (more are probably due). */
  private async claimBatch(limit: number): Promise<boolean> {
    const now = Date.now();
    const claimed = await this.claim(this.ctx.db, this.workerId, now, now + this.opts.leaseMs, limit);
    if (claimed.length === 0) return false;
    this.stats.claims++;
    this.stats.claimed += claimed.length;
    const endpoints = await this.endpoints.load(
      claimed.map((d) => d.webhookId),
      now,
    );
    const cancelled: string[] = [];
    const held: string[] = [];
    const orphaned: string[] = [];
    const touched = new Set<string>();
    for (const delivery of claimed) {
      const endpoint = endpoints.get(delivery.webhookId);
      const payload = delivery.payload;
      if (!endpoint || endpoint.deleted) cancelled.push(delivery.id);
      else if (payload === null) orphaned.push(delivery.id);
      else if (!endpoint.enabled && !delivery.isTest) held.push(delivery.id);
      else {
        let lane = this.lanes.get(endpoint.id);
        if (!lane) {
          lane = { active: 0, queue: [], gone: false, stats: this.statsFor(endpoint.id), starts: new Set() };
          this.lanes.set(endpoint.id, lane);
        }
        lane.queue.push({ delivery, endpoint, payload });
        this.queued++;
        touched.add(endpoint.id);
      }
    }
    if (cancelled.length || held.length || orphaned.length) this.chore(this.settleUnsendable(cancelled, held, orphaned, now));
    for (const id of touched) this.pump(id);
    return claimed.length === limit;
  }

  /** Deliveries that cannot be sent: endpoint deleted (cancelled), disabled (held), event purged. */
  private async settleUnsendable(cancelled: string[], held: string[], orphaned: string[], now: number) {
    const db = this.ctx.db;
    if (cancelled.length) {
      await db
        .updateTable('deliveries')
        .set({ status: 'cancelled', claimedBy: null, updatedAt: now })
        .where('id', 'in', cancelled)
        .where('claimedBy', '=', this.workerId)
        .execute();
    }
    if (held.length) await releaseClaims(db, this.workerId, held, HELD_UNTIL);
    if (orphaned.length) {
      await db
        .updateTable('deliveries')
        .set({ status: 'failed', claimedBy: null, lastError: 'The event was purged before it could be delivered', updatedAt: now })
        .where('id', 'in', orphaned)
        .where('claimedBy', '=', this.workerId)
        .execute();
    }
  }

  /** Starts what the endpoint's cap and breaker allow; hands back what must wait. */
  private pump(endpointId: string): void {
    const lane = this.lanes.get(endpointId);
    if (!lane) return;
    const now = Date.now();
    // A sender thread is handed up to twice the endpoint's limit while it answers: it keeps `limit`
    // in flight and starts the rest itself as sends finish (send-thread.ts, Gate), so the endpoint's
    // slots do not sit idle while this thread is busy in a SQLite statement or a scavenge. Measured
    // on the 2-core box, 60 000-delivery drains: sends in flight 35 → 57 of 64 on average, median
    // 19 130 → 20 160 /s (bench/README.md, sixth session). Not for an endpoint whose last attempt
    // failed: what would wait there is better handed back.
    const handOver = this.sender.queuesAhead && lane.stats.lastOk ? 2 * lane.stats.limit : lane.stats.limit;
    while (lane.active < handOver && lane.queue.length > 0) {
      if (!this.breakers.admit(endpointId, now)) {
        const refused = lane.queue.splice(0);
        this.queued -= refused.length;
        this.metrics.outcome('released').inc(refused.length);
        this.release(
          refused.map((j) => j.delivery.id),
          this.breakers.reopensAt(endpointId, now),
        );
        break;
      }
      const job = lane.queue.shift()!;
      this.queued--;
      this.start(lane, job);
    }
    // Keep locally about five seconds of this endpoint's work at its observed pace: everything
    // for a receiver answering in ms (64 slots × 5 s / 20 ms = 16 000), 320 for one taking a
    // second, counting sends still in flight, so a dead endpoint is trimmed long before its first
    // timeout ends. An endpoint that has not answered yet keeps only one round: a new endpoint that
    // hangs (bench isolation) would otherwise sit on claims the healthy ones need. The rest go back
    // to the queue, due in a second. (A 1 s window measured idle gaps: under load a healthy
    // loopback receiver's pace reached 300 ms.)
    const limit = lane.stats.limit;
    let keep = limit;
    if (lane.stats.avgMs !== null) {
      let pace = lane.stats.avgMs;
      const oldest = lane.starts.values().next().value;
      if (oldest !== undefined) pace = Math.max(pace, now - oldest.at);
      keep = Math.max(limit, Math.floor((limit * LOCAL_QUEUE_MS) / Math.max(1, pace)));
    }
    if (lane.queue.length > keep) {
      const excess = lane.queue.splice(keep);
      this.queued -= excess.length;
      this.release(
        excess.map((j) => j.delivery.id),
        now + 1_000,
      );
    }
    if (lane.active === 0 && lane.queue.length === 0) this.lanes.delete(endpointId);
  }

  private start(lane: Lane, job: Job): void {
    lane.active++;
    const started = { at: Date.now() };
    lane.starts.add(started);
    const { delivery, endpoint, payload } = job;
    // One settled-handler pair per send (a .catch().then().finally() chain cost three promises
    // more per delivery, on the thread that also runs every SQL statement).
    const sending: Promise<void> = this.sender
      .send({
        endpointId: endpoint.id,
        url: endpoint.url,
        eventId: delivery.eventId,
        body: payload,
        secrets: endpoint.secrets,
        customHeaders: endpoint.headers,
        timeoutMs: endpoint.timeoutMs,
        maxInFlight: lane.stats.limit,
      })
      .then(
        (result) => this.finished(lane, job, started, sending, result),
        (err: unknown) => this.finished(lane, job, started, sending, failedBeforeSending(`Unexpected sender error: ${(err as Error)?.message ?? err}`)),
      );
    this.inFlight.set(sending, delivery.id);
  }

  /** A send ended: its result, or null when the sender handed it back unstarted. */
  private finished(lane: Lane, job: Job, started: { at: number }, sending: Promise<void>, result: SendResult | null): void {
    this.inFlight.delete(sending);
    lane.active--;
    lane.starts.delete(started);
    if (result === null) {
      this.handedBack(lane, job);
      return;
    }
    const { delivery, endpoint } = job;
    const attempt = delivery.attemptCount + 1;
    this.learn(lane, result);
    const now = Date.now();
    this.breakers.record(endpoint.id, result.ok, now);
    const step = nextStep(this.ctx.config.retryScheduleMs, attempt, result, now);
    if (step.disableReason) {
      // 410: the endpoint is being disabled (in the results transaction, which also holds its
      // pending deliveries); do not send what is queued here. If that write fails, the leases
      // expire and the claim sees a disabled endpoint.
      this.queued -= lane.queue.length;
      lane.queue.length = 0;
      lane.gone = true;
    }
    this.results.push({ delivery, attempt, result, step });
    this.metrics.outcome(step.status === 'pending' ? 'retrying' : step.status).inc();
    this.metrics.duration(result.ok ? 'success' : (result.errorKind ?? 'error')).observe(result.durationMs / 1000);
    if (!this.lanes.has(endpoint.id) && lane.queue.length === 0 && lane.active > 0) this.lanes.set(endpoint.id, lane);
    this.pump(endpoint.id);
    // Backlogged and room for a useful batch again: claim now rather than at the next poll.
    if (this.backlog && this.running && this.opts.globalConcurrency - this.load >= this.minBacklogClaim) this.wake();
  }

  /**
   * A send the sender handed back unstarted (an earlier send to the endpoint failed, or stop()
   * asked for what waits): no attempt was made, so it waits in the lane again, first in line, and
   * pump() decides (the breaker may hand it back to the queue). Stopping, it is released, together
   * with the others handed back in the same turn.
   */
  private handedBack(lane: Lane, job: Job): void {
    const endpointId = job.endpoint.id;
    this.stats.handedBack++;
    if (!this.running) this.releaseSoon(job.delivery.id);
    else if (!lane.gone) {
      lane.queue.unshift(job);
      this.queued++;
      if (!this.lanes.has(endpointId)) this.lanes.set(endpointId, lane);
    }
    // A 410'd endpoint's are dropped like its queue: the leases expire and the claim holds them.
    this.pump(endpointId);
  }

  /** Ids handed back while stopping, released together (one statement, not one per delivery). */
  private releasing: string[] | null = null;
  private releaseSoon(id: string): void {
    if (this.releasing === null) {
      this.releasing = [];
      queueMicrotask(() => {
        const ids = this.releasing ?? [];
        this.releasing = null;
        this.release(ids, Date.now());
      });
    }
    this.releasing.push(id);
  }

  private statsFor(endpointId: string): EndpointStats {
    let stats = this.endpointStats.get(endpointId);
    if (!stats) {
      if (this.endpointStats.size >= 100_000) this.endpointStats.clear();
      stats = { avgMs: null, limit: Math.min(START_CONCURRENCY, this.opts.endpointConcurrency), lastOk: false };
      this.endpointStats.set(endpointId, stats);
    }
    return stats;
  }

  /**
   * Additive increase, multiplicative decrease of the endpoint's concurrency, as TCP does: a
   * success while work is waiting earns one more slot (up to the cap), a failure halves them. A
   * fast receiver reaches the cap of 64 within 48 sends; one that hangs or fails never holds more
   * than its first 16, so it cannot take the slots (and the CPU) the healthy endpoints need.
   */
  private learn(lane: Lane, result: SendResult): void {
    const stats = lane.stats;
    stats.avgMs = stats.avgMs === null ? result.durationMs : stats.avgMs * 0.8 + result.durationMs * 0.2;
    stats.lastOk = result.ok;
    if (result.ok) {
      // Work waiting: here, or handed to the sender beyond the limit.
      if ((lane.queue.length > 0 || lane.active >= stats.limit) && stats.limit < this.opts.endpointConcurrency) stats.limit++;
    } else if (result.errorKind === 'timeout' || result.errorKind === 'connection' || result.statusCode === 429 || (result.statusCode ?? 0) >= 500) {
      // Signs of an overloaded or absent receiver; a quick 4xx is not one.
      stats.limit = Math.max(1, Math.floor(stats.limit / 2));
    }
  }

  private release(ids: string[], dueAt: number): void {
    if (ids.length === 0) return;
    this.chore(releaseClaims(this.ctx.db, this.workerId, ids, dueAt));
  }

  private chore(p: Promise<unknown>): void {
    const tracked = p.catch((err) => this.ctx.log.error({ err }, 'delivery bookkeeping failed (the lease will expire and the delivery be retried)'));
    this.chores.add(tracked);
    void tracked.finally(() => this.chores.delete(tracked));
  }

  /** Writes buffered results now (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.chores]);
    await this.results.flush();
  }

  /**
   * SIGTERM: stop claiming, hand back what has not started (due now, so another worker takes it
   * at once), wait for in-flight sends up to `drainMs`, write their results, close the pools.
   * Sends still running after the deadline are handed back too: their receiver may see the
   * delivery twice, with the same webhook-id (at-least-once).
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.running = false;
      clearInterval(this.trimTimer);
      this.wake();
      this.unsubscribe();
      await this.loopDone;
      await this.listener?.close();
      const unstarted: string[] = [];
      for (const lane of this.lanes.values()) for (const job of lane.queue.splice(0)) unstarted.push(job.delivery.id);
      this.queued = 0;
      this.release(unstarted, Date.now());
      // And what waits unstarted in a sender thread: it comes back as null and is released then.
      this.sender.handBackWaiting();
      let deadline: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...this.inFlight.keys()]),
        new Promise<void>((resolve) => {
          deadline = setTimeout(resolve, this.opts.drainMs);
        }),
      ]);
      clearTimeout(deadline);
      const stillRunning = [...this.inFlight.values()];
      await Promise.all([...this.chores]);
      await this.results.close();
      this.release(stillRunning, Date.now());
      await Promise.all([...this.chores]);
      await this.sender.close();
      this.disposeMetrics();
    })();
    return this.stopping;
  }
}

export function startDispatcher(ctx: AppContext, overrides: Partial<DeliveryOptions> = {}): Dispatcher {
  return new Dispatcher(ctx, overrides);
}
