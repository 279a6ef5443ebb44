import type { AppContext } from '../context.js';
import type { BackgroundService } from '../context.js';
import type { AdoptedDelivery, DeliveryAdopter } from '../events/types.js';
import { Breakers } from './breaker.js';
import { type ClaimFn, claimFor, claimSize, minBacklogClaim, releaseClaims, settleUnsendable, triage } from './claim.js';
import { ChatSender } from './chat.js';
import { EndpointLoader } from './endpoints.js';
import { destinationVerdict } from './formats/errors.js';
import { isChatFormat } from './formats/index.js';
import { parkForListen } from './listen.js';
import { type Job, type Lane, Lanes, type SendStart } from './lanes.js';
import { type DeliveryMetrics, deliveryMetrics } from './metrics.js';
import { type DeliveryOptions, defaultSenderThreads } from './options.js';
import { ResultWriter } from './results.js';
import { nextStep } from './retry.js';
import { failedBeforeSending, type SendResult } from './send-result.js';
import { newHolderId, startTakeover, type Takeover } from './takeover.js';
import type { DispatchSender } from './dispatch-sender.js';
import { createDispatchSender } from './threaded-sender.js';
import { SinkDispatcher } from './sinks/dispatch.js';

/**
 * The delivery worker loop.
 *
 *   wake (in-process emit, NOTIFY, a send finishing while the queue is backlogged) or poll
 *     → claim up to min(batch, free slots) due deliveries with a lease        (claim.ts)
 *     → with their envelopes (returned by the claim) and their endpoints (one query)
 *     → settle what cannot be sent (deleted, disabled, purged)                (claim.ts)
 *     → per endpoint: start up to the endpoint cap, queue a few more, hand back the rest;
 *       endpoints whose breaker is open get their deliveries handed back,
 *       no attempt counted                                                   (lanes.ts, breaker.ts)
 *     → each finished send becomes an Outcome for the ResultWriter (group commit, results.ts)
 *
 * Deliveries made by a click in this process skip the claim: fan-out writes them already leased to
 * this worker and adopt() starts them after their commit, from the same step as a claim's rows
 * (events/types.ts, DeliveryAdopter; LINKWIRE_DELIVERY_HANDOFF).
 *
 * A batch that comes back full means more are due: the loop claims again as soon as half a batch
 * of slots is free (sends finishing wake it) instead of waiting for the poll. Caps (512 claimed
 * per worker; per endpoint 16 at first, up to 64 as it answers) and the breaker keep a slow or dead
 * endpoint from holding the slots healthy endpoints need.
 */
export class Dispatcher implements BackgroundService, DeliveryAdopter {
  readonly name = 'delivery-dispatcher';
  /** This worker's holder id on its claims: says which process holds them (takeover.ts). */
  readonly workerId = newHolderId();
  /** Takes back the claims of workers that are gone, at start and every 10 s (takeover.ts). */
  readonly takeover: Takeover;
  readonly breakers: Breakers;
  readonly results: ResultWriter;
  /**
   * Claim statements run (whether or not they found rows), the claims that returned rows, the rows
   * they returned, sends the sender handed back unstarted (tests and logs).
   */
  readonly stats = { claimStatements: 0, claims: 0, claimed: 0, adopted: 0, handedBack: 0 };
  private readonly opts: DeliveryOptions;
  private readonly claim: ClaimFn;
  private readonly sender: DispatchSender;
  /** Chat endpoints (format slack/discord/teams): rendered, rate limited, folded into digests. */
  readonly chat: ChatSender;
  private readonly endpoints: EndpointLoader;
  private readonly metrics: DeliveryMetrics;
  private readonly disposeMetrics: () => void;
  private readonly lanes: Lanes;
  /** Analytics sinks' deliveries, batched per sink (sinks/dispatch.ts). */
  private readonly sinks: SinkDispatcher;
  private readonly inFlight = new Map<Promise<void>, string>();
  /** Bookkeeping writes not awaited where they start (releases, settling): flush() and stop() wait for them. */
  private readonly tracked = new Set<Promise<unknown>>();
  private running = true;
  private backlog = false;
  private wakeRequested = false;
  private wakeUp: (() => void) | null = null;
  private readonly loopDone: Promise<void>;
  private readonly unsubscribe: () => Promise<void>;
  /** Stops fan-out handing this dispatcher fresh deliveries (stop()). */
  private readonly disown: () => void;
  private stopping: Promise<void> | null = null;
  /** Resolves when stop() is called (bookkeeping retries stop waiting). */
  private readonly stopRequested: Promise<void>;
  private requestStop!: () => void;
  /** Pumps every lane four times a second: trims and breaker reopenings happen without a send finishing. */
  private readonly pumpTimer: NodeJS.Timeout;
  /** The smallest claim worth a statement while a backlog waits (claim.ts, claimSize()). */
  private readonly minBacklogClaim: number;

