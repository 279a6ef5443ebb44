import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { failedBeforeSending, type SendResult } from './send-result.js';
import { Sender, type SenderOptions, type SendRequest } from './sender.js';
import { SignerCache } from './signer-cache.js';

/**
 * What the dispatcher hands a sender: the request with the endpoint's secrets as text (current
 * first, then the previous one during its grace period). Whoever sends makes the signers, so a
 * sender thread's are never built on the main thread too.
 */
export interface DispatchRequest extends Omit<SendRequest, 'signers'> {
  secrets: string[];
  /**
   * Most sends to this endpoint the sender may have in flight (the dispatcher's earned limit).
   * A sender that queues ahead (ThreadedSender) holds requests beyond it and starts them itself as
   * sends finish; absent, only the endpoint's pool connections limit it.
   */
  maxInFlight?: number;
}

/** The sender as the dispatcher sees it: in-process (LocalSender) or in threads (ThreadedSender). */
export interface SendPort {
  /**
   * The attempt's result, or null: the request was handed back unstarted (a sender that queues
   * ahead does so for an endpoint whose send just failed, on handBackWaiting() and at close), so
   * no attempt was made.
   */
  send(req: DispatchRequest): Promise<SendResult | null>;
  /**
   * True when the sender may be handed more requests than an endpoint's `maxInFlight` and starts
   * the extra ones itself as the endpoint's sends finish, without a round trip to the dispatcher.
   */
  readonly queuesAhead: boolean;
  /** Hands back (as null) every request that waits unstarted, without closing (the dispatcher's stop()). */
  handBackWaiting(): void;
  close(): Promise<void>;
}

/** Signs and sends on the calling thread (PostgreSQL workers by default, LINKWIRE_SENDER_THREADS=0). */
export class LocalSender implements SendPort {
  /** On the dispatcher's own thread a finished send frees its slot at once: nothing to queue ahead. */
  readonly queuesAhead = false;
  private readonly sender: Sender;
  private readonly signers = new SignerCache();

  constructor(opts: SenderOptions) {
    this.sender = new Sender(opts);
  }

  /** Nothing waits here: every request handed over has started. */
  handBackWaiting(): void {}

