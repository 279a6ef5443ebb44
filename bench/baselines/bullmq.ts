// Baseline: what users build instead. A BullMQ queue on the local Redis, one job per delivery
// (the envelope, the target URL and the secret reference in the job), a Worker with fixed
// concurrency doing the same signed undici POST, `attempts` + exponential backoff, removeOnComplete.
// We time how fast the worker drains a pre-filled backlog of N jobs (same N as Linkwire's drain).
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'undici';
import { reachable } from '../lib/net.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow } from '../lib/report.js';
import { clickEnvelope, newSecret, secretKey, signedHeaders } from '../lib/sign.js';
import { spanRate } from '../lib/stats.js';

const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;

interface DeliveryJob {
  url: string;
  eventId: string;
  payload: string;
}

async function fill(queue: Queue, url: string, n: number): Promise<void> {
  const CHUNK = 1000;
  for (let done = 0; done < n; done += CHUNK) {
    const jobs = [];
    for (let i = 0; i < Math.min(CHUNK, n - done); i++) {
      const env = clickEnvelope();
      jobs.push({ name: 'deliver', data: { url, eventId: env.id, payload: env.body } satisfies DeliveryJob });
    }
    await queue.addBulk(jobs);
  }
}

/** Drain the queue with a Worker; resolves when `n` jobs completed or timeoutMs passed. */
async function drain(queueName: string, n: number, concurrency: number, origin: string, timeoutMs: number) {
  const key = secretKey(newSecret());
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const connection = new Redis({ host: REDIS_HOST, port: REDIS_PORT, maxRetriesPerRequest: null });
  let completed = 0;
  let failed = 0;
  const t0 = Date.now();
  const worker = new Worker<DeliveryJob>(
    queueName,
    async (job) => {
      const { url, eventId, payload } = job.data;
      const res = await pool.request({
        method: 'POST',
        path: new URL(url).pathname,
        headers: signedHeaders(key, eventId, payload),
        body: payload,
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
      });
      await res.body.dump();
      if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`HTTP ${res.statusCode}`);
    },
    { connection, concurrency, autorun: false },
  );
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (completed + failed >= n) resolve();
    };
    worker.on('completed', () => {
      completed++;
      check();
    });
    worker.on('failed', () => {
      failed++;
      check();
    });
    setTimeout(resolve, timeoutMs).unref();
  });
  void worker.run();
  await done;
  const seconds = (Date.now() - t0) / 1000;
  await worker.close();
  await pool.close();
  connection.disconnect();
  return { completed, failed, seconds };
}

export const bullmq: Scenario = {
  name: 'bullmq',
  kind: 'baseline',
  description: 'BullMQ queue on Redis + Worker doing signed undici POSTs',
  async run(ctx: Context): Promise<Row[]> {
    if (!(await reachable(REDIS_HOST, REDIS_PORT))) {
      return [
        { scenario: 'bullmq', metric: 'deliveries/s', value: null, unit: '/s', status: 'skip', note: `Redis unreachable on ${REDIS_HOST}:${REDIS_PORT}` },
      ];
    }
    const { backlogN: n, concurrency } = ctx.params;
    const receiver = await Receiver.start();
    const connection = new Redis({ host: REDIS_HOST, port: REDIS_PORT, maxRetriesPerRequest: null });
    const queueName = `linkwire-bench-${process.pid}-${Date.now()}`;
    const queue = new Queue<DeliveryJob>(queueName, {
      connection,
      defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: 1000 },
    });
    try {
      const url = receiver.url();
      // warm-up run on a small backlog (JIT, Lua scripts loaded in Redis, sockets)
      const warm = Math.min(1000, n);
      await fill(queue, url, warm);
      await drain(queueName, warm, concurrency, new URL(url).origin, 60_000);

      const f0 = Date.now();
      await fill(queue, url, n);
      const fillSeconds = (Date.now() - f0) / 1000;
      await receiver.reset();
      const r = await drain(queueName, n, concurrency, new URL(url).origin, Math.max(60_000, n * 5));
      const cpu = receiver.cpuPercent();
      const s = await receiver.stats();
      const rate = spanRate(s.total, s.firstAt, s.lastAt);
      ctx.figures.set('bullmq.deliveriesPerSec', rate);
      ctx.detail.bullmq = {
        n,
        concurrency,
        fillSeconds,
        drainSeconds: r.seconds,
        completed: r.completed,
        failed: r.failed,
        received: s.total,
        receiverCpuPercent: cpu,
      };
      const rows: Row[] = [
        infoRow('bullmq', 'deliveries/s', rate, '/s', `n=${n}, c=${concurrency}`),
        infoRow('bullmq', 'enqueue rate', n / fillSeconds, '/s', 'addBulk x1000'),
        infoRow('bullmq', 'receiver CPU', cpu, '%core'),
      ];
      if (r.failed || s.total < n) {
        rows.push({ scenario: 'bullmq', metric: 'failed jobs', value: r.failed, unit: '', status: 'FAIL', note: `received ${s.total}/${n}` });
      }
      return rows;
    } finally {
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
      await receiver.close();
    }
  },
};
