// Scenario 1: a single SQLite node SIGKILLed at random moments under click load with an endpoint,
// restarted on the same data each time. After every restart, how long until every delivery the dead
// process left pending has arrived (the recovery time: the claims it held come back at once,
// delivery/takeover.ts, instead of after the 90 s lease). At the end, the invariants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '@linkwire/test-kit';
import SQLite from 'better-sqlite3';
import {
  checkInvariants,
  createAccount,
  ClickLoad,
  nodeEnv,
  parseClick,
  type ScenarioOptions,
  type ScenarioResult,
  setUp,
  sleep,
  startNode,
  within,
} from '../lib.js';

/** The lease a dead process's claims would otherwise wait out; recovery must stay well below it. */
const RECOVERY_LIMIT_MS = 30_000;

export async function sqliteKill(opts: ScenarioOptions): Promise<ScenarioResult> {
  const kills = Number(process.env.CHAOS_KILLS) || (opts.short ? 5 : 20);
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-chaos-'));
  const receiver = await startReceiver();
  const env = nodeEnv({ LINKWIRE_DATA_DIR: join(dir, 'data') });
  const failures: string[] = [];
  const recoveries: number[] = [];
  /** From the kill's restart to the node's "listening" line. */
  const starts: number[] = [];
  const apiKey = await createAccount(env);
  let node = await startNode(env);
  const file = join(dir, 'data', 'linkwire.db');
  /** Pending deliveries, read beside the running node (WAL: a reader does not block the writer). */
  const pending = () => {
    const db = new SQLite(file, { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  try {
    const account = await setUp(node.url, apiKey, [receiver.url]);
    let base = node.url;
    const load = new ClickLoad(() => base, account.slug);
    for (let k = 0; k < kills; k++) {
      // A random moment: 200–1 200 ms of load after the node came up.
      await sleep(200 + Math.floor(Math.random() * 1_000));
      node.child.kill('SIGKILL');
      await node.exited();
      const restartedAt = Date.now();
      node = await startNode(env);
      base = node.url;
      starts.push(Date.now() - restartedAt);
      if (process.env.CHAOS_DEBUG)
        console.log(
          node
            .output()
            .split('\n')
            .filter((l) => l.includes('took back'))
            .join('\n'),
        );
      // Recovery: what the dead process left pending is delivered (the load goes on meanwhile, so
      // "nothing pending" is looked for on the deliveries that existed at the kill).
      const left = new SQLite(file, { readonly: true });
      const ids = (left.prepare(`SELECT id FROM deliveries WHERE status = 'pending' AND created_at <= ?`).all(restartedAt) as { id: string }[]).map(
        (r) => r.id,
      );
      left.close();
      const done = await within(
        RECOVERY_LIMIT_MS,
        () => {
          const db = new SQLite(file, { readonly: true });
          try {
            const still = db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending' AND created_at <= ?`).get(restartedAt) as { n: number };
            return still.n === 0;
          } finally {
            db.close();
          }
        },
        20,
      );
      if (!done) failures.push(`kill ${k + 1}: ${ids.length} deliveries left by the dead process still pending after ${RECOVERY_LIMIT_MS} ms`);
      // From the listening line: the start itself (tsx compiling the sources) is reported apart.
      recoveries.push(Date.now() - restartedAt - starts[starts.length - 1]!);
    }
    await load.stop();
    if (!(await within(RECOVERY_LIMIT_MS, () => pending() === 0))) failures.push('deliveries still pending at the end');
    await node.stop();
    const db = new SQLite(file, { readonly: true });
    const events = (db.prepare(`SELECT payload FROM events WHERE type = 'link.click'`).all() as { payload: string }[]).map((r) => parseClick(r.payload));
    const deliveries = db.prepare(`SELECT event_id AS eventId, webhook_id AS webhookId, status FROM deliveries WHERE is_test = 0`).all() as {
      eventId: string;
      webhookId: string;
      status: string;
    }[];
    const webhookIds = (db.prepare(`SELECT id FROM webhooks`).all() as { id: string }[]).map((r) => r.id);
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    db.close();
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
    const check = checkInvariants(
      load.acked,
      { clickTags: events.map((e) => e.tag), eventIds: events.map((e) => e.id), deliveries, webhookIds },
      receiver.requests.map((r) => String(r.headers['webhook-id'])),
    );
    failures.push(...check.failures);
    if (load.unclear.length) failures.push(`${load.unclear.length} unclear answers (first: ${load.unclear[0]})`);
    recoveries.sort((a, b) => a - b);
    return {
      name: 'sqlite-kill',
      failures,
      figures: {
        killsSurvived: kills,
        ...check.figures,
        recoveryMedianMs: recoveries[Math.floor(recoveries.length / 2)] ?? 0,
        recoveryMaxMs: recoveries[recoveries.length - 1] ?? 0,
        startMedianMs: starts.sort((a, b) => a - b)[Math.floor(starts.length / 2)] ?? 0,
      },
    };
  } finally {
    if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node.exited();
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
