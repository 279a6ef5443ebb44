import type { Breakers } from './breaker.js';
import type { ClaimedDelivery } from './claimed.js';
import type { EndpointConfig } from './endpoints.js';
import type { SendResult } from './send-result.js';

// The dispatcher's per-endpoint lanes: what each endpoint has in flight and waiting in this worker,
// and the policies that decide how much it gets — the earned concurrency (AIMD), how far a sender
// may queue ahead, and how much work waits locally. The policies are pure functions; `Lanes` holds
// the state and takes its clock from the caller, so tests drive it with a fake one.

/** A claimed delivery with what sending it needs. */
export interface Job {
  delivery: ClaimedDelivery;
  endpoint: EndpointConfig;
  payload: string | Uint8Array;
}

/** When a send was handed to the sender (an object: the lane keeps a set of them). */
export interface SendStart {
  at: number;
}

/** Per-endpoint state of this worker: sends in flight and claimed deliveries waiting for a slot. */
export interface Lane {
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
  starts: Set<SendStart>;
}

/** Learnt per endpoint: its pace and how many concurrent sends it has earned. */
export interface EndpointStats {
  /** Moving average of attempt durations (ms), null until a first attempt finished. */
  avgMs: number | null;
  /** Sends allowed in flight now: starts low, +1 per success while work waits, halved on failure. */
  limit: number;
  /** The last attempt succeeded: the endpoint may be handed sends ahead of its limit. */
  lastOk: boolean;
}

/** A new endpoint starts with this many sends in flight (or the cap, if lower). */
export const START_CONCURRENCY = 16;
/** Work kept waiting locally per endpoint, in time at its observed pace. */
export const LOCAL_QUEUE_MS = 5_000;
/** Deliveries trimmed from a local queue come due again this much later. */
export const TRIMMED_DUE_MS = 1_000;
/** The shortest pace assumed for an endpoint that has not answered yet (unansweredPace). */
export const UNANSWERED_PACE_FLOOR_MS = 250;

/** Signs of an overloaded or absent receiver: a timeout, no connection, 429 or 5xx (a quick 4xx is not one). */
export function overloaded(result: Pick<SendResult, 'errorKind' | 'statusCode'>): boolean {
  return result.errorKind === 'timeout' || result.errorKind === 'connection' || result.statusCode === 429 || (result.statusCode ?? 0) >= 500;
}

/**
 * Additive increase, multiplicative decrease of an endpoint's concurrency, as TCP does: a success
 * while work is waiting earns one more slot (up to the cap), a sign of overload halves them (never
 * below 1), anything else leaves them. A fast receiver reaches the cap of 64 within 48 sends; one
 * that hangs or fails never holds more than its first 16, so it cannot take the slots (and the CPU)
 * the healthy endpoints need.
 */
export function aimdLimit(limit: number, result: Pick<SendResult, 'ok' | 'errorKind' | 'statusCode'>, workWaiting: boolean, cap: number): number {
  if (result.ok) return workWaiting && limit < cap ? limit + 1 : limit;
  return overloaded(result) ? Math.max(1, Math.floor(limit / 2)) : limit;
}

/** The moving average of attempt durations: the newest counts 20 %. */
export function nextAvgMs(avgMs: number | null, durationMs: number): number {
  return avgMs === null ? durationMs : avgMs * 0.8 + durationMs * 0.2;
}

/**
 * Sends handed to the sender at once. A sender thread is handed up to twice the endpoint's limit
 * while it answers: it keeps `limit` in flight and starts the rest itself as sends finish
 * (send-thread.ts, Gate), so the endpoint's slots do not sit idle while the dispatcher's thread is
 * busy in a SQLite statement or a scavenge. Measured on the 2-core box, 60 000-delivery drains:
 * 57 of 64 sends in flight on average instead of 35, median 20 160 /s instead of 19 130 (18 and 26
 * runs). Tried instead: four times the limit, 20 471 / 20 870 / 18 182 / 19 900 / 21 179 against
 * 20 155 / 20 080 / 19 900 / 21 583 / 21 708 /s, the same; three limits queued ahead, 18 204 /
 * 17 266 against 21 930 / 20 291 /s (bench/README.md#sender-thread, #tried-and-rejected).
 * Not for an endpoint whose last attempt failed: what would wait there is better handed back.
 */
export function handOverLimit(limit: number, lastOk: boolean, queuesAhead: boolean): number {
  return queuesAhead && lastOk ? 2 * limit : limit;
}

