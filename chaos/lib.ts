// What the chaos scenarios share: nodes run from source (the CLI under tsx, no build needed), an
// account with a link and an endpoint set up through the public API, click load whose every
// acknowledged click is remembered by a tag, and the invariants checked at the end of a scenario.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { SERVER_CLI, type SpawnedNode, spawnNode } from '@linkwire/test-kit';

export const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** What a scenario reports: its figures (README's reliability section), and failures if any. */
export interface ScenarioResult {
  name: string;
  figures: Record<string, number | string>;
  failures: string[];
  skipped?: string;
}

export interface ScenarioOptions {
  /** The short form CI runs (fewer kills, shorter load). */
  short: boolean;
}

export type Scenario = (opts: ScenarioOptions) => Promise<ScenarioResult>;

/** The environment every chaos node gets: a fixed master key across restarts, loopback receivers allowed. */
export function nodeEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LINKWIRE_DEV: '1',
    LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.1/32',
    LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
    ...extra,
  };
}

export function startNode(env: Record<string, string>, role: 'all' | 'api' | 'worker' = 'all'): Promise<SpawnedNode> {
  return spawnNode({ args: ['start', '--role', role], env, timeoutMs: 60_000 });
}

export interface Account {
  apiKey: string;
  slug: string;
  auth: Record<string, string>;
}

async function json(res: Response, what: string): Promise<any> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Creates an account on the business plan (no delivery quota in the way) with the CLI, on the
 * node's store, before the node starts; returns its API key.
 */
export async function createAccount(env: Record<string, string>): Promise<string> {
  const handle = `chaos${randomBytes(3).toString('hex')}`;
  const args = ['--import', 'tsx', SERVER_CLI, 'account', 'create', '--email', `${handle}@example.com`, '--password', 'correct horse battery'];
  const { stdout } = await promisify(execFile)(process.execPath, [...args, '--handle', handle, '--plan', 'business', '--json'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
  });
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (!line) throw new Error(`account create printed no JSON: ${stdout}`);
  return (JSON.parse(line) as { apiKey: string }).apiKey;
}

/** Creates a link and (when given) endpoints subscribed to link.click. */
export async function setUp(base: string, apiKey: string, endpointUrls: string[], timeoutMs?: number): Promise<Account> {
  const signup = { apiKey };
  const auth = { authorization: `Bearer ${signup.apiKey}`, 'content-type': 'application/json' };
  const link = await json(
    await fetch(`${base}/api/v1/links`, { method: 'POST', headers: auth, body: JSON.stringify({ url: 'https://example.com/', title: 'Chaos' }) }),
    'create link',
  );
  for (const url of endpointUrls) {
    await json(
      await fetch(`${base}/api/v1/webhooks`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url, events: ['link.click'], ...(timeoutMs ? { timeoutMs } : {}) }),
      }),
      'create endpoint',
    );
  }
  return { apiKey: signup.apiKey, slug: link.slug, auth };
}

/**
 * Clicks from `clients` concurrent loops until `stop()`; every click answered 302 is remembered by
 * its utm_content tag in `acked`. Connection errors (the node died, the database is away) end a
 * loop's request, not the loop: it retries after a pause while `running`.
 */
export class ClickLoad {
  readonly acked: string[] = [];
  readonly statuses = new Map<number, number>();
  /** Answers that were not 302 and not a clear problem+json 503 (a 500, a stack trace, …). */
  readonly unclear: string[] = [];
  private running = true;
  private n = 0;
  private readonly loops: Promise<void>[];

  constructor(
    private base: () => string,
    private readonly slug: string,
    clients = 8,
    private readonly prefix = randomBytes(2).toString('hex'),
  ) {
    this.loops = Array.from({ length: clients }, () => this.loop());
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const tag = `${this.prefix}-${this.n++}`;
      try {
        const res = await fetch(`${this.base()}/l/${this.slug}?utm_content=${tag}`, { redirect: 'manual', headers: { 'user-agent': UA } });
        const body = await res.text();
        this.statuses.set(res.status, (this.statuses.get(res.status) ?? 0) + 1);
        if (res.status === 302) this.acked.push(tag);
        else if (!(res.status === 503 && String(res.headers.get('content-type')).startsWith('application/problem+json')))
          this.unclear.push(`${res.status} ${body.slice(0, 200)}`);
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; returns the value or null. */
export async function within<T>(timeoutMs: number, check: () => Promise<T> | T, everyMs = 100): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) return null;
    await sleep(everyMs);
  }
}

