// Parent side of bench/receiver.ts: starts it as a child process and talks to it over IPC.
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkTs, stopProcess, cpuSeconds } from './proc.js';

const RECEIVER = fileURLToPath(new URL('../receiver.ts', import.meta.url));

export interface ReceiverOptions {
  ports?: number;
  hang?: number[];
  latency?: boolean;
  track?: boolean;
}

export interface ReceiverStats {
  total: number;
  perPort: number[];
  firstAt: number;
  lastAt: number;
  perPortFirst: number[];
  perPortLast: number[];
  uniqueClicks: number;
  clickDeliveries: number;
  held: number;
  openSockets: number;
  cpuMs: number;
  at: number;
}

export interface WaitResult {
  reached: boolean;
  count: number;
  firstAt: number;
  lastAt: number;
}

export interface LatencySummary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export class Receiver {
  private seq = 0;
  private readonly pending = new Map<number, (v: unknown) => void>();
  private cpuMark = { cpuS: 0, at: 0 };

  private constructor(
    private readonly child: ChildProcess,
    readonly ports: number[],
  ) {
    child.on('message', (m: { id?: number; result?: unknown }) => {
      if (m.id === undefined) return;
      const resolve = this.pending.get(m.id);
      this.pending.delete(m.id);
      resolve?.(m.result);
    });
    child.once('exit', () => {
      for (const r of this.pending.values()) r(undefined);
      this.pending.clear();
    });
  }

  static async start(opts: ReceiverOptions = {}): Promise<Receiver> {
    const child = forkTs(RECEIVER, [JSON.stringify(opts)]);
    const ports = await new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('receiver did not start within 15 s')), 15_000);
      child.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
      child.once('message', (m: { ready?: boolean; ports?: number[] }) => {
        clearTimeout(timer);
        if (m.ready && m.ports) resolve(m.ports);
        else reject(new Error('receiver: unexpected first message'));
      });
    });
    const r = new Receiver(child, ports);
    r.markCpu();
    return r;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  url(i = 0, path = '/hook'): string {
    return `http://127.0.0.1:${this.ports[i]}${path}`;
  }

  private call<T>(cmd: string, extra: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`receiver: no answer to ${cmd}`));
      }, timeoutMs);
      this.pending.set(id, (v) => {
        clearTimeout(timer);
        resolve(v as T);
      });
      this.child.send({ id, cmd, ...extra });
    });
  }

  reset(): Promise<boolean> {
    this.markCpu();
    return this.call('reset');
  }
  stats(): Promise<ReceiverStats> {
    return this.call('stats');
  }
  /** Every delivery's latency, or only those of the events within `firstMs` of the first one. */
  latency(firstMs?: number): Promise<LatencySummary> {
    return this.call('latency', firstMs === undefined ? {} : { firstMs });
  }
  /** Resolves when `target` arrivals were counted on `ports` (all by default), or after timeoutMs. */
  waitFor(target: number, timeoutMs: number, ports?: number[]): Promise<WaitResult> {
    return this.call('waitFor', { target, ports, timeoutMs }, timeoutMs + 10_000);
  }

  /** Start a CPU window now (reset() does it too). */
  markCpu(): void {
    this.cpuMark = { cpuS: cpuSeconds(this.pid), at: Date.now() };
  }
  /** Receiver CPU since the last mark, in % of one core: it must stay well below 100. */
  cpuPercent(): number {
    const secs = (Date.now() - this.cpuMark.at) / 1000;
    return secs > 0 ? ((cpuSeconds(this.pid) - this.cpuMark.cpuS) / secs) * 100 : Number.NaN;
  }

  async close(): Promise<void> {
    try {
      await this.call('close', {}, 2000);
    } catch {
      /* fall through to the signal */
    }
    await stopProcess(this.child, 2000);
  }
}
