// Scenario 3: receivers that misbehave, beside a healthy one, on one SQLite node. Each bad receiver
// is a raw TCP server on loopback doing one thing wrong; the node must record each as an attempt
// (a failure, but for the gigabyte's 200), never hang past the endpoint's timeout, never buffer the
// gigabyte (it reads 64 KiB and hangs up),
// never follow a redirect (the trap on 127.0.0.2 must see no connection), and the healthy endpoint
// must receive every delivery meanwhile.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '@linkwire/test-kit';
import SQLite from 'better-sqlite3';
import { ClickLoad, createAccount, nodeEnv, parseClick, type ScenarioOptions, type ScenarioResult, setUp, sleep, startNode, within } from '../lib.js';

const GIGABYTE = 1024 ** 3;

interface RawServer {
  url: string;
  server: Server;
  /** Bytes this server wrote in all, over every connection. */
  written: number;
  /** The most bytes written on one connection (the gigabyte sender: how far one request got before
   * the node hung up; loopback socket buffers take a few MiB before the node has read its 64 KiB). */
  mostOnOneConnection: number;
  connections: number;
  sockets: Set<Socket>;
}

/** A TCP server that answers each request (once its headers have arrived) with `behave`. */
async function rawServer(host: string, behave: (socket: Socket, self: RawServer) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const self: RawServer = { url: '', server: createServer(), written: 0, mostOnOneConnection: 0, connections: 0, sockets };
  self.server.on('connection', (socket) => {
    self.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    let answered = false;
    socket.on('data', (chunk) => {
      if (answered) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        answered = true;
        behave(socket, self);
      }
    });
  });
  await new Promise<void>((resolve) => self.server.listen(0, host, resolve));
  const address = self.server.address() as { port: number };
  self.url = `http://${host}:${address.port}/hook`;
  return self;
}

