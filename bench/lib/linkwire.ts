// Drives a Linkwire node black-box, through the CLI and the HTTP API only (README.md#cli, docs/api.md;
// bench/README.md#the-contract-the-scenarios-rely-on):
//   node packages/server/dist/cli.js start --role all|api|worker     (env PORT, HOST, LINKWIRE_DATA_DIR | DATABASE_URL, …)
//   node packages/server/dist/cli.js account create … --json        → {account, apiKey}
//   node packages/server/dist/cli.js trigger link.click --account <handle> --count N --json
//   POST /api/v1/webhooks, POST /api/v1/links, GET /l/<slug>, GET /healthz
// Anything that fails while setting a scenario up throws NotAvailable (reported as "not available").
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotAvailable } from './report.js';
import { type SpawnedNode, spawnNode } from '@linkwire/test-kit';
import { CpuMeter, exited, stopProcess, tail, waitHttpOk } from './proc.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The server CLI; LINKWIRE_BENCH_CLI points the bench at another build (e.g. a private tsc outDir). */
export const CLI = process.env.LINKWIRE_BENCH_CLI ?? join(REPO, 'packages/server/dist/cli.js');
/** Extra node flags for the measured nodes (A/B experiments: `--trace-gc`, `--max-semi-space-size=32`). */
const NODE_FLAGS = (process.env.LINKWIRE_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
export const HANDLE = 'bench';
const PG_ADMIN_URLS = ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new NotAvailable(`${CLI.startsWith(REPO) ? CLI.slice(REPO.length) : CLI} not built (npm run build)`);
}

/** Where a node keeps its data: a fresh SQLite data dir, or a fresh PostgreSQL database. */
export interface Store {
  kind: 'sqlite' | 'postgres';
  env: Record<string, string>;
  dir: string;
  dispose(): Promise<void>;
}

/** LINKWIRE_BENCH_KEEP_LOGS=<dir>: the nodes' logs are copied there before their store is removed. */
function keepLogs(dir: string): void {
  const keep = process.env.LINKWIRE_BENCH_KEEP_LOGS;
  if (!keep) return;
  mkdirSync(keep, { recursive: true });
  for (const f of readdirSync(dir)) if (f.endsWith('.log')) copyFileSync(join(dir, f), join(keep, `${Date.now()}-${f}`));
}

