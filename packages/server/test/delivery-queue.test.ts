import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import { type Database, openDatabase } from '../src/db/index.js';
import { migrateToLatest, migrationsThrough } from '../src/db/migrate.js';
import { inTransaction } from '../src/db/transaction.js';
import { claimFor, releaseClaims } from '../src/delivery/claim.js';
import type { ClaimedDelivery } from '../src/delivery/claimed.js';
import { holdDeliveries, HELD_UNTIL, resumeDeliveries } from '../src/delivery/hold.js';
import { retryDelivery } from '../src/delivery/history.js';
import { writeOutcomes } from '../src/delivery/results.js';
import { nextStep } from '../src/delivery/retry.js';
import type { SendResult } from '../src/delivery/send-result.js';
import { takeBack } from '../src/delivery/takeover.js';
import { deleteEndpoint } from '../src/webhooks/service.js';
import { createEndpoint, emitConnected } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, freshDatabase, type TestDatabase, type TestNode, testConfig } from './helpers.js';

// Every way a delivery becomes claimable again, or stops being claimable, as the claim sees it.
// On PostgreSQL the claim reads the queue table (db/delivery-queue.ts, migration 017), kept in step
// by fan-out, the claim, the results flush and the trigger deliveries_queue: a path it missed
// would leave a pending delivery that no claim ever finds. So each case runs on both engines, and
// on PostgreSQL also checks the queue row itself.

const LEASE_MS = 90_000;

