import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import type { AppContext } from '../src/context.js';
import { compiledText, inListChunks, LADDER, ladderChunks, runCompiled, VALUES_LADDER } from '../src/db/compiled.js';
import { enqueue } from '../src/db/delivery-queue.js';
import { avoidPlans } from '../src/db/transaction.js';
import { claimFor, releaseClaims } from '../src/delivery/claim.js';
import { HELD_UNTIL } from '../src/delivery/hold.js';
import { newId } from '../src/lib/ids.js';
import { createLogger } from '../src/logger.js';
import { createContext } from '../src/context.js';
import { describeEachDialect, freshDatabase, type TestDatabase, testConfig } from './helpers.js';

const SIZES = [1, 5, 257, 1000];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('db/compiled chunk ladders', () => {
  it('ladderChunks covers every item exactly once, in order, with ladder sizes', () => {
    for (const n of [0, ...SIZES, 3, 255, 256, 511]) {
      const items = range(n);
      const chunks = [...ladderChunks(items)];
      assert.deepEqual(chunks.flat(), items, `n = ${n}`);
      for (const c of chunks) assert.ok((VALUES_LADDER as readonly number[]).includes(c.length), `n = ${n}: chunk of ${c.length}`);
    }
    assert.deepEqual(
      [...ladderChunks(range(257))].map((c) => c.length),
      [256, 1],
    );
    assert.deepEqual(
      [...ladderChunks(range(5))].map((c) => c.length),
      [4, 1],
    );
    // At most one statement per power of two: 27 = 16 + 8 + 2 + 1.
    assert.deepEqual(
      [...ladderChunks(range(27))].map((c) => c.length),
      [16, 8, 2, 1],
    );
  });

  it('inListChunks pads the rest with its last item up to a ladder size: one statement per 256', () => {
    for (const n of [0, ...SIZES, 3, 255, 256, 511]) {
      const items = range(n);
      const chunks = [...inListChunks(items)];
      assert.equal(chunks.length, Math.ceil(n / 256), `n = ${n}`);
      for (const c of chunks) assert.ok((LADDER as readonly number[]).includes(c.length), `n = ${n}: chunk of ${c.length}`);
      assert.deepEqual([...new Set(chunks.flat())], items, `n = ${n}`);
    }
    assert.deepEqual([...inListChunks(range(5))], [[0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4]]);
    assert.deepEqual(
      [...inListChunks(range(257))].map((c) => c.length),
      [256, 1],
    );
    assert.deepEqual(
      [...inListChunks(range(1000))].map((c) => c.length),
      [256, 256, 256, 256],
    );
  });
});