export function sqliteStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-bench-'));
  return {
    kind: 'sqlite',
    dir,
    env: { LINKWIRE_DATA_DIR: join(dir, 'data') },
    async dispose() {
      keepLogs(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CREATE DATABASE linkwire_bench_<pid>_<time> on the local server; dispose() drops it. */
export async function postgresStore(): Promise<Store> {
  const { default: pg } = await import('pg');
  let admin: InstanceType<typeof pg.Client> | null = null;
  let adminUrl = '';
  const errors: string[] = [];
  for (const url of PG_ADMIN_URLS) {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      admin = c;
      adminUrl = url;
      break;
    } catch (err) {
      errors.push((err as Error).message);
      await c.end().catch(() => undefined);
    }
  }
  if (!admin) throw new NotAvailable(`PostgreSQL unreachable on 127.0.0.1:5432 (${errors.join('; ')})`);
  const name = `linkwire_bench_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/test$/, `/${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-bench-pg-'));
  return {
    kind: 'postgres',
    dir,
    env: { DATABASE_URL: url, LINKWIRE_DATA_DIR: join(dir, 'data') },
    async dispose() {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
      try {
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function nodeEnv(store: Store, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LINKWIRE_DEV: '1',
    LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
    LINKWIRE_DEFAULT_PLAN: 'business',
    ...store.env,
    ...serverEnv,
    ...extra,
  };
}

/** `--server-env K=V,…`: extra environment for every Linkwire process (tuning experiments). */
let serverEnv: Record<string, string> = {};
export function setServerEnv(env: Record<string, string>): void {
  serverEnv = env;
}

/** With `--profile`, every node started is run under `node --cpu-prof` writing into this directory. */
let profileDir: string | null = null;
export function setProfileDir(dir: string | null): void {
  profileDir = dir;
}
export function profiling(): boolean {
  return profileDir !== null;
}

export interface LinkwireNode {
  child: ChildProcess;
  pid: number;
  port: number;
  origin: string;
  log: string;
  stop(): Promise<void>;
}

/** Numbers the nodes of this run, for their log files and profile folders (`api-1`, `all-2`, …). */
let started = 0;

/**
 * `linkwire start --role <role>` on a port of its own choosing (the kit's spawnNode reads it from
 * the node's "linkwire listening" line in its log file); resolves once GET /healthz answers 200.
 * The log goes straight to the file, as before: no reader in this process while it is measured.
 * The public URL is left at its default: no scenario reads it (they address the node by `origin`).
 */
export async function startNode(store: Store, role: 'all' | 'api' | 'worker', extraEnv: Record<string, string> = {}): Promise<LinkwireNode> {
  assertBuilt();
  const seq = ++started;
  const log = join(store.dir, `node-${role}-${seq}.log`);
  // The profiles are written when the process exits (SIGTERM → graceful shutdown → exit), one per
  // thread (main, sender thread, WAL checkpointer) into a folder per node: Node's default file names
  // carry the thread id, where a fixed --cpu-prof-name made every thread write the same file.
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, `${role}-${seq}`)}`] : [];
  let node: SpawnedNode;
  try {
    node = await spawnNode({ cli: CLI, args: ['start', '--role', role], nodeArgs: [...NODE_FLAGS, ...prof], baseEnv: nodeEnv(store, extraEnv), logFile: log });
  } catch (err) {
    throw new NotAvailable(`start --role ${role}: ${(err as Error).message.split('\n')[0]}${tail(log) ? `: ${tail(log, 2).slice(0, 300)}` : ''}`);
  }
  const { child, url: origin } = node;
  const cpu = new CpuMeter(node.pid);
  try {
    await waitHttpOk(`${origin}/healthz`, child, 30_000);
  } catch (err) {
    // A live process that burns CPU and never answers /healthz has a blocked event loop (a busy
    // loop in its own code): say so rather than "not ready", it is a different bug.
    const busy = !exited(child) ? cpu.percent() : Number.NaN;
    await stopProcess(child, 2000);
    const why =
      busy > 50
        ? `process listening but /healthz unanswered for 30 s while it used ${busy.toFixed(0)} % of a core: its event loop is blocked (busy loop)`
        : (err as Error).message;
    throw new NotAvailable(`start --role ${role}: ${why}${tail(log) ? `: ${tail(log, 2).slice(0, 300)}` : ''}`);
  }
  return {
    child,
    pid: node.pid,
    port: Number(new URL(origin).port),
    origin,
    log,
    async stop() {
      await stopProcess(child, 35_000);
    },
  };
}

/**
 * Is the node still serving? Probes /healthz (2 s timeout) while measuring its CPU. Returns null
 * when it answers, else a precise reason: a live process that burns CPU without answering has a
 * blocked event loop (a busy loop in the server), a dead one has exited.
 */
export async function diagnoseStall(node: LinkwireNode): Promise<string | null> {
  if (exited(node.child)) return `server process exited (${node.child.exitCode ?? node.child.signalCode}): ${tail(node.log, 2).slice(0, 300)}`;
  const cpu = new CpuMeter(node.pid);
  const t0 = Date.now();
  try {
    const res = await fetch(`${node.origin}/healthz`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return null;
  } catch {
    const pct = cpu.percent();
    return `server stopped answering (/healthz unanswered for ${((Date.now() - t0) / 1000).toFixed(0)} s while the process used ${pct.toFixed(0)} % of a core${pct > 50 ? ': event loop blocked by a busy loop' : ''})`;
  }
}

/** Runs a CLI command against the store; returns stdout (throws NotAvailable with stderr on failure). */
export function cli(store: Store, args: string[], timeoutMs = 120_000): Promise<string> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env: nodeEnv(store), timeout: timeoutMs, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new NotAvailable(`linkwire ${args.slice(0, 2).join(' ')}: ${(stderr || err.message).trim().split('\n').slice(0, 2).join(' ')}`));
      else resolve(stdout);
    });
  });
}

function lastJson<T>(stdout: string, what: string): T {
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{') || l.startsWith('['));
  if (!line) throw new NotAvailable(`${what}: no JSON on stdout`);
  return JSON.parse(line) as T;
}

/** Creates the bench account (business plan); returns its API key. */
export async function createAccount(store: Store): Promise<string> {
  const out = await cli(store, [
    'account',
    'create',
    '--email',
    'a@b.c',
    '--password',
    'correct horse battery',
    '--handle',
    HANDLE,
    '--plan',
    'business',
    '--json',
  ]);
  const { apiKey } = lastJson<{ apiKey?: string }>(out, 'account create');
  if (!apiKey) throw new NotAvailable('account create: no apiKey in the JSON output');
  return apiKey;
}

/** `trigger link.click --count N`: N events through the service layer; returns the deliveries queued. */
export async function trigger(store: Store, count: number, timeoutMs = 600_000): Promise<{ events: number; deliveries: number; ms: number }> {
  const out = await cli(store, ['trigger', 'link.click', '--account', HANDLE, '--count', String(count), '--json'], timeoutMs);
  const r = lastJson<{ events?: number; deliveries?: number; ms?: number }>(out, 'trigger');
  return { events: r.events ?? count, deliveries: r.deliveries ?? Number.NaN, ms: r.ms ?? Number.NaN };
}

async function api<T>(node: LinkwireNode, apiKey: string, method: string, path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${node.origin}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new NotAvailable(`${method} ${path}: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (!res.ok) throw new NotAvailable(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export interface EndpointOptions {
  timeoutMs?: number;
}

export async function createEndpoint(node: LinkwireNode, apiKey: string, url: string, opts: EndpointOptions = {}): Promise<{ id: string; secret: string }> {
  return api(node, apiKey, 'POST', '/api/v1/webhooks', { url, events: ['*'], description: 'bench receiver', ...opts });
}

export async function createLink(node: LinkwireNode, apiKey: string): Promise<{ slug: string; shortUrl: string }> {
  return api(node, apiKey, 'POST', '/api/v1/links', { url: 'https://shop.example.com/collections/spring?utm_source=linkwire', title: 'Spring collection' });
}

/** A fresh store, an API node, the bench account and one endpoint per URL. The node is left running. */
export async function prepare(store: Store, urls: string[], opts: EndpointOptions = {}, role: 'api' | 'all' = 'api', env: Record<string, string> = {}) {
  const node = await startNode(store, role, env);
  try {
    const apiKey = await createAccount(store);
    for (const url of urls) await createEndpoint(node, apiKey, url, opts);
    return { node, apiKey };
  } catch (err) {
    await node.stop();
    throw err;
  }
}

export { exited };
