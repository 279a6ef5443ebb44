// Scenario 4: the SQLite data directory's disk fills up under click load with an endpoint. The data
// dir is a tmpfs of 32 MiB made for the test (root only: otherwise the scenario is skipped, saying
// so). While it is full, clicks are answered 503 problem+json (never a 500 or a stack); once space
// returns, clicks are acknowledged again by themselves; the database passes integrity_check and
// every acknowledged click has its event and its delivery.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '@linkwire/test-kit';
import SQLite from 'better-sqlite3';
import {
  checkInvariants,
  ClickLoad,
  createAccount,
  nodeDiagnosis,
  nodeEnv,
  parseClick,
  type ScenarioOptions,
  type ScenarioResult,
  setUp,
  sleep,
  startNode,
  within,
} from '../lib.js';

/** Writes zeros into `file` until the filesystem refuses; returns the bytes written. */
function fill(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return written;
}

export async function diskFull(opts: ScenarioOptions): Promise<ScenarioResult> {
  if (process.getuid?.() !== 0) return { name: 'disk-full', figures: {}, failures: [], skipped: 'mounting the small tmpfs needs root' };
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-chaos-'));
  const mount = join(dir, 'disk');
  mkdirSync(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mount]);
  const receiver = await startReceiver();
  const data = join(mount, 'data');
  const env = nodeEnv({ LINKWIRE_DATA_DIR: data });
  const failures: string[] = [];
  let node: Awaited<ReturnType<typeof startNode>> | undefined;
  try {
    const apiKey = await createAccount(env);
    node = await startNode(env);
    const account = await setUp(node.url, apiKey, [receiver.url]);
    const load = new ClickLoad(() => node!.url, account.slug, 4);
    await sleep(500);
    const filler = join(mount, 'filler');
    fill(filler);
    const fullAt = load.statuses.get(503) ?? 0;
    // Full: clicks fail cleanly (ClickLoad counts anything but a 302 or a problem+json 503 as unclear).
    const refused = await within(10_000, () => (load.statuses.get(503) ?? 0) > fullAt + 20);
    if (!refused) failures.push('with the disk full, clicks were not answered 503');
    await sleep(opts.short ? 1_000 : 3_000);
    const ackedWhileFull = load.acked.length;
    rmSync(filler);
    const free = () => `${Math.round((statfsSync(mount).bavail * statfsSync(mount).bsize) / 1024)} KiB`;
    const recovered = await within(15_000, () => load.acked.length > ackedWhileFull + 20);
    if (!recovered) failures.push(`once space returned, clicks were not acknowledged again within 15 s (${free()} free); ${nodeDiagnosis(node)}`);
    await load.stop();
    const file = join(data, 'linkwire.db');
    const pending = () => {
      const db = new SQLite(file, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    if (!(await within(30_000, () => pending() === 0))) {
      const db = new SQLite(file, { readonly: true });
      const held = db
        .prepare(`SELECT claimed_by IS NOT NULL AS claimed, attempt_count AS attempts, count(*) AS n FROM deliveries WHERE status = 'pending' GROUP BY 1, 2`)
        .all() as { claimed: number; attempts: number; n: number }[];
      db.close();
      const how = held.map((h) => `${h.n} ${h.claimed ? 'leased' : 'not leased'} after ${h.attempts} attempts`).join(', ');
      failures.push(`deliveries still pending 30 s after the load (${how}); ${nodeDiagnosis(node)}`);
    }
    await node.stop();
    const db = new SQLite(file, { readonly: true });
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    const events = (db.prepare(`SELECT payload FROM events WHERE type = 'link.click'`).all() as { payload: string }[]).map((r) => parseClick(r.payload));
    const deliveries = db.prepare('SELECT event_id AS eventId, webhook_id AS webhookId, status FROM deliveries WHERE is_test = 0').all() as {
      eventId: string;
      webhookId: string;
      status: string;
    }[];
    const webhookIds = (db.prepare('SELECT id FROM webhooks').all() as { id: string }[]).map((r) => r.id);
    db.close();
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);
    const check = checkInvariants(
      load.acked,
      { clickTags: events.map((e) => e.tag), eventIds: events.map((e) => e.id), deliveries, webhookIds },
      receiver.requests.map((r) => String(r.headers['webhook-id'])),
    );
    failures.push(...check.failures);
    if (load.unclear.length) failures.push(`${load.unclear.length} unclear answers (first: ${load.unclear[0]})`);
    return { name: 'disk-full', failures, figures: { ...check.figures, refusedWith503: load.statuses.get(503) ?? 0, integrity } };
  } finally {
    if (node && node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
    await node?.exited();
    await receiver.close();
    execFileSync('umount', [mount]);
    rmSync(dir, { recursive: true, force: true });
  }
}