describeEachDialect('the claim sees every change of a delivery', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect);
  });
  after(async () => node.close());

  const claim = (worker: string, now: number, limit = 100) => claimFor(node.ctx.database.caps)(node.ctx.db, worker, now, now + LEASE_MS, limit);
  /** The ids of one endpoint's deliveries among those claimed (other tests' rows come due too). */
  const ids = (claimed: ClaimedDelivery[], webhookId: string) =>
    claimed
      .filter((d) => d.webhookId === webhookId)
      .map((d) => d.id)
      .sort();
  /** The queue row's time on PostgreSQL (null: no row); undefined on SQLite, which has no queue. */
  const queued = async (id: string): Promise<number | null | undefined> => {
    if (!node.ctx.database.caps.deliveryQueue) return undefined;
    const { rows } = await sql<{ at: string }>`SELECT next_attempt_at AS at FROM delivery_queue WHERE id = ${id}`.execute(node.ctx.db);
    return rows.length ? Number(rows[0]!.at) : null;
  };
  const expectQueued = async (id: string, at: number | null) => {
    const got = await queued(id);
    if (got !== undefined) assert.equal(got, at, `queue row of ${id}`);
  };
  /** An account with one endpoint and `count` fresh deliveries to it, claimed by nobody yet. */
  const fresh = async (count = 1) => {
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/hook', events: ['integration.connected'] });
    await emitConnected(node.ctx, u.accountId, count);
    const rows = await node.ctx.db.selectFrom('deliveries').select(['id', 'nextAttemptAt']).where('webhookId', '=', endpoint.id).orderBy('id').execute();
    return { accountId: u.accountId, webhookId: endpoint.id, ids: rows.map((r) => r.id), createdAt: Number(rows[0]!.nextAttemptAt) };
  };
  const failed = (startedAt: number): SendResult => ({
    ok: false,
    startedAt,
    durationMs: 3,
    statusCode: 500,
    errorKind: 'http',
    error: 'HTTP 500',
    responseBody: 'no',
    retryAfterMs: null,
    requestHeadersJson: '{}',
  });
  const succeeded = (startedAt: number): SendResult => ({ ...failed(startedAt), ok: true, statusCode: 200, errorKind: null, error: null, responseBody: 'ok' });
  const write = (worker: string, claimed: ClaimedDelivery[], result: SendResult, now: number) =>
    inTransaction(node.ctx.db, (tx) =>
      writeOutcomes(
        node.ctx,
        tx,
        worker,
        claimed.map((delivery) => ({ delivery, attempt: 1, result, step: nextStep(node.config.retryScheduleMs, 1, result, now) })),
        now,
      ),
    );

  it('fan-out queues a new delivery, due at once; a claim leases it until the lease ends', async () => {
    const f = await fresh(2);
    await expectQueued(f.ids[0]!, f.createdAt);
    const now = Date.now();
    assert.deepEqual(ids(await claim('w1', now), f.webhookId), f.ids);
    // In flight, its queue row waits at the lease's end: no claim steps over it meanwhile.
    await expectQueued(f.ids[0]!, now + LEASE_MS);
    assert.deepEqual(ids(await claim('w2', now + LEASE_MS - 1), f.webhookId), []);
    assert.deepEqual(ids(await claim('w2', now + LEASE_MS), f.webhookId), f.ids, 'taken over once the lease ends');
  });

  it('a failed attempt is claimable at its retry time, not before; a success leaves the queue', async () => {
    const f = await fresh(2);
    const now = Date.now();
    const claimed = (await claim('w1', now)).filter((d) => d.webhookId === f.webhookId);
    assert.equal(claimed.length, 2);
    await write('w1', [claimed[0]!], failed(now), now);
    await write('w1', [claimed[1]!], succeeded(now), now);
    const retry = await node.ctx.db.selectFrom('deliveries').select(['status', 'nextAttemptAt']).where('id', '=', claimed[0]!.id).executeTakeFirstOrThrow();
    assert.equal(retry.status, 'pending');
    const retryAt = Number(retry.nextAttemptAt);
    assert.ok(retryAt > now && retryAt < now + LEASE_MS, 'the first retry comes before the lease would have ended');
    await expectQueued(claimed[0]!.id, retryAt);
    await expectQueued(claimed[1]!.id, null);
    assert.deepEqual(ids(await claim('w2', retryAt - 1), f.webhookId), []);
    assert.deepEqual(ids(await claim('w2', retryAt), f.webhookId), [claimed[0]!.id]);
  });

  it('claims handed back are claimable at the time they were handed back for', async () => {
    const f = await fresh(3);
    const now = Date.now();
    await claim('w1', now);
    assert.equal(await releaseClaims(node.ctx.db, 'w1', f.ids, now + 5_000), 3);
    await expectQueued(f.ids[0]!, now + 5_000);
    assert.deepEqual(ids(await claim('w2', now + 4_999), f.webhookId), []);
    assert.deepEqual(ids(await claim('w2', now + 5_000), f.webhookId), f.ids);
  });

  it('a held delivery is never claimed; resumed, it is due at once', async () => {
    const f = await fresh(2);
    await inTransaction(node.ctx.db, (tx) => holdDeliveries(tx, f.webhookId));
    await expectQueued(f.ids[0]!, HELD_UNTIL);
    assert.deepEqual(ids(await claim('w1', Date.now() + 10 * LEASE_MS), f.webhookId), []);
    const now = Date.now();
    assert.equal(await inTransaction(node.ctx.db, (tx) => resumeDeliveries(node.ctx.wake, tx, f.webhookId, now)), 2);
    await expectQueued(f.ids[0]!, now);
    assert.deepEqual(ids(await claim('w1', now), f.webhookId), f.ids);
  });

  it('a delivery retried by hand after it failed for good is due at once', async () => {
    const f = await fresh(1);
    const now = Date.now();
    await claim('w1', now);
    await node.ctx.db.updateTable('deliveries').set({ status: 'failed', claimedBy: null }).where('id', '=', f.ids[0]!).execute();
    const later = now + 1_000;
    const view = await retryDelivery(node.ctx, f.accountId, f.ids[0]!, later);
    assert.equal(view.status, 'pending');
    await expectQueued(f.ids[0]!, later);
    assert.deepEqual(ids(await claim('w2', later), f.webhookId), f.ids);
  });

  it('a dead holder’s claims taken back are due at once', async () => {
    const f = await fresh(2);
    const now = Date.now();
    await claim('dead-worker', now);
    assert.equal(await takeBack(node.ctx.db, node.ctx.database.caps, 'dead-worker', now + 1), 2);
    assert.deepEqual(ids(await claim('w2', now + 1), f.webhookId), f.ids, 'long before the lease ends');
  });

  it('deleting the endpoint cancels its pending deliveries, held ones included, and leaves nothing queued', async () => {
    const f = await fresh(2);
    await inTransaction(node.ctx.db, (tx) => holdDeliveries(tx, f.webhookId));
    await deleteEndpoint(node.ctx, f.accountId, f.webhookId);
    const rows = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', f.webhookId).execute();
    assert.deepEqual(
      rows.map((r) => r.status),
      ['cancelled', 'cancelled'],
    );
    for (const id of f.ids) await expectQueued(id, null);
  });

  it('queue rows found stale (the delivery settled behind the queue’s back, or deleted) are tidied and do not hide the due ones', async () => {
    await claim('sweeper', Date.now(), 10_000); // what the tests above left due, out of the way
    const stale = await fresh(3);
    const due = await fresh(1);
    const now = Date.now();
    // Written past every path that keeps the queue (an operator's UPDATE, a cascade).
    await node.ctx.db.updateTable('deliveries').set({ status: 'succeeded' }).where('id', 'in', stale.ids.slice(0, 2)).execute();
    await node.ctx.db.deleteFrom('deliveries').where('id', '=', stale.ids[2]!).execute();
    await expectQueued(stale.ids[2]!, null); // a deleted one takes its queue row along (deliveries_queue_gone)
    // Claims of one: the stale rows come first in due order, and the claim still returns the due one.
    assert.deepEqual(ids(await claim('w1', now, 1), due.webhookId), due.ids);
    for (const id of stale.ids) await expectQueued(id, null);
  });
});