  /** Runs with `ctx.config.delivery`; tests override single knobs (a shorter poll, a lower cap). */
  constructor(
    private readonly ctx: AppContext,
    overrides: Partial<DeliveryOptions> = {},
  ) {
    this.opts = { ...ctx.config.delivery, ...overrides };
    this.stopRequested = new Promise<void>((resolve) => {
      this.requestStop = resolve;
    });
    this.minBacklogClaim = minBacklogClaim(this.opts.claimBatch, this.opts.globalConcurrency);
    this.claim = claimFor(ctx.database.caps);
    this.breakers = new Breakers({
      threshold: this.opts.breakerThreshold,
      minCooldownMs: this.opts.breakerMinCooldownMs,
      maxCooldownMs: this.opts.breakerMaxCooldownMs,
    });
    const threads = this.opts.senderThreads ?? defaultSenderThreads(ctx.database.caps);
    this.sender = createDispatchSender(ctx.config, threads, this.opts.endpointConcurrency, ctx.log);
    this.lanes = new Lanes(
      { endpointConcurrency: this.opts.endpointConcurrency, queuesAhead: this.sender.queuesAhead },
      { breakers: this.breakers, start: (lane, job) => this.start(lane, job), release: (jobs, dueAt, refused) => this.releaseJobs(jobs, dueAt, refused) },
    );
    this.chat = new ChatSender(ctx.db, ctx.targetPolicy, `${ctx.config.publicUrl}/dashboard`);
    this.endpoints = new EndpointLoader(ctx.db, ctx.masterKey);
    this.results = new ResultWriter(ctx, this.workerId, { flushMs: this.opts.flushMs, flushMax: this.opts.flushMax }, (err) =>
      ctx.log.error({ err }, 'writing delivery results failed; retrying'),
    );
    this.sinks = new SinkDispatcher(ctx, this.workerId, this.results);
    const m = deliveryMetrics(ctx, () => this.breakers.counts());
    this.metrics = m.metrics;
    this.disposeMetrics = m.dispose;
    this.unsubscribe = ctx.wake.subscribe(() => this.wake());
    this.disown = this.opts.handoff ? ctx.wake.adoptWith(this) : () => {};
    this.takeover = startTakeover({
      db: ctx.db,
      caps: ctx.database.caps,
      databaseUrl: ctx.config.databaseUrl,
      holderId: this.workerId,
      log: ctx.log,
      onTakenBack: () => this.wake(),
    });
    this.loopDone = this.loop();
    this.pumpTimer = setInterval(() => this.lanes.pumpAll(), 250);
    this.pumpTimer.unref();
  }

  /** Sends in flight plus claimed deliveries waiting for an endpoint slot. */
  get load(): number {
    return this.inFlight.size + this.lanes.queued + this.sinks.load;
  }

  get leaseMs(): number {
    return this.opts.leaseMs;
  }

  /** DeliveryAdopter: the free slots, as a claim would take them; none once stopping. */
  room(): number {
    return this.running ? Math.max(0, this.opts.globalConcurrency - this.load) : 0;
  }

