import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { inTransaction } from '../src/db/transaction.js';
import { createEndpoint, type Receiver, sleep, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, DIALECTS, type TestNode } from './helpers.js';

// Scale-out is a PostgreSQL feature (several processes claiming with SKIP LOCKED): this suite
// exists only when TEST_DATABASE_URL is set, which CI always does.
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TOTAL = 2_000;
const LEASE_MS = 3_000;

if (DIALECTS.includes('postgres')) {
  describe('scale-out: two worker processes on PostgreSQL, one SIGKILLed mid-stream', () => {
    let node: TestNode;
    let receiver: Receiver;
    const workers: ChildProcess[] = [];
    // Children must not outlive this test process, even when it is killed (test timeout).
    const killAll = () => {
      for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    };
    process.once('exit', killAll);
    for (const signal of ['SIGTERM', 'SIGINT'] as const)
      process.once(signal, () => {
        killAll();
        process.exit(1);
      });
    before(async () => {
      node = await createTestNode('postgres', { LINKWIRE_PLAN_PRO_DELIVERIES_24H: 'unlimited' });
      // A receiver that takes a few ms per request, so the stream lasts long enough to kill a worker in it.
      receiver = await startReceiver((_req, res) => {
        setTimeout(() => res.end('ok'), 3);
      });
    });
    after(async () => {
      killAll();
      await receiver.close();
      await node.close();
    });

    function startWorker(name: string): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--role', 'worker'], {
        env: {
          ...process.env,
          PORT: '0',
          DATABASE_URL: node.config.databaseUrl!,
          LINKWIRE_DATA_DIR: node.config.dataDir,
          LINKWIRE_SECRET_KEY: node.config.secretKey!.toString('base64'),
          LINKWIRE_DEV: '1',
          LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
          LINKWIRE_LEASE_MS: String(LEASE_MS),
          LINKWIRE_ENDPOINT_CONCURRENCY: '8',
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Set TEST_LOG_LEVEL=info to see the workers' logs.
      const forward = (chunk: Buffer) => {
        if (process.env.TEST_LOG_LEVEL) process.stderr.write(`[${name}] ${chunk}`);
      };
      child.stdout!.on('data', forward);
      child.stderr!.on('data', forward);
      workers.push(child);
      return child;
    }

    it('every delivery arrives at least once and none is left pending after the lease expires', async () => {
      const u = await node.signup();
      const endpoints = [];
      for (let i = 0; i < 4; i++) endpoints.push(await createEndpoint(node.ctx, u.accountId, { url: `${receiver.url}?e=${i}` }));
      const a = startWorker('a');
      const b = startWorker('b');
      // 2 000 deliveries: 500 events × 4 endpoints, in 5 transactions.
      const eventIds: string[] = [];
      for (let t = 0; t < 5; t++) {
        await inTransaction(node.ctx.db, async (tx) => {
          for (let i = 0; i < TOTAL / 4 / 5; i++)
            eventIds.push((await node.ctx.outbox.emit(tx, u.accountId, 'integration.connected', { integration: `i${t}.${i}` })).id);
        });
      }
      const key = (q: { url: string; headers: Record<string, unknown> }) => `${q.url}|${q.headers['webhook-id']}`;
      await waitFor('the stream is flowing', () => receiver.requests.length >= 300, 90_000);
      a.kill('SIGKILL');
      const killedAt = Date.now();
      await waitFor('all 2 000 deliveries received', () => new Set(receiver.requests.map((q) => key(q as never))).size === TOTAL, 120_000);
      // The survivor finished everything, including the killed worker's claims once their lease expired.
      const rows = await waitFor(
        'all deliveries recorded as succeeded',
        async () => {
          const r = await node.ctx.db
            .selectFrom('deliveries')
            .select(['status', 'claimedBy', 'eventId', 'webhookId'])
            .where('accountId', '=', u.accountId)
            .execute();
          return r.length === TOTAL && r.every((d) => d.status === 'succeeded') && r;
        },
        30_000,
      );
      assert.equal(rows.filter((d) => d.claimedBy !== null).length, 0);
      assert.equal(b.exitCode, null, 'the surviving worker is still running');
      // Each (endpoint, event) pair was received; duplicates, if any, carried the same webhook-id.
      for (const id of eventIds) assert.ok(receiver.requests.some((q) => q.headers['webhook-id'] === id));
      const duplicates = receiver.requests.length - TOTAL;
      assert.ok(duplicates >= 0);
      assert.ok(Date.now() - killedAt >= 0);
      // SIGTERM on the survivor drains and exits cleanly.
      const exited = new Promise<number | null>((resolve) => b.on('exit', (code) => resolve(code)));
      b.kill('SIGTERM');
      assert.equal(await Promise.race([exited, sleep(15_000).then(() => 'timeout')]), 0);
    });
  });
}
