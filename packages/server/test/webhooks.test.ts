import assert from 'node:assert/strict';
import { it } from 'node:test';
import { verifyWebhook, signWebhook } from '@linkwire/webhooks';
import { changePlan } from '../src/accounts/service.js';
import { inTransaction } from '../src/db/transaction.js';
import { HELD_UNTIL } from '../src/delivery/hold.js';
import { RESERVED_HEADERS } from '../src/delivery/request-headers.js';
import { EXAMPLES } from '../src/events/catalog.js';
import { signingSecrets } from '../src/webhooks/secrets.js';
import { describeEachDialect, suiteNode } from './helpers.js';

const HOOK = 'http://127.0.0.1:9/hook';

describeEachDialect('webhook endpoints API', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PLAN_PRO_ENDPOINTS: '50' });

  const create = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/webhooks', token, payload });

  it('creates an endpoint (201, secret once), lists, reads and updates it without the secret', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, {
      url: HOOK,
      events: ['link.click', 'profile.visit', 'link.click'],
      description: 'CRM',
      filter: { 'data.country': 'FR' },
      headers: { 'X-Team': 'growth' },
    });
    assert.equal(res.status, 201, res.raw);
    assert.match(res.body.id, /^wh_/);
    assert.match(res.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(res.body.events, ['link.click', 'profile.visit'], 'deduplicated');
    assert.equal(res.body.timeoutMs, 15_000);
    assert.equal(res.body.enabled, true);
    assert.equal(res.body.status, 'active');
    assert.deepEqual(res.body.filter, { 'data.country': 'FR' });
    assert.deepEqual(res.body.headers, { 'X-Team': 'growth' });
    assert.equal(res.body.disabledReason, null);

    const got = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}`, token: u.apiKey });
    assert.equal(got.status, 200);
    assert.equal('secret' in got.body, false);
    const { secret: _secret, ...withoutSecret } = res.body;
    assert.deepEqual(got.body, withoutSecret);

    const patched = await node.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${res.body.id}`,
      token: u.apiKey,
      payload: { events: ['*', 'link.click'], filter: null, timeoutMs: 5000, description: null },
    });
    assert.equal(patched.status, 200, patched.raw);
    assert.deepEqual(patched.body.events, ['*']);
    assert.equal(patched.body.filter, null);
    assert.equal(patched.body.timeoutMs, 5000);
    assert.equal(patched.body.description, null);
    assert.equal('secret' in patched.body, false);

    const list = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: u.apiKey });
    assert.equal(list.body.data.length, 1);
    assert.equal('secret' in list.body.data[0], false);
    assert.equal(list.body.nextCursor, null);
  });

  it('paginates the list with a cursor, newest first', async () => {
    const u = await node.signup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(u.apiKey, { url: HOOK, events: ['*'], description: `e${i}` })).body.id);
    const first = await node.request({ method: 'GET', url: '/api/v1/webhooks?limit=2', token: u.apiKey });
    const second = await node.request({ method: 'GET', url: `/api/v1/webhooks?limit=2&cursor=${first.body.nextCursor}`, token: u.apiKey });
    const third = await node.request({ method: 'GET', url: `/api/v1/webhooks?limit=2&cursor=${second.body.nextCursor}`, token: u.apiKey });
    assert.deepEqual(
      [...first.body.data, ...second.body.data, ...third.body.data].map((e: any) => e.id),
      ids.reverse(),
    );
    assert.equal(third.body.nextCursor, null);
  });

  it('names every bad field', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, {
      url: 42,
      events: ['link.click', 'link.clik'],
      description: 'x'.repeat(501),
      timeoutMs: 999,
      enabled: 'yes',
      headers: { 'X-Ok': 'fine', 'Bad Name': 'v', Host: 'evil', 'Webhook-Signature': 'v1,forged', 'Proxy-Authorization': 'x', 'X-Crlf': 'a\r\nb' },
      colour: 'red',
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    const fields = res.body.errors.map((e: any) => e.field).sort();
    assert.deepEqual(
      fields,
      [
        'colour',
        'description',
        'enabled',
        'events.1',
        'headers.Bad Name',
        'headers.Host',
        'headers.Proxy-Authorization',
        'headers.Webhook-Signature',
        'headers.X-Crlf',
        'timeoutMs',
        'url',
      ].sort(),
    );
    const empty = await create(u.apiKey, { url: HOOK, events: [] });
    assert.deepEqual(
      empty.body.errors.map((e: any) => e.field),
      ['events'],
    );
    const missing = await create(u.apiKey, {});
    assert.deepEqual(missing.body.errors.map((e: any) => e.field).sort(), ['events', 'url']);
    const tooLong = await create(u.apiKey, { url: HOOK, events: ['*'], timeoutMs: 30_001 });
    assert.deepEqual(
      tooLong.body.errors.map((e: any) => e.field),
      ['timeoutMs'],
    );
    const many = await create(u.apiKey, { url: HOOK, events: ['*'], headers: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`x-h${i}`, 'v'])) });
    assert.deepEqual(
      many.body.errors.map((e: any) => e.field),
      ['headers'],
    );
    for (const name of [
      'Connection',
      'Keep-Alive',
      'Transfer-Encoding',
      'TE',
      'Trailer',
      'Upgrade',
      'Content-Length',
      'Content-Type',
      'User-Agent',
      'webhook-id',
      'Webhook-Timestamp',
    ]) {
      const r = await create(u.apiKey, { url: HOOK, events: ['*'], headers: { [name]: 'x' } });
      assert.deepEqual(
        r.body.errors.map((e: any) => e.field),
        [`headers.${name}`],
        name,
      );
    }
  });

  it('refuses an Expect header (the sender would drop it) and every other header the sender drops, on create and update', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: HOOK, events: ['*'], headers: { 'X-Team': 'growth', Expect: '100-continue' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(res.body.errors, [{ field: 'headers.Expect', message: 'cannot be set: Linkwire sets it, or it is a hop-by-hop header' }]);
    const list = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: u.apiKey });
    assert.equal(list.body.data.length, 0, 'nothing was stored');

    const ok = await create(u.apiKey, { url: HOOK, events: ['*'] });
    assert.equal(ok.status, 201);
    const patch = await node.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${ok.body.id}`,
      token: u.apiKey,
      payload: { headers: { expect: '100-continue' } },
    });
    assert.equal(patch.status, 400);
    assert.deepEqual(
      patch.body.errors.map((e: any) => e.field),
      ['headers.expect'],
    );
    // The API and the sender read one list: whatever the sender would drop, the API refuses.
    for (const name of RESERVED_HEADERS) {
      const r = await create(u.apiKey, { url: HOOK, events: ['*'], headers: { [name]: 'x' } });
      assert.deepEqual(
        r.body.errors.map((e: any) => e.field),
        [`headers.${name}`],
        name,
      );
    }
  });

  it('refuses a bad filter and an unreachable URL, naming them', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, {
      url: 'https://[fd00::1]/x',
      events: ['*'],
      filter: { $and: [{ type: 'link.click' }, { 'data.country': { $in: 'FR' } }] },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(
      res.body.errors.map((e: any) => e.field),
      ['url', 'filter.$and.1.data.country.$in'],
    );
    const created = await create(u.apiKey, { url: HOOK, events: ['*'] });
    const patch = await node.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${created.body.id}`,
      token: u.apiKey,
      payload: { url: 'ftp://example.com', filter: { $nope: 1 } },
    });
    assert.deepEqual(
      patch.body.errors.map((e: any) => e.field),
      ['url', 'filter.$nope'],
    );
  });

  it('stores the secret encrypted: the column does not contain it; GET /secret reveals it', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: HOOK, events: ['*'] });
    const row = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    const raw = res.body.secret.slice('whsec_'.length);
    assert.equal(row.secretEnc.includes(raw), false);
    assert.equal(row.secretEnc.includes(Buffer.from(raw, 'base64').toString('hex')), false);
    assert.match(row.secretEnc, /^v1:/);
    const secret = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}/secret`, token: u.apiKey });
    assert.deepEqual(secret.body, { secret: res.body.secret });
  });

  it('rotates the secret: the old one signs alongside during the grace period, and not with graceHours 0', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: HOOK, events: ['*'] });
    const url = `/api/v1/webhooks/${res.body.id}/rotate-secret`;
    const rotated = await node.request({ method: 'POST', url, token: u.apiKey, payload: { graceHours: 2 } });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, res.body.secret);
    const current = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}/secret`, token: u.apiKey });
    assert.equal(current.body.secret, rotated.body.secret);

    const row = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    const now = Date.now();
    assert.ok(row.previousSecretExpiresAt! > now + 2 * 3_600_000 - 60_000 && row.previousSecretExpiresAt! <= now + 2 * 3_600_000);
    assert.deepEqual(signingSecrets(node.ctx, row, now), [rotated.body.secret, res.body.secret]);
    assert.deepEqual(signingSecrets(node.ctx, row, row.previousSecretExpiresAt!), [rotated.body.secret], 'after the grace period');

    // A receiver on either secret verifies a request signed with both (space-separated signatures).
    const body = JSON.stringify({
      id: 'evt_1',
      type: 'domain.verified',
      timestamp: new Date().toISOString(),
      accountId: u.accountId,
      data: { domain: 'x.example' },
    });
    const timestamp = Math.floor(now / 1000);
    const signature = signingSecrets(node.ctx, row, now)
      .map((secret) => signWebhook({ id: 'evt_1', timestamp, body, secret }))
      .join(' ');
    const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    for (const secret of [res.body.secret, rotated.body.secret]) assert.equal(verifyWebhook(body, headers, secret).type, 'domain.verified');

    const noGrace = await node.request({ method: 'POST', url, token: u.apiKey, payload: { graceHours: 0 } });
    const after0 = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.equal(after0.previousSecretEnc, null);
    assert.deepEqual(signingSecrets(node.ctx, after0), [noGrace.body.secret]);

    const defaulted = await node.request({ method: 'POST', url, token: u.apiKey });
    assert.equal(defaulted.status, 200);
    const afterDefault = await node.ctx.db.selectFrom('webhooks').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.ok(afterDefault.previousSecretExpiresAt! - Date.now() > 23.9 * 3_600_000, 'grace defaults to 24 h');

    const bad = await node.request({ method: 'POST', url, token: u.apiKey, payload: { graceHours: 169 } });
    assert.deepEqual(
      bad.body.errors.map((e: any) => e.field),
      ['graceHours'],
    );
  });

  it('PATCH enabled:false holds pending deliveries; enabled:true clears the failure state and resumes them', async () => {
    const u = await node.signup();
    const wh = (await create(u.apiKey, { url: HOOK, events: ['domain.verified'] })).body;
    await inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'a.example' }));
    const off = await node.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey, payload: { enabled: false } });
    assert.equal(off.body.status, 'disabled');
    assert.equal(off.body.enabled, false);
    assert.ok(off.body.disabledAt);
    let dlv = await node.ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', wh.id).executeTakeFirstOrThrow();
    assert.equal(dlv.status, 'pending');
    assert.equal(dlv.nextAttemptAt, HELD_UNTIL);

    // As the delivery engine leaves it after an auto-disable.
    await node.ctx.db
      .updateTable('webhooks')
      .set({ disabledReason: 'No successful delivery for 72 h', failingSince: Date.now() - 1000 })
      .where('id', '=', wh.id)
      .execute();
    const on = await node.request({ method: 'PATCH', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey, payload: { enabled: true } });
    assert.equal(on.body.status, 'active');
    assert.equal(on.body.disabledReason, null);
    assert.equal(on.body.disabledAt, null);
    const row = await node.ctx.db.selectFrom('webhooks').select(['failingSince', 'enabled']).where('id', '=', wh.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { failingSince: null, enabled: 1 });
    dlv = await node.ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', wh.id).executeTakeFirstOrThrow();
    assert.ok(dlv.nextAttemptAt <= Date.now());

    await node.ctx.db.updateTable('webhooks').set({ failingSince: Date.now() }).where('id', '=', wh.id).execute();
    const failing = await node.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey });
    assert.equal(failing.body.status, 'failing');
  });

  it('DELETE soft-deletes (204, then 404) and cancels pending deliveries, keeping finished ones', async () => {
    const u = await node.signup();
    const wh = (await create(u.apiKey, { url: HOOK, events: ['domain.verified'] })).body;
    await inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'a.example' }));
    await inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'b.example' }));
    const [first] = await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', wh.id).orderBy('id').execute();
    await node.ctx.db.updateTable('deliveries').set({ status: 'succeeded' }).where('id', '=', first!.id).execute();

    const del = await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey });
    assert.equal(del.status, 204);
    const rows = await node.ctx.db.selectFrom('deliveries').select(['id', 'status']).where('webhookId', '=', wh.id).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => r.status),
      ['succeeded', 'cancelled'],
    );
    const row = await node.ctx.db.selectFrom('webhooks').select('deletedAt').where('id', '=', wh.id).executeTakeFirstOrThrow();
    assert.ok(row.deletedAt);
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey })).status, 404);
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${wh.id}`, token: u.apiKey })).status, 404);
    const list = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: u.apiKey });
    assert.equal(list.body.data.length, 0);
    // A deleted endpoint receives nothing new.
    const ev = await inTransaction(node.ctx.db, (tx) =>
      node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'c.example' }),
    );
    assert.equal(ev.deliveries, 0);
  });

  it("another account's webhook ids are 404 on every route", async () => {
    const owner = await node.signup();
    const other = await node.signup();
    const wh = (await create(owner.apiKey, { url: HOOK, events: ['*'] })).body;
    const routes: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/webhooks/${wh.id}`],
      ['PATCH', `/api/v1/webhooks/${wh.id}`, { description: 'mine now' }],
      ['PATCH', `/api/v1/webhooks/${wh.id}`, { url: 'ftp://invalid' }],
      ['DELETE', `/api/v1/webhooks/${wh.id}`],
      ['GET', `/api/v1/webhooks/${wh.id}/secret`],
      ['POST', `/api/v1/webhooks/${wh.id}/rotate-secret`, {}],
      ['POST', `/api/v1/webhooks/${wh.id}/test`, {}],
    ];
    for (const [method, url, payload] of routes) {
      const res = await node.request({ method: method as any, url, token: other.apiKey, ...(payload ? { payload } : {}) });
      assert.equal(res.status, 404, `${method} ${url}`);
      assert.equal(res.body.type, 'https://linkwire.dev/problems/not_found');
    }
    const list = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: other.apiKey });
    assert.deepEqual(list.body.data, []);
    const still = await node.request({ method: 'GET', url: `/api/v1/webhooks/${wh.id}`, token: owner.apiKey });
    assert.equal(still.body.description, null);
    assert.equal(still.status, 200);
  });

  it('fan-out applies each endpoint filter and subscription', async () => {
    const u = await node.signup();
    const fr = (await create(u.apiKey, { url: HOOK, events: ['link.click'], filter: { 'data.country': 'FR' } })).body;
    const lnk = (await create(u.apiKey, { url: HOOK, events: ['*'], filter: { type: 'link.click', 'data.linkId': { $in: ['lnk_1', 'lnk_2'] } } })).body;
    const all = (await create(u.apiKey, { url: HOOK, events: ['link.click'] })).body;
    const off = (await create(u.apiKey, { url: HOOK, events: ['link.click'], enabled: false })).body;
    const click = (data: Partial<(typeof EXAMPLES)['link.click']>) =>
      inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'link.click', { ...EXAMPLES['link.click'], ...data }));
    const targets = async (eventId: string) =>
      (await node.ctx.db.selectFrom('deliveries').select('webhookId').where('eventId', '=', eventId).execute()).map((d) => d.webhookId).sort();

    const a = await click({ country: 'FR', linkId: 'lnk_9' });
    assert.deepEqual(await targets(a.id), [fr.id, all.id].sort());
    const b = await click({ country: 'DE', linkId: 'lnk_2' });
    assert.deepEqual(await targets(b.id), [lnk.id, all.id].sort());
    const c = await inTransaction(node.ctx.db, (tx) =>
      node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'x.example' }),
    );
    assert.deepEqual(await targets(c.id), []);
    assert.equal((await targets(a.id)).includes(off.id), false);
  });
});

