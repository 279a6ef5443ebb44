import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { LOGIN_WINDOW_MS, login } from '../src/accounts/service.js';
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
    assert.deepEqual(report, { attempts: 2, deliveries: 2, events: 2, sessions: 0, loginFailures: 0 });
    const deliveries = await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', wh.id).execute();
    assert.deepEqual(deliveries.map((d) => d.id).sort(), [oldHeld.deliveryId, recent.deliveryId].sort());
    const events = await node.ctx.db.selectFrom('events').select('id').where('accountId', '=', u.accountId).execute();
    assert.ok(!events.some((e) => e.id === old.eventId || e.id === oldFailed.eventId));
    assert.ok(events.some((e) => e.id === oldHeld.eventId) && events.some((e) => e.id === recent.eventId));
    const attempts = await node.ctx.db.selectFrom('attempts').select('deliveryId').where('accountId', '=', u.accountId).execute();
    assert.deepEqual(attempts.map((a) => a.deliveryId).sort(), [oldHeld.deliveryId, recent.deliveryId].sort());
    // A second run has nothing left to do.
    assert.deepEqual(await purgeHistory(node.ctx.db, node.config.retentionDays, now, false), {
      attempts: 0,
      deliveries: 0,
      events: 0,
      sessions: 0,
      loginFailures: 0,
    });
  });

  it('purges expired sessions and login failures older than the login throttle window, keeping the rest', async () => {
    const u = await node.signup();
    const now = Date.now();
    await node.ctx.db.deleteFrom('sessions').execute();
    await node.ctx.db.deleteFrom('loginFailures').execute();
    const session = (tokenHash: string, expiresAt: number) => ({ tokenHash, accountId: u.accountId, createdAt: expiresAt - 30 * DAY, expiresAt });
    await node.ctx.db
      .insertInto('sessions')
      .values([session('expired-long-ago', now - 10 * DAY), session('expires-now', now), session('live', now + 1), session('fresh', now + 29 * DAY)])
      .execute();
    const failure = (at: number) => ({ id: idBefore('lf', at) + newId('lf').slice(-16), email: u.email, clientHash: 'client-a', createdAt: at });
    const outside = [failure(now - DAY), failure(now - LOGIN_WINDOW_MS - 1)];
    const inside = [failure(now - LOGIN_WINDOW_MS + 1_000), failure(now - 1_000)];
    await node.ctx.db
      .insertInto('loginFailures')
      .values([...outside, ...inside])
      .execute();

    const report = await purgeHistory(node.ctx.db, node.config.retentionDays, now, false);
    assert.equal(report.sessions, 2);
    assert.equal(report.loginFailures, 2);
    const sessions = await node.ctx.db.selectFrom('sessions').select('tokenHash').execute();
    assert.deepEqual(sessions.map((s) => s.tokenHash).sort(), ['fresh', 'live']);
    const failures = await node.ctx.db.selectFrom('loginFailures').select('id').execute();
    assert.deepEqual(failures.map((f) => f.id).sort(), inside.map((f) => f.id).sort());
    const again = await purgeHistory(node.ctx.db, node.config.retentionDays, now, false);
    assert.equal(again.sessions + again.loginFailures, 0, 'a second run has nothing left to do');
  });

  it('a purge right after ten failed logins leaves the login throttle engaged', async () => {
    const u = await node.signup();
    const client = { clientHash: `client-${u.accountId}`, country: null };
    for (let i = 0; i < 10; i++) {
      await assert.rejects(login(node.ctx, u.email, 'not the password', client), (err: any) => err.status === 401);
    }
    await purgeHistory(node.ctx.db, node.config.retentionDays, Date.now(), false);
    const kept = await node.ctx.db.selectFrom('loginFailures').select('id').where('email', '=', u.email).execute();
    assert.equal(kept.length, 10, 'every failure is inside the window and kept');
    await assert.rejects(login(node.ctx, u.email, 'correct horse battery', client), (err: any) => err.status === 429);
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
