import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { HELD_UNTIL, resumeDeliveries } from '../src/delivery/hold.js';
import { attemptRows, createEndpoint, deliveryRows, emitConnected, emitOne, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// The live dispatcher against real receivers: what happens to every delivery (nothing lost, nothing
// sent that should not be). How many claims, flushes or sends a policy allows is asserted on the
// policies themselves, with a fake clock (delivery-lanes, delivery-policy, delivery-results tests):
// here those numbers depend on scheduling.

/**
 * Resolves once the dispatcher has run two more claim statements. The second began after the first
 * had ended, so whatever was due when this was called has been claimed by then (a claim that finds
 * nothing counts too).
 */
async function twoClaims(dispatcher: Dispatcher): Promise<void> {
  const from = dispatcher.stats.claimStatements;
  await waitFor('two claim statements', () => dispatcher.stats.claimStatements >= from + 2);
}

describeEachDialect('dispatcher: endpoint health', (dialect) => {
  let node: TestNode;
  let dispatcher: Dispatcher;
  const receivers: Receiver[] = [];
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '50ms', LINKWIRE_DISABLE_AFTER: '1h' });
    dispatcher = new Dispatcher(node.ctx, { pollMs: 20 });
  });
  after(async () => {
    await dispatcher.stop();
    for (const r of receivers) await r.close();
    await node.close();
  });
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const disabledEvents = async (accountId: string) => {
    const rows = await node.ctx.db.selectFrom('events').select('payload').where('accountId', '=', accountId).where('type', '=', 'webhook.disabled').execute();
    return rows.map((r) => JSON.parse(r.payload).data);
  };

  it('410 Gone fails the delivery, disables the endpoint, holds its queue and emits webhook.disabled', async () => {
    const gone = await receiver((_req, res) => {
      res.statusCode = 410;
      res.end();
    });
    const watcher = await receiver();
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: gone.url, events: ['integration.connected'] });
    const other = await createEndpoint(node.ctx, u.accountId, { url: watcher.url, events: ['webhook.disabled'] });
    await emitOne(node.ctx, u.accountId);
    const row = await waitFor('endpoint disabled', async () => {
      const w = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
      return w.enabled === 0 && w;
    });
    assert.match(row.disabledReason!, /410/);
    assert.ok(row.disabledAt);
    const [d] = await deliveryRows(node.ctx, endpoint.id);
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attemptCount, 1, 'no retry after 410');
    assert.deepEqual(await disabledEvents(u.accountId), [{ webhookId: endpoint.id, url: gone.url, reason: row.disabledReason }]);
    // The account hears about it on its other endpoint.
    const notice = await waitFor('webhook.disabled delivered', () => watcher.requests.find((q) => JSON.parse(q.body).type === 'webhook.disabled'));
    assert.equal(JSON.parse(notice.body).data.webhookId, endpoint.id);
    assert.equal(gone.requests.length, 1);
    assert.ok(other.id);
  });

  it('auto-disables an endpoint with no success for LINKWIRE_DISABLE_AFTER and an exhausted delivery', async () => {
    const r = await receiver((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const u = await node.signup();
    // Created two hours ago, never succeeded: past the 1 h LINKWIRE_DISABLE_AFTER of this node.
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url, createdAt: Date.now() - 2 * 3_600_000 });
    await emitOne(node.ctx, u.accountId);
    const row = await waitFor('auto-disabled', async () => {
      const w = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', endpoint.id).executeTakeFirstOrThrow();
      return w.enabled === 0 && w;
    });
    assert.match(row.disabledReason!, /No successful delivery for 1h/);
    const [d] = await deliveryRows(node.ctx, endpoint.id);
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attemptCount, 2, 'exhausted: one attempt and one retry');
    assert.equal((await disabledEvents(u.accountId)).length, 1);
  });

  it('does not auto-disable an endpoint that succeeded recently', async () => {
    const r = await receiver((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url, createdAt: Date.now() - 2 * 3_600_000 });
    await node.ctx.db
      .updateTable('webhooks')
      .set({ lastSuccessAt: Date.now() - 60_000 })
      .where('id', '=', endpoint.id)
      .execute();
    await emitOne(node.ctx, u.accountId);
    await waitFor('exhausted', async () => {
      await dispatcher.flush();
      const [d] = await deliveryRows(node.ctx, endpoint.id);
      return d?.status === 'failed';
    });
    const w = await node.ctx.db.selectFrom('webhooks').select('enabled').where('id', '=', endpoint.id).executeTakeFirstOrThrow();
    assert.equal(w.enabled, 1);
  });
});

