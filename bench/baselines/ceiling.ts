// Baseline: the raw ceiling. The same signed POSTs a webhook engine sends (Standard Webhooks headers,
// ~600-byte link.click envelope, fresh HMAC per request), from a bare undici Pool with keep-alive and
// a fixed number of requests in flight, no persistence at all. Nothing can deliver faster than this
// on this machine, so Linkwire's durable throughput is stated as a fraction of it.
import { Pool } from 'undici';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow } from '../lib/report.js';
import { clickEnvelope, newSecret, secretKey, signedHeaders } from '../lib/sign.js';
import { spanRate } from '../lib/stats.js';

/** Sends `count` signed deliveries to `url` with `concurrency` in flight; returns failures. */
export async function blast(url: string, count: number, concurrency: number): Promise<{ failures: number }> {
  const u = new URL(url);
  const pool = new Pool(u.origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const key = secretKey(newSecret());
  let next = 0;
  let failures = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const env = clickEnvelope();
      try {
        const res = await pool.request({
          method: 'POST',
          path: u.pathname,
          headers: signedHeaders(key, env.id, env.body),
          body: env.body,
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        });
        await res.body.dump();
        if (res.statusCode < 200 || res.statusCode >= 300) failures++;
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  await pool.close();
  return { failures };
}

export const ceiling: Scenario = {
  name: 'ceiling',
  kind: 'baseline',
  description: 'bare undici Pool, signed POSTs, no persistence',
  async run(ctx: Context): Promise<Row[]> {
    const { backlogN: n, concurrency } = ctx.params;
    const receiver = await Receiver.start();
    try {
      // warm-up: JIT, sockets and the receiver's first allocations are not part of the figure
      await blast(receiver.url(), 5000, concurrency);
      await receiver.reset();
      const t0 = Date.now();
      const cpu0 = process.cpuUsage();
      const { failures } = await blast(receiver.url(), n, concurrency);
      const wall = (Date.now() - t0) / 1000;
      const used = process.cpuUsage(cpu0);
      const senderCpu = ((used.user + used.system) / 1000 / (wall * 1000)) * 100;
      const cpu = receiver.cpuPercent();
      const s = await receiver.stats();
      const rate = spanRate(s.total, s.firstAt, s.lastAt);
      ctx.figures.set('ceiling.deliveriesPerSec', rate);
      ctx.detail.ceiling = { n, concurrency, wallSeconds: wall, failures, received: s.total, receiverCpuPercent: cpu, senderCpuPercent: senderCpu };
      const rows: Row[] = [
        infoRow('ceiling', 'deliveries/s', rate, '/s', `n=${n}, c=${concurrency}`),
        infoRow('ceiling', 'sender CPU', senderCpu, '%core', 'the harness process'),
        infoRow('ceiling', 'receiver CPU', cpu, '%core'),
      ];
      if (failures || s.total !== n) {
        rows.push({ scenario: 'ceiling', metric: 'failed deliveries', value: failures, unit: '', status: 'FAIL', note: `received ${s.total}/${n}` });
      }
      return rows;
    } finally {
      await receiver.close();
    }
  },
};
