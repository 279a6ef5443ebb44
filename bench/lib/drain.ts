// The backlog drain used by the throughput, fan-out, isolation, backlog and PostgreSQL scenarios:
// fill a backlog with the worker NOT running (an `api` node + `linkwire trigger`), stop it, start
// the worker process(es), and time the arrivals at the receiver.
import { type LinkwireNode, type Store, type EndpointOptions, diagnoseStall, prepare, startNode, trigger } from './linkwire.js';
import { CpuMeter, memoryMb } from './proc.js';
import type { Receiver } from './receiver-client.js';
import { spanRate } from './stats.js';

/** No arrival for this long while draining: probe the workers (a blocked one ends the wait). */
const STALL_MS = 30_000;

export interface DrainOptions {
  store: Store;
  receiver: Receiver;
  /** One endpoint is created per URL, subscribed to "*". */
  urls: string[];
  endpoint?: EndpointOptions;
  /** Events triggered (deliveries = events × endpoints). */
  events: number;
  /** Deliveries to let through before the clock starts (JIT warm-up of the fresh worker). */
  warmDeliveries?: number;
  /** Receiver ports whose arrivals are timed (all by default). */
  ports?: number[];
  /** Deliveries expected on `ports` (events × URLs by default). */
  expected?: number;
  /** `all` = one process; `worker` × workers otherwise. */
  role: 'all' | 'worker';
  workers?: number;
  env?: Record<string, string>;
  timeoutMs: number;
  /** Called every tickMs while draining. */
  onTick?: (t: { elapsedS: number; received: number; nodes: LinkwireNode[] }) => void | Promise<void>;
  tickMs?: number;
}

export interface DrainResult {
  /** Deliveries/s over the timed part (after the warm-up), first → last arrival. */
  rate: number;
  deliveriesQueued: number;
  expected: number;
  received: number;
  complete: boolean;
  fillSeconds: number;
  drainSeconds: number;
  serverCpuPercent: number;
  receiverCpuPercent: number;
  peakRssMb: number;
  /** When the drain did not complete: why, if a worker stopped answering or exited. */
  stall: string | null;
}

export async function drainBacklog(o: DrainOptions): Promise<DrainResult> {
  const { node: apiNode } = await prepare(o.store, o.urls, o.endpoint ?? {}, 'api', o.env);
  let fill: Awaited<ReturnType<typeof trigger>>;
  try {
    fill = await trigger(o.store, o.events, Math.max(600_000, o.events * 2));
  } finally {
    await apiNode.stop();
  }
  const expected = o.expected ?? o.events * o.urls.length;
  const warm = Math.min(o.warmDeliveries ?? 0, Math.floor(expected / 2));
  await o.receiver.reset();

  const nodes: LinkwireNode[] = [];
  const meters: CpuMeter[] = [];
  let peakRssMb = 0;
  let ticker: NodeJS.Timeout | undefined;
  let stall: string | null = null;
  const t0 = Date.now();
  try {
    const count = o.role === 'all' ? 1 : (o.workers ?? 1);
    const started = await Promise.all(Array.from({ length: count }, () => startNode(o.store, o.role, o.env)));
    nodes.push(...started);
    for (const n of nodes) meters.push(new CpuMeter(n.pid));
    const tickMs = o.tickMs ?? 1000;
    ticker = setInterval(async () => {
      for (const n of nodes) peakRssMb = Math.max(peakRssMb, memoryMb(n.pid)?.hwm ?? 0);
      if (o.onTick) {
        const s = await o.receiver.stats().catch(() => null);
        await o.onTick({ elapsedS: (Date.now() - t0) / 1000, received: s?.total ?? 0, nodes });
      }
    }, tickMs);

    // Waits in ≤ 10 s slices; when nothing arrives for STALL_MS the workers are probed, and a
    // blocked or dead worker ends the wait at once with the reason (instead of a 30 min timeout).
    const waitWatching = async (target: number) => {
      const deadline = Date.now() + o.timeoutMs;
      let lastCount = -1;
      let lastProgress = Date.now();
      for (;;) {
        const left = deadline - Date.now();
        const w = await o.receiver.waitFor(target, Math.max(1, Math.min(10_000, left)), o.ports);
        if (w.reached) return w;
        if (left <= 10_000) {
          stall = await stalled(nodes);
          return w;
        }
        if (w.count > lastCount) {
          lastCount = w.count;
          lastProgress = Date.now();
        } else if (Date.now() - lastProgress >= STALL_MS) {
          const why = await stalled(nodes);
          if (why) {
            stall = `no arrival for ${Math.round((Date.now() - lastProgress) / 1000)} s at ${w.count.toLocaleString('en-US')} delivered; ${why}`;
            return w;
          }
          lastProgress = Date.now();
        }
      }
    };
    let start = 0;
    if (warm > 0) {
      const w = await waitWatching(warm);
      if (!w.reached) return result(0, w.count, false);
      start = w.lastAt;
    }
    o.receiver.markCpu();
    const r = await waitWatching(expected);
    const first = warm > 0 ? start : r.firstAt;
    const timed = warm > 0 ? r.count - warm + 1 : r.count;
    return result(spanRate(timed, first, r.lastAt), r.count, r.reached);
  } finally {
    if (ticker) clearInterval(ticker);
    for (const n of nodes) peakRssMb = Math.max(peakRssMb, memoryMb(n.pid)?.hwm ?? 0);
    await Promise.all(nodes.map((n) => n.stop()));
  }

  function result(rate: number, received: number, complete: boolean): DrainResult {
    for (const n of nodes) peakRssMb = Math.max(peakRssMb, memoryMb(n.pid)?.hwm ?? 0);
    return {
      rate,
      deliveriesQueued: fill.deliveries,
      expected,
      received,
      complete,
      fillSeconds: fill.ms / 1000,
      drainSeconds: (Date.now() - t0) / 1000,
      serverCpuPercent: meters.reduce((a, m) => a + m.percent(), 0),
      receiverCpuPercent: o.receiver.cpuPercent(),
      peakRssMb,
      stall,
    };
  }
}

async function stalled(nodes: LinkwireNode[]): Promise<string | null> {
  const why = await Promise.all(nodes.map((n) => diagnoseStall(n)));
  const bad = why.filter((w): w is string => w !== null);
  return bad.length ? `${bad.length}/${nodes.length} worker(s): ${bad[0]}` : null;
}