  /**
   * DeliveryAdopter: fresh deliveries leased to this worker by their own transaction, now committed.
   * They go the way a claim's rows go; if the dispatcher began stopping since fan-out counted its
   * room, or the endpoints cannot be loaded, they are handed back (due now) for a claim.
   */
  adopt(deliveries: AdoptedDelivery[]): void {
    const handBack = () =>
      this.release(
        deliveries.map((d) => d.id),
        Date.now(),
      );
    if (!this.running) {
      handBack();
      return;
    }
    this.stats.adopted += deliveries.length;
    this.track(
      this.startClaimed(deliveries, Date.now()).catch((err) => {
        this.ctx.log.error({ err }, 'starting adopted deliveries failed; handing them back');
        handBack();
      }),
    );
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
      const size = this.claimSizeNow();
      let full = false;
      if (size > 0) {
        try {
          full = await this.claimBatch(size);
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

  /** How many to claim now: up to a batch of the free slots, or 0 (claim.ts, claimSize()). */
  private claimSizeNow(): number {
    return claimSize(this.opts.globalConcurrency - this.load, this.backlog, this.opts.claimBatch, this.minBacklogClaim);
  }

  /** Claims and starts one batch; true when the batch was full (more are probably due). */
  private async claimBatch(limit: number): Promise<boolean> {
    const now = Date.now();
    const claimed = await this.claim(this.ctx.db, this.workerId, now, now + this.opts.leaseMs, limit);
    this.stats.claimStatements++;
    if (claimed.length === 0) return false;
    if (!this.running) {
      // stop() began while the claim ran: a stopping worker starts nothing new. Handed back due
      // now, as adopt() does, instead of being sent within the drain.
      this.release(
        claimed.map((d) => d.id),
        Date.now(),
      );
      return false;
    }
    this.stats.claims++;
    this.stats.claimed += claimed.length;
    await this.startClaimed(claimed, now);
    return claimed.length === limit;
  }

  /** Claimed (or adopted) deliveries, with their endpoints: settled when unsendable, else queued on their lanes. */
  private async startClaimed(claimed: AdoptedDelivery[], now: number): Promise<void> {
    const endpoints = await this.endpoints.load(
      claimed.map((d) => d.webhookId),
      now,
    );
    const { jobs, cancelled, held, orphaned, listen, sink } = triage(claimed, endpoints);
    if (cancelled.length || held.length || orphaned.length)
      this.trackRetried(() => settleUnsendable(this.ctx.db, this.workerId, cancelled, held, orphaned, now));
    if (listen.length) this.trackRetried(() => parkForListen(this.ctx, this.workerId, listen, now));
    if (sink.length) this.track(this.sinks.deliver(sink, now));
    this.lanes.enqueueAll(this.disabling.size ? jobs.filter((j) => !this.awaitingDisable(j.endpoint.id)) : jobs);
  }

  private start(lane: Lane, job: Job): void {
    const started = this.lanes.begin(lane);
    const { delivery, endpoint, payload } = job;
    // One settled-handler pair per send (a .catch().then().finally() chain cost three promises
    // more per delivery, on the thread that also runs every SQL statement).
    const format = endpoint.format;
    const sending: Promise<void> = (
      isChatFormat(format)
        ? this.chat.send(job, format)
        : this.sender.send({
            endpointId: endpoint.id,
            url: endpoint.url,
            eventId: delivery.eventId,
            body: payload,
            secrets: endpoint.secrets,
            customHeaders: endpoint.headers,
            timeoutMs: endpoint.timeoutMs,
            maxInFlight: lane.stats.limit,
          })
    ).then(
      (result) => this.finished(lane, job, started, sending, result),
      (err: unknown) => this.finished(lane, job, started, sending, failedBeforeSending(`Unexpected sender error: ${(err as Error)?.message ?? err}`)),
    );
    this.inFlight.set(sending, delivery.id);
  }

  /** A send ended: its result, or null when the sender handed it back unstarted. */
  private finished(lane: Lane, job: Job, started: SendStart, sending: Promise<void>, result: SendResult | null): void {
    this.inFlight.delete(sending);
    this.lanes.end(lane, started);
    if (result === null) {
      this.handedBack(lane, job);
      return;
    }
    const { delivery, endpoint } = job;
    const attempt = delivery.attemptCount + 1;
    this.lanes.recordAttempt(lane, result);
    const now = Date.now();
    this.breakers.record(endpoint.id, result.ok, now);
    const verdict = destinationVerdict(endpoint, result);
    // The history says why no retry follows.
    if (verdict) result = { ...result, error: `${result.error ?? 'Refused'}: ${verdict.reason}` };
    const step = nextStep(this.ctx.config.retryScheduleMs, attempt, result, now, Math.random, verdict);
    // 410 (or a permanent error): the endpoint is being disabled or deleted; what waits here is not sent.
    const gone = step.disableReason || step.endpointAction?.kind === 'delete';
    if (gone) this.lanes.drop(lane);
    this.results.push({ delivery, attempt, result, step });
    if (gone) this.disabling.set(endpoint.id, this.results.pushed);
    this.metrics.outcome(step.status === 'pending' ? 'retrying' : step.status).inc();
    this.metrics.duration(result.ok ? 'success' : (result.errorKind ?? 'error')).observe(result.durationMs / 1000);
    this.lanes.keepListed(endpoint.id, lane);
    this.lanes.pump(endpoint.id);
    // Backlogged and room for a useful batch again: claim now rather than at the next poll.
    if (this.backlog && this.running && this.claimSizeNow() > 0) this.wake();
  }

  /**
   * Endpoints that answered 410 (or a permanent error) whose disable is not committed yet, with the
   * number of the outcome that disables them (ResultWriter.pushed). A claim in that window still
   * loads them enabled; its jobs are not sent but left to the disable, which holds every pending
   * delivery of the endpoint, claimed or not (hold.ts). Without this, the lane emptied by drop()
   * was deleted and the next claim opened a fresh one and sent again.
   */
  private readonly disabling = new Map<string, number>();
  private awaitingDisable(endpointId: string): boolean {
    const outcome = this.disabling.get(endpointId);
    if (outcome === undefined) return false;
    if (this.results.stats.outcomes < outcome) return true;
    this.disabling.delete(endpointId);
    return false;
  }

  /**
   * A send the sender handed back unstarted (an earlier send to the endpoint failed, or stop()
   * asked for what waits): no attempt was made, so it waits in the lane again, first in line, and
   * pump() decides (the breaker may hand it back to the queue). Stopping, it is released, together
   * with the others handed back in the same turn.
   */
  private handedBack(lane: Lane, job: Job): void {
    this.stats.handedBack++;
    if (!this.running) this.releaseSoon(job.delivery.id);
    else this.lanes.requeue(lane, job); // dropped if the endpoint is gone (410)
    this.lanes.pump(job.endpoint.id);
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

  /** Claims a lane hands back: refused by the breaker (counted as released), or trimmed. */
  private releaseJobs(jobs: Job[], dueAt: number, refused: boolean): void {
    if (refused) this.metrics.outcome('released').inc(jobs.length);
    this.release(
      jobs.map((j) => j.delivery.id),
      dueAt,
    );
  }

  private release(ids: string[], dueAt: number): void {
    if (ids.length === 0) return;
    this.trackRetried(() => releaseClaims(this.ctx.db, this.workerId, ids, dueAt));
  }

  /**
   * Runs an idempotent bookkeeping write (every one is guarded by `claimed_by = <this worker>`) in
   * the background and, when it fails, again after 250 ms, doubling up to 5 s, for as long as the
   * dispatcher runs. The rows it hands back are no longer anywhere in this process, so without the
   * retry they waited out the lease: with the disk full for a moment (chaos disk-full), one failed
   * release left 21 of 229 deliveries pending 30 s after space had returned.
   */
  private trackRetried(write: () => Promise<unknown>): void {
    const attempt = async (): Promise<void> => {
      for (let waitMs = 250; ; waitMs = Math.min(waitMs * 2, 5_000)) {
        try {
          await write();
          return;
        } catch (err) {
          if (!this.running) throw err;
          this.ctx.log.warn({ err, retryInMs: waitMs }, 'delivery bookkeeping failed; retrying');
          // stop() cuts the wait short: one last try, then the lease (or the takeover at the next start) covers it.
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, waitMs))), this.stopRequested]);
          clearTimeout(timer);
        }
      }
    };
    this.track(attempt());
  }

  /** Runs a bookkeeping write in the background: a failure is logged, flush() and stop() wait for it. */
  private track(p: Promise<unknown>): void {
    const tracked = p.catch((err) => this.ctx.log.error({ err }, 'delivery bookkeeping failed (the lease will expire and the delivery be retried)'));
    this.tracked.add(tracked);
    void tracked.finally(() => this.tracked.delete(tracked));
  }

  /** Writes buffered results now (tests, shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.tracked]);
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
      this.disown();
      this.requestStop();
      clearInterval(this.pumpTimer);
      this.wake();
      const tookOver = this.takeover.close();
      const unsubscribed = this.unsubscribe();
      await this.loopDone;
      await unsubscribed;
      // Sink deliveries waiting for a fuller batch go out now, within the drain.
      this.sinks.sendNow();
      this.release(this.lanes.takeAllWaiting(), Date.now());
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
      await Promise.all([...this.tracked]);
      await this.results.close();
      this.release(stillRunning, Date.now());
      await Promise.all([...this.tracked]);
      await this.sender.close();
      await this.sinks.close();
      await this.chat.close();
      await tookOver;
      this.disposeMetrics();
    })();
    return this.stopping;
  }
}
