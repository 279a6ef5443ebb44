import assert from 'node:assert/strict';
import { EXAMPLES } from '../src/events/catalog.js';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { receiverPool, SERVER_CLI, type SpawnedNode, spawnNode, waitFor } from '@linkwire/test-kit';
import { verifyWebhook } from '@linkwire/webhooks';
import { forwardTarget, isLoopbackHost } from '../src/cli/listen.js';
import { inTransaction } from '../src/db/transaction.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { HELD_UNTIL } from '../src/delivery/hold.js';
import { disableIdleListenEndpoints, LISTEN_BASE, LISTEN_IDLE_MS } from '../src/delivery/listen.js';
import { createTestNode, describeEachDialect, dialectSkip, type TestNode } from './helpers.js';

// A real server (HTTP on loopback, the real dispatcher), a real `linkwire listen` child process and
// a loopback receiver that checks every signature with @linkwire/webhooks.

interface Cli {
  child: ChildProcess;
  out(): string;
  err(): string;
  exited: Promise<number | null>;
  secret(): Promise<string>;
}

function startCli(args: string[], env: Record<string, string>): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_CLI, 'listen', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    out: () => out,
    err: () => err,
    exited,
    secret: () => waitFor(`the CLI's secret line\n${out}${err}`, () => /signing secret is (whsec_[A-Za-z0-9+/=]+)/.exec(out)?.[1], 20_000),
  };
}