/** The endpoint's pace: its average duration, or longer while its oldest send in flight has run longer. */
export function observedPace(avgMs: number, oldestStartAt: number | undefined, now: number): number {
  return oldestStartAt === undefined ? avgMs : Math.max(avgMs, now - oldestStartAt);
}

/**
 * The pace of an endpoint that has not answered yet: the age of its oldest send in flight, but at
 * least UNANSWERED_PACE_FLOOR_MS. A new endpoint fed 1 000 clicks/s so keeps ~320 waiting while its
 * first answers are a few ms away, and as few as one round once it has hung for five seconds.
 * Keeping one round (16) before a first answer, as before, trimmed everything past it to come back
 * a second later: that second was the first second's p99 of a new endpoint, 1 054 ms; paced this
 * way, 59 and 106 ms (bench/README.md#cold-start).
 */
export function unansweredPace(oldestStartAt: number | undefined, now: number): number {
  return oldestStartAt === undefined ? UNANSWERED_PACE_FLOOR_MS : Math.max(UNANSWERED_PACE_FLOOR_MS, now - oldestStartAt);
}

/**
 * How many claimed deliveries an endpoint keeps waiting locally: about five seconds of its work at
 * its pace (observedPace once it has answered, unansweredPace before), never less than one round
 * (`limit`). Everything for a receiver answering in ms (64 slots × 5 s / 20 ms = 16 000), 320 for
 * one taking a second; the pace counts sends still in flight, so a dead endpoint is trimmed long
 * before its first timeout ends, and a new endpoint that hangs (bench isolation) gives back the
 * claims the healthy ones need within seconds. Tried instead: a 1 s window, which left the sender
 * idle — under load a healthy loopback receiver's pace reached 300 ms.
 */
export function localQueueKeep(limit: number, paceMs: number): number {
  return Math.max(limit, Math.floor((limit * LOCAL_QUEUE_MS) / Math.max(1, paceMs)));
}

/** What the lanes ask of the dispatcher. */
export interface LaneHooks {
  /** The circuit breakers: a send to an endpoint starts only if admitted. */
  breakers: Pick<Breakers, 'admit' | 'reopensAt'>;
  /** Hand the job to the sender (the dispatcher calls begin() and, when it ends, end()). */
  start(lane: Lane, job: Job): void;
  /** Hand claims back to the queue, due at `dueAt`; `refused`: the breaker refused them, else trimmed. */
  release(jobs: Job[], dueAt: number, refused: boolean): void;
}

export interface LanesOptions {
  /** Most sends in flight to one endpoint (LINKWIRE_ENDPOINT_CONCURRENCY). */
  endpointConcurrency: number;
  /** The sender starts sends beyond an endpoint's limit itself (DispatchSender.queuesAhead). */
  queuesAhead: boolean;
  /** The clock (ms); Date.now unless a test drives it. */
  now?: () => number;
}

/** Every endpoint's lane in this worker, and what it has learnt about each (kept when a lane goes idle). */
export class Lanes {
  private readonly lanes = new Map<string, Lane>();
  private readonly endpointStats = new Map<string, EndpointStats>();
  private waiting = 0;
  private readonly now: () => number;

  constructor(
    private readonly opts: LanesOptions,
    private readonly hooks: LaneHooks,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Claimed deliveries waiting in a lane, not yet handed to the sender. */
  get queued(): number {
    return this.waiting;
  }

  /** The endpoint's lane, if it has work in this worker. */
  get(endpointId: string): Lane | undefined {
    return this.lanes.get(endpointId);
  }

  /** What this worker has learnt about the endpoint; a new endpoint starts at START_CONCURRENCY. */
  statsFor(endpointId: string): EndpointStats {
    let stats = this.endpointStats.get(endpointId);
    if (!stats) {
      if (this.endpointStats.size >= 100_000) this.endpointStats.clear();
      stats = { avgMs: null, limit: Math.min(START_CONCURRENCY, this.opts.endpointConcurrency), lastOk: false };
      this.endpointStats.set(endpointId, stats);
    }
    return stats;
  }

  /** Queues a claimed batch and pumps each lane it touched once. */
  enqueueAll(jobs: Job[]): void {
    const touched = new Set<string>();
    for (const job of jobs) {
      this.enqueue(job);
      touched.add(job.endpoint.id);
    }
    for (const id of touched) this.pump(id);
  }

  /** Queues a claimed job in its endpoint's lane (pump() starts it). */
  enqueue(job: Job): void {
    const endpointId = job.endpoint.id;
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { active: 0, queue: [], gone: false, stats: this.statsFor(endpointId), starts: new Set() };
      this.lanes.set(endpointId, lane);
    }
    lane.queue.push(job);
    this.waiting++;
  }