describeEachDialect('db/compiled statements', (dialect) => {
  let database: TestDatabase;
  let ctx: AppContext;
  let accountId: string;

  before(async () => {
    database = await freshDatabase(dialect);
    ctx = await createContext(testConfig(database.env), { log: createLogger('silent') });
    accountId = newId('acc');
    const now = Date.now();
    await ctx.db
      .insertInto('accounts')
      .values({
        id: accountId,
        email: `${accountId}@example.com`,
        handle: `h${accountId.slice(-10)}`,
        passwordHash: 'x',
        plan: 'business',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  });
  after(async () => {
    await ctx.database.close();
    await database.drop();
  });

  it('compiles once, then runs the kept text with new parameters; rows keep camelCase names', async () => {
    const ids = [newId('evt'), newId('evt')];
    for (const [i, id] of ids.entries()) {
      await runCompiled(ctx.db, 'test.insertEvent', [id, accountId, 'test.event', 1000 + i, `{"n":${i}}`], () =>
        ctx.db.insertInto('events').values({ id, accountId, type: 'test.event', createdAt: 1000 + i, payload: `{"n":${i}}` }),
      );
    }
    const text = compiledText(ctx.db, 'test.insertEvent');
    assert.match(text!, /insert into "events"/);
    let builds = 0;
    const select = (id: string) =>
      runCompiled(ctx.db, 'test.selectEvent', [id], () => {
        builds++;
        return ctx.db.selectFrom('events').select(['id', 'accountId', 'createdAt']).where('id', '=', id);
      });
    const first = await select(ids[0]!);
    const second = await select(ids[1]!);
    assert.equal(builds, 1, 'built once per database');
    assert.deepEqual(first.rows, [{ id: ids[0], accountId, createdAt: 1000 }]);
    assert.deepEqual(second.rows, [{ id: ids[1], accountId, createdAt: 1001 }]);
    // A raw sql template, compiled with the database: its rows go through CamelCasePlugin too.
    const raw = await runCompiled<{ accountId: string }>(ctx.db, 'test.raw', [ids[0]], () =>
      sql<{ accountId: string }>`SELECT account_id FROM events WHERE id = ${ids[0]}`.compile(ctx.db),
    );
    assert.deepEqual(raw.rows, [{ accountId }]);
  });

  it('refuses parameters that do not come out as the statement has them', async () => {
    const id = newId('evt');
    // Wrong order.
    await assert.rejects(
      runCompiled(ctx.db, 'test.order', ['test.event', id], () =>
        ctx.db.selectFrom('events').select('id').where('id', '=', id).where('type', '=', 'test.event'),
      ),
      /compiled statement test\.order: its parameters do not match/,
    );
    // A value Kysely inlines into the text (IS NULL) cannot be a parameter.
    await assert.rejects(
      runCompiled(ctx.db, 'test.inlined', [null], () => ctx.db.selectFrom('webhooks').select('id').where('deletedAt', 'is', null)),
      /compiled statement test\.inlined: its parameters do not match the ones passed \(compiled 0, passed 1\)/,
    );
    assert.equal(compiledText(ctx.db, 'test.order'), undefined, 'a refused statement is not kept');
  });

  it('chunked IN lists and multi-row INSERTs give the same rows for odd sizes (1, 5, 257, 1000)', async () => {
    for (const n of SIZES) {
      const rows = range(n).map((i) => ({ id: newId('evt'), accountId, type: 'test.event', createdAt: i, payload: `{"i":${i}}` }));
      for (const chunk of ladderChunks(rows)) {
        await runCompiled(
          ctx.db,
          `test.events:${chunk.length}`,
          chunk.flatMap((r) => [r.id, r.accountId, r.type, r.createdAt, r.payload]),
          () => ctx.db.insertInto('events').values(chunk),
        );
      }
      const payloads = await payloadsOf([...rows.map((r) => r.id), rows[0]!.id, newId('evt')]);
      assert.equal(payloads.size, n, `n = ${n}`);
      for (const r of rows) assert.equal(payloads.get(r.id), r.payload);
    }
    // Only ladder sizes were compiled: 2 + 1 unknown id → 6 ids padded to 16, never a text for 6.
    assert.ok(compiledText(ctx.db, 'test.payloads:16'));
    assert.equal(compiledText(ctx.db, 'test.payloads:6'), undefined);
  });

  /** A bare endpoint row of the suite's account (the statements under test only need its id). */
  async function insertEndpoint(url: string): Promise<{ id: string }> {
    return ctx.db
      .insertInto('webhooks')
      .values({
        id: newId('wh'),
        accountId,
        url,
        format: 'standard',
        source: 'api',
        description: null,
        events: '["*"]',
        filter: null,
        kind: 'http',
        device: null,
        timeoutMs: 1000,
        headers: '{}',
        enabled: 1,
        disabledReason: null,
        disabledAt: null,
        secretEnc: 'x',
        previousSecretEnc: null,
        previousSecretExpiresAt: null,
        lastSuccessAt: null,
        failingSince: null,
        createdAt: 0,
        updatedAt: 0,
        deletedAt: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  /** A pending delivery row of the suite's account (insert it yourself, alone or in a batch). */
  function pendingDelivery(webhookId: string, eventId: string, nextAttemptAt: number, claimedBy: string | null = null) {
    return {
      id: newId('dlv'),
      accountId,
      webhookId,
      eventId,
      eventType: 'test.event',
      status: 'pending' as const,
      attemptCount: 0,
      nextAttemptAt,
      claimedBy,
      lastError: null,
      isTest: 0,
      createdAt: 0,
      updatedAt: 0,
    };
  }

  /** Envelopes by event id through padded IN lists, the way the hot paths look rows up. */
  async function payloadsOf(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of inListChunks([...new Set(ids)])) {
      const { rows } = await runCompiled(ctx.db, `test.payloads:${chunk.length}`, chunk, () =>
        ctx.db.selectFrom('events').select(['id', 'payload']).where('id', 'in', chunk),
      );
      for (const r of rows) out.set(r.id, r.payload);
    }
    return out;
  }

  it('a padded IN list counts each row once (releaseClaims)', async () => {
    const wh = await insertEndpoint('http://127.0.0.1:9/hook');
    const eventId = newId('evt');
    await ctx.db.insertInto('events').values({ id: eventId, accountId, type: 'test.event', createdAt: 0, payload: '{}' }).execute();
    const claimedRows = range(5).map(() => pendingDelivery(wh.id, eventId, 0, 'w1'));
    await ctx.db.insertInto('deliveries').values(claimedRows).execute();
    const ids = claimedRows.map((r) => r.id);
    // 5 ids go out as an IN list of 16 (the fifth repeated): still 5 rows released.
    assert.equal(await releaseClaims(ctx.db, 'w1', ids, 42), 5);
    assert.equal(await releaseClaims(ctx.db, 'w1', ids, 42), 0, 'no longer held');
    const rows = await ctx.db.selectFrom('deliveries').select(['claimedBy', 'nextAttemptAt']).where('id', 'in', ids).execute();
    assert.deepEqual(
      rows.map((r) => [r.claimedBy, Number(r.nextAttemptAt)]),
      ids.map(() => [null, 42]),
    );
  });
  /** Empties the deliveries, and PostgreSQL's claim queue with them (db/delivery-queue.ts). */
  async function clearDeliveries() {
    await ctx.db.deleteFrom('deliveries').execute();
    if (ctx.database.caps.deliveryQueue) await sql`DELETE FROM delivery_queue`.execute(ctx.db);
  }

  /** Inserts pending rows the way fan-out does: on PostgreSQL with their queue rows. */
  async function insertPending(rows: ReturnType<typeof pendingDelivery>[]) {
    await ctx.db.insertInto('deliveries').values(rows).execute();
    if (ctx.database.caps.deliveryQueue)
      await enqueue(
        ctx.db,
        rows.map((r) => r.id),
        rows.map((r) => r.nextAttemptAt),
      );
  }

  it('a claim returns each delivery with its envelope, leases it, and skips what is not due or held', async () => {
    await clearDeliveries(); // the tests above leave due rows
    const wh = await insertEndpoint('http://127.0.0.1:9/claim');
    // Three events, the first delivered twice (fan-out shares an event), one not due yet, one held.
    const events = range(3).map((i) => ({ id: newId('evt'), accountId, type: 'test.event', createdAt: 0, payload: `{"n":${i},"s":"café ✓"}` }));
    await ctx.db.insertInto('events').values(events).execute();
    const row = (eventId: string, nextAttemptAt: number) => pendingDelivery(wh.id, eventId, nextAttemptAt);
    const due = [row(events[0]!.id, 100), row(events[0]!.id, 101), row(events[1]!.id, 102)];
    const later = row(events[2]!.id, 10_000);
    const held = row(events[2]!.id, HELD_UNTIL);
    await insertPending([...due, later, held]);

    const claim = claimFor(ctx.database.caps);
    const first = await claim(ctx.db, 'w-claim', 1_000, 61_000, 2);
    // SQLite hands the envelope over as its UTF-8 bytes, PostgreSQL as text: the same bytes on the wire.
    if (dialect === 'sqlite') assert.ok(first.every((d) => d.payload instanceof Uint8Array));
    const text = (p: string | Uint8Array | null) => (p === null || typeof p === 'string' ? p : Buffer.from(p).toString('utf8'));
    assert.deepEqual(
      first.map((d) => [d.id, text(d.payload)]),
      [
        [due[0]!.id, '{"n":0,"s":"café ✓"}'],
        [due[1]!.id, '{"n":0,"s":"café ✓"}'],
      ],
      'oldest due first, each with its own copy of the shared envelope',
    );
    const second = await claim(ctx.db, 'w-claim', 1_000, 61_000, 10);
    assert.deepEqual(
      second.map((d) => [d.id, d.eventId, text(d.payload), d.attemptCount]),
      [[due[2]!.id, events[1]!.id, '{"n":1,"s":"café ✓"}', 0]],
      'leased rows are not claimed twice; the not-yet-due and the held one stay',
    );
    const leased = await ctx.db
      .selectFrom('deliveries')
      .select(['id', 'claimedBy', 'nextAttemptAt', 'leaseUntil'])
      .where('claimedBy', '=', 'w-claim')
      .execute();
    assert.equal(leased.length, 3);
    for (const d of leased) {
      // PostgreSQL writes the lease to lease_until (its queue row waits at the lease's end:
      // claim.postgres.ts); SQLite folds it into the due time.
      if (ctx.database.caps.concurrentWorkers)
        assert.deepEqual([Number(d.leaseUntil), Number(d.nextAttemptAt)], [61_000, 100 + due.findIndex((r) => r.id === d.id)]);
      else assert.equal(Number(d.nextAttemptAt), 61_000, 'the lease is the due time');
    }
    assert.deepEqual(await claim(ctx.db, 'w-claim', 1_000, 61_000, 10), []);
    const beforeExpiry = await claim(ctx.db, 'w-other', 60_999, 120_000, 10);
    assert.deepEqual(
      beforeExpiry.map((d) => d.id),
      [later.id],
      'a millisecond before the lease expires only the row due meanwhile is taken',
    );
    // A worker that died holding them: once the lease expires, another worker takes them over.
    const takenOver = await claim(ctx.db, 'w-other', 61_000, 121_000, 10);
    assert.deepEqual(takenOver.map((d) => d.id).sort(), due.map((r) => r.id).sort(), 'expired leases come back; the held one stays');
  });

  if (dialect === 'postgres')
    it('under stale statistics the claim still walks the queue’s due index in order, no sort (avoidPlans)', async () => {
      await clearDeliveries();
      const wh = await insertEndpoint('http://127.0.0.1:9/stale');
      const eventId = newId('evt');
      await ctx.db.insertInto('events').values({ id: eventId, accountId, type: 'test.event', createdAt: 0, payload: '{}' }).execute();
      // Statistics taken while almost everything had been delivered, then a burst: what a bulk
      // trigger or a quiet install under sudden load looks like until autovacuum's ANALYZE catches
      // up. The planner then expects about a hundred due rows, fewer than the claim's limit.
      const insertRows = async (prefix: string, status: string, n: number) => {
        await sql`
          INSERT INTO deliveries (id, account_id, webhook_id, event_id, event_type, status, attempt_count, next_attempt_at, is_test, created_at, updated_at)
          SELECT ${prefix} || g, ${accountId}, ${wh.id}, ${eventId}, 'test.event', ${status}, 0, g, 0, 0, 0
          FROM generate_series(1, ${n}::int) g`.execute(ctx.db);
        if (status === 'pending') await sql`INSERT INTO delivery_queue SELECT ${prefix} || g, g FROM generate_series(1, ${n}::int) g`.execute(ctx.db);
      };
      await insertRows('dlv_old_', 'succeeded', 2_000);
      await insertRows('dlv_few_', 'pending', 10);
      await sql`ANALYZE deliveries`.execute(ctx.db);
      await sql`ANALYZE delivery_queue`.execute(ctx.db);
      await insertRows('dlv_burst_', 'pending', 20_000);
      const claim = claimFor(ctx.database.caps);
      assert.equal((await claim(ctx.db, 'w-stale', 30_000, 90_000, 16)).length, 16);
      const text = compiledText(ctx.db, 'claim.postgres')!;
      const guardedPlan = () =>
        ctx.db.transaction().execute(async (tx) => {
          await avoidPlans(tx, ctx.database.caps, ['sort']);
          const { rows } = await tx.executeQuery<Record<string, unknown>>(
            CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${text}`, [30_000, 256, 'w-stale', 90_000, 30_000, 30_000, 90_000]),
          );
          return JSON.stringify(Object.values(rows[0]!)[0]); // the one column, "QUERY PLAN"
        });
      // With sorting off the one plan left is the ordered walk of the due index. (Left to itself,
      // the planner chose a bitmap scan of every due row plus a sort in the bench's drains, whose
      // statistics were staler than this test can make them: bench/README.md#postgresql.)
      const guarded = await guardedPlan();
      assert.doesNotMatch(guarded, /"Node Type":"Sort"/);
      assert.match(guarded, /"Node Type":"Index Scan"[^}]*"Index Name":"delivery_queue_due_idx"/);
      // The settings hold for that transaction only.
      const inside = await ctx.db.transaction().execute(async (tx) => {
        await avoidPlans(tx, ctx.database.caps, ['sort', 'seqscan']);
        return (await sql<{ s: string }>`SELECT current_setting('enable_sort') || current_setting('enable_seqscan') AS s`.execute(tx)).rows[0]!.s;
      });
      assert.equal(inside, 'offoff');
      assert.equal((await sql<{ s: string }>`SELECT current_setting('enable_sort') AS s`.execute(ctx.db)).rows[0]!.s, 'on');
    });
});