  send(req: DispatchRequest): Promise<SendResult> {
    let signers: SendRequest['signers'];
    try {
      signers = this.signers.signersFor(req.secrets);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.sender.send({
      endpointId: req.endpointId,
      url: req.url,
      eventId: req.eventId,
      body: req.body,
      signers,
      customHeaders: req.customHeaders,
      timeoutMs: req.timeoutMs,
    });
  }

  close(): Promise<void> {
    return this.sender.close();
  }
}

/** workerData of a sender thread. */
export interface SendThreadInit {
  dev: boolean;
  allowPrivateTargets: string[];
  connectionsPerOrigin: number;
}

/**
 * An endpoint's part of the requests in one message to a thread (signers are functions and cannot
 * cross, so the secrets go). Sent once per message, not per request: a claimed batch is mostly a
 * few endpoints, and cloning the URL, headers and secrets for every request was most of the
 * message's cost.
 */
export interface WireEndpoint {
  id: string;
  url: string;
  secrets: string[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
  /** The latest `maxInFlight` of the message's requests to this endpoint; null: no limit. */
  maxInFlight: number | null;
}

/**
 * The requests of one message, flat: `seq, endpoint, eventId, body` per request, `endpoint`
 * indexing the message's `endpoints`.
 */
export type WireRequests = Array<number | string | Uint8Array>;
const REQUEST_STRIDE = 4;

/**
 * Results, flat: `seq` then the SendResult's fields in the order of writeResult(). Flat arrays of
 * primitives because the structured clone of an object writes every property name again: 100
 * results as objects took 5.5 µs each to serialise and deserialise (v8.serialize, Node 20), as
 * flat arrays 0.7 µs, and deserialising is the main thread's share.
 */
export type WireResults = Array<number | string | boolean | null>;
const RESULT_STRIDE = 10;

export function writeResult(out: WireResults, seq: number, r: SendResult): void {
  out.push(seq, r.ok, r.startedAt, r.durationMs, r.statusCode, r.errorKind, r.error, r.responseBody, r.retryAfterMs, r.requestHeadersJson);
}

function readResult(w: WireResults, i: number): SendResult {
  return {
    ok: w[i + 1] as boolean,
    startedAt: w[i + 2] as number,
    durationMs: w[i + 3] as number,
    statusCode: w[i + 4] as number | null,
    errorKind: w[i + 5] as SendResult['errorKind'],
    error: w[i + 6] as string | null,
    responseBody: w[i + 7] as string | null,
    retryAfterMs: w[i + 8] as number | null,
    requestHeadersJson: w[i + 9] as string,
  };
}

/** Calls `each(seq, endpointIndex, eventId, body)` for every request of a message. */
export function forEachRequest(requests: WireRequests, each: (seq: number, endpoint: number, eventId: string, body: string | Uint8Array) => void): void {
  for (let i = 0; i + REQUEST_STRIDE <= requests.length; i += REQUEST_STRIDE) {
    each(requests[i] as number, requests[i + 1] as number, requests[i + 2] as string, requests[i + 3] as string | Uint8Array);
  }
}

export type ThreadMessage =
  | { kind: 'send'; endpoints: WireEndpoint[]; requests: WireRequests }
  | { kind: 'done'; results: WireResults; unsent: number[] }
  | { kind: 'handBack' }
  | { kind: 'close' }
  | { kind: 'closed' };

// Under tsx (tests, `npm run dev`) this module is .ts and so is the thread's entry; tsx's loader is
// not inherited by worker threads on Node 20, so the thread registers it before loading the entry.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './send-thread.ts' : './send-thread.js', import.meta.url);

// The thread's garbage is short-lived (requests, responses): a small young generation is enough
// and keeps the process's RSS down (bench --backlog, 200 000 deliveries: 273 → 260 MB peak).
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 8 };

function newWorker(workerData: SendThreadInit): Worker {
  if (!FROM_SOURCE) return new Worker(ENTRY, { workerData, resourceLimits: RESOURCE_LIMITS });
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY.href)}); });`;
  return new Worker(boot, { eval: true, workerData, resourceLimits: RESOURCE_LIMITS });
}

interface Pending {
  resolve: (result: SendResult | null) => void;
}

/** One sender thread: requests go out in one message per microtask, results come back batched. */
class SendThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private outbox: Array<{ seq: number; req: DispatchRequest }> = [];
  private flushQueued = false;
  private seq = 0;
  private closing: Promise<void> | null = null;

  constructor(
    private readonly init: SendThreadInit,
    private readonly log: Logger,
  ) {}

  private spawn(): Worker {
    const worker = newWorker(this.init);
    worker.on('message', (msg: ThreadMessage) => {
      if (msg.kind !== 'done') return;
      const results = msg.results;
      for (let i = 0; i + RESULT_STRIDE <= results.length; i += RESULT_STRIDE) {
        const seq = results[i] as number;
        const p = this.pending.get(seq);
        if (!p) continue;
        this.pending.delete(seq);
        p.resolve(readResult(results, i));
      }
      // Handed back unstarted, after the results (a failure that made the thread hand them back
      // reaches the dispatcher first).
      for (const seq of msg.unsent) {
        const p = this.pending.get(seq);
        if (!p) continue;
        this.pending.delete(seq);
        p.resolve(null);
      }
      if (this.pending.size === 0) worker.unref();
    });
    // A thread that dies fails its sends as connection errors (retried on the schedule, nothing
    // lost); the next send starts a new thread.
    const fail = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.resolve(failedBeforeSending(why));
    };
    worker.on('error', (err) => {
      this.log.error({ err }, 'a sender thread failed; its sends in flight will be retried');
      fail(`Sender thread failed: ${err.message}`);
    });
    worker.on('exit', (code) => fail(`Sender thread exited (${code})`));
    worker.unref();
    return worker;
  }

  send(req: DispatchRequest): Promise<SendResult | null> {
    if (this.closing) return Promise.resolve(failedBeforeSending('The sender is shutting down'));
    const seq = ++this.seq;
    this.outbox.push({ seq, req });
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
    return new Promise((resolve) => this.pending.set(seq, { resolve }));
  }

  private flush() {
    this.flushQueued = false;
    const queued = this.outbox;
    this.outbox = [];
    if (queued.length === 0) return;
    const endpoints: WireEndpoint[] = [];
    const byId = new Map<string, number[]>();
    const requests: WireRequests = [];
    for (const { seq, req } of queued) requests.push(seq, endpointIndex(endpoints, byId, req), req.eventId, req.body);
    this.worker ??= this.spawn();
    this.worker.ref();
    this.worker.postMessage({ kind: 'send', endpoints, requests } satisfies ThreadMessage);
  }

  handBackWaiting(): void {
    this.flush(); // requests queued this tick go first, then come back with the rest
    this.worker?.postMessage({ kind: 'handBack' } satisfies ThreadMessage);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const worker = this.worker;
      if (!worker) return;
      worker.ref();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        worker.on('message', (msg: ThreadMessage) => {
          if (msg.kind === 'closed') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        worker.postMessage({ kind: 'close' } satisfies ThreadMessage);
      });
      this.worker = null;
      await worker.terminate();
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.resolve(failedBeforeSending('The sender shut down before this send finished'));
    })();
    return this.closing;
  }
}

/**
 * Signing and HTTP in worker threads, the database work on the main thread. One process, two
 * cores: the durable worker is CPU-bound, about half of its time was the HTTP client and HMAC
 * (bench/README.md, drain profile), and that half has no shared state with the rest. Each endpoint
 * always goes to the same thread (its keep-alive pool lives there).
 */
export class ThreadedSender implements SendPort {
  readonly queuesAhead = true;
  private readonly threads: SendThread[];

  constructor(init: SendThreadInit, threads: number, log: Logger) {
    this.threads = Array.from({ length: Math.max(1, threads) }, () => new SendThread(init, log));
  }

  send(req: DispatchRequest): Promise<SendResult | null> {
    const thread = this.threads.length === 1 ? this.threads[0]! : this.threads[hash(req.endpointId) % this.threads.length]!;
    return thread.send(req);
  }

  handBackWaiting(): void {
    for (const t of this.threads) t.handBackWaiting();
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

/**
 * The index of `req`'s endpoint in the message's list, adding it if needed. Requests claimed in one
 * batch share the endpoint loader's objects (the same secrets array and headers object), so
 * identity is the test: a request from another batch gets an entry of its own and keeps the config
 * it was claimed with, even if the endpoint was edited in between.
 */
function endpointIndex(endpoints: WireEndpoint[], byId: Map<string, number[]>, req: DispatchRequest): number {
  const seen = byId.get(req.endpointId);
  const maxInFlight = req.maxInFlight ?? null;
  if (seen) {
    for (const i of seen) {
      const e = endpoints[i]!;
      if (e.secrets === req.secrets && e.customHeaders === req.customHeaders && e.url === req.url && e.timeoutMs === req.timeoutMs) {
        e.maxInFlight = maxInFlight; // the latest limit wins
        return i;
      }
    }
  }
  const index = endpoints.length;
  endpoints.push({ id: req.endpointId, url: req.url, secrets: req.secrets, customHeaders: req.customHeaders, timeoutMs: req.timeoutMs, maxInFlight });
  if (seen) seen.push(index);
  else byId.set(req.endpointId, [index]);
  return index;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
