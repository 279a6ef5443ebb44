import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ReceivedRequest, type Receiver, receiverPool, type SpawnedNode, spawnNode, waitFor } from '@linkwire/test-kit';
import { inTransaction } from '../src/db/transaction.js';
import { createEndpoint } from './delivery-helpers.js';
import { createTestNode, dialectSkip, type TestNode } from './helpers.js';

// Scale-out is a PostgreSQL feature (several processes claiming with SKIP LOCKED): this suite
// runs when TEST_DATABASE_URL is set, which CI always does, and is reported skipped otherwise.
const TOTAL = 2_000;
const LEASE_MS = 3_000;

describe('scale-out: two worker processes on PostgreSQL, one SIGKILLed mid-stream', dialectSkip('postgres'), () => {
  let node: TestNode;
  const receivers = receiverPool();
  let receiver: Receiver;
  const workers: SpawnedNode[] = [];
  before(async () => {
    node = await createTestNode('postgres', { LINKWIRE_PLAN_PRO_DELIVERIES_24H: 'unlimited' });
    // A receiver that takes a few ms per request, so the stream lasts long enough to kill a worker in it.
    receiver = await receivers.start((_req, res) => {
      setTimeout(() => res.end('ok'), 3);
    });
  });
  after(async () => {
    await Promise.all(workers.map((w) => w.stop(1_000)));
    await receivers.close();
    await node.close();
  });

  async function startWorker(): Promise<SpawnedNode> {
    const worker = await spawnNode({
      args: ['start', '--role', 'worker'],
      env: {
        DATABASE_URL: node.config.databaseUrl!,
        LINKWIRE_DATA_DIR: node.config.dataDir,
        LINKWIRE_SECRET_KEY: node.config.secretKey!.toString('base64'),
        LINKWIRE_DEV: '1',
        LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
        LINKWIRE_LEASE_MS: String(LEASE_MS),
        LINKWIRE_ENDPOINT_CONCURRENCY: '8',
      },
    });
    workers.push(worker);
    return worker;
  }
  /** A failed wait says what the workers logged. */
  const logged = (err: unknown) => new Error(`${(err as Error).message}\n${workers.map((w, i) => `--- worker ${i}:\n${w.output().slice(-4_000)}`).join('\n')}`);

  it('every delivery arrives at least once, only the killed worker’s leases arrive twice, none is left pending', async () => {
    const u = await node.signup();
    const endpoints: string[] = [];
    for (let i = 0; i < 4; i++) endpoints.push((await createEndpoint(node.ctx, u.accountId, { url: `${receiver.url}?e=${i}` })).id);
    // 2 000 deliveries: 500 events × 4 endpoints, in 5 transactions, queued before the workers
    // start, so that the kill lands in the middle of the stream.
    const eventIds: string[] = [];
    for (let t = 0; t < 5; t++) {
      await inTransaction(node.ctx.db, async (tx) => {
        for (let i = 0; i < TOTAL / 4 / 5; i++)
          eventIds.push((await node.ctx.outbox.emit(tx, u.accountId, 'integration.connected', { integration: `i${t}.${i}`, integrationId: 'wh_test' })).id);
      });
    }
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    // One delivery = one (endpoint URL, webhook-id) pair.
    const key = (url: string, eventId: string) => `${url}|${eventId}`;
    const receivedKey = (q: ReceivedRequest) => key(q.url, String(q.headers['webhook-id']));
    await waitFor('the stream is flowing', () => receiver.requests.length >= 300, 90_000).catch((err) => Promise.reject(logged(err)));
    // The leases of a frozen worker cannot change while they are read: those deliveries (claimed,
    // outcome not committed) are the only ones that can be sent twice, by it and then by the
    // survivor once the lease expires. A moment where it holds none proves nothing, so it is
    // thawed and frozen again until it holds some, then killed.
    const held = await waitFor(
      'the worker to kill holding leases',
      async () => {
        a.child.kill('SIGSTOP');
        const leased = await node.ctx.db
          .selectFrom('deliveries')
          .select(['eventId', 'webhookId'])
          .where('accountId', '=', u.accountId)
          .where('claimedBy', 'like', `%:${a.pid}:%`)
          .execute();
        if (leased.length === 0) a.child.kill('SIGCONT');
        return leased.length > 0 && leased;
      },
      30_000,
    ).catch((err) => Promise.reject(logged(err)));
    a.child.kill('SIGKILL');
    await a.exited();
    const path = new URL(receiver.url).pathname;
    const heldKeys = new Set(held.map((d) => key(`${path}?e=${endpoints.indexOf(d.webhookId)}`, d.eventId)));
    await waitFor('all 2 000 deliveries received', () => new Set(receiver.requests.map(receivedKey)).size === TOTAL, 120_000).catch((err) =>
      Promise.reject(logged(err)),
    );
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
    ).catch((err) => Promise.reject(logged(err)));
    assert.equal(rows.filter((d) => d.claimedBy !== null).length, 0);
    assert.equal(b.child.exitCode, null, 'the surviving worker is still running');
    // Each (endpoint, event) pair was received; a pair received twice was one the killed worker held.
    for (const id of eventIds) assert.ok(receiver.requests.some((q) => q.headers['webhook-id'] === id));
    const counts = new Map<string, number>();
    for (const q of receiver.requests) counts.set(receivedKey(q), (counts.get(receivedKey(q)) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1);
    assert.ok(
      twice.every(([k, n]) => n === 2 && heldKeys.has(k)),
      `${twice.length} deliveries arrived more than once; each must have arrived exactly twice and been held by the killed worker (${held.length} held): ${twice.slice(0, 5).join(', ')}`,
    );
    assert.ok(receiver.requests.length - TOTAL <= held.length, `${receiver.requests.length - TOTAL} duplicates, ${held.length} held at the kill`);
    // SIGTERM on the survivor drains and exits cleanly (exit code 0 within 15 s, not SIGKILLed).
    assert.equal(await b.stop(15_000), 0);
  });
});
