import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { claimFor } from '../src/delivery/claim.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { createEndpoint, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// A click's deliveries go to this process's dispatcher straight from the click's transaction,
// already leased to it, with no claim statement (events/types.ts, DeliveryAdopter). What must hold:
// every acknowledged click is delivered once; what the dispatcher has no room for is left due and
// claimed; a transaction that fails hands nothing over; a stopped dispatcher hands back; and with
// LINKWIRE_DELIVERY_HANDOFF=0 every delivery is claimed.

const CHROME = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36' };

function setUp(dialect: Parameters<typeof createTestNode>[0], overrides: ConstructorParameters<typeof Dispatcher>[1] = {}, env: Record<string, string> = {}) {
  const state = {} as { node: TestNode; dispatcher: Dispatcher; receiver: Receiver };
  before(async () => {
    state.node = await createTestNode(dialect, env);
    state.receiver = await startReceiver();
    state.dispatcher = new Dispatcher(state.node.ctx, { pollMs: 50, ...overrides });
  });
  after(async () => {
    await state.dispatcher.stop();
    await state.receiver.close();
    await state.node.close();
  });
  /** An account with a short link and an endpoint on the receiver, subscribed to link.click. */
  const account = async () => {
    const u = await state.node.signup();
    const link = await state.node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/a', title: 'A' } });
    assert.equal(link.status, 201, link.raw);
    const endpoint = await createEndpoint(state.node.ctx, u.accountId, { url: state.receiver.url, events: ['link.click'] });
    return { ...u, slug: link.body.slug as string, endpointId: endpoint.id };
  };
  /** n concurrent clicks (one group-commit batch or a few); resolves with their statuses. */
  const clicks = (slug: string, n: number) =>
    Promise.all(Array.from({ length: n }, () => state.node.request({ method: 'GET', url: `/l/${slug}`, headers: CHROME }).then((r) => r.status)));
  /** n concurrent clicks, all answered 302, and each one's delivery succeeded and reached the receiver once. */
  const clickAndDeliver = async (u: { slug: string; endpointId: string }, n: number) => {
    const before = state.receiver.requests.length;
    assert.deepEqual(new Set(await clicks(u.slug, n)), new Set([302]));
    await waitFor(`${n} deliveries succeeded`, async () => {
      const rows = await state.node.ctx.db.selectFrom('deliveries').select(['status']).where('webhookId', '=', u.endpointId).execute();
      return rows.length === n && rows.every((r) => r.status === 'succeeded');
    });
    const received = state.receiver.requests.slice(before);
    assert.equal(received.length, n, 'each delivery arrived once');
    assert.equal(new Set(received.map((r) => r.headers['webhook-id'])).size, n);
  };
  return { state, account, clicks, clickAndDeliver };
}

describeEachDialect('handoff: a click’s deliveries skip the claim', (dialect) => {
  const { state, account, clicks, clickAndDeliver } = setUp(dialect);

  it('hands every delivery of a batch of clicks to the dispatcher: all sent once, no claim returned a row', async () => {
    const u = await account();
    const { claims, adopted } = state.dispatcher.stats;
    await clickAndDeliver(u, 40);
    assert.equal(state.dispatcher.stats.adopted - adopted, 40);
    assert.equal(state.dispatcher.stats.claims - claims, 0, 'no claim found anything to take');
    // The history is the same as for a claimed delivery: one attempt each, the lease cleared.
    const rows = await state.node.ctx.db.selectFrom('deliveries').select(['attemptCount', 'claimedBy']).where('webhookId', '=', u.endpointId).execute();
    assert.ok(rows.every((r) => r.attemptCount === 1 && r.claimedBy === null));
  });

  it('a click whose transaction fails hands nothing over and leaves no delivery', async () => {
    const u = await account();
    const { adopted } = state.dispatcher.stats;
    const db = state.node.ctx.db;
    // Refuse the click's rollup row, after the events and deliveries were written in the same transaction.
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER refuse_rollup BEFORE INSERT ON daily_link_clicks BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(db);
    } else {
      await sql`CREATE FUNCTION refuse_rollup() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER refuse_rollup BEFORE INSERT ON daily_link_clicks FOR EACH ROW EXECUTE FUNCTION refuse_rollup()`.execute(db);
    }
    try {
      const statuses = await clicks(u.slug, 5);
      assert.deepEqual(new Set(statuses), new Set([503]));
    } finally {
      await sql`DROP TRIGGER refuse_rollup${sql.raw(dialect === 'sqlite' ? '' : ' ON daily_link_clicks')}`.execute(db);
      if (dialect === 'postgres') await sql`DROP FUNCTION refuse_rollup()`.execute(db);
    }
    assert.equal(state.dispatcher.stats.adopted, adopted);
    const rows = await db.selectFrom('deliveries').select('id').where('webhookId', '=', u.endpointId).execute();
    assert.equal(rows.length, 0);
  });
});