const BEHAVIOURS: Record<string, (trapUrl: string) => (socket: Socket, self: RawServer) => void> = {
  'never-answers': () => () => {},
  'byte-by-byte': () => (socket) => {
    const answer = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    let i = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || i >= answer.length) return clearInterval(timer);
      socket.write(answer.subarray(i, ++i));
    }, 200);
    socket.on('close', () => clearInterval(timer));
  },
  'reset-mid-body': () => (socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{"partial":');
    setTimeout(() => socket.resetAndDestroy(), 20);
  },
  gigabyte: () => (socket, self) => {
    socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${GIGABYTE}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    const pump = () => {
      while (!socket.destroyed && written < GIGABYTE) {
        written += chunk.length;
        self.written += chunk.length;
        self.mostOnOneConnection = Math.max(self.mostOnOneConnection, written);
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  },
  'invalid-http': () => (socket) => {
    socket.end('THIS IS NOT HTTP\r\n\r\n');
  },
  'redirect-private': (trapUrl) => (socket) => {
    socket.end(`HTTP/1.1 302 Found\r\nLocation: ${trapUrl}\r\nContent-Length: 0\r\n\r\n`);
  },
};

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export async function badReceivers(opts: ScenarioOptions): Promise<ScenarioResult> {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-chaos-'));
  const env = nodeEnv({ LINKWIRE_DATA_DIR: join(dir, 'data') });
  const healthy = await startReceiver();
  // The redirect's target: a private address the node is not allowed (only 127.0.0.1/32 is), still
  // on loopback, so a node that followed it would be caught here and send nothing off the machine.
  const trap = await rawServer('127.0.0.2', (socket) => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
  const bad: Record<string, RawServer> = {};
  for (const [name, behaviour] of Object.entries(BEHAVIOURS)) bad[name] = await rawServer('127.0.0.1', behaviour(trap.url));
  const failures: string[] = [];
  const apiKey = await createAccount(env);
  const node = await startNode(env);
  const file = join(dir, 'data', 'linkwire.db');
  try {
    const urls = [healthy.url, ...Object.values(bad).map((s) => s.url)];
    const account = await setUp(node.url, apiKey, urls, 2_000);
    const load = new ClickLoad(() => node.url, account.slug, 2);
    let peakRss = 0;
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, rssMb(node.pid));
    }, 100);
    await sleep(opts.short ? 1_000 : 3_000);
    await load.stop();
    const acked = load.acked.length;
    const db = () => new SQLite(file, { readonly: true });
    const webhookByUrl = new Map<string, string>();
    {
      const d = db();
      for (const r of d.prepare('SELECT id, url FROM webhooks').all() as { id: string; url: string }[]) webhookByUrl.set(r.url, r.id);
      d.close();
    }
    // Every bad endpoint has at least one attempt on record, and the healthy one has all its deliveries.
    const settled = await within(60_000, () => {
      const d = db();
      try {
        const healthyPending = d
          .prepare(`SELECT count(*) AS n FROM deliveries WHERE webhook_id = ? AND status <> 'succeeded'`)
          .get(webhookByUrl.get(healthy.url)) as { n: number };
        const attempted = d.prepare('SELECT count(DISTINCT d.webhook_id) AS n FROM attempts a JOIN deliveries d ON d.id = a.delivery_id').get() as {
          n: number;
        };
        return healthyPending.n === 0 && attempted.n === urls.length;
      } finally {
        d.close();
      }
    });
    clearInterval(rssTimer);
    if (!settled) failures.push('within 60 s, not every endpoint had an attempt on record, or the healthy one still had deliveries pending');
    const d = db();
    const events = (d.prepare(`SELECT payload FROM events WHERE type = 'link.click'`).all() as { payload: string }[]).map((r) => parseClick(r.payload));
    const tags = new Set(events.map((e) => e.tag));
    const lost = load.acked.filter((t) => !tags.has(t));
    if (lost.length) failures.push(`${lost.length} acknowledged clicks have no event`);
    const perEvent = d.prepare('SELECT count(*) AS n FROM deliveries GROUP BY event_id HAVING n <> ?').all(urls.length);
    if (perEvent.length) failures.push(`${perEvent.length} events lack one delivery per endpoint`);
    const received = new Set(healthy.requests.map((r) => String(r.headers['webhook-id'])));
    const notReceived = events.filter((e) => !received.has(e.id)).length;
    if (notReceived) failures.push(`${notReceived} events never reached the healthy receiver`);
    const errors: Record<string, string> = {};
    for (const [name, server] of Object.entries(bad)) {
      const id = webhookByUrl.get(server.url);
      const succeeded = d.prepare(`SELECT count(*) AS n FROM deliveries WHERE webhook_id = ? AND status = 'succeeded'`).get(id) as { n: number };
      // A 200 with a gigabyte behind it is a success (the status decides); what matters there is
      // that the node read its 64 KiB and hung up (checked below).
      if (succeeded.n && name !== 'gigabyte') failures.push(`${name}: ${succeeded.n} deliveries recorded as succeeded`);
      const attempt = d
        .prepare(
          'SELECT a.status_code AS statusCode, a.error_kind AS errorKind, a.error AS error, a.duration_ms AS durationMs FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.webhook_id = ? LIMIT 1',
        )
        .get(id) as { statusCode: number | null; errorKind: string | null; error: string | null; durationMs: number } | undefined;
      errors[name] = attempt ? `${attempt.statusCode ?? attempt.errorKind} in ${attempt.durationMs} ms` : 'no attempt';
      if (attempt && attempt.durationMs > 2_000 + 1_500) failures.push(`${name}: an attempt took ${attempt.durationMs} ms with a 2 000 ms timeout`);
    }
    d.close();
    if (trap.connections) failures.push(`the redirect was followed: ${trap.connections} connections to the private address`);
    if (bad.gigabyte!.mostOnOneConnection >= GIGABYTE) failures.push('the node read a whole gigabyte on one connection');
    if (peakRss > 512) failures.push(`the node's RSS reached ${Math.round(peakRss)} MB`);
    return {
      name: 'bad-receivers',
      failures,
      figures: {
        acknowledgedClicks: acked,
        events: events.length,
        healthyDelivered: received.size,
        peakRssMb: Math.round(peakRss),
        gigabyteConnections: bad.gigabyte!.connections,
        gigabyteMostOnOneConnectionMb: Math.round(bad.gigabyte!.mostOnOneConnection / 1024 / 1024),
        ...Object.fromEntries(Object.entries(errors).map(([k, v]) => [`attempt:${k}`, v])),
      },
    };
  } finally {
    await node.stop();
    await healthy.close();
    for (const s of [trap, ...Object.values(bad)]) {
      for (const socket of s.sockets) socket.destroy();
      await new Promise<void>((resolve) => s.server.close(() => resolve()));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
