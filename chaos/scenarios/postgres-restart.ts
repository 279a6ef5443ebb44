// Scenario 2: the PostgreSQL server restarted mid-stream (an immediate shutdown, as a crash would,
// then a start 2 s later) under an api process and two workers, with click load and an endpoint.
// The server is a private cluster made for the scenario (initdb + pg_ctl on a free port in a temp
// dir, as the postgres OS user): the shared server other work uses is never touched. While it is
// down /healthz must say so (503); once it is back, clicks are acknowledged again and deliveries
// resume by themselves; at the end, the invariants.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type SpawnedNode, startReceiver } from '@linkwire/test-kit';
import pg from 'pg';
import {
  checkInvariants,
  ClickLoad,
  createAccount,
  nodeEnv,
  parseClick,
  type ScenarioOptions,
  type ScenarioResult,
  setUp,
  sleep,
  startNode,
  within,
} from '../lib.js';

const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A throwaway PostgreSQL cluster run by the postgres OS user. */
async function privateCluster(dir: string) {
  const port = await freePort();
  const data = join(dir, 'pgdata');
  const asPostgres = (cmd: string, args: string[]) =>
    execFileSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'pg.log'), '-w', 'start']);
  const stop = (mode: 'immediate' | 'fast') => asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
  start();
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, start, stop };
}

export async function postgresRestart(opts: ScenarioOptions): Promise<ScenarioResult> {
  if (process.getuid?.() !== 0)
    return { name: 'postgres-restart', figures: {}, failures: [], skipped: 'running a private cluster as the postgres user needs root' };
  if (!existsSync(join(PG_BIN, 'initdb'))) return { name: 'postgres-restart', figures: {}, failures: [], skipped: `no ${PG_BIN}/initdb` };
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-chaos-pg-'));
  const cluster = await privateCluster(dir);
  const receiver = await startReceiver();
  const env = nodeEnv({ DATABASE_URL: cluster.url, LINKWIRE_DATA_DIR: join(dir, 'node') });
  const failures: string[] = [];
  const nodes: SpawnedNode[] = [];
  let clusterUp = true;
  try {
    const apiKey = await createAccount(env);
    const api = await startNode(env, 'api');
    nodes.push(api);
    for (let i = 0; i < 2; i++) nodes.push(await startNode(env, 'worker'));
    const account = await setUp(api.url, apiKey, [receiver.url]);
    const load = new ClickLoad(() => api.url, account.slug, 4);
    await sleep(opts.short ? 1_500 : 4_000);
    const health = new Map<number, number>();
    let watching = true;
    const watch = (async () => {
      while (watching) {
        try {
          const res = await fetch(`${api.url}/healthz`, { signal: AbortSignal.timeout(3_000) });
          health.set(res.status, (health.get(res.status) ?? 0) + 1);
        } catch {
          health.set(0, (health.get(0) ?? 0) + 1);
        }
        await sleep(100);
      }
    })();
    const ackedBefore = load.acked.length;
    cluster.stop('immediate');
    clusterUp = false;
    const downAt = Date.now();
    await sleep(2_000);
    const sawOutage = (health.get(503) ?? 0) > 0;
    cluster.start();
    clusterUp = true;
    const downMs = Date.now() - downAt;
    const ackedDuringOutage = load.acked.length;
    const resumed = await within(30_000, () => load.acked.length > ackedDuringOutage + 20);
    const resumedMs = Date.now() - downAt - downMs;
    if (!resumed) failures.push('clicks were not acknowledged again within 30 s of the restart');
    const healthy = await within(30_000, async () => {
      const res = await fetch(`${api.url}/healthz`).catch(() => null);
      return res?.status === 200;
    });
    watching = false;
    await watch;
    if (!sawOutage) failures.push(`/healthz never reported the outage (${JSON.stringify(Object.fromEntries(health))})`);
    if (!healthy) failures.push('/healthz did not come back to 200');
    await sleep(opts.short ? 1_000 : 4_000);
    await load.stop();
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const pending = async () => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM deliveries WHERE status = 'pending'`)).rows[0]!.n);
      const done = await within(60_000, async () => (await pending()) === 0);
      // A claim whose reply the restart cut off (the UPDATE committed, the worker never saw its rows)
      // is held by a live worker, so no takeover applies: it waits out the 90 s lease. Counted, and
      // only a delivery still pending after the lease is a failure.
      let waitedOutLease = 0;
      if (!done) {
        waitedOutLease = await pending();
        if (!(await within(70_000, async () => (await pending()) === 0))) failures.push('deliveries still pending after the 90 s lease');
      }
      const events = (await client.query<{ payload: string }>(`SELECT payload FROM events WHERE type = 'link.click'`)).rows.map((r) => parseClick(r.payload));
      const deliveries = (
        await client.query<{ eventId: string; webhookId: string; status: string }>(
          'SELECT event_id AS "eventId", webhook_id AS "webhookId", status FROM deliveries WHERE is_test = 0',
        )
      ).rows;
      const webhookIds = (await client.query<{ id: string }>('SELECT id FROM webhooks')).rows.map((r) => r.id);
      const check = checkInvariants(
        load.acked,
        { clickTags: events.map((e) => e.tag), eventIds: events.map((e) => e.id), deliveries, webhookIds },
        receiver.requests.map((r) => String(r.headers['webhook-id'])),
      );
      failures.push(...check.failures);
      if (load.unclear.length) failures.push(`${load.unclear.length} unclear answers (first: ${load.unclear[0]})`);
      for (const n of nodes) {
        if (n.child.exitCode !== null || n.child.signalCode !== null)
          failures.push(`a node died (${n.child.exitCode ?? n.child.signalCode}): ${n.output().slice(-1_500)}`);
      }
      return {
        name: 'postgres-restart',
        failures,
        figures: {
          ...check.figures,
          ackedBeforeRestart: ackedBefore,
          refusedWith503: load.statuses.get(503) ?? 0,
          healthz503: health.get(503) ?? 0,
          serverDownMs: downMs,
          clicksResumedAfterMs: resumedMs,
          waitedOutLease,
        },
      };
    } finally {
      await client.end();
    }
  } finally {
    for (const n of nodes) await n.stop(5_000);
    await receiver.close();
    if (clusterUp) {
      try {
        cluster.stop('fast');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
