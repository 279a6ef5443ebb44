import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { targetPolicy } from '../lib/ssrf.js';
import { type DispatchRequest, type DispatchSender, LocalSender } from './dispatch-sender.js';
import { failedBeforeSending, type SendResult } from './send-result.js';
import { endpointIndex, RESULT_STRIDE, readResult, type SendThreadInit, type ThreadMessage, type WireEndpoint, type WireRequests } from './send-wire.js';

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
  ) {
    // Started now, not on the first send: loading the thread's modules took ~1 s on the 2-core box,
    // and every delivery of a new node's first second waited for it (p50 ≈ 1 s; bench latency).
    this.worker = this.spawn();
  }

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
 * cores: the durable worker is CPU-bound, and in a drain the sender thread's busy time is socket
 * writes 31 %, undici 18 %, our sender 15 %, HMAC 10 % (bench/README.md#delivery-drain): work that
 * shares no state with the rest. Each endpoint always goes to the same thread (its keep-alive pool
 * lives there).
 */
export class ThreadedSender implements DispatchSender {
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

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}

/**
 * The dispatcher's sender: `threads` sender threads, or the calling thread when 0 (options.ts,
 * defaultSenderThreads(), says which by default and why). Either way one keep-alive pool of
 * `connectionsPerOrigin` connections per endpoint.
 */
export function createDispatchSender(
  config: Pick<Config, 'dev' | 'allowPrivateTargets'>,
  threads: number,
  connectionsPerOrigin: number,
  log: Logger,
): DispatchSender {
  if (threads > 0) return new ThreadedSender({ dev: config.dev, allowPrivateTargets: config.allowPrivateTargets, connectionsPerOrigin }, threads, log);
  return new LocalSender({ policy: targetPolicy(config), connectionsPerOrigin });
}