describeEachDialect('dispatcher: breaker, batching, shutdown', (dialect) => {
  let node: TestNode;
  const receivers: Receiver[] = [];
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '1h' });
  });
  after(async () => {
    for (const r of receivers) await r.close();
    await node.close();
  });
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };

  it('opens the breaker after 5 consecutive failures and hands the rest back without counting attempts', async () => {
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 1, breakerMinCooldownMs: 60_000 });
    try {
      const dead = await receiver((_req, res) => {
        res.statusCode = 500;
        res.end();
      });
      const u = await node.signup();
      const endpoint = await createEndpoint(node.ctx, u.accountId, { url: dead.url });
      await emitConnected(node.ctx, u.accountId, 20);
      const startedAt = Date.now();
      const rows = await waitFor('5 attempts, 15 released', async () => {
        await dispatcher.flush();
        const all = await deliveryRows(node.ctx, endpoint.id);
        const attempted = all.filter((d) => d.attemptCount > 0);
        const released = all.filter((d) => d.attemptCount === 0 && d.claimedBy === null && d.nextAttemptAt >= startedAt + 59_000);
        return attempted.length === 5 && released.length === 15 && all;
      });
      assert.equal(dead.requests.length, 5);
      assert.equal(dispatcher.breakers.state(endpoint.id), 'open');
      for (const d of rows.filter((x) => x.attemptCount === 0)) {
        assert.equal(d.status, 'pending');
        assert.ok(d.nextAttemptAt >= startedAt + 59_000, 'released until the breaker reopens');
        assert.equal((await attemptRows(node.ctx, d.id)).length, 0);
      }
      // A healthy endpoint of the same worker is unaffected.
      const healthy = await receiver();
      const v = await node.signup();
      await createEndpoint(node.ctx, v.accountId, { url: healthy.url });
      await emitOne(node.ctx, v.accountId);
      await waitFor('healthy endpoint served', () => healthy.requests.length === 1);
    } finally {
      await dispatcher.stop();
    }
  });

  it("a disabled endpoint's queued deliveries are held, and resume when it is re-enabled", async () => {
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 1 });
    try {
      let answer = 410;
      const r = await receiver((_req, res) => {
        res.statusCode = answer;
        res.end();
      });
      const u = await node.signup();
      const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
      await emitConnected(node.ctx, u.accountId, 4);
      await waitFor('disabled', async () => {
        const w = await node.ctx.db.selectFrom('webhooks').select('enabled').where('id', '=', endpoint.id).executeTakeFirstOrThrow();
        return w.enabled === 0;
      });
      await dispatcher.flush();
      assert.equal(r.requests.length, 1, 'nothing more is sent after the 410');
      const rows = await deliveryRows(node.ctx, endpoint.id);
      const held = rows.filter((d) => d.status === 'pending');
      assert.equal(held.length, 3);
      for (const d of held) {
        assert.equal(d.nextAttemptAt, HELD_UNTIL);
        assert.equal(d.attemptCount, 0);
      }
      await twoClaims(dispatcher);
      assert.deepEqual(await deliveryRows(node.ctx, endpoint.id), rows, 'the claim does not reach held deliveries');
      assert.equal(r.requests.length, 1, 'nothing is sent while held');
      // Re-enable (what PATCH {enabled: true} does) and they flow.
      answer = 200;
      await inTransaction(node.ctx.db, async (tx) => {
        await tx.updateTable('webhooks').set({ enabled: 1, disabledReason: null, disabledAt: null }).where('id', '=', endpoint.id).execute();
        assert.equal(await resumeDeliveries(node.ctx.wake, tx, endpoint.id), 3);
      });
      dispatcher.wake();
      await waitFor('held deliveries delivered', async () => {
        await dispatcher.flush();
        const now = await deliveryRows(node.ctx, endpoint.id);
        return now.filter((d) => d.status === 'succeeded').length === 3;
      });
    } finally {
      await dispatcher.stop();
    }
  });

  it('writes every result back, once (how many per transaction: delivery-results.test.ts)', async () => {
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, flushMs: 20 });
    try {
      const r = await receiver();
      const u = await node.signup();
      const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
      await emitConnected(node.ctx, u.accountId, 200);
      await waitFor('200 succeeded', async () => {
        const rows = await deliveryRows(node.ctx, endpoint.id);
        return rows.filter((d) => d.status === 'succeeded').length === 200;
      });
      await dispatcher.flush();
      const { flushes, outcomes } = dispatcher.results.stats;
      assert.equal(r.requests.length, 200, 'each delivered once');
      assert.equal(new Set(r.requests.map((q) => q.headers['webhook-id'])).size, 200);
      assert.equal(outcomes, 200);
      assert.ok(flushes >= 1 && flushes <= outcomes);
    } finally {
      await dispatcher.stop();
    }
  });

  it('a backlog larger than the slots drains completely, in claims of at most a batch (the claim size rule: delivery-policy.test.ts)', async () => {
    const r = await receiver((_req, res) => setTimeout(() => res.end('ok'), 2));
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: r.url });
    await emitConnected(node.ctx, u.accountId, 320);
    // 64 slots, 8 sends in flight: the rest of each claim waits locally, and slots free one by one.
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, claimBatch: 32, globalConcurrency: 64, endpointConcurrency: 8 });
    try {
      await waitFor('320 succeeded', async () => {
        const rows = await deliveryRows(node.ctx, endpoint.id);
        return rows.filter((d) => d.status === 'succeeded').length === 320;
      });
      // Rows handed back before the endpoint first answers are claimed again, so 320 or more are claimed.
      const { claims, claimed } = dispatcher.stats;
      assert.ok(claimed >= 320);
      assert.ok(claims >= 320 / 32, `${claims} claims of at most 32 for ${claimed} rows`);
      assert.equal(new Set(r.requests.map((q) => q.headers['webhook-id'])).size, 320, 'every delivery reached the receiver');
    } finally {
      await dispatcher.stop();
    }
  });

  it('a failure while sends wait ahead in the sender: they come back unstarted, every attempt is a request the receiver saw', async () => {
    // 200 for the first 30 requests, one 503, then 200 again: by the failure the endpoint has
    // earned sends ahead (a sender thread holds them), and those are handed back, not sent blindly.
    let n = 0;
    const flaky = await receiver((_req, res) => {
      const mine = n++;
      setTimeout(() => {
        res.statusCode = mine === 30 ? 503 : 200;
        res.end();
      }, 5);
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: flaky.url });
    await emitConnected(node.ctx, u.accountId, 300);
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 8 });
    try {
      await waitFor('299 succeeded, one waiting for its retry', async () => {
        await dispatcher.flush();
        const rows = await deliveryRows(node.ctx, endpoint.id);
        return rows.filter((d) => d.status === 'succeeded').length === 299 && rows;
      });
      await dispatcher.flush();
      const rows = await deliveryRows(node.ctx, endpoint.id);
      const failed = rows.filter((d) => d.status !== 'succeeded');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]!.lastStatusCode, 503);
      assert.ok(
        rows.every((d) => d.attemptCount === 1),
        'no attempt counted for a send handed back',
      );
      const attempts = await node.ctx.db
        .selectFrom('attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accountId', '=', u.accountId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(attempts.n), 300);
      assert.equal(flaky.requests.length, 300, 'one request per attempt');
      if (dialect === 'sqlite') assert.ok(dispatcher.stats.handedBack > 0, 'the sender thread held sends ahead and handed them back');
    } finally {
      await dispatcher.stop();
    }
  });

  it('after a 410 nothing more is sent than was in flight, and every request is a recorded attempt', async () => {
    // 200 for the first 30 requests; the next 8 (the endpoint's limit) are held until all 8 are in
    // flight, so a sender thread has sends waiting ahead behind them, then all answer 410 Gone.
    // A high breaker threshold leaves it to the 410 handling alone to stop what waits. That what
    // waits is dropped and not requeued is asserted exactly in delivery-lanes.test.ts.
    let n = 0;
    const held: Array<() => void> = [];
    const gone = await receiver((_req, res) => {
      const mine = n++;
      const answer = (status: number) => {
        res.statusCode = status;
        res.end();
      };
      if (mine < 30) setTimeout(() => answer(200), 2);
      else if (held.length < 8) {
        held.push(() => answer(410));
        if (held.length === 8)
          setTimeout(() => {
            for (const release of held) release();
          }, 100);
      } else answer(410);
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: gone.url });
    await emitConnected(node.ctx, u.accountId, 200);
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 8, breakerThreshold: 1_000 });
    try {
      await waitFor('endpoint disabled', async () => {
        await dispatcher.flush();
        const w = await node.ctx.db.selectFrom('webhooks').select('enabled').where('id', '=', endpoint.id).executeTakeFirstOrThrow();
        return w.enabled === 0;
      });
      // Every send that started has ended, and two claims ran with the endpoint disabled.
      await waitFor('no send in flight', () => dispatcher.load === 0);
      await twoClaims(dispatcher);
      await dispatcher.flush();
      const rows = await deliveryRows(node.ctx, endpoint.id);
      const failed = rows.filter((d) => d.status === 'failed');
      assert.equal(rows.filter((d) => d.status === 'succeeded').length, 30);
      assert.ok(failed.length >= 1 && failed.length <= 8, `${failed.length} failed: at most the endpoint's 8 were in flight when the 410s came`);
      for (const d of failed) assert.deepEqual([d.lastStatusCode, d.attemptCount], [410, 1]);
      assert.equal(gone.requests.length, 30 + failed.length, 'a request for each attempt, none after the 410s');
      const attempts = await node.ctx.db
        .selectFrom('attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accountId', '=', u.accountId)
        .executeTakeFirstOrThrow();
      assert.equal(Number(attempts.n), gone.requests.length);
      for (const d of rows.filter((x) => x.status === 'pending')) assert.equal(d.attemptCount, 0, 'the rest wait, unattempted, with the endpoint');
    } finally {
      await dispatcher.stop();
    }
  });

  it('a 410 that disables the endpoint while other sends to it are in flight: their attempts are still recorded, and nothing waits unheld', async () => {
    // The first 8 requests are held, then answered 410 one at a time, 60 ms apart (three flush
    // windows): the first disables the endpoint (and holds its deliveries, letting go of every
    // claim) while the other seven are still in flight. Their results come after the hold.
    let n = 0;
    const held: Array<() => void> = [];
    const gone = await receiver((_req, res) => {
      n++;
      const answer = () => {
        res.statusCode = 410;
        res.end();
      };
      if (held.length < 8) {
        held.push(answer);
        if (held.length === 8) for (const [i, release] of held.entries()) setTimeout(release, 50 + i * 60);
      } else answer();
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: gone.url });
    await emitConnected(node.ctx, u.accountId, 40);
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 8, breakerThreshold: 1_000 });
    try {
      await waitFor('all 8 answered', () => n >= 8 && held.length === 8);
      await waitFor('every request recorded', async () => {
        await dispatcher.flush();
        const a = await node.ctx.db
          .selectFrom('attempts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('accountId', '=', u.accountId)
          .executeTakeFirstOrThrow();
        return dispatcher.load === 0 && Number(a.n) === gone.requests.length;
      });
      const w = await node.ctx.db.selectFrom('webhooks').select('enabled').where('id', '=', endpoint.id).executeTakeFirstOrThrow();
      assert.equal(w.enabled, 0);
      const rows = await deliveryRows(node.ctx, endpoint.id);
      const failed = rows.filter((d) => d.status === 'failed');
      assert.equal(failed.length, gone.requests.length, 'each request a failed delivery with its 410');
      for (const d of failed) assert.deepEqual([d.lastStatusCode, d.attemptCount, d.claimedBy], [410, 1, null]);
      const pending = rows.filter((d) => d.status === 'pending');
      assert.equal(pending.length + failed.length, 40);
      for (const d of pending) assert.deepEqual([d.attemptCount, d.claimedBy, d.nextAttemptAt], [0, null, HELD_UNTIL], 'the rest held, unattempted');
    } finally {
      await dispatcher.stop();
    }
  });

  it('stop() drains in-flight sends, hands back unstarted claims, and loses nothing', async () => {
    const slow = await receiver((_req, res) => {
      setTimeout(() => res.end('ok'), 150);
    });
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: slow.url });
    await emitConnected(node.ctx, u.accountId, 40);
    const first = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 4 });
    // A new endpoint keeps one round (4) and hands the rest back, due in a second; from the claim
    // after that, having answered, it is handed sends ahead, which a sender thread holds.
    await waitFor('some sends in flight', () => slow.requests.length >= 12);
    await first.stop();
    // What waited unstarted in the sender thread came back and was released, not sent.
    if (dialect === 'sqlite') assert.ok(first.stats.handedBack > 0, 'sends waiting in the thread were handed back');
    const afterStop = await deliveryRows(node.ctx, endpoint.id);
    const now = Date.now();
    assert.equal(afterStop.filter((d) => d.claimedBy !== null).length, 0, 'no claim is left behind');
    for (const d of afterStop) {
      // Handed back due now (or, if trimmed from the local queue just before, within a second).
      if (d.status === 'pending') assert.ok(d.nextAttemptAt <= now + 1_000, 'handed back, due at once');
      else assert.equal(d.status, 'succeeded');
    }
    // Every send that started finished and was recorded.
    const succeeded = afterStop.filter((d) => d.status === 'succeeded').length;
    assert.ok(succeeded >= 12);
    assert.equal(succeeded, new Set(slow.requests.map((q) => q.headers['webhook-id'])).size);
    // A new worker picks up the rest at once.
    const second = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 16 });
    try {
      await waitFor(
        'all 40 delivered',
        async () => {
          await second.flush();
          return (await deliveryRows(node.ctx, endpoint.id)).every((d) => d.status === 'succeeded');
        },
        20_000,
      );
    } finally {
      await second.stop();
    }
    assert.equal(new Set(slow.requests.map((q) => q.headers['webhook-id'])).size, 40);
  });

  it('a healthy endpoint earns slots up to the cap; one that never answers sends its first 16 and hands back the rest as they age', async () => {
    let inFlight = 0;
    let peak = 0;
    const healthy = await receiver((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('ok');
      }, 25);
    });
    const hung = await receiver(() => {});
    const u = await node.signup();
    const v = await node.signup();
    await createEndpoint(node.ctx, u.accountId, { url: healthy.url });
    const dead = await createEndpoint(node.ctx, v.accountId, { url: hung.url, timeoutMs: 30_000 });
    await emitConnected(node.ctx, u.accountId, 600);
    await emitConnected(node.ctx, v.accountId, 200);
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, endpointConcurrency: 40 });
    try {
      await waitFor('600 delivered to the healthy endpoint', () => healthy.requests.length >= 600, 30_000);
      assert.ok(peak > 16, `the healthy endpoint grew past the start of 16 (peak ${peak})`);
      assert.ok(peak <= 40, `never more than the cap of 40 (peak ${peak})`);
      assert.equal(hung.requests.length, 16, 'the silent endpoint is sent only its first round');
      // Its other claims go back to the queue instead of waiting in this worker: it keeps five
      // seconds of work at the age of its oldest send, so one round waiting after ~5 s of silence.
      await waitFor(
        'the silent endpoint hands back all but two rounds',
        async () => (await deliveryRows(node.ctx, dead.id)).filter((d) => d.claimedBy === null).length >= 200 - 2 * 16,
        15_000,
      );
      assert.equal(hung.requests.length, 16, 'and still sends nothing more');
    } finally {
      hung.handle(() => {});
      await hung.close();
      await dispatcher.stop();
    }
  });
});

