import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { type Receiver, startReceiver, waitFor } from '@linkwire/test-kit';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { EXAMPLES } from '../src/events/catalog.js';
import { type FakeDiscord, startFakeDiscord } from './fakes/discord.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack.js';
import { teamsVerdict } from './fakes/teams.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// Chat endpoints and no-code subscriptions end to end: the API, the dispatcher and loopback fakes
// of Slack, Discord and Zapier that enforce what those services document.

describeEachDialect('integrations: chat endpoints and no-code subscriptions', (dialect) => {
  let node: TestNode;
  let dispatcher: Dispatcher;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let zapier: Receiver;
  before(async () => {
    node = await createTestNode(dialect, {
      LINKWIRE_DEFAULT_PLAN: 'pro',
      LINKWIRE_RETRY_SCHEDULE: '50ms,100ms',
      LINKWIRE_PLAN_PRO_DELIVERIES_24H: 'unlimited',
    });
    dispatcher = new Dispatcher(node.ctx, { pollMs: 50 });
    slack = await startFakeSlack();
    discord = await startFakeDiscord();
    zapier = await startReceiver(undefined, { path: '/hooks/catch/1/abc' });
  });
  after(async () => {
    await dispatcher.stop();
    await Promise.all([slack.close(), discord.close(), zapier.close()]);
    await node.close();
  });

  const create = (token: string, payload: Record<string, unknown>) => node.request({ method: 'POST', url: '/api/v1/webhooks', token, payload });
  const deliveriesOf = (webhookId: string) => node.ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', webhookId).execute();
  const clicks = (accountId: string, n: number, title = 'Spring sale') =>
    inTransaction(node.ctx.db, async (tx) => {
      for (let i = 0; i < n; i++) await node.ctx.outbox.emit(tx, accountId, 'link.click', { ...EXAMPLES['link.click'], title });
    });

  it('a Slack URL is sealed and masked; the first successful test message connects it', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: slack.url, events: ['link.click'], format: 'slack' });
    assert.equal(res.status, 201, res.raw);
    assert.equal(res.body.format, 'slack');
    assert.equal(res.body.source, 'api');
    assert.notEqual(res.body.url, slack.url);
    assert.doesNotMatch(res.body.url, /abcdefghijklmnopqrstuvwx/, 'the token part is masked');
    const row = await node.ctx.db.selectFrom('webhooks').select(['url', 'urlEnc']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.doesNotMatch(`${row.url} ${row.urlEnc}`, /abcdefghijklmnopqrstuvwx/, 'not stored in clear');
    const secret = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}/secret`, token: u.apiKey });
    assert.equal(secret.body.url, slack.url);

    const test = await node.request({ method: 'POST', url: `/api/v1/webhooks/${res.body.id}/test`, token: u.apiKey, payload: {} });
    assert.equal(test.status, 202, test.raw);
    await waitFor('test delivered', async () => (await deliveriesOf(res.body.id)).some((d) => d.status === 'succeeded'));
    const events = await waitFor('integration.connected', async () => {
      const rows = await node.ctx.db
        .selectFrom('events')
        .select(['type', 'payload'])
        .where('accountId', '=', u.accountId)
        .where('type', '=', 'integration.connected')
        .execute();
      return rows.length > 0 && rows;
    });
    assert.deepEqual(JSON.parse(events[0]!.payload).data, { integration: 'slack', integrationId: res.body.id });
    const message = slack.accepted.at(-1);
    assert.equal(typeof message.text, 'string');
    assert.equal(message.blocks[0].type, 'header');

    const removed = await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${res.body.id}`, token: u.apiKey });
    assert.equal(removed.status, 204);
    const gone = await node.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('accountId', '=', u.accountId)
      .where('type', '=', 'integration.disconnected')
      .execute();
    assert.deepEqual(JSON.parse(gone[0]!.payload).data, { integration: 'slack', integrationId: res.body.id, reason: 'deleted' });
  });

  /** Every window of the fake's arrival times respects the bucket: at most 2 at once, then 1 a second. */
  const assertRate = (times: number[]) => {
    for (let i = 0; i + 2 < times.length; i++) {
      // GCRA with a burst of 2: messages i and i+2 start at least one interval apart. Measured at
      // arrival, so 150 ms are allowed for one request being slower than another on a busy machine
      // (947 ms was seen); a bucket per worker put pairs ~0 ms apart.
      assert.ok(times[i + 2]! - times[i]! >= 850, `messages ${i} and ${i + 2} only ${times[i + 2]! - times[i]!} ms apart`);
    }
  };

  const hundredClicksOverFiveSeconds = async (accountId: string) => {
    // 100 clicks in 5 s: 5 every 250 ms.
    for (let i = 0; i < 20; i++) {
      await clicks(accountId, 5);
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const assertAccounted = async (accountId: string, webhookId: string, messages: any[]) => {
    const rows = await waitFor(
      '100 succeeded',
      async () => {
        const r = await deliveriesOf(webhookId);
        return r.length === 100 && r.every((d) => d.status === 'succeeded') && r;
      },
      60_000,
    );
    assert.equal(rows.length, 100);
    assert.ok(
      messages.some((m) => /clicks on \*Spring sale\*/.test(m.text)),
      'a digest names the link',
    );
    // Every delivery's attempt is the message it went out in.
    const attempts = await node.ctx.db
      .selectFrom('attempts')
      .select(['deliveryId', 'requestHeaders', 'statusCode'])
      .where('accountId', '=', accountId)
      .execute();
    assert.equal(attempts.length, 100);
    assert.equal(new Set(attempts.map((a) => a.deliveryId)).size, 100, 'one attempt per delivery');
    assert.ok(attempts.every((a) => a.statusCode === 200));
    // The events folded into digests: every delivery but the ones sent alone carries the digest header.
    assert.ok(attempts.filter((a) => /x-linkwire-digest/.test(a.requestHeaders ?? '')).length >= 100 - messages.length);
  };

  it('100 clicks in 5 s to a Slack endpoint: a handful of messages at ≤ 1/s, 100 accounted deliveries', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: slack.url, events: ['link.click'], format: 'slack' });
    const before = slack.accepted.length;
    const startedAt = Date.now();
    await hundredClicksOverFiveSeconds(u.accountId);
    await waitFor('100 delivered', async () => (await deliveriesOf(res.body.id)).filter((d) => d.status === 'succeeded').length === 100, 60_000);
    const elapsedS = (Date.now() - startedAt) / 1000;
    const messages = slack.accepted.slice(before);
    const times = slack.acceptedAt.slice(before);
    // About one a second over the ~5 s of clicks (plus the burst of 2 and the last digest).
    assert.ok(messages.length >= 3 && messages.length <= Math.ceil(elapsedS) + 2, `${messages.length} messages in ${elapsedS} s`);
    assertRate(times);
    await assertAccounted(u.accountId, res.body.id, messages);
  });

  it('two workers on one database share the endpoint’s rate: still ≤ 1 message/s, 100 accounted deliveries', async () => {
    // Two dispatchers stand for two worker processes: each has its own ChatSender, nothing shared
    // in memory, only the database. Claims of 2 split every commit of 5 clicks between them.
    await dispatcher.stop();
    const workers = [new Dispatcher(node.ctx, { pollMs: 50, claimBatch: 2 }), new Dispatcher(node.ctx, { pollMs: 50, claimBatch: 2 })];
    try {
      const u = await node.signup();
      const res = await create(u.apiKey, { url: slack.url, events: ['link.click'], format: 'slack' });
      const before = slack.accepted.length;
      const startedAt = Date.now();
      await hundredClicksOverFiveSeconds(u.accountId);
      await waitFor('100 delivered', async () => (await deliveriesOf(res.body.id)).filter((d) => d.status === 'succeeded').length === 100, 60_000);
      const elapsedS = (Date.now() - startedAt) / 1000;
      const messages = slack.accepted.slice(before);
      const posted = workers.map((w) => w.chat.stats.messages);
      assert.ok(
        posted.every((n) => n > 0),
        `both workers posted (${posted.join(' + ')}), so the rate below is theirs together`,
      );
      assert.equal(posted[0]! + posted[1]!, messages.length);
      // Each worker with its own bucket would post up to twice this.
      assert.ok(messages.length <= Math.ceil(elapsedS) + 2, `${messages.length} messages in ${elapsedS} s`);
      assertRate(slack.acceptedAt.slice(before));
      await assertAccounted(u.accountId, res.body.id, messages);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      dispatcher = new Dispatcher(node.ctx, { pollMs: 50 });
    }
  });

  it('Slack no_text marks the endpoint without retrying; channel_not_found disables it', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: slack.url, events: ['link.click'], format: 'slack' });
    slack.mode = { status: 400, body: 'no_text' };
    try {
      await clicks(u.accountId, 1);
      const [d] = await waitFor('failed', async () => {
        const r = await deliveriesOf(res.body.id);
        return r.length === 1 && r[0]!.status === 'failed' && r;
      });
      assert.equal(d!.attemptCount, 1, 'not retried');
      assert.match(d!.lastError ?? '', /no_text/);
      const got = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}`, token: u.apiKey });
      assert.match(got.body.misconfiguredReason, /no_text/);
      assert.equal(got.body.enabled, true);

      slack.mode = { status: 404, body: 'channel_not_found' };
      await clicks(u.accountId, 1);
      const disabled = await waitFor('disabled', async () => {
        const r = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}`, token: u.apiKey });
        return r.body.enabled === false && r.body;
      });
      assert.match(disabled.disabledReason, /channel_not_found/);
    } finally {
      slack.mode = 'ok';
    }
  });

  it('Discord: allowed_mentions is empty, and 10015 Unknown Webhook disables after one attempt', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: discord.url, events: ['link.click'], format: 'discord' });
    await clicks(u.accountId, 1, '@everyone free stuff');
    await waitFor('delivered', () => discord.accepted.some((m) => /free stuff/.test(m.content)));
    const message = discord.accepted.find((m) => /free stuff/.test(m.content));
    assert.deepEqual(message.allowed_mentions, { parse: [] });
    discord.mode = 'unknown_webhook';
    try {
      const before = discord.requests.length;
      await clicks(u.accountId, 1);
      await waitFor('disabled', async () => {
        const r = await node.request({ method: 'GET', url: `/api/v1/webhooks/${res.body.id}`, token: u.apiKey });
        return r.body.enabled === false;
      });
      await dispatcher.flush();
      assert.equal(discord.requests.length - before, 1, 'one attempt, never retried');
    } finally {
      discord.mode = 'ok';
    }
  });

  it('Discord 429 with retry_after: the delivery waits at least that long, then goes through', async () => {
    const u = await node.signup();
    const res = await create(u.apiKey, { url: discord.url, events: ['link.click'], format: 'discord' });
    discord.mode = { rateLimitedFor: 1.5 };
    try {
      await clicks(u.accountId, 1, 'Rate limited');
      const [d] = await waitFor('rescheduled', async () => {
        const r = await deliveriesOf(res.body.id);
        return r.length === 1 && r[0]!.attemptCount === 1 && r[0]!.status === 'pending' && r;
      });
      assert.equal(d!.lastStatusCode, 429);
      assert.ok(d!.nextAttemptAt - d!.updatedAt >= 1400, `due ${d!.nextAttemptAt - d!.updatedAt} ms later`);
    } finally {
      discord.mode = 'ok';
    }
    await waitFor('delivered after the wait', async () => (await deliveriesOf(res.body.id))[0]!.status === 'succeeded');
    assert.ok(discord.accepted.some((m) => /Rate limited/.test(m.content)));
  });

  it('Teams: an Adaptive Card within the size limit even for a 50 KB title', async () => {
    const u = await node.signup();
    const teams = await startReceiver(
      (req, res) => {
        const verdict = teamsVerdict(req.body);
        res.writeHead(verdict.status);
        res.end(verdict.body);
      },
      { path: '/workflows/abc/triggers/manual/paths/invoke' },
    );
    try {
      const res = await create(u.apiKey, { url: `${teams.url}?sig=secret`, events: ['link.click'], format: 'teams' });
      assert.doesNotMatch(res.body.url, /sig=secret/);
      await clicks(u.accountId, 1, 'x'.repeat(50_000));
      await waitFor('accepted', async () => (await deliveriesOf(res.body.id))[0]?.status === 'succeeded');
      const card = JSON.parse(teams.requests[0]!.body);
      assert.equal(card.attachments[0].content.version, '1.4');
      assert.ok(teams.requests[0]!.raw.length <= 24 * 1024);
      assert.match(card.attachments[0].content.body[0].text, /…$/);
    } finally {
      await teams.close();
    }
  });

  it('Zapier subscriptions: own cap, deleted on 410 without webhook.disabled, reverse unsubscribe on delete', async () => {
    const u = await node.signup();
    const sub = await create(u.apiKey, { url: zapier.url, events: ['link.click'], source: 'zapier' });
    assert.equal(sub.status, 201, sub.raw);
    assert.equal(sub.body.source, 'zapier');
    const usage = await node.request({ method: 'GET', url: '/api/v1/usage', token: u.apiKey });
    assert.equal(usage.body.endpoints.used, 0, 'not counted against the endpoint cap');

    zapier.handle((_req, res) => {
      res.statusCode = 410;
      res.end('gone');
    });
    try {
      await clicks(u.accountId, 1);
      await waitFor('deleted', async () => {
        const row = await node.ctx.db.selectFrom('webhooks').select('deletedAt').where('id', '=', sub.body.id).executeTakeFirstOrThrow();
        return row.deletedAt !== null;
      });
      const disabledEvents = await node.ctx.db
        .selectFrom('events')
        .select('id')
        .where('accountId', '=', u.accountId)
        .where('type', '=', 'webhook.disabled')
        .execute();
      assert.equal(disabledEvents.length, 0);
      const [d] = await deliveriesOf(sub.body.id);
      assert.equal(d!.attemptCount, 1);
    } finally {
      zapier.handle((_req, res) => res.end('ok'));
    }

    const second = await create(u.apiKey, { url: zapier.url, events: ['*'], source: 'zapier' });
    const before = zapier.requests.length;
    const removed = await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${second.body.id}`, token: u.apiKey });
    assert.equal(removed.status, 204);
    const unsubscribe = await waitFor('reverse unsubscribe', () => zapier.requests.slice(before).find((r) => r.method === 'DELETE'));
    assert.equal(unsubscribe.url, '/hooks/catch/1/abc');

    // Zapier's own unsubscribe (the Zap turned off, performUnsubscribe) gets no reverse unsubscribe back.
    const third = await create(u.apiKey, { url: zapier.url, events: ['*'], source: 'zapier' });
    const beforeOwn = zapier.requests.length;
    const own = await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${third.body.id}`, token: u.apiKey, headers: { 'user-agent': 'Zapier' } });
    assert.equal(own.status, 204);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      zapier.requests.slice(beforeOwn).map((r) => r.method),
      [],
    );
  });

  it('the 26th no-code subscription on Pro is refused, naming integrationSubscriptions', async () => {
    const u = await node.signup();
    for (let i = 0; i < 25; i++) {
      const r = await create(u.apiKey, { url: `${zapier.url}/${i}`, events: ['link.click'], source: i % 2 ? 'make' : 'n8n' });
      assert.equal(r.status, 201, r.raw);
    }
    const refused = await create(u.apiKey, { url: zapier.url, events: ['link.click'], source: 'zapier' });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.limit, 'integrationSubscriptions');
    const normal = await create(u.apiKey, { url: zapier.url, events: ['link.click'] });
    assert.equal(normal.status, 201, 'the endpoint cap is separate');
  });
});

