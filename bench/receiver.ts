// The loopback webhook receiver, run as a separate process (see lib/receiver-client.ts).
//
// One `node:http` server per port on 127.0.0.1. A healthy port reads the body and answers 200 at
// once; a "hang" port reads the body and never answers (the isolation scenario's dead endpoint).
// Options, passed as JSON in argv[2]:
//   ports    number of ports (default 1)
//   hang     indexes of ports that never answer
//   latency  record arrival time minus the envelope's `timestamp` (ms), per delivery
//   track    parse bodies and keep the unique `webhook-id`s of `link.click` deliveries
// The parent asks for counts over IPC; nothing is sent unprompted except `ready`.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { Socket } from 'node:net';

interface Options {
  ports?: number;
  hang?: number[];
  latency?: boolean;
  track?: boolean;
}
const opts: Options = JSON.parse(process.argv[2] ?? '{}');
const portCount = Math.max(1, Math.min(64, opts.ports ?? 1));
const hang = new Set(opts.hang ?? []);
const wantBody = Boolean(opts.latency || opts.track);

// ---- counters (reset between runs) ----
let counts = new Array<number>(portCount).fill(0);
let firstAt = new Array<number>(portCount).fill(0);
let lastAt = new Array<number>(portCount).fill(0);
const MAX_SAMPLES = 2_000_000;
let latencies = new Float64Array(1024);
/** Each latency's event timestamp (ms): the first second is summarised on its own. */
let stamps = new Float64Array(1024);
let nLatencies = 0;
let clickIds = new Set<string>();
let clickDeliveries = 0;
const held = new Set<ServerResponse>();
const sockets = new Set<Socket>();

interface Waiter {
  id: number;
  target: number;
  ports: number[];
  timer: NodeJS.Timeout;
}
const waiters: Waiter[] = [];

function sum(ports: number[]): number {
  let n = 0;
  for (const p of ports) n += counts[p] ?? 0;
  return n;
}
function minFirst(ports: number[]): number {
  let m = 0;
  for (const p of ports) {
    const f = firstAt[p] ?? 0;
    if (f && (!m || f < m)) m = f;
  }
  return m;
}
function maxLast(ports: number[]): number {
  let m = 0;
  for (const p of ports) m = Math.max(m, lastAt[p] ?? 0);
  return m;
}

function arrived(port: number, body: Buffer | null, req: IncomingMessage): void {
  const now = Date.now();
  counts[port] = (counts[port] ?? 0) + 1;
  if (!firstAt[port]) firstAt[port] = now;
  lastAt[port] = now;
  if (body) {
    if (opts.latency) {
      const s = body.toString('latin1');
      const i = s.indexOf('"timestamp":"');
      if (i >= 0) {
        const ts = Date.parse(s.slice(i + 13, s.indexOf('"', i + 13)));
        if (Number.isFinite(ts) && nLatencies < MAX_SAMPLES) {
          if (nLatencies === latencies.length) {
            const bigger = new Float64Array(latencies.length * 2);
            bigger.set(latencies);
            latencies = bigger;
            const biggerStamps = new Float64Array(stamps.length * 2);
            biggerStamps.set(stamps);
            stamps = biggerStamps;
          }
          stamps[nLatencies] = ts;
          latencies[nLatencies++] = now - ts;
        }
      }
    }
    if (opts.track) {
      try {
        const env = JSON.parse(body.toString('utf8')) as { id?: string; type?: string };
        if (env.type === 'link.click') {
          clickDeliveries++;
          const id = String(req.headers['webhook-id'] ?? env.id);
          if (clickIds.size < 5_000_000) clickIds.add(id);
        }
      } catch {
        /* not JSON: counted, not tracked */
      }
    }
  }
  if (waiters.length) checkWaiters(now);
}

function checkWaiters(now: number): void {
  for (let i = waiters.length - 1; i >= 0; i--) {
    const w = waiters[i] as Waiter;
    const count = sum(w.ports);
    if (count >= w.target) {
      clearTimeout(w.timer);
      waiters.splice(i, 1);
      reply(w.id, { reached: true, count, firstAt: minFirst(w.ports), lastAt: now });
    }
  }
}

