// HTTP load: autocannon for closed-loop max throughput, a paced open-loop generator for latency.
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { sleep } from './stats.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  status3xx: number;
  otherStatus: number;
  errors: number;
  seconds: number;
}

/** Closed loop: `connections` keep-alive connections, no pipelining, for `seconds` (after a 1 s warm-up run unless warmup=false). */
export async function hammer(url: string, connections: number, seconds: number, warmup = true): Promise<LoadResult> {
  if (warmup) await autocannon({ url, connections, duration: 1, pipelining: 1, timeout: 10 });
  const r = await autocannon({ url, connections, duration: seconds, pipelining: 1, timeout: 10 });
  const total = r['2xx'] + r.non2xx;
  return {
    rps: total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total,
    status3xx: r['3xx'],
    otherStatus: total - r['3xx'],
    errors: r.errors + r.timeouts,
    seconds: r.duration,
  };
}

export interface PacedResult {
  sent: number;
  acked: number;
  failed: number;
  behind: number;
  seconds: number;
  clientLatencies: number[];
  /** The sending phase alone (seconds also counts the wait for the last answers). */
  sendSeconds: number;
}

/**
 * Open loop: GET `path` at `rate` per second for `seconds`, whatever the server's speed
 * (requests are issued on a 5 ms clock; at most `maxInFlight` outstanding, the rest counted as `behind`).
 */
export async function paced(origin: string, path: string, rate: number, seconds: number, maxInFlight = 256): Promise<PacedResult> {
  const pool = new Pool(origin, { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
  const total = Math.round(rate * seconds);
  const clientLatencies: number[] = [];
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let behind = 0;
  let inFlight = 0;
  const inflight = new Set<Promise<void>>();
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000 + 1000;
  while (sent + behind < total && performance.now() < deadline) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
    while (sent + behind < due) {
      if (inFlight >= maxInFlight) {
        behind++;
        continue;
      }
      sent++;
      inFlight++;
      const start = performance.now();
      const p = pool
        .request({ method: 'GET', path, headersTimeout: 10_000, bodyTimeout: 10_000 })
        .then(async (res) => {
          await res.body.dump();
          if (res.statusCode === 302) acked++;
          else failed++;
          clientLatencies.push(performance.now() - start);
        })
        .catch(() => {
          failed++;
        })
        .finally(() => {
          inFlight--;
          inflight.delete(p);
        });
      inflight.add(p);
    }
    await sleep(5);
  }
  const sendSeconds = (performance.now() - t0) / 1000;
  await Promise.race([Promise.all(inflight), sleep(15_000)]);
  // destroy, not close: close() would wait for requests a stalled server never answers
  await pool.destroy().catch(() => undefined);
  return { sent, acked, failed, behind, seconds: (performance.now() - t0) / 1000, sendSeconds, clientLatencies };
}
