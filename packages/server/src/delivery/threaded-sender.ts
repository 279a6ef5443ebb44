import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { failedBeforeSending, type SendRequest, type SendResult } from './sender.js';

/** What the dispatcher hands a sender: the request, with the signing secrets for a thread. */
export interface DispatchRequest extends SendRequest {
  /** Current secret first, then the previous one during its grace period (same order as signers). */
  secrets: string[];
}

/** The sender as the dispatcher sees it: in-process (Sender) or in threads (ThreadedSender). */
export interface SendPort {
  send(req: DispatchRequest): Promise<SendResult>;
  close(): Promise<void>;
}

/** workerData of a sender thread. */
export interface SendThreadInit {
  dev: boolean;
  allowPrivateTargets: string[];
  connectionsPerOrigin: number;
}

/** One request on the wire to a thread: plain data (signers are functions and cannot cross). */
export interface WireRequest {
  seq: number;
  endpointId: string;
  url: string;
  eventId: string;
  body: string;
  secrets: string[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
}

export type ThreadMessage =
  | { kind: 'send'; requests: WireRequest[] }
  | { kind: 'done'; results: Array<[number, SendResult]> }
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
  resolve: (result: SendResult) => void;
}

/** One sender thread: requests go out in one message per microtask, results come back batched. */
class SendThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private outbox: WireRequest[] = [];
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
      for (const [seq, result] of msg.results) {
        const p = this.pending.get(seq);
        if (!p) continue;
        this.pending.delete(seq);
        p.resolve(result);
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

  send(req: DispatchRequest): Promise<SendResult> {
    if (this.closing) return Promise.resolve(failedBeforeSending('The sender is shutting down'));
    const seq = ++this.seq;
    this.outbox.push({
      seq,
      endpointId: req.endpointId,
      url: req.url,
      eventId: req.eventId,
      body: req.body,
      secrets: req.secrets,
      customHeaders: req.customHeaders,
      timeoutMs: req.timeoutMs,
    });
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flush());
    }
    return new Promise((resolve) => this.pending.set(seq, { resolve }));
  }

  private flush() {
    this.flushQueued = false;
    const requests = this.outbox;
    this.outbox = [];
    if (requests.length === 0) return;
    this.worker ??= this.spawn();
    this.worker.ref();
    this.worker.postMessage({ kind: 'send', requests } satisfies ThreadMessage);
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
  private readonly threads: SendThread[];

  constructor(init: SendThreadInit, threads: number, log: Logger) {
    this.threads = Array.from({ length: Math.max(1, threads) }, () => new SendThread(init, log));
  }

  send(req: DispatchRequest): Promise<SendResult> {
    const thread = this.threads.length === 1 ? this.threads[0]! : this.threads[hash(req.endpointId) % this.threads.length]!;
    return thread.send(req);
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
