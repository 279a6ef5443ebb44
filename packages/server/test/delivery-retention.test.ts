import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { autoDisableSweep } from '../src/delivery/auto-disable.js';
import { HELD_UNTIL } from '../src/delivery/hold.js';
import { idBefore, purgeHistory } from '../src/delivery/retention.js';
import { newId } from '../src/lib/ids.js';
import { createEndpoint, emitOne } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

const DAY = 86_400_000;

describeEachDialect('delivery retention and the auto-disable sweep', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETENTION_DAYS: '30', LINKWIRE_DISABLE_AFTER: '72h' });
  });
  after(async () => node.close());

  it('idBefore() sorts exactly at the time boundary of lib/ids', () => {
    const t = Date.now();
    const id = newId('dlv');
    assert.ok(idBefore('dlv', t - 1) < id);
    assert.ok(idBefore('dlv', t + 10) > id);
  });

  /** An event + delivery (+ attempt) written as if it happened at `at`. */
  async function historyAt(accountId: string, webhookId: string, at: number, status: 'succeeded' | 'failed' | 'pending', nextAttemptAt = at) {
    // Ids carry their creation time: forge them for the past, as lib/ids would have made them then.
    const stamp = (prefix: 'evt' | 'dlv' | 'att') => idBefore(prefix, at) + newId(prefix).slice(-16);
    const eventId = stamp('evt');
    const deliveryId = stamp('dlv');
    await node.ctx.db.insertInto('events').values({ id: eventId, accountId, type: 'integration.connected', createdAt: at, payload: '{}' }).execute();
    await node.ctx.db
      .insertInto('deliveries')
      .values({
        id: deliveryId,
        accountId,
        webhookId,
        eventId,
        eventType: 'integration.connected',
        status,
        attemptCount: 1,
        nextAttemptAt,
        claimedBy: null,
        isTest: 0,
        createdAt: at,
        updatedAt: at,
      })
      .execute();
    await node.ctx.db
      .insertInto('attempts')
      .values({
        id: stamp('att'),
        deliveryId,
        accountId,
        attempt: 1,
        startedAt: at,
        durationMs: 5,
        statusCode: 500,
        errorKind: 'http',
        error: 'HTTP 500',
        responseBody: null,
        requestHeaders: '{}',
      })
      .execute();
    return { eventId, deliveryId };
  }

  it('purges events, deliveries and attempts older than the retention, keeping pending ones and their events', async () => {
    const u = await node.signup();
    const wh = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/x', enabled: false });
    const now = Date.now();
    const old = await historyAt(u.accountId, wh.id, now - 40 * DAY, 'succeeded');
    const oldFailed = await historyAt(u.accountId, wh.id, now - 31 * DAY, 'failed');
    const oldHeld = await historyAt(u.accountId, wh.id, now - 35 * DAY, 'pending', HELD_UNTIL);
    const recent = await historyAt(u.accountId, wh.id, now - 29 * DAY, 'failed');
    const report = await purgeHistory(node.ctx.db, node.config.retentionDays, now, false);
    assert.deepEqual(report, { attempts: 2, deliveries: 2, events: 2 });
    const deliveries = await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', wh.id).execute();
    assert.deepEqual(deliveries.map((d) => d.id).sort(), [oldHeld.deliveryId, recent.deliveryId].sort());
    const events = await node.ctx.db.selectFrom('events').select('id').where('accountId', '=', u.accountId).execute();
    assert.ok(!events.some((e) => e.id === old.eventId || e.id === oldFailed.eventId));
    assert.ok(events.some((e) => e.id === oldHeld.eventId) && events.some((e) => e.id === recent.eventId));
    const attempts = await node.ctx.db.selectFrom('attempts').select('deliveryId').where('accountId', '=', u.accountId).execute();
    assert.deepEqual(attempts.map((a) => a.deliveryId).sort(), [oldHeld.deliveryId, recent.deliveryId].sort());
    // A second run has nothing left to do.
    assert.deepEqual(await purgeHistory(node.ctx.db, node.config.retentionDays, now, false), { attempts: 0, deliveries: 0, events: 0 });
  });

  it('purges in bounded batches (more rows than one statement deletes)', async () => {
    const u = await node.signup();
    const wh = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/x', enabled: false });
    const at = Date.now() - 60 * DAY;
    const rows = 5_200;
    const events = [];
    const deliveries = [];
    for (let i = 0; i < rows; i++) {
      const eventId = idBefore('evt', at) + newId('evt').slice(-16);
      events.push({ id: eventId, accountId: u.accountId, type: 'integration.connected', createdAt: at, payload: '{}' });
      deliveries.push({
        id: idBefore('dlv', at) + newId('dlv').slice(-16),
        accountId: u.accountId,
        webhookId: wh.id,
        eventId,
        eventType: 'integration.connected',
        status: 'succeeded' as const,
        attemptCount: 1,
        nextAttemptAt: at,
        claimedBy: null,
        isTest: 0,
        createdAt: at,
        updatedAt: at,
      });
    }
    for (let i = 0; i < rows; i += 1000) {
      await node.ctx.db
        .insertInto('events')
        .values(events.slice(i, i + 1000))
        .execute();
      await node.ctx.db
        .insertInto('deliveries')
        .values(deliveries.slice(i, i + 1000))
        .execute();
    }
    const report = await purgeHistory(node.ctx.db, 30, Date.now(), false);
    assert.ok(report.deliveries >= rows);
    assert.ok(report.events >= rows);
    const left = await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', wh.id).execute();
    assert.equal(left.length, 0);
  });

  it('the periodic sweep disables an endpoint that crossed LINKWIRE_DISABLE_AFTER while idle', async () => {
    const u = await node.signup();
    const now = Date.now();
    const stale = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/x', createdAt: now - 5 * DAY });
    const fresh = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/y', createdAt: now - 5 * DAY });
    const noFailure = await createEndpoint(node.ctx, u.accountId, { url: 'http://127.0.0.1:9/z', createdAt: now - 5 * DAY });
    await node.ctx.db
      .updateTable('webhooks')
      .set({ lastSuccessAt: now - DAY })
      .where('id', '=', fresh.id)
      .execute();
    await historyAt(u.accountId, stale.id, now - 4 * DAY, 'failed');
    await historyAt(u.accountId, fresh.id, now - 4 * DAY, 'failed');
    await historyAt(u.accountId, noFailure.id, now - 4 * DAY, 'succeeded');
    await emitOne(node.ctx, u.accountId); // a pending delivery on each endpoint, to be held
    const disabled = await autoDisableSweep(node.ctx, now);
    assert.deepEqual(disabled, [stale.id]);
    const row = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', stale.id).executeTakeFirstOrThrow();
    assert.equal(row.enabled, 0);
    assert.match(row.disabledReason!, /No successful delivery for 3d/);
    const pending = await node.ctx.db
      .selectFrom('deliveries')
      .select('nextAttemptAt')
      .where('webhookId', '=', stale.id)
      .where('status', '=', 'pending')
      .execute();
    assert.ok(pending.length >= 1);
    for (const d of pending) assert.equal(d.nextAttemptAt, HELD_UNTIL);
    const notice = await node.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('accountId', '=', u.accountId)
      .where('type', '=', 'webhook.disabled')
      .execute();
    assert.equal(notice.length, 1);
    assert.equal(JSON.parse(notice[0]!.payload).data.webhookId, stale.id);
    assert.deepEqual(await autoDisableSweep(node.ctx, now), [], 'already disabled: nothing more');
  });
});