describeEachDialect('upgrading to the delivery queue (016 → 017)', (dialect) => {
  let database: TestDatabase;
  let opened: Database;
  const now = Date.now();
  const ACCOUNT = 'acc_01jqa7q4d6f8h0k2m4p6r8t0q1';
  const WEBHOOK = 'wh_01jqa7q4d6f8h0k2m4p6r8t0q1';
  const EVENT = 'evt_01jqa7q4d6f8h0k2m4p6r8t0q1';
  const delivery = (id: string, extra: Record<string, unknown>) => ({
    id,
    accountId: ACCOUNT,
    webhookId: WEBHOOK,
    eventId: EVENT,
    eventType: 'integration.connected',
    status: 'pending',
    attemptCount: 0,
    nextAttemptAt: now - 1_000,
    claimedBy: null,
    leaseUntil: null,
    lastError: null,
    isTest: 0,
    createdAt: now,
    updatedAt: now,
    ...extra,
  });

  before(async () => {
    database = await freshDatabase(dialect);
    const config = testConfig(database.env);
    opened = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const { error } = await new Migrator({ db: opened.db, provider: { getMigrations: async () => migrationsThrough('016_chat_rate') } }).migrateToLatest();
    assert.equal(error, undefined);
    const db = opened.db as any;
    await db
      .insertInto('accounts')
      .values({ id: ACCOUNT, email: 'q@example.com', handle: 'queue', passwordHash: 'x', plan: 'pro', createdAt: now, updatedAt: now })
      .execute();
    await db
      .insertInto('webhooks')
      .values({
        id: WEBHOOK,
        accountId: ACCOUNT,
        url: 'http://127.0.0.1:9/hook',
        events: '["*"]',
        timeoutMs: 5_000,
        headers: '{}',
        secretEnc: 'x',
        enabled: 1,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await db.insertInto('events').values({ id: EVENT, accountId: ACCOUNT, type: 'integration.connected', payload: '{}', createdAt: now }).execute();
    // SQLite folds a lease into next_attempt_at; PostgreSQL writes it to lease_until.
    const leased = dialect === 'postgres' ? { claimedBy: 'w-old', leaseUntil: now + 60_000 } : { claimedBy: 'w-old', nextAttemptAt: now + 60_000 };
    await db
      .insertInto('deliveries')
      .values([
        delivery('dlv_01jqa7q4d6f8h0k2m4p6r8t0q1', {}),
        delivery('dlv_01jqa7q4d6f8h0k2m4p6r8t0q2', leased),
        delivery('dlv_01jqa7q4d6f8h0k2m4p6r8t0q3', { nextAttemptAt: HELD_UNTIL }),
        delivery('dlv_01jqa7q4d6f8h0k2m4p6r8t0q4', { status: 'succeeded' }),
      ])
      .execute();
    const { applied } = await migrateToLatest(opened.db);
    assert.equal(applied[0], '017_delivery_queue');
  });
  after(async () => {
    await opened.close();
    await database.drop();
  });

  it('queues every pending delivery at the time it can be claimed; the claim finds each when it is due', async () => {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ id: string; at: string }>`SELECT id, next_attempt_at AS at FROM delivery_queue ORDER BY id`.execute(opened.db);
      assert.deepEqual(
        rows.map((r) => [r.id, Number(r.at)]),
        [
          ['dlv_01jqa7q4d6f8h0k2m4p6r8t0q1', now - 1_000],
          ['dlv_01jqa7q4d6f8h0k2m4p6r8t0q2', now + 60_000],
          ['dlv_01jqa7q4d6f8h0k2m4p6r8t0q3', HELD_UNTIL],
        ],
      );
    }
    const claim = claimFor(opened.caps);
    assert.deepEqual(
      (await claim(opened.db, 'w-new', now, now + LEASE_MS, 10)).map((d) => d.id),
      ['dlv_01jqa7q4d6f8h0k2m4p6r8t0q1'],
    );
    assert.deepEqual(
      (await claim(opened.db, 'w-new', now + 60_000, now + 60_000 + LEASE_MS, 10)).map((d) => d.id),
      ['dlv_01jqa7q4d6f8h0k2m4p6r8t0q2'],
      'the old lease is kept',
    );
  });
});