function handler(port: number) {
  const never = hang.has(port);
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] | null = wantBody && !never ? [] : null;
    if (chunks) req.on('data', (c: Buffer) => chunks.push(c));
    else req.resume();
    req.on('end', () => {
      arrived(port, chunks ? Buffer.concat(chunks) : null, req);
      if (never) {
        held.add(res);
        res.once('close', () => held.delete(res));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
      res.end('ok');
    });
  };
}

const servers: Server[] = [];
async function listen(): Promise<number[]> {
  const ports: number[] = [];
  for (let i = 0; i < portCount; i++) {
    const srv = createServer({ keepAliveTimeout: 60_000, requestTimeout: 0, headersTimeout: 60_000 }, handler(i));
    srv.on('connection', (s: Socket) => {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const addr = srv.address();
    ports.push(typeof addr === 'object' && addr ? addr.port : 0);
    servers.push(srv);
  }
  return ports;
}

function reply(id: number, result: unknown): void {
  process.send?.({ id, result });
}

function allPorts(): number[] {
  return counts.map((_, i) => i);
}

/** Over every delivery, or (firstMs) only those of events within firstMs of the first event. */
function latencySummary(firstMs?: number) {
  let sorted = latencies.slice(0, nLatencies);
  if (firstMs !== undefined && nLatencies > 0) {
    const from = stamps.slice(0, nLatencies).reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
    sorted = sorted.filter((_, i) => (stamps[i] as number) < from + firstMs);
  }
  sorted.sort();
  const pct = (p: number) =>
    sorted.length ? (sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number) : Number.NaN;
  let total = 0;
  for (const v of sorted) total += v;
  return {
    count: sorted.length,
    min: sorted.length ? sorted[0] : Number.NaN,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean: sorted.length ? total / sorted.length : Number.NaN,
  };
}

interface Request {
  id: number;
  cmd: 'stats' | 'reset' | 'latency' | 'waitFor' | 'close';
  target?: number;
  ports?: number[];
  timeoutMs?: number;
  firstMs?: number;
}

process.on('message', (msg: Request) => {
  switch (msg.cmd) {
    case 'reset':
      counts = new Array<number>(portCount).fill(0);
      firstAt = new Array<number>(portCount).fill(0);
      lastAt = new Array<number>(portCount).fill(0);
      nLatencies = 0;
      clickIds = new Set();
      clickDeliveries = 0;
      for (const r of held) r.destroy();
      held.clear();
      reply(msg.id, true);
      break;
    case 'stats': {
      const cpu = process.cpuUsage();
      reply(msg.id, {
        total: sum(allPorts()),
        perPort: counts,
        firstAt: minFirst(allPorts()),
        lastAt: maxLast(allPorts()),
        perPortFirst: firstAt,
        perPortLast: lastAt,
        uniqueClicks: clickIds.size,
        clickDeliveries,
        held: held.size,
        openSockets: sockets.size,
        cpuMs: (cpu.user + cpu.system) / 1000,
        at: Date.now(),
      });
      break;
    }
    case 'latency':
      reply(msg.id, latencySummary(msg.firstMs));
      break;
    case 'waitFor': {
      const ports = msg.ports ?? allPorts();
      const target = msg.target ?? 0;
      const w: Waiter = {
        id: msg.id,
        target,
        ports,
        timer: setTimeout(
          () => {
            const i = waiters.indexOf(w);
            if (i >= 0) waiters.splice(i, 1);
            reply(msg.id, { reached: false, count: sum(ports), firstAt: minFirst(ports), lastAt: maxLast(ports) });
          },
          Math.min(msg.timeoutMs ?? 60_000, 3_600_000),
        ),
      };
      waiters.push(w);
      checkWaiters(Date.now());
      break;
    }
    case 'close':
      for (const r of held) r.destroy();
      for (const s of sockets) s.destroy();
      for (const s of servers) s.close();
      reply(msg.id, true);
      setTimeout(() => process.exit(0), 50).unref();
      break;
  }
});
process.on('disconnect', () => process.exit(0));

listen().then((ports) => process.send?.({ ready: true, ports }));