  /** Starts what the endpoint's limit and breaker allow; hands back what must wait. */
  pump(endpointId: string): void {
    const lane = this.lanes.get(endpointId);
    if (!lane) return;
    const now = this.now();
    const stats = lane.stats;
    const handOver = handOverLimit(stats.limit, stats.lastOk, this.opts.queuesAhead);
    while (lane.active < handOver && lane.queue.length > 0) {
      if (!this.hooks.breakers.admit(endpointId, now)) {
        const refused = lane.queue.splice(0);
        this.waiting -= refused.length;
        this.hooks.release(refused, this.hooks.breakers.reopensAt(endpointId, now), true);
        break;
      }
      const job = lane.queue.shift()!;
      this.waiting--;
      this.hooks.start(lane, job);
    }
    const limit = stats.limit;
    const oldestStartAt = lane.starts.values().next().value?.at;
    const pace = stats.avgMs === null ? unansweredPace(oldestStartAt, now) : observedPace(stats.avgMs, oldestStartAt, now);
    const keep = localQueueKeep(limit, pace);
    if (lane.queue.length > keep) {
      const excess = lane.queue.splice(keep);
      this.waiting -= excess.length;
      this.hooks.release(excess, now + TRIMMED_DUE_MS, false);
    }
    if (lane.active === 0 && lane.queue.length === 0) this.lanes.delete(endpointId);
  }

  /** Pumps every lane: the dispatcher's timer, so a trim or a breaker's reopening is not missed. */
  pumpAll(): void {
    for (const id of this.lanes.keys()) this.pump(id);
  }

  /** A send was handed to the sender. */
  begin(lane: Lane): SendStart {
    lane.active++;
    const started = { at: this.now() };
    lane.starts.add(started);
    return started;
  }

  /** A send ended (with a result, or handed back unstarted). */
  end(lane: Lane, started: SendStart): void {
    lane.active--;
    lane.starts.delete(started);
  }

  /** Learns from an attempt's result: the endpoint's pace, whether it answers, its earned limit. */
  recordAttempt(lane: Lane, result: SendResult): void {
    const stats = lane.stats;
    stats.avgMs = nextAvgMs(stats.avgMs, result.durationMs);
    stats.lastOk = result.ok;
    // Work waiting: here, or handed to the sender beyond the limit.
    stats.limit = aimdLimit(stats.limit, result, lane.queue.length > 0 || lane.active >= stats.limit, this.opts.endpointConcurrency);
  }

  /**
   * The endpoint answered 410 and is being disabled (in the results transaction, which also holds
   * its pending deliveries): what waits here is dropped, not sent. If that write fails, the leases
   * expire and the claim sees a disabled endpoint.
   */
  drop(lane: Lane): void {
    this.waiting -= lane.queue.length;
    lane.queue.length = 0;
    lane.gone = true;
  }

  /** Keeps a lane with sends in flight listed, so pump() finds it. */
  keepListed(endpointId: string, lane: Lane): void {
    if (!this.lanes.has(endpointId) && lane.queue.length === 0 && lane.active > 0) this.lanes.set(endpointId, lane);
  }

  /**
   * A send the sender handed back unstarted waits in its lane again, first in line (pump() decides
   * what happens to it). False for a lane that is gone: the job is dropped like its queue (the lease
   * expires and the claim holds it with the disabled endpoint).
   */
  requeue(lane: Lane, job: Job): boolean {
    if (lane.gone) return false;
    lane.queue.unshift(job);
    this.waiting++;
    const endpointId = job.endpoint.id;
    if (!this.lanes.has(endpointId)) this.lanes.set(endpointId, lane);
    return true;
  }

  /** Empties every lane's queue (stop()): the ids of the deliveries that were waiting. */
  takeAllWaiting(): string[] {
    const ids: string[] = [];
    for (const lane of this.lanes.values()) for (const job of lane.queue.splice(0)) ids.push(job.delivery.id);
    this.waiting = 0;
    return ids;
  }
}