describeEachDialect('handoff: what the dispatcher has no room for is claimed', (dialect) => {
  // Four slots: a batch of 30 clicks fills them, the other deliveries are left due for claims.
  const { state, account, clickAndDeliver } = setUp(dialect, { globalConcurrency: 4 });

  it('adopts up to its room and claims the rest; every click delivered once', async () => {
    const u = await account();
    const { claimed, adopted } = state.dispatcher.stats;
    await clickAndDeliver(u, 30);
    const adoptedNow = state.dispatcher.stats.adopted - adopted;
    const claimedNow = state.dispatcher.stats.claimed - claimed;
    assert.ok(adoptedNow >= 1 && adoptedNow < 30, `adopted ${adoptedNow}`);
    assert.ok(claimedNow >= 30 - adoptedNow, `claimed ${claimedNow}: the rest`);
  });
});

describeEachDialect('handoff: a dispatcher that stops hands adopted deliveries back', (dialect) => {
  const { state, account } = setUp(dialect);

  it('adopt() after stop() began releases the rows, due now, for the next worker', async () => {
    const u = await account();
    const ctx = state.node.ctx;
    // Fan-out counted this dispatcher's room; it stops before the commit hands the rows over.
    const adopter = ctx.wake.adopter();
    assert.equal(adopter, state.dispatcher);
    const id = `dlv_test${Date.now()}`;
    const event = await ctx.db.selectFrom('events').select('id').where('accountId', '=', u.accountId).executeTakeFirst();
    const eventId = event?.id ?? `evt_test${Date.now()}`;
    if (!event) {
      await ctx.db.insertInto('events').values({ id: eventId, accountId: u.accountId, type: 'link.click', createdAt: Date.now(), payload: '{}' }).execute();
    }
    const now = Date.now();
    await ctx.db
      .insertInto('deliveries')
      .values({
        id,
        accountId: u.accountId,
        webhookId: u.endpointId,
        eventId,
        eventType: 'link.click',
        status: 'pending',
        attemptCount: 0,
        nextAttemptAt: now + 90_000,
        claimedBy: state.dispatcher.workerId,
        lastError: null,
        isTest: 0,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    // The row is committed first and adopt() follows stop() in the same tick: stop() is then
    // always under way, never already finished (on a slow machine it could finish during the
    // inserts, and the hand-back ran after the assertions).
    const stopping = state.dispatcher.stop();
    assert.equal(ctx.wake.adopter(), null, 'a stopping dispatcher is no longer offered deliveries');
    adopter!.adopt([{ id, accountId: u.accountId, webhookId: u.endpointId, eventId, attemptCount: 0, isTest: 0, payload: '{}' }]);
    await stopping;
    const row = await ctx.db.selectFrom('deliveries').select(['claimedBy', 'nextAttemptAt', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.claimedBy, null);
    assert.equal(row.status, 'pending');
    assert.ok(Number(row.nextAttemptAt) <= Date.now(), 'due now');
    // The next dispatcher on this database claims and sends it.
    state.dispatcher = new Dispatcher(ctx, { pollMs: 50 });
    await waitFor('the handed-back delivery sent', async () => {
      const r = await ctx.db.selectFrom('deliveries').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      return r.status === 'succeeded';
    });
  });
});

describeEachDialect('handoff: an adopted delivery carries its lease', (dialect) => {
  const { state, account, clicks } = setUp(dialect, { drainMs: 100 });

  it('if its dispatcher dies holding it, another worker claims it once the lease ends', async () => {
    const u = await account();
    const ctx = state.node.ctx;
    // The receiver takes the request and never answers: the delivery stays in flight, leased.
    state.receiver.handle(() => {});
    const { adopted } = state.dispatcher.stats;
    assert.deepEqual(await clicks(u.slug, 1), [302]);
    await waitFor('the adopted delivery reached the receiver', () => state.receiver.requests.length > 0);
    assert.equal(state.dispatcher.stats.adopted - adopted, 1);
    const row = await ctx.db
      .selectFrom('deliveries')
      .select(['id', 'claimedBy', 'nextAttemptAt', 'leaseUntil'])
      .where('webhookId', '=', u.endpointId)
      .executeTakeFirstOrThrow();
    assert.equal(row.claimedBy, state.dispatcher.workerId);
    // Where PostgreSQL's claim and takeover read the lease. Missing, a process that died holding
    // adopted rows left them claimable by nobody, ever. SQLite folds it into next_attempt_at.
    if (dialect === 'postgres') assert.equal(Number(row.leaseUntil), Number(row.nextAttemptAt));
    else assert.equal(row.leaseUntil, null);
    const leaseEnd = Number(row.nextAttemptAt);
    const claim = claimFor(ctx.database.caps);
    assert.deepEqual(await claim(ctx.db, 'worker-b', leaseEnd - 1, leaseEnd + 90_000, 10), [], 'not before the lease ends');
    const taken = await claim(ctx.db, 'worker-b', leaseEnd + 1, leaseEnd + 90_000, 10);
    assert.deepEqual(
      taken.map((d) => d.id),
      [row.id],
    );
  });
});

describeEachDialect('LINKWIRE_DELIVERY_HANDOFF=0', (dialect) => {
  const { state, account, clickAndDeliver } = setUp(dialect, {}, { LINKWIRE_DELIVERY_HANDOFF: '0' });

  it('claims every delivery', async () => {
    assert.equal(state.node.config.delivery.handoff, false);
    assert.equal(state.node.ctx.wake.adopter(), null);
    const u = await account();
    await clickAndDeliver(u, 10);
    assert.equal(state.dispatcher.stats.adopted, 0);
    assert.ok(state.dispatcher.stats.claimed >= 10);
  });
});