describeEachDialect('integrations: GET /me and event samples', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_DEFAULT_PLAN: 'pro' });
  });
  after(() => node.close());

  it('GET /me answers the account; the first call from Zapier with a key emits integration.connected once', async () => {
    const u = await node.signup();
    const headers = { 'user-agent': 'Zapier' };
    const first = await node.request({ method: 'GET', url: '/api/v1/me', token: u.apiKey, headers });
    assert.equal(first.status, 200, first.raw);
    assert.deepEqual(first.body, { accountId: u.accountId, handle: u.handle, email: u.email, plan: 'pro', instanceUrl: node.config.publicUrl });
    await node.request({ method: 'GET', url: '/api/v1/me', token: u.apiKey, headers });
    await node.request({ method: 'GET', url: '/api/v1/me', token: u.apiKey });
    const events = await node.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('accountId', '=', u.accountId)
      .where('type', '=', 'integration.connected')
      .execute();
    assert.equal(events.length, 1);
    assert.equal(JSON.parse(events[0]!.payload).data.integration, 'zapier');
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/me' })).status, 401);
  });

  it('samples: the catalog example for an empty account, then real events newest first', async () => {
    const u = await node.signup();
    const empty = await node.request({ method: 'GET', url: '/api/v1/event-types/link.click/samples', token: u.apiKey });
    assert.equal(empty.status, 200, empty.raw);
    assert.equal(empty.body.length, 1);
    assert.match(empty.body[0].id, /^evt_sample_/);
    assert.deepEqual(empty.body[0].data, EXAMPLES['link.click']);
    const ids: string[] = [];
    for (const title of ['one', 'two', 'three', 'four']) {
      const e = await inTransaction(node.ctx.db, (tx) => node.ctx.outbox.emit(tx, u.accountId, 'link.click', { ...EXAMPLES['link.click'], title }));
      ids.push(e.id);
    }
    const real = await node.request({ method: 'GET', url: '/api/v1/event-types/link.click/samples?limit=3', token: u.apiKey });
    assert.deepEqual(
      real.body.map((e: { id: string }) => e.id),
      ids.slice(1).reverse(),
    );
    assert.deepEqual(
      real.body.map((e: { data: { title: string } }) => e.data.title),
      ['four', 'three', 'two'],
    );
    const bad = await node.request({ method: 'GET', url: '/api/v1/event-types/nope/samples', token: u.apiKey });
    assert.equal(bad.status, 400);
  });
});