/** The rows the invariants are checked on, read from the database itself. */
export interface Snapshot {
  /** utm_content tag of every link.click event. */
  clickTags: string[];
  /** Event ids of link.click events. */
  eventIds: string[];
  /** Per delivery: its event, status. */
  deliveries: { eventId: string; webhookId: string; status: string }[];
  webhookIds: string[];
}

/**
 * The invariants of every scenario: every acknowledged click has its event, every event one
 * delivery per endpoint, every delivery succeeded and reached its receiver at least once (by
 * webhook-id), none stuck. Returns failures (empty when all hold) and the figures.
 */
export function checkInvariants(acked: string[], snap: Snapshot, received: string[]): { failures: string[]; figures: Record<string, number> } {
  const failures: string[] = [];
  const tags = new Set(snap.clickTags);
  const lost = acked.filter((t) => !tags.has(t));
  if (lost.length) failures.push(`${lost.length} of ${acked.length} acknowledged clicks have no event (first: ${lost.slice(0, 3).join(', ')})`);
  const byEvent = new Map<string, number>();
  for (const d of snap.deliveries) byEvent.set(d.eventId, (byEvent.get(d.eventId) ?? 0) + 1);
  const missing = snap.eventIds.filter((id) => (byEvent.get(id) ?? 0) !== snap.webhookIds.length);
  if (missing.length) failures.push(`${missing.length} events lack one delivery per endpoint`);
  const notDone = snap.deliveries.filter((d) => d.status !== 'succeeded');
  if (notDone.length) failures.push(`${notDone.length} deliveries not succeeded (${[...new Set(notDone.map((d) => d.status))].join(', ')})`);
  const seen = new Map<string, number>();
  for (const id of received) seen.set(id, (seen.get(id) ?? 0) + 1);
  // One receiver per endpoint here, so a webhook-id (the event id) arrives once per endpoint.
  const perEndpoint = snap.webhookIds.length;
  const neverArrived = snap.eventIds.filter((id) => (seen.get(id) ?? 0) < perEndpoint);
  if (neverArrived.length) failures.push(`${neverArrived.length} events never reached every receiver`);
  const duplicates = received.length - snap.eventIds.length * perEndpoint;
  return {
    failures,
    figures: {
      acknowledgedClicks: acked.length,
      events: snap.eventIds.length,
      deliveriesChecked: snap.deliveries.length,
      duplicates: Math.max(0, duplicates),
    },
  };
}

export function parseClick(payload: string): { id: string; tag: string } {
  const e = JSON.parse(payload) as { id: string; data: { utm?: { content?: string } } };
  return { id: e.id, tag: e.data.utm?.content ?? '' };
}

/**
 * What a failed scenario's node says about itself: whether it is still running and its most
 * frequent warnings and errors (message, first error line, count), so that a failure in CI says
 * what happened without a rerun.
 */
export function nodeDiagnosis(node: SpawnedNode, top = 5): string {
  const alive = node.child.exitCode === null && node.child.signalCode === null;
  const counts = new Map<string, number>();
  for (const line of node.output().split('\n')) {
    if (!line.startsWith('{')) {
      // Not a log entry (a stack printed by Node itself), unless it is one cut at the output limit.
      if (/Error|rror:/.test(line) && !line.includes('"pid":')) counts.set(line.slice(0, 200), (counts.get(line.slice(0, 200)) ?? 0) + 1);
      continue;
    }
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) < 40) continue;
      const key = `${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message.split('\n')[0]!.slice(0, 120)}` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // a line cut by the output limit
    }
  }
  const frequent = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`node ${alive ? 'still running' : `exited (${node.child.exitCode ?? node.child.signalCode})`}`, ...frequent.map(([msg, n]) => `${n}× ${msg}`)].join(
    '; ',
  );
}