describeEachDialect('webhook plan limits and usage', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PLAN_PRO_DELIVERIES_24H: '3', LINKWIRE_PLAN_PRO_TEST_SENDS_1H: '2' });

  const create = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/webhooks', token, payload });

  it('the 4th delivery in 24 h is recorded as quota_exceeded, not sent nor dropped; test sends do not count', async () => {
    const u = await node.signup();
    const wh = (await create(u.apiKey, { url: HOOK, events: ['domain.verified'] })).body;
    const test = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey, payload: { event: 'domain.verified' } });
    assert.equal(test.status, 202);
    const queued: number[] = [];
    for (let i = 0; i < 5; i++)
      queued.push(
        (
          await inTransaction(node.ctx.db, (tx) =>
            node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: `d${i}.example` }),
          )
        ).deliveries,
      );
    assert.deepEqual(queued, [1, 1, 1, 0, 0]);
    const rows = await node.ctx.db.selectFrom('deliveries').select(['status', 'isTest', 'lastError']).where('webhookId', '=', wh.id).orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => [r.status, r.isTest]),
      [
        ['pending', 1],
        ['pending', 0],
        ['pending', 0],
        ['pending', 0],
        ['quota_exceeded', 0],
        ['quota_exceeded', 0],
      ],
    );
    assert.match(rows[4]!.lastError!, /3-deliveries-per-24-hours/);
    const usage = await node.request({ method: 'GET', url: '/api/v1/usage', token: u.apiKey });
    assert.deepEqual(usage.body, { endpoints: { used: 1, limit: 3 }, deliveries24h: { used: 3, limit: 3 }, testSends1h: { used: 1, limit: 2 } });
  });

  it('creating more endpoints than the plan allows is 403 naming the limit', async () => {
    const u = await node.signup();
    for (let i = 0; i < 3; i++) assert.equal((await create(u.apiKey, { url: HOOK, events: ['*'] })).status, 201);
    const res = await create(u.apiKey, { url: HOOK, events: ['*'] });
    assert.equal(res.status, 403);
    assert.equal(res.body.type, 'https://linkwire.dev/problems/limit_reached');
    assert.equal(res.body.limit, 'endpoints');
    assert.equal(res.body.max, 3);
    // Deleting one makes room again.
    const list = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: u.apiKey });
    await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${list.body.data[0].id}`, token: u.apiKey });
    assert.equal((await create(u.apiKey, { url: HOOK, events: ['*'] })).status, 201);
  });

  it('concurrent requests never go past the endpoints and test-send limits', async () => {
    // Each check counts then inserts; on PostgreSQL two transactions of one account could both count
    // 2 of 3 and both insert, unless the account row is locked first.
    const u = await node.signup();
    const created = await Promise.all(Array.from({ length: 6 }, () => create(u.apiKey, { url: HOOK, events: ['*'] })));
    assert.deepEqual(created.map((r) => r.status).sort(), [201, 201, 201, 403, 403, 403]);
    const id = created.find((r) => r.status === 201)!.body.id;
    const sent = await Promise.all(Array.from({ length: 5 }, () => node.request({ method: 'POST', url: `/api/v1/webhooks/${id}/test`, token: u.apiKey })));
    assert.deepEqual(sent.map((r) => r.status).sort(), [202, 202, 429, 429, 429]);
  });

  it('test sends: 202 with a delivery of the example event, 429 + Retry-After past the hourly limit, 409 when disabled', async () => {
    const u = await node.signup();
    const wh = (await create(u.apiKey, { url: HOOK, events: ['subscriber.new'], filter: { 'data.email': 'nobody@example.com' } })).body;
    const first = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey });
    assert.equal(first.status, 202, first.raw);
    assert.match(first.body.deliveryId, /^dlv_/);
    const dlv = await node.ctx.db.selectFrom('deliveries').selectAll().where('id', '=', first.body.deliveryId).executeTakeFirstOrThrow();
    assert.equal(dlv.isTest, 1);
    assert.equal(dlv.status, 'pending');
    assert.equal(dlv.eventType, 'subscriber.new', 'the first subscribed type, despite the filter');
    const event = await node.ctx.db.selectFrom('events').select('payload').where('id', '=', dlv.eventId).executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(event.payload).data, EXAMPLES['subscriber.new']);

    const second = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey, payload: { event: 'link.click' } });
    assert.equal(second.status, 202);
    const third = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey });
    assert.equal(third.status, 429);
    assert.equal(third.body.limit, 'testSends1h');
    assert.equal(third.body.max, 2);
    const retryAfter = Number(third.headers['retry-after']);
    assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${retryAfter}`);

    const badType = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey, payload: { event: 'nope' } });
    assert.deepEqual(
      badType.body.errors.map((e: any) => e.field),
      ['event'],
    );

    const u2 = await node.signup();
    const off = (await create(u2.apiKey, { url: HOOK, events: ['*'], enabled: false })).body;
    const disabled = await node.request({ method: 'POST', url: `/api/v1/webhooks/${off.id}/test`, token: u2.apiKey });
    assert.equal(disabled.status, 409);
    assert.match(disabled.body.detail, /"enabled": true/);
  });

  it('the free plan gets a 403 "Pro feature" for endpoints and test sends; usage shows zero limits', async () => {
    const u = await node.signup();
    const wh = (await create(u.apiKey, { url: HOOK, events: ['*'] })).body;
    await changePlan(node.ctx, u.accountId, 'free');
    const res = await create(u.apiKey, { url: HOOK, events: ['*'] });
    assert.equal(res.status, 403);
    assert.equal(res.body.limit, 'endpoints');
    assert.match(res.body.detail, /Pro feature/);
    assert.match(res.body.detail, /[Uu]pgrade/);
    const test = await node.request({ method: 'POST', url: `/api/v1/webhooks/${wh.id}/test`, token: u.apiKey });
    assert.equal(test.status, 403);
    const usage = await node.request({ method: 'GET', url: '/api/v1/usage', token: u.apiKey });
    assert.deepEqual(usage.body, { endpoints: { used: 1, limit: 0 }, deliveries24h: { used: 0, limit: 0 }, testSends1h: { used: 0, limit: 0 } });
    // With a 0 quota, events still leave a visible quota_exceeded record for the endpoint.
    const ev = await inTransaction(node.ctx.db, (tx) =>
      node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'f.example' }),
    );
    const row = await node.ctx.db.selectFrom('deliveries').select('status').where('eventId', '=', ev.id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'quota_exceeded');
  });

  it('business plan: unlimited deliveries and null limits in usage', async () => {
    const u = await node.signup();
    await changePlan(node.ctx, u.accountId, 'business');
    await create(u.apiKey, { url: HOOK, events: ['domain.verified'] });
    for (let i = 0; i < 5; i++)
      await inTransaction(node.ctx.db, (tx) =>
        node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: `b${i}.example` }),
      );
    const usage = await node.request({ method: 'GET', url: '/api/v1/usage', token: u.apiKey });
    assert.deepEqual(usage.body, { endpoints: { used: 1, limit: 25 }, deliveries24h: { used: 5, limit: null }, testSends1h: { used: 0, limit: 100 } });
  });
});
