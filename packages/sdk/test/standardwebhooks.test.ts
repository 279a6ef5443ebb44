// Cross-checks against the Standard Webhooks reference library (the `standardwebhooks` npm package).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { generateSecret, signWebhook, signWebhookAsync, verifyWebhook, verifyWebhookAsync } from '../src/index.js';
import { SECRET, sampleBody, sampleEvent } from './helpers.js';

describe('standardwebhooks interop', () => {
  test("the known-answer vector is the reference library's own output", () => {
    const sig = new Webhook(SECRET).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}');
    assert.equal(sig, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  test('it signs, we verify (node and WebCrypto builds)', async () => {
    for (let i = 0; i < 20; i++) {
      const secret = generateSecret();
      const id = `evt_${i}_${Math.random().toString(36).slice(2)}`;
      const now = new Date();
      const body = JSON.stringify({ ...sampleEvent, id, data: { ...sampleEvent.data, title: `t${i} ✓` } });
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, now, body),
      };
      assert.equal(verifyWebhook(body, headers, secret).id, id);
      assert.equal((await verifyWebhookAsync(body, headers, secret)).id, id);
    }
  });

  test('we sign, it verifies (both builds, with and without whsec_)', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const id = sampleEvent.id;
    for (const secret of [SECRET, SECRET.slice(6), generateSecret()]) {
      for (const signature of [signWebhook({ id, timestamp, body: sampleBody, secret }), await signWebhookAsync({ id, timestamp, body: sampleBody, secret })]) {
        const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
        // The reference library wants the whsec_ form, or bare base64.
        assert.deepEqual(new Webhook(secret).verify(sampleBody, headers), sampleEvent);
      }
    }
  });

  test('it rejects what we reject: tampered body', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: 'evt_1', timestamp, body: sampleBody, secret: SECRET }),
    };
    const tampered = sampleBody.replace('FR', 'DE');
    assert.throws(() => new Webhook(SECRET).verify(tampered, headers));
    assert.throws(() => verifyWebhook(tampered, headers, SECRET), { reason: 'invalid_signature' });
  });
});
