import assert from 'node:assert/strict';
import { it } from 'node:test';
import { changePlan } from '../src/accounts/service.js';
import { inTransaction } from '../src/db/transaction.js';
import { EXAMPLES } from '../src/events/catalog.js';
import { VALIDATED_IN_PRODUCTION, validationSampler } from '../src/events/emit.js';
import { describeEachDialect, suiteNode } from './helpers.js';

describeEachDialect('transactional outbox', (dialect) => {
  const node = suiteNode(dialect);

  it('an event committed with its cause is stored with its exact envelope', async () => {
    const u = await node.signup();
    const event = await inTransaction(node.ctx.db, (tx) =>
      node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: 'links.example.com' }),
    );
    const row = await node.ctx.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    const envelope = JSON.parse(row.payload);
    assert.deepEqual(Object.keys(envelope), ['id', 'type', 'timestamp', 'accountId', 'data']);
    assert.equal(envelope.id, event.id);
    assert.equal(envelope.accountId, u.accountId);
    assert.deepEqual(envelope.data, { ...EXAMPLES['domain.verified'], domain: 'links.example.com' });
    // The stored text is exactly JSON.stringify of the envelope object, byte for byte what is sent.
    assert.equal(
      row.payload,
      JSON.stringify({ id: event.id, type: 'domain.verified', timestamp: new Date(row.createdAt).toISOString(), accountId: u.accountId, data: envelope.data }),
    );
  });

  it('nothing is emitted for a change that rolls back', async () => {
    const u = await node.signup();
    await assert.rejects(
      inTransaction(node.ctx.db, async (tx) => {
        await tx.updateTable('accounts').set({ plan: 'business' }).where('id', '=', u.accountId).execute();
        await node.ctx.outbox.emit(tx, u.accountId, 'account.upgraded', { fromPlan: 'pro', toPlan: 'business' });
        throw new Error('the cause failed');
      }),
      /the cause failed/,
    );
    const events = await node.ctx.db.selectFrom('events').select('type').where('accountId', '=', u.accountId).where('type', '=', 'account.upgraded').execute();
    assert.equal(events.length, 0);
    const account = await node.ctx.db.selectFrom('accounts').select('plan').where('id', '=', u.accountId).executeTakeFirstOrThrow();
    assert.equal(account.plan, 'pro');
  });

  it('refuses data that does not match the catalog (and rolls the cause back)', async () => {
    const u = await node.signup();
    await assert.rejects(
      inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { domian: 'typo' } as never)),
      /does not match the catalog/,
    );
  });

  it('plan changes emit account.upgraded and account.downgraded', async () => {
    const u = await node.signup();
    await changePlan(node.ctx, u.accountId, 'business');
    await changePlan(node.ctx, u.accountId, 'free');
    const res = await node.request({ method: 'GET', url: '/api/v1/events', token: u.apiKey });
    const planEvents = res.body.data.filter((e: any) => e.type.startsWith('account.'));
    assert.deepEqual(
      planEvents.map((e: any) => [e.type, e.data]),
      [
        ['account.upgraded', { fromPlan: 'pro', toPlan: 'business' }],
        ['account.downgraded', { fromPlan: 'business', toPlan: 'free' }],
      ],
    );
  });

  it('GET /events pages through the log in order with a cursor and filters by type and time', async () => {
    const u = await node.signup();
    await inTransaction(node.ctx.db, async (tx) => {
      for (let i = 0; i < 5; i++) await node.ctx.outbox.emit(tx, u.accountId, 'integration.connected', { integration: `i${i}`, integrationId: `wh_${i}` });
    });
    const first = await node.request({ method: 'GET', url: '/api/v1/events?type=integration.connected&limit=3', token: u.apiKey });
    assert.equal(first.body.data.length, 3);
    assert.ok(first.body.nextCursor);
    const second = await node.request({
      method: 'GET',
      url: `/api/v1/events?type=integration.connected&limit=3&cursor=${first.body.nextCursor}`,
      token: u.apiKey,
    });
    assert.deepEqual(
      [...first.body.data, ...second.body.data].map((e: any) => e.data.integration),
      ['i0', 'i1', 'i2', 'i3', 'i4'],
    );
    assert.equal(second.body.nextCursor, null);
    const future = await node.request({ method: 'GET', url: '/api/v1/events?since=2999-01-01T00:00:00Z', token: u.apiKey });
    assert.equal(future.body.data.length, 0);
    const bad = await node.request({ method: 'GET', url: '/api/v1/events?type=nope&since=yesterday', token: u.apiKey });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['since', 'type']);
  });

  it('GET /event-types serves every type with a JSON Schema and an example that satisfies it', async () => {
    const u = await node.signup();
    const res = await node.request({ method: 'GET', url: '/api/v1/event-types', token: u.apiKey });
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 31);
    const click = res.body.find((t: any) => t.type === 'link.click');
    assert.equal(click.schema.type, 'object');
    assert.ok(click.schema.required.includes('source'));
    assert.deepEqual(click.example, EXAMPLES['link.click']);
  });
});