describeEachDialect('dispatcher: bookkeeping writes that fail', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect);
  });
  after(async () => {
    await node.close();
  });

  // The write refused here is a hand-back (claimed_by set back to NULL on a pending row), as a full
  // disk refuses it for a moment (chaos/scenarios/disk-full.ts); only this endpoint's rows are refused.
  const refuseHandBacks = async (webhookId: string) => {
    if (dialect === 'sqlite') {
      await sql`CREATE TRIGGER refuse_hand_back BEFORE UPDATE OF claimed_by ON deliveries
        WHEN NEW.claimed_by IS NULL AND NEW.status = 'pending' AND NEW.webhook_id = ${sql.lit(webhookId)}
        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`.execute(node.ctx.db);
    } else {
      await sql`CREATE FUNCTION refuse_hand_back() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`.execute(
        node.ctx.db,
      );
      await sql`CREATE TRIGGER refuse_hand_back BEFORE UPDATE ON deliveries FOR EACH ROW
        WHEN (NEW.claimed_by IS NULL AND NEW.status = 'pending' AND NEW.webhook_id = ${sql.lit(webhookId)})
        EXECUTE FUNCTION refuse_hand_back()`.execute(node.ctx.db);
    }
  };
  const allowHandBacks = async () => {
    if (dialect === 'sqlite') await sql`DROP TRIGGER refuse_hand_back`.execute(node.ctx.db);
    else {
      await sql`DROP TRIGGER refuse_hand_back ON deliveries`.execute(node.ctx.db);
      await sql`DROP FUNCTION refuse_hand_back()`.execute(node.ctx.db);
    }
  };

  it('a hand-back that fails is tried again until it lands, instead of waiting out the lease', async () => {
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/never-sent' });
    await emitConnected(node.ctx, u.accountId, 3);
    // Disabled after its deliveries were queued: the dispatcher claims them and must hand them back (held).
    await node.ctx.db.updateTable('webhooks').set({ enabled: 0 }).where('id', '=', endpoint.id).execute();
    await refuseHandBacks(endpoint.id);
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20, leaseMs: 90_000 });
    try {
      await waitFor('claimed', async () => (await deliveryRows(node.ctx, endpoint.id)).every((d) => d.claimedBy === dispatcher.workerId));
      await new Promise((resolve) => setTimeout(resolve, 400));
      const refused = await deliveryRows(node.ctx, endpoint.id);
      assert.ok(
        refused.every((d) => d.claimedBy === dispatcher.workerId),
        'the hand-back was refused: the rows are still leased to the dispatcher',
      );
      await allowHandBacks();
      // Far sooner than the 90 s lease: the retry (at most 5 s apart) lands.
      const rows = await waitFor(
        'handed back (held)',
        async () => {
          const now = await deliveryRows(node.ctx, endpoint.id);
          return now.every((d) => d.claimedBy === null && d.nextAttemptAt === HELD_UNTIL) && now;
        },
        10_000,
      );
      assert.equal(rows.length, 3);
      assert.ok(rows.every((d) => d.status === 'pending' && d.attemptCount === 0));
    } finally {
      await dispatcher.stop();
    }
  });
});
