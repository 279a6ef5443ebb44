import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@linkwire/test-kit';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { EXPIRED_FOR_SINK } from '../src/delivery/sinks/dispatch.js';
import { type Envelope, mappingTable, posthogUuid, toGa4, toPosthog, toSegment } from '../src/delivery/sinks/mapping.js';
import { EXAMPLES, EVENT_TYPES } from '../src/events/catalog.js';
import { startFakeGa4, validateGa4, type FakeGa4 } from './fakes/ga4.js';
import type { FakeServer } from './fakes/http.js';
import { startFakePosthog } from './fakes/posthog.js';
import { startFakeSegment } from './fakes/segment.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

const WRITE_KEY = 'seg_write_key_0123456789';
const POSTHOG_KEY = 'phc_project_key_0123456789';
const HOUR = 3_600_000;

const clickEnvelope: Envelope = {
  id: 'evt_01jqa7z0000000000000000000',
  type: 'link.click',
  timestamp: '2026-03-25T14:32:01.123Z',
  data: EXAMPLES['link.click'],
};

describe('analytics sink mappings (golden)', () => {
  it('maps link.click onto GA4 with stable names, snake-case params, no e-mail and no visitor id among the params', () => {
    assert.deepEqual(toGa4(clickEnvelope), {
      clientId: 'v_3f9a1c7e52b04d8a',
      timestampMicros: Date.parse('2026-03-25T14:32:01.123Z') * 1000,
      event: {
        name: 'linkwire_link_click',
        params: {
          linkwire_event_id: 'evt_01jqa7z0000000000000000000',
          engagement_time_msec: 1,
          profile_code: 'ada',
          link_id: 'lnk_01jqa7m3yb8w5k2n4p6r8t0v2x',
          type: 'link',
          title: 'My new single',
          url: 'https://music.example.com/new-single',
          slug: 'new-single',
          source: 'profile',
          referer: 'https://www.instagram.com/',
          country: 'FR',
          city: 'Paris',
          device: 'mobile',
          browser: 'Safari',
          os: 'iOS',
          utm_source: 'instagram',
          utm_medium: 'social',
          utm_campaign: 'spring',
        },
      },
    });
  });

  it('maps link.click onto Segment (messageId = event id) and PostHog (uuid derived from the event id)', () => {
    const segment = toSegment(clickEnvelope);
    assert.equal(segment.event, 'Link Clicked');
    assert.equal(segment.messageId, clickEnvelope.id);
    assert.equal(segment.anonymousId, 'v_3f9a1c7e52b04d8a');
    assert.deepEqual(segment.context, { library: { name: 'linkwire' }, campaign: { source: 'instagram', medium: 'social', name: 'spring' } });
    const posthog = toPosthog(clickEnvelope) as any;
    assert.equal(posthog.event, 'link clicked');
    assert.equal(posthog.uuid, posthogUuid(clickEnvelope.id));
    assert.match(posthog.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(posthogUuid('evt_a'), posthogUuid('evt_b'));
    assert.equal(posthog.properties.$process_person_profile, false);
    assert.equal(posthog.properties.visitorId, undefined);
  });

  it('never forwards a subscriber e-mail', () => {
    const envelope: Envelope = { id: 'evt_s', type: 'subscriber.new', timestamp: clickEnvelope.timestamp, data: EXAMPLES['subscriber.new'] };
    for (const mapped of [toGa4(envelope).event.params, toSegment(envelope).properties, (toPosthog(envelope) as any).properties]) {
      assert.ok(!JSON.stringify(mapped).includes('fan@example.com'));
    }
  });

  it('gives every catalog type a GA4 name and params the validation rules accept', () => {
    const table = mappingTable();
    assert.equal(table.length, EVENT_TYPES.length);
    assert.equal(table.find((r) => r.type === 'profile.visit')?.ga4, 'linkwire_profile_visit');
    assert.equal(table.find((r) => r.type === 'qr.scanned')?.ga4, 'linkwire_qr_scanned');
    assert.equal(table.find((r) => r.type === 'subscriber.new')?.ga4, 'linkwire_subscriber_new');
    for (const type of EVENT_TYPES) {
      const ga4 = toGa4({ id: 'evt_x', type, timestamp: clickEnvelope.timestamp, data: EXAMPLES[type] as Record<string, unknown> });
      const body = JSON.stringify({ client_id: ga4.clientId, events: [ga4.event] });
      assert.deepEqual(validateGa4(new URLSearchParams({ measurement_id: 'G-TEST1234' }), body), [], type);
    }
  });

  it('cuts long values to GA4’s 100 characters', () => {
    const long = { ...clickEnvelope, data: { ...clickEnvelope.data, title: 'é'.repeat(300) } };
    assert.equal(String(toGa4(long).event.params.title).length, 100);
  });
});

describeEachDialect('analytics sinks', (dialect) => {
  let node: TestNode;
  let ga4: FakeGa4;
  let segment: FakeServer;
  let posthog: FakeServer;
  let dispatcher: Dispatcher | null = null;

  before(async () => {
    ga4 = await startFakeGa4();
    segment = await startFakeSegment(WRITE_KEY);
    posthog = await startFakePosthog(POSTHOG_KEY);
    node = await createTestNode(dialect, { LINKWIRE_GA4_ENDPOINT: ga4.url });
  });
  after(async () => {
    await dispatcher?.stop();
    await node.close();
    await Promise.all([ga4.close(), segment.close(), posthog.close()]);
  });

  const startDispatcher = () => {
    dispatcher ??= new Dispatcher(node.ctx, { pollMs: 20, flushMs: 10 });
    return dispatcher;
  };
  const stopDispatcher = async () => {
    await dispatcher?.stop();
    dispatcher = null;
  };

  const connectGa4 = (apiKey: string, events: string[] = ['link.click']) =>
    node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: apiKey,
      payload: { provider: 'ga4', events, measurementId: 'G-TEST1234', apiSecret: 'ga4-secret-abcdef123456' },
    });

  const emitClicks = (accountId: string, count: number, now?: number) =>
    inTransaction(node.ctx.db, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++)
        ids.push((await node.ctx.outbox.emit(tx, accountId, 'link.click', { ...EXAMPLES['link.click'], title: `Click ${i}` }, { now })).id);
      return ids;
    });

  it('connects GA4 after the validation server accepts the mapped sample; credentials are masked, the connection audited and announced', async () => {
    const u = await node.signup();
    const before = ga4.requests.length;
    const res = await connectGa4(u.apiKey);
    assert.equal(res.status, 201, res.raw);
    assert.equal(res.body.provider, 'ga4');
    assert.deepEqual(res.body.settings, { measurementId: 'G-TEST1234' });
    assert.deepEqual(res.body.credentials, { apiSecret: '••••3456' });
    assert.ok(!res.raw.includes('ga4-secret-abcdef123456'));
    const paths = ga4.requests.slice(before).map((r) => r.path);
    assert.deepEqual(paths, ['/debug/mp/collect', '/mp/collect']);
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=integration.connected', token: u.apiKey });
    assert.deepEqual(
      events.body.data.map((e: any) => e.data),
      [{ integration: 'ga4', integrationId: res.body.id }],
    );
    const audit = await node.ctx.db
      .selectFrom('auditLog')
      .selectAll()
      .where('accountId', '=', u.accountId)
      .where('action', '=', 'integration.connected')
      .execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit).includes('ga4-secret'));
    const stored = await node.ctx.db.selectFrom('integrations').select('credentialsEnc').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.ok(!stored.credentialsEnc.includes('ga4-secret'));
    // The sink is not an endpoint of the webhooks API.
    const hooks = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: u.apiKey });
    assert.deepEqual(hooks.body.data, []);
    const one = await node.request({ method: 'GET', url: `/api/v1/integrations/${res.body.id}`, token: u.apiKey });
    assert.equal(one.status, 200);
    assert.equal(one.body.credentials.apiSecret, '••••3456');
  });

  it('refuses a bad credential at connect with a 400 naming the field', async () => {
    const u = await node.signup();
    const badGa4 = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'ga4', events: ['link.click'], measurementId: 'UA-1234-1', apiSecret: 'x' },
    });
    assert.equal(badGa4.status, 400);
    assert.equal(badGa4.body.errors[0].field, 'measurementId');
    const badSegment = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'segment', events: ['*'], writeKey: 'not-the-key', apiHost: segment.url },
    });
    assert.equal(badSegment.status, 400, badSegment.raw);
    assert.equal(badSegment.body.errors[0].field, 'writeKey');
    const badPosthog = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'posthog', events: ['*'], apiKey: 'phc_wrong', host: posthog.url },
    });
    assert.equal(badPosthog.status, 400, badPosthog.raw);
    assert.equal(badPosthog.body.errors[0].field, 'apiKey');
    // A user-given host passes the SSRF guard like any endpoint URL.
    const privateHost = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'posthog', events: ['*'], apiKey: POSTHOG_KEY, host: 'http://10.1.2.3' },
    });
    assert.equal(privateHost.status, 400, privateHost.raw);
    assert.equal(privateHost.body.errors[0].field, 'host');
    const unknown = await node.request({ method: 'POST', url: '/api/v1/integrations', token: u.apiKey, payload: { provider: 'mixpanel', events: ['*'] } });
    assert.equal(unknown.status, 400);
    const list = await node.request({ method: 'GET', url: '/api/v1/integrations', token: u.apiKey });
    assert.deepEqual(list.body.data, []);
    const connected = await node.request({ method: 'GET', url: '/api/v1/events?type=integration.connected', token: u.apiKey });
    assert.deepEqual(connected.body.data, []);
  });

  it('sends 60 clicks of one visitor to GA4 in 3 requests (25, 25, 10), each an attempt in every delivery’s history', async () => {
    const u = await node.signup();
    const sink = await connectGa4(u.apiKey);
    const before = ga4.collected().length;
    const eventIds = await emitClicks(u.accountId, 60);
    startDispatcher();
    await waitFor('60 GA4 deliveries succeeded', async () => {
      const rows = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', sink.body.webhookId).execute();
      return rows.length === 60 && rows.every((r) => r.status === 'succeeded');
    });
    await stopDispatcher();
    const requests = ga4.collected().slice(before);
    assert.deepEqual(
      requests.map((r) => r.body.events.length),
      [25, 25, 10],
    );
    for (const r of requests) {
      assert.equal(r.query.get('measurement_id'), 'G-TEST1234');
      assert.equal(r.query.get('api_secret'), 'ga4-secret-abcdef123456');
      assert.ok(Buffer.byteLength(r.raw) < 130_000);
      assert.deepEqual(validateGa4(r.query, r.raw), []);
      assert.equal(r.body.client_id, 'v_3f9a1c7e52b04d8a');
    }
    const sent = requests.flatMap((r) => r.body.events);
    assert.ok(sent.every((e: any) => e.name === 'linkwire_link_click'));
    assert.deepEqual(sent.map((e: any) => e.params.linkwire_event_id).sort(), [...eventIds].sort());
    const deliveries = await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', sink.body.webhookId).execute();
    const attempts = await node.ctx.db
      .selectFrom('attempts')
      .select(['deliveryId', 'statusCode', 'requestHeaders'])
      .where(
        'deliveryId',
        'in',
        deliveries.map((d) => d.id),
      )
      .execute();
    assert.equal(attempts.length, 60);
    assert.ok(attempts.every((a) => a.statusCode === 204));
    assert.ok(attempts.every((a) => !a.requestHeaders.includes('ga4-secret')));
    const history = await node.request({ method: 'GET', url: `/api/v1/deliveries/${deliveries[0]!.id}`, token: u.apiKey });
    assert.equal(history.status, 200, history.raw);
  });

  it('sends 60 clicks arriving one commit at a time over 3 s in 3 GA4 requests too (the sink waits for a fuller batch)', async () => {
    const u = await node.signup();
    const sink = await connectGa4(u.apiKey);
    startDispatcher();
    const before = ga4.collected().length;
    const startedAt = Date.now();
    const eventIds: string[] = [];
    // 20 clicks a second, each commit claimed on its own by the running dispatcher.
    for (let i = 0; i < 20; i++) {
      eventIds.push(...(await emitClicks(u.accountId, 3)));
      await new Promise((r) => setTimeout(r, 150));
    }
    await waitFor('60 GA4 deliveries succeeded', async () => {
      const rows = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', sink.body.webhookId).execute();
      return rows.length === 60 && rows.every((r) => r.status === 'succeeded');
    });
    const requests = ga4.collected().slice(before);
    assert.equal(requests.length, 3, `${requests.map((r) => r.body.events.length).join(', ')} in ${Date.now() - startedAt} ms`);
    assert.deepEqual(
      requests.map((r) => r.body.events.length),
      [25, 25, 10],
    );
    assert.deepEqual(requests.flatMap((r) => r.body.events.map((e: any) => e.params.linkwire_event_id)).sort(), [...eventIds].sort());
    for (const r of requests) assert.deepEqual(validateGa4(r.query, r.raw), []);
    await stopDispatcher();
  });

  it('gives up on a GA4 event older than the 72-hour window without sending it', async () => {
    const u = await node.signup();
    const sink = await connectGa4(u.apiKey);
    const before = ga4.collected().length;
    await emitClicks(u.accountId, 1, Date.now() - 73 * HOUR);
    startDispatcher();
    const row = await waitFor('the old delivery settled', async () => {
      const r = await node.ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', sink.body.webhookId).executeTakeFirst();
      return r && r.status !== 'pending' ? r : null;
    });
    await stopDispatcher();
    assert.equal(row.status, 'failed');
    assert.equal(row.lastError, EXPIRED_FOR_SINK);
    assert.equal(ga4.collected().length, before);
  });

  it('batches Segment deliveries into /v1/batch with Basic auth and messageId = event id', async () => {
    const u = await node.signup();
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'segment', events: ['link.click'], writeKey: WRITE_KEY, apiHost: `${segment.url}/` },
    });
    assert.equal(res.status, 201, res.raw);
    assert.deepEqual(res.body.credentials, { writeKey: '••••6789' });
    const before = segment.requests.length;
    const eventIds = await emitClicks(u.accountId, 5);
    startDispatcher();
    await waitFor('5 Segment deliveries succeeded', async () => {
      const rows = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', res.body.webhookId).execute();
      return rows.length === 5 && rows.every((r) => r.status === 'succeeded');
    });
    await stopDispatcher();
    const batches = segment.requests.slice(before);
    assert.equal(batches.length, 1);
    assert.equal(batches[0]!.path, '/v1/batch');
    const calls = JSON.parse(batches[0]!.body).batch;
    assert.deepEqual(calls.map((c: any) => c.messageId).sort(), [...eventIds].sort());
    assert.ok(calls.every((c: any) => c.type === 'track' && c.event === 'Link Clicked' && c.anonymousId === 'v_3f9a1c7e52b04d8a'));
  });

  it('batches PostHog deliveries into /batch/ with api_key in the body and deterministic uuids', async () => {
    const u = await node.signup();
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/integrations',
      token: u.apiKey,
      payload: { provider: 'posthog', events: ['link.click'], apiKey: POSTHOG_KEY, host: posthog.url },
    });
    assert.equal(res.status, 201, res.raw);
    const before = posthog.requests.length;
    const eventIds = await emitClicks(u.accountId, 4);
    startDispatcher();
    await waitFor('4 PostHog deliveries succeeded', async () => {
      const rows = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', res.body.webhookId).execute();
      return rows.length === 4 && rows.every((r) => r.status === 'succeeded');
    });
    await stopDispatcher();
    const batches = posthog.requests.slice(before);
    assert.equal(batches.length, 1);
    assert.equal(batches[0]!.path, '/batch/');
    const body = JSON.parse(batches[0]!.body);
    assert.equal(body.api_key, POSTHOG_KEY);
    assert.equal(body.historical_migration, false);
    assert.deepEqual(body.batch.map((e: any) => e.uuid).sort(), eventIds.map(posthogUuid).sort());
  });

  it('PATCH changes events and checks new credentials; DELETE announces integration.disconnected and cancels what waits', async () => {
    const u = await node.signup();
    const sink = await connectGa4(u.apiKey);
    const patched = await node.request({
      method: 'PATCH',
      url: `/api/v1/integrations/${sink.body.id}`,
      token: u.apiKey,
      payload: { events: ['*'], name: 'GA4 prod' },
    });
    assert.equal(patched.status, 200, patched.raw);
    assert.deepEqual(patched.body.events, ['*']);
    assert.equal(patched.body.name, 'GA4 prod');
    const foreign = await node.request({ method: 'PATCH', url: `/api/v1/integrations/${sink.body.id}`, token: u.apiKey, payload: { writeKey: 'x' } });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.errors[0].field, 'writeKey');
    await emitClicks(u.accountId, 2);
    const removed = await node.request({ method: 'DELETE', url: `/api/v1/integrations/${sink.body.id}`, token: u.apiKey });
    assert.equal(removed.status, 204);
    const gone = await node.request({ method: 'GET', url: `/api/v1/integrations/${sink.body.id}`, token: u.apiKey });
    assert.equal(gone.status, 404);
    const pending = await node.ctx.db.selectFrom('deliveries').select('status').where('webhookId', '=', sink.body.webhookId).execute();
    assert.ok(pending.length >= 2 && pending.every((d) => d.status === 'cancelled'));
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=integration.disconnected', token: u.apiKey });
    assert.deepEqual(
      events.body.data.map((e: any) => e.data),
      [{ integration: 'ga4', integrationId: sink.body.id, reason: 'Removed by a user' }],
    );
  });
});
