import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Receiver, type SpawnedNode, spawnNode, startReceiver, waitFor } from '@linkwire/test-kit';
import zapier from 'zapier-platform-core';
import App from '../src/index.js';

// The app as Zapier runs it (zapier-platform-core's createAppTester: the same middlewares, request
// client and bundle) against a real Linkwire process (SQLite, dev mode so a loopback receiver may
// stand in for Zapier's hook URL). Nothing leaves 127.0.0.1.

// The validation `zapier validate` runs (exported for require only).
const schemaTools = createRequire(import.meta.url)('zapier-platform-core/src/tools/schema') as { validateApp(app: unknown): unknown[] };
const appTester = zapier.createAppTester(App);
// The tests read the app's answers as JSON, whatever the perform function's declared type.
const run = (perform: unknown, bundle: Record<string, unknown>): Promise<any> => appTester(perform as any, bundle as any);
const triggers = App.triggers as Record<string, any>;

let server: SpawnedNode;
let zapierHooks: Receiver;
let dataDir: string;
let authData: { instanceUrl: string; apiKey: string };

async function api(path: string, init: { method?: string; body?: unknown } = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { authorization: `Bearer ${authData.apiKey}`, 'content-type': 'application/json' },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const json = (await res.json()) as any;
  assert.ok(res.ok, `${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

before(async () => {
  zapierHooks = await startReceiver(undefined, { path: '/hooks/standard/1/abc' });
  dataDir = mkdtempSync(join(tmpdir(), 'lw-zapier-app-'));
  server = await spawnNode({
    env: { LINKWIRE_DATA_DIR: dataDir, LINKWIRE_DEV: '1', LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8', NODE_ENV: 'test' },
  });
  const signup = await fetch(`${server.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'zap@example.com', password: 'correct horse battery', handle: 'zapdev' }),
  });
  assert.equal(signup.status, 201);
  // A trailing slash as users paste it: the app trims it.
  authData = { instanceUrl: `${server.url}/`, apiKey: ((await signup.json()) as any).apiKey };
});

after(async () => {
  await server?.stop();
  await zapierHooks?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the Zapier app against a real Linkwire', { timeout: 120_000 }, () => {
  it('passes the platform schema (what `zapier validate` checks) with one trigger per catalog type', async () => {
    assert.deepEqual(schemaTools.validateApp(App), []);
    const types = ((await api('/event-types')) as { type: string }[]).map((t) => t.type);
    assert.deepEqual(
      Object.values(triggers)
        .map((t) => t.operation.sample.type)
        .sort(),
      [...types].sort(),
    );
    for (const trigger of Object.values(triggers)) assert.equal(trigger.operation.type, 'hook');
  });

  it('auth: the connection test answers the account for a good key, labelled by its handle, and says why for a bad one', async () => {
    const me = await run(App.authentication!.test, { authData });
    assert.equal(me.handle, 'zapdev');
    assert.equal(me.email, 'zap@example.com');
    const label = await run(App.authentication!.connectionLabel, { authData, inputData: me });
    assert.equal(label, `zapdev @ ${new URL(server.url).host}`);
    // Zapier names itself in its User-Agent, so Linkwire records the connection.
    const connected = await waitFor('integration.connected', async () => (await api('/events?type=integration.connected')).data[0]);
    assert.equal(connected.data.integration, 'zapier');

    await assert.rejects(run(App.authentication!.test, { authData: { ...authData, apiKey: 'lw_live_not_a_key' } }), (err: Error) => {
      assert.match(err.message, /Linkwire refused the API key \(401\)/);
      assert.match(err.message, /unknown or revoked/);
      return true;
    });
    await assert.rejects(
      run(App.authentication!.test, { authData: { ...authData, instanceUrl: 'links.example.com' } }),
      /must be a full address such as https:\/\/links\.example\.com \(got "links\.example\.com"\)/,
    );
  });

  it('link.created: subscribe makes a source "zapier" webhook, a real event reaches the hook URL, perform and performList return envelopes, unsubscribe deletes it', async () => {
    const trigger = triggers.link_created;
    const subscribeData = await run(trigger.operation.performSubscribe, { authData, targetUrl: zapierHooks.url });
    assert.equal(subscribeData.source, 'zapier');
    assert.deepEqual(subscribeData.events, ['link.created']);
    const listed = (await api('/webhooks')).data.find((w: any) => w.id === subscribeData.id);
    assert.equal(listed?.source, 'zapier');
    assert.equal(listed?.url, zapierHooks.url);

    const link = await api('/links', { body: { url: 'https://shop.example.com/spring', title: 'Spring sale' } });
    const delivery = await waitFor('the link.created delivery', () => zapierHooks.requests.find((r) => r.method === 'POST'));
    assert.equal(delivery.url, '/hooks/standard/1/abc');
    const envelope = JSON.parse(delivery.body);
    assert.equal(envelope.type, 'link.created');
    assert.equal(envelope.data.linkId, link.id);

    const results = await run(trigger.operation.perform, {
      authData,
      subscribeData,
      targetUrl: zapierHooks.url,
      cleanedRequest: envelope,
      rawRequest: { method: 'POST', headers: delivery.headers, content: delivery.body, querystring: '' },
    });
    assert.deepEqual(results, [envelope]);

    const samples = await run(trigger.operation.performList, { authData, subscribeData });
    assert.equal(samples[0].id, envelope.id, 'the real event, newest first');
    assert.deepEqual(samples[0].data, envelope.data);

    await run(trigger.operation.performUnsubscribe, { authData, subscribeData, targetUrl: zapierHooks.url });
    assert.equal(
      (await api('/webhooks')).data.find((w: any) => w.id === subscribeData.id),
      undefined,
    );
    await assert.rejects(run(trigger.operation.performUnsubscribe, { authData, subscribeData }), /Linkwire answered 404/);
  });

  it('performList of a type with no events yet: the catalog example, shaped like the trigger sample', async () => {
    const trigger = triggers.link_deleted;
    const samples = await run(trigger.operation.performList, { authData });
    assert.equal(samples.length, 1);
    assert.equal(samples[0].type, 'link.deleted');
    assert.deepEqual(samples[0].data, trigger.operation.sample.data);
    const fields = new Set<string>(trigger.operation.outputFields.map((f: { key: string }) => f.key));
    for (const key of Object.keys(samples[0].data)) assert.ok(fields.has(`data__${key}`) || [...fields].some((f) => f.startsWith(`data__${key}__`)), key);
  });

  it('link.click: following a short link reaches the hook URL of a link_click subscription, and perform returns it', async () => {
    const clicks = await startReceiver(undefined, { path: '/hooks/standard/2/click' });
    try {
      const trigger = triggers.link_click;
      const subscribeData = await run(trigger.operation.performSubscribe, { authData, targetUrl: clicks.url });
      const link = await api('/links', { body: { url: 'https://shop.example.com/autumn', title: 'Autumn sale' } });
      const follow = await fetch(link.shortUrl, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0' } });
      assert.equal(follow.status, 302);
      const delivery = await waitFor('the link.click delivery', () => clicks.requests.find((r) => r.method === 'POST'));
      const envelope = JSON.parse(delivery.body);
      assert.equal(envelope.type, 'link.click');
      assert.equal(envelope.data.linkId, link.id);
      assert.deepEqual(await run(trigger.operation.perform, { authData, subscribeData, cleanedRequest: envelope }), [envelope]);
      await run(trigger.operation.performUnsubscribe, { authData, subscribeData });
    } finally {
      await clicks.close();
    }
  });
});