describeEachDialect('linkwire listen', (dialect) => {
  let node: TestNode;
  let dispatcher: Dispatcher;
  let base: string;
  const configDir = mkdtempSync(join(tmpdir(), 'lw-listen-'));
  const clis: Cli[] = [];
  const receivers = receiverPool();
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_RETRY_SCHEDULE: '300ms,300ms,300ms' });
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    dispatcher = new Dispatcher(node.ctx, { pollMs: 50 });
  });
  after(async () => {
    for (const c of clis) c.child.kill('SIGKILL');
    await receivers.close();
    await dispatcher.stop();
    await node.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  const cli = (args: string[], apiKey: string) => {
    const c = startCli([...args, '--url', base], { LINKWIRE_API_KEY: apiKey, LINKWIRE_CONFIG_DIR: configDir, NO_COLOR: '1' });
    clis.push(c);
    return c;
  };
  const emit = (accountId: string, n: number) =>
    inTransaction(node.ctx.db, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++)
        ids.push((await node.ctx.outbox.emit(tx, accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: `d${i}.example.com` })).id);
      return ids;
    });
  const listenEndpoint = async (apiKey: string) => {
    const res = await node.request({ method: 'GET', url: '/api/v1/webhooks', token: apiKey });
    return (res.body.data as Array<{ id: string; kind: string; url: string }>).find((w) => w.kind === 'listen');
  };
  const deliveries = async (apiKey: string, webhookId: string) =>
    (await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}/deliveries?limit=100`, token: apiKey })).body.data as Array<{
      id: string;
      eventId: string;
      status: string;
      attemptCount: number;
    }>;

  it('an event arrives signed so the SDK verifies it, its 200 is the attempt in the history; the secret is stable and Ctrl-C stops cleanly', async () => {
    const r = await receivers.start();
    const u = await node.signup();
    const c = cli(['--forward-to', r.url, '--events', 'domain.verified'], u.apiKey);
    const secret = await c.secret();
    const ids = await emit(u.accountId, 3);
    await waitFor('3 forwards', () => r.requests.length >= 3);
    for (const req of r.requests) {
      const event = verifyWebhook(req.raw, req.headers as Record<string, string>, secret);
      assert.equal(event.type, 'domain.verified');
    }
    assert.deepEqual(new Set(r.requests.map((q) => q.headers['webhook-id'])), new Set(ids), 'webhook-id is the event id, as the server sends it');
    const endpoint = (await listenEndpoint(u.apiKey))!;
    assert.match(endpoint.url, /^listen:\/\//);
    const rows = await waitFor('3 deliveries succeeded', async () => {
      const d = await deliveries(u.apiKey, endpoint.id);
      return d.length === 3 && d.every((x) => x.status === 'succeeded') && d;
    });
    const detail = await node.request({ method: 'GET', url: `/api/v1/deliveries/${rows[0]!.id}`, token: u.apiKey });
    assert.equal(detail.body.attempts.length, 1);
    assert.equal(detail.body.attempts[0].statusCode, 200);
    assert.equal(detail.body.attempts[0].requestHeaders['webhook-id'], rows[0]!.eventId, 'the headers the CLI sent are stored with the attempt');
    await waitFor(
      'one line per event',
      () =>
        c
          .out()
          .split('\n')
          .filter((l) => l.includes('domain.verified') && l.includes('→ 200')).length === 3,
    );

    c.child.kill('SIGINT');
    assert.equal(await c.exited, 0, c.err());
    assert.match(c.out(), /Stopped\. The listen endpoint .* is parked/);
    // Same machine, same account: the same secret and the same endpoint.
    const again = cli(['--print-secret'], u.apiKey);
    assert.equal(await again.exited, 0, again.err());
    assert.equal(again.out().trim(), secret);
    assert.equal((await listenEndpoint(u.apiKey))!.id, endpoint.id);
    // Another account on this machine gets another secret.
    const other = await node.signup();
    const third = cli(['--print-secret'], other.apiKey);
    assert.equal(await third.exited, 0, third.err());
    assert.notEqual(third.out().trim(), secret);
  });

  it('the CLI killed: events wait in the database and arrive when it is back; the stream cut by the server resumes with Last-Event-ID; nothing lost', async () => {
    const r = await receivers.start();
    const u = await node.signup();
    const first = cli(['--forward-to', r.url], u.apiKey);
    const secret = await first.secret();
    const [firstId] = await emit(u.accountId, 1);
    // Killed once its result is in (killed before, the delivery is sent again: at-least-once).
    await waitFor('the first delivery succeeded', async () => {
      const d = await node.ctx.db.selectFrom('deliveries').select('status').where('eventId', '=', firstId!).executeTakeFirst();
      return d?.status === 'succeeded';
    });
    first.child.kill('SIGKILL');
    await first.exited;
    const whileAway = await emit(u.accountId, 2);
    const endpoint = (await listenEndpoint(u.apiKey))!;
    // Parked, not sent: pending in the listen band until a stream claims them.
    await waitFor('both parked for the stream', async () => {
      await dispatcher.flush();
      const rows = await node.ctx.db.selectFrom('deliveries').select(['nextAttemptAt', 'status']).where('eventId', 'in', whileAway).execute();
      return rows.length === 2 && rows.every((d) => d.status === 'pending' && Number(d.nextAttemptAt) >= LISTEN_BASE);
    });
    assert.equal(r.requests.length, 1, 'nothing is forwarded while no CLI is connected');

    const second = cli(['--forward-to', r.url], u.apiKey);
    assert.equal(await second.secret(), secret);
    await waitFor('the two that waited', () => whileAway.every((id) => r.requests.some((q) => q.headers['webhook-id'] === id)));

    // The server drops the stream while a forward is in progress: the receiver holds its answer
    // until the connection is gone, so the result is reported after the reconnect.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    r.handle((_req, res) => void held.then(() => res.end('ok')));
    const [slow] = await emit(u.accountId, 1);
    await waitFor('the slow forward started', () => r.requests.some((q) => q.headers['webhook-id'] === slow));
    node.app.server.closeAllConnections();
    await waitFor('the CLI noticed and reconnected', () => /stream (lost|closed)[\s\S]*reconnected, resuming after lst/.test(second.err()));
    // Answered only now, after the resume: the result is written under the claim the stream
    // resumed (Last-Event-ID names it), so the delivery is neither released nor sent again.
    release();
    r.handle((_req, res) => res.end('ok'));
    const after = await emit(u.accountId, 2);
    await waitFor('events after the reconnect', () => after.every((id) => r.requests.some((q) => q.headers['webhook-id'] === id)));
    const all = await waitFor('every delivery succeeded', async () => {
      const d = await deliveries(u.apiKey, endpoint.id);
      return d.length === 6 && d.every((x) => x.status === 'succeeded') && d;
    });
    for (const d of all)
      assert.ok(
        r.requests.some((q) => q.headers['webhook-id'] === d.eventId),
        `${d.eventId} was forwarded`,
      );
    for (const q of r.requests) verifyWebhook(q.raw, q.headers as Record<string, string>, secret);
    const counts = new Map<string, number>();
    for (const q of r.requests) counts.set(String(q.headers['webhook-id']), (counts.get(String(q.headers['webhook-id'])) ?? 0) + 1);
    for (const [id, n] of counts) assert.equal(n, 1, `${id} forwarded once`);
    const cut = all.find((d) => d.eventId === slow)!;
    const detail = await node.request({ method: 'GET', url: `/api/v1/deliveries/${cut.id}`, token: u.apiKey });
    assert.deepEqual(
      detail.body.attempts.map((a: { statusCode: number }) => a.statusCode),
      [200],
      'the forward in progress at the cut is one attempt',
    );
  });

  it('a receiver’s 500 is an attempt in the history and is retried on the schedule until it succeeds', async () => {
    let answers = 0;
    const r = await receivers.start((_req, res) => {
      res.statusCode = ++answers === 1 ? 500 : 200;
      res.end(res.statusCode === 500 ? 'boom' : 'ok');
    });
    const u = await node.signup();
    const c = cli(['--forward-to', r.url], u.apiKey);
    await c.secret();
    const [eventId] = await emit(u.accountId, 1);
    const endpoint = (await listenEndpoint(u.apiKey))!;
    const [row] = await waitFor('the delivery succeeded', async () => {
      const d = await deliveries(u.apiKey, endpoint.id);
      return d.length === 1 && d[0]!.status === 'succeeded' && d;
    });
    const detail = await node.request({ method: 'GET', url: `/api/v1/deliveries/${row!.id}`, token: u.apiKey });
    assert.deepEqual(
      detail.body.attempts.map((a: { statusCode: number }) => a.statusCode),
      [500, 200],
    );
    assert.equal(detail.body.attempts[0].responseBody, 'boom');
    assert.equal(r.requests.length, 2);
    assert.ok(
      r.requests.every((q) => q.headers['webhook-id'] === eventId),
      'a retry keeps the webhook-id',
    );
    assert.match(c.out(), /→ 500/);
  });

  it('refuses a non-loopback --forward-to without --allow-external, before connecting', async () => {
    const u = await node.signup();
    const c = cli(['--forward-to', 'http://10.0.0.5/x'], u.apiKey);
    assert.equal(await c.exited, 2);
    assert.match(c.err(), /not a loopback address.*--allow-external/);
    assert.equal(await listenEndpoint(u.apiKey), undefined, 'no listen endpoint was created');
    assert.throws(() => forwardTarget('https://example.com/hook', false), /--allow-external/);
    assert.equal(forwardTarget('https://example.com/hook', true).hostname, 'example.com');
    assert.equal(forwardTarget('localhost:4000/webhooks', false).href, 'http://localhost:4000/webhooks');
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'api.localhost']) assert.ok(isLoopbackHost(host), host);
    for (const host of ['10.0.0.5', 'example.com', 'localhost.example.com', '0.0.0.0']) assert.ok(!isLoopbackHost(host), host);
  });

  it('a listen endpoint no stream served for 24 h is disabled (its deliveries held, nothing emitted); starting listen again enables it', async () => {
    const u = await node.signup();
    const device = 'ab'.repeat(16);
    const opened = await node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device } });
    assert.equal(opened.status, 201, opened.raw);
    const webhookId = opened.body.id as string;
    const [eventId] = await emit(u.accountId, 1);
    const now = Date.now();
    // Parked for a stream (what the dispatcher does), due for 23 h: not idle yet.
    const park = (dueAgoMs: number) =>
      node.ctx.db
        .updateTable('deliveries')
        .set({ nextAttemptAt: LISTEN_BASE + now - dueAgoMs, claimedBy: null })
        .where('webhookId', '=', webhookId)
        .execute();
    await park(23 * 3_600_000);
    assert.deepEqual(await disableIdleListenEndpoints(node.ctx, now), []);
    await park(LISTEN_IDLE_MS + 60_000);
    const eventsBefore = (await node.ctx.db.selectFrom('events').select('id').where('accountId', '=', u.accountId).execute()).length;
    assert.deepEqual(await disableIdleListenEndpoints(node.ctx, now), [webhookId]);
    const endpoint = await node.request({ method: 'GET', url: `/api/v1/webhooks/${webhookId}`, token: u.apiKey });
    assert.equal(endpoint.body.enabled, false);
    assert.match(endpoint.body.disabledReason, /No linkwire listen stream/);
    const held = await node.ctx.db.selectFrom('deliveries').select(['status', 'nextAttemptAt', 'eventId']).where('webhookId', '=', webhookId).execute();
    assert.deepEqual(
      held.map((d) => ({ ...d, nextAttemptAt: Number(d.nextAttemptAt) })),
      [{ status: 'pending', nextAttemptAt: HELD_UNTIL, eventId }],
    );
    const eventsAfter = (await node.ctx.db.selectFrom('events').select('id').where('accountId', '=', u.accountId).execute()).length;
    assert.equal(eventsAfter, eventsBefore, 'no webhook.disabled event');
    // New events are not queued for it while it is disabled…
    await emit(u.accountId, 1);
    assert.equal((await node.ctx.db.selectFrom('deliveries').select('id').where('webhookId', '=', webhookId).execute()).length, 1);
    // …and `linkwire listen` coming back enables it: what it held is due again.
    const back = await node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device } });
    assert.equal(back.status, 200);
    assert.equal(back.body.enabled, true);
    const resumed = await node.ctx.db.selectFrom('deliveries').select('nextAttemptAt').where('webhookId', '=', webhookId).executeTakeFirstOrThrow();
    assert.notEqual(Number(resumed.nextAttemptAt), HELD_UNTIL);
  });

  it('the listen API answers problem+json naming the field', async () => {
    const u = await node.signup();
    const bad = await node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device: 'nope', events: ['no.such'] } });
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
    assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field).sort(), ['device', 'events.0']);
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/listen/wh_missing/results',
      token: u.apiKey,
      payload: { deliveryId: 'dlv_x', claim: 'x', statusCode: 200, durationMs: 1 },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'claim');
    const tooMany = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`x-h${i}`, 'v']));
    const headers = await node.request({
      method: 'POST',
      url: '/api/v1/listen/wh_missing/results',
      token: u.apiKey,
      payload: { deliveryId: 'dlv_x', claim: `lst${'0'.repeat(24)}`, statusCode: 200, durationMs: 1, requestHeaders: tooMany },
    });
    assert.equal(headers.status, 400);
    assert.deepEqual(
      headers.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [['requestHeaders', 'must have at most 64 headers']],
    );
    const stream = await node.request({ method: 'GET', url: '/api/v1/listen/wh_missing/stream', token: u.apiKey });
    assert.equal(stream.status, 404);
    // Two CLIs of one machine starting at once get one endpoint.
    const device = 'cd'.repeat(16);
    const both = await Promise.all([0, 1].map(() => node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device } })));
    assert.deepEqual(both.map((b) => b.status).sort(), [200, 201], both.map((b) => b.raw).join('\n'));
    assert.equal(both[0]!.body.id, both[1]!.body.id);
    // Through the ordinary webhooks API a listen endpoint keeps what makes it one.
    const made = await node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device: 'ab'.repeat(16), events: ['link.click'] } });
    assert.equal(made.status, 201, made.raw);
    assert.equal(made.body.kind, 'listen');
    const reused = await node.request({ method: 'POST', url: '/api/v1/listen', token: u.apiKey, payload: { device: 'ab'.repeat(16) } });
    assert.equal(reused.status, 200);
    assert.equal(reused.body.id, made.body.id);
    assert.deepEqual(reused.body.events, ['link.click']);
    const patch = await node.request({ method: 'PATCH', url: `/api/v1/webhooks/${made.body.id}`, token: u.apiKey, payload: { url: 'http://127.0.0.1:9/x' } });
    assert.equal(patch.status, 400);
    assert.equal(patch.body.errors[0].field, 'url');
    const secret = await node.request({ method: 'GET', url: `/api/v1/webhooks/${made.body.id}/secret`, token: u.apiKey });
    assert.equal(secret.status, 409);
    assert.match(secret.body.detail, /--print-secret/);
    // Another account cannot stream or report on it.
    const other = await node.signup();
    const foreign = await node.request({ method: 'GET', url: `/api/v1/listen/${made.body.id}/stream`, token: other.apiKey });
    assert.equal(foreign.status, 404);
  });
});

// Several processes on one PostgreSQL database: the events are emitted by this process, a worker
// process claims them (and parks them for the stream), an api process holds the CLI's stream and
// takes its results. Nothing in memory is shared: only the database and its NOTIFY.
describe('linkwire listen across processes on PostgreSQL', dialectSkip('postgres'), () => {
  let node: TestNode;
  const spawned: SpawnedNode[] = [];
  const configDir = mkdtempSync(join(tmpdir(), 'lw-listen-'));
  let cli: Cli | null = null;
  const receivers = receiverPool();
  before(async () => {
    node = await createTestNode('postgres', { LINKWIRE_RETRY_SCHEDULE: '300ms' });
  });
  after(async () => {
    cli?.child.kill('SIGKILL');
    await receivers.close();
    await Promise.all(spawned.map((n) => n.stop(2_000)));
    await node.close();
    rmSync(configDir, { recursive: true, force: true });
  });
  const start = async (role: 'api' | 'worker') => {
    const child = await spawnNode({
      args: ['start', '--role', role],
      env: {
        DATABASE_URL: node.config.databaseUrl!,
        LINKWIRE_DATA_DIR: node.config.dataDir,
        LINKWIRE_SECRET_KEY: node.config.secretKey!.toString('base64'),
        LINKWIRE_DEV: '1',
        LINKWIRE_RETRY_SCHEDULE: '300ms',
      },
    });
    spawned.push(child);
    return child;
  };

  it('a worker process parks, the api process holding the stream claims, the results land as attempts', async () => {
    const [api] = await Promise.all([start('api'), start('worker')]);
    const r = await receivers.start();
    const u = await node.signup();
    cli = startCli(['--forward-to', r.url, '--url', api!.url], { LINKWIRE_API_KEY: u.apiKey, LINKWIRE_CONFIG_DIR: configDir, NO_COLOR: '1' });
    const secret = await cli.secret();
    const ids = await inTransaction(node.ctx.db, async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 5; i++)
        out.push((await node.ctx.outbox.emit(tx, u.accountId, 'domain.verified', { ...EXAMPLES['domain.verified'], domain: `p${i}.example.com` })).id);
      return out;
    });
    await waitFor('5 forwards', () => r.requests.length >= 5, 20_000);
    for (const q of r.requests) verifyWebhook(q.raw, q.headers as Record<string, string>, secret);
    assert.deepEqual(new Set(r.requests.map((q) => q.headers['webhook-id'])), new Set(ids));
    await waitFor('5 deliveries succeeded with one attempt each', async () => {
      const rows = await node.ctx.db.selectFrom('deliveries').select(['status', 'attemptCount']).where('eventId', 'in', ids).execute();
      return rows.length === 5 && rows.every((d) => d.status === 'succeeded' && d.attemptCount === 1);
    });
    const attempts = await node.ctx.db.selectFrom('attempts').select(['statusCode']).where('accountId', '=', u.accountId).execute();
    assert.deepEqual(
      attempts.map((a) => a.statusCode),
      [200, 200, 200, 200, 200],
    );
  });
});
