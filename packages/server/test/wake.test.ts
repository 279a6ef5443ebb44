import assert from 'node:assert/strict';
import { EXAMPLES } from '../src/events/catalog.js';
import { after, before, it } from 'node:test';
import pg from 'pg';
import { inTransaction } from '../src/db/transaction.js';
import { DELIVERIES_CHANNEL } from '../src/delivery/notify.postgres.js';
import { DeliveryWake } from '../src/delivery/wake.js';
import { deliveryRows, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// "Deliveries are due" has one path (ctx.wake): every cause wakes this process's dispatchers once
// its transaction commits — never before, never for a rollback — and, on PostgreSQL, NOTIFYs the
// other processes, including for causes that only UPDATE rows (the INSERT trigger cannot see them).
describeEachDialect('one wake-up path for every cause', (dialect) => {
  let node: TestNode;
  let wakes = 0;
  let unsubscribe: () => Promise<void>;
  let listener: pg.Client | null = null;
  let notifications = 0;

  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '1h' });
    unsubscribe = node.ctx.wake.subscribe(() => wakes++);
    if (dialect === 'postgres') {
      // Another process's view: a separate connection LISTENing on the channel the workers use.
      listener = new pg.Client({ connectionString: node.ctx.config.databaseUrl! });
      await listener.connect();
      listener.on('notification', (n) => {
        if (n.channel === DELIVERIES_CHANNEL) notifications++;
      });
      await listener.query(`LISTEN ${DELIVERIES_CHANNEL}`);
      // The process's own LISTEN connection wakes its subscribers once when it connects.
      await waitFor('the LISTEN connection of the process is up', () => wakes > 0);
    }
  });
  after(async () => {
    await unsubscribe();
    await listener?.end();
    await node.close();
  });

  /** Runs `cause`, then checks it woke this process once after commit, and notified other processes (PostgreSQL). */
  async function wokenBy(cause: () => Promise<unknown>) {
    const [w, n] = [wakes, notifications];
    await cause();
    if (listener) {
      // Woken by the time the cause returns (the after-commit hook runs before it does); this process
      // LISTENs too, so the NOTIFY's echo may add wake-ups later, which is why this is not an equality.
      assert.ok(wakes > w, 'in-process dispatchers woken after the commit');
      await waitFor('a NOTIFY reached the other connection', () => notifications > n);
    } else {
      assert.equal(wakes, w + 1, 'in-process dispatchers woken once, after the commit');
    }
  }

  it('emit, manual retry, replay and re-enabling an endpoint all wake the workers', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    try {
      const u = await node.signup();
      const created = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: u.apiKey, payload: { url: receiver.url, events: ['*'] } });
      assert.equal(created.status, 201, created.raw);
      const webhookId = created.body.id as string;

      await wokenBy(() =>
        inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'w.example' })),
      );
      const [delivery] = await deliveryRows(node.ctx, webhookId);
      // As if a worker had tried and failed it: retry and replay make it due again.
      await node.ctx.db.updateTable('deliveries').set({ status: 'failed', attemptCount: 1 }).where('id', '=', delivery!.id).execute();
      await wokenBy(() => node.request({ method: 'POST', url: `/api/v1/deliveries/${delivery!.id}/retry`, token: u.apiKey }));
      await node.ctx.db.updateTable('deliveries').set({ status: 'failed' }).where('id', '=', delivery!.id).execute();
      await wokenBy(() =>
        node.request({
          method: 'POST',
          url: `/api/v1/webhooks/${webhookId}/replay`,
          token: u.apiKey,
          payload: { since: new Date(Date.now() - 60_000).toISOString() },
        }),
      );
      // Disabled, its pending delivery is held; enabled again, it is due now.
      const off = await node.request({ method: 'PATCH', url: `/api/v1/webhooks/${webhookId}`, token: u.apiKey, payload: { enabled: false } });
      assert.equal(off.status, 200, off.raw);
      await wokenBy(() => node.request({ method: 'PATCH', url: `/api/v1/webhooks/${webhookId}`, token: u.apiKey, payload: { enabled: true } }));
    } finally {
      await receiver.close();
    }
  });

  it('a rolled-back cause wakes nobody in this process', async () => {
    // A wake-up of its own without a LISTEN connection: only in-process wake-ups are counted, so
    // a late NOTIFY echo of the test above cannot be mistaken for one.
    const wake = new DeliveryWake(node.ctx.database.caps, null, node.ctx.log);
    let woken = 0;
    const off = wake.subscribe(() => woken++);
    await assert.rejects(
      inTransaction(node.ctx.db, async (tx) => {
        await wake.deliveriesDue(tx, 'requeued');
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(woken, 0);
    await inTransaction(node.ctx.db, async (tx) => {
      await wake.deliveriesDue(tx, 'requeued');
      assert.equal(woken, 0, 'not before the commit');
    });
    assert.equal(woken, 1, 'the same call in a committed transaction wakes');
    await off();
  });
});