describeEachDialect('emitMany: a batch of events in one fan-out', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PLAN_PRO_DELIVERIES_24H: '5' });

  async function endpoint(apiKey: string, body: Record<string, unknown>) {
    const res = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: apiKey, payload: { url: 'http://127.0.0.1:9/hook', ...body } });
    assert.equal(res.status, 201, res.raw);
    return res.body.id as string;
  }

  it('writes every event in order, fans out per account and filter, and applies the quota across the batch', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const allA = await endpoint(a.apiKey, { events: ['*'] });
    const frOnlyA = await endpoint(a.apiKey, { events: ['link.click'], filter: { 'data.country': 'FR' } });
    const domainsB = await endpoint(b.apiKey, { events: ['domain.verified'] });
    // Sign-up/endpoint set-up emitted nothing that matches yet; start from a clean count.
    const inputs = [
      { accountId: a.accountId, type: 'link.click' as const, data: { ...EXAMPLES['link.click'], country: 'FR' } },
      { accountId: b.accountId, type: 'domain.verified' as const, data: { ...EXAMPLES['domain.verified'], domain: 'b.example.com' } },
      { accountId: a.accountId, type: 'link.click' as const, data: { ...EXAMPLES['link.click'], country: 'DE' } },
      { accountId: b.accountId, type: 'integration.connected' as const, data: { integration: 'slack', integrationId: 'wh_test' } },
      { accountId: a.accountId, type: 'link.click' as const, data: { ...EXAMPLES['link.click'], country: 'FR' } },
      { accountId: a.accountId, type: 'domain.verified' as const, data: { ...EXAMPLES['domain.verified'], domain: 'a.example.com' } },
    ];
    const events = await inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emitMany(tx, inputs));
    assert.deepEqual(
      events.map((e) => e.type),
      inputs.map((i) => i.type),
    );
    assert.deepEqual(
      [...events.map((e) => e.id)].sort(),
      events.map((e) => e.id),
    ); // ids sort in input order
    // a: FR click → 2, DE click → 1, FR click → 2 (quota of 5 now used up), domain → 1 over quota.
    assert.deepEqual(
      events.map((e) => e.deliveries),
      [2, 1, 1, 0, 2, 0],
    );
    const rows = await node.ctx.db
      .selectFrom('deliveries')
      .select(['webhookId', 'eventId', 'status'])
      .where(
        'eventId',
        'in',
        events.map((e) => e.id),
      )
      .orderBy('id')
      .execute();
    const byWebhook = (id: string) => rows.filter((r) => r.webhookId === id).map((r) => r.status);
    assert.deepEqual(byWebhook(frOnlyA), ['pending', 'pending']);
    assert.deepEqual(byWebhook(allA), ['pending', 'pending', 'pending', 'quota_exceeded']);
    assert.deepEqual(byWebhook(domainsB), ['pending']);
    const stored = await node.ctx.db
      .selectFrom('events')
      .select(['id', 'payload'])
      .where(
        'id',
        'in',
        events.map((e) => e.id),
      )
      .orderBy('id')
      .execute();
    assert.deepEqual(
      stored.map((r) => JSON.parse(r.payload).type),
      inputs.map((i) => i.type),
    );
  });
});

it('event data is zod-checked on every emit outside production, on the first 1 000 per type in production', () => {
  const always = validationSampler(false);
  for (let i = 0; i < 2 * VALIDATED_IN_PRODUCTION; i++) assert.equal(always('link.click'), true);
  const sampled = validationSampler(true);
  for (let i = 0; i < VALIDATED_IN_PRODUCTION; i++) assert.equal(sampled('link.click'), true, `link.click #${i + 1}`);
  assert.equal(sampled('link.click'), false);
  assert.equal(sampled('profile.visit'), true, 'counted per type');
});
