// Property-based: any single mutation of body, id, timestamp or signature is rejected, by both builds,
// and both builds always agree.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { WebhookVerificationError, signWebhook, signWebhookAsync, verifyWebhook, verifyWebhookAsync } from '../src/index.js';

const NOW_S = 1_700_000_000;
const options = { now: NOW_S * 1000 };

const delivery = fc.record({
  key: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  id: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && !/[\r\n]/.test(s)),
  offset: fc.integer({ min: -300, max: 300 }),
  event: fc.dictionary(fc.string(), fc.jsonValue()),
});

type Delivery = { key: Uint8Array; id: string; offset: number; event: Record<string, unknown> };

function sign(d: Delivery) {
  const secret = `whsec_${Buffer.from(d.key).toString('base64')}`;
  const body = Buffer.from(JSON.stringify(d.event));
  const timestamp = NOW_S + d.offset;
  const headers = {
    'webhook-id': d.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({ id: d.id, timestamp, body, secret }),
  };
  return { secret, body, timestamp, headers };
}

/** Both builds must reject, with the same reason. */
async function assertRejected(body: Uint8Array, headers: Record<string, string>, secret: string) {
  let nodeReason: string | undefined;
  try {
    verifyWebhook(body, headers, secret, options);
  } catch (err) {
    assert.ok(err instanceof WebhookVerificationError);
    nodeReason = err.reason;
  }
  assert.ok(nodeReason, 'node build accepted a mutated delivery');
  await assert.rejects(verifyWebhookAsync(body, headers, secret, options), { reason: nodeReason });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

describe('property: mutations are rejected', () => {
  test('unmutated deliveries verify in both builds, and the async signer agrees', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, async (d) => {
        const { secret, body, timestamp, headers } = sign(d);
        const expected = JSON.parse(body.toString()); // plain objects, as fast-check may build null-prototype ones
        assert.deepEqual(verifyWebhook(body, headers, secret, options), expected);
        assert.deepEqual(await verifyWebhookAsync(body, headers, secret, options), expected);
        assert.equal(await signWebhookAsync({ id: d.id, timestamp, body, secret }), headers['webhook-signature']);
      }),
    );
  });

  test('any changed body byte, or added/removed bytes', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.constantFrom('flip', 'append', 'drop'), async (d, at, xor, how) => {
        const { secret, body, headers } = sign(d);
        const i = at % body.length;
        let mutated: Uint8Array;
        if (how === 'flip') {
          mutated = Buffer.from(body);
          mutated[i] = (mutated[i] ?? 0) ^ xor;
        } else if (how === 'append') mutated = Buffer.concat([body, Buffer.from([xor])]);
        else mutated = Buffer.concat([body.subarray(0, i), body.subarray(i + 1)]);
        await assertRejected(mutated, headers, secret);
      }),
    );
  });

  test('any other webhook-id', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, fc.string({ minLength: 1 }), async (d, other) => {
        fc.pre(other !== d.id && other.trim() === other);
        const { secret, body, headers } = sign(d);
        await assertRejected(body, { ...headers, 'webhook-id': other }, secret);
      }),
    );
  });

  test('any other webhook-timestamp, including ones inside the window', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, fc.integer({ min: -1_000_000, max: 1_000_000 }), async (d, shift) => {
        fc.pre(shift !== 0);
        const { secret, body, timestamp, headers } = sign(d);
        await assertRejected(body, { ...headers, 'webhook-timestamp': String(timestamp + shift) }, secret);
      }),
    );
  });

  test('any changed, dropped or added signature character', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, fc.nat(), fc.constantFrom(...B64), fc.constantFrom('replace', 'drop', 'insert'), async (d, at, ch, how) => {
        const { secret, body, headers } = sign(d);
        const sig = headers['webhook-signature'];
        const i = 3 + (at % (sig.length - 3)); // keep the "v1," so the payload, not the version, changes
        let mutated: string;
        if (how === 'replace') {
          fc.pre(sig[i] !== ch);
          mutated = sig.slice(0, i) + ch + sig.slice(i + 1);
        } else if (how === 'drop') mutated = sig.slice(0, i) + sig.slice(i + 1);
        else mutated = sig.slice(0, i) + ch + sig.slice(i);
        await assertRejected(body, { ...headers, 'webhook-signature': mutated }, secret);
      }),
    );
  });

  test('a different key', async () => {
    await fc.assert(
      fc.asyncProperty(delivery, fc.uint8Array({ minLength: 1, maxLength: 64 }), async (d, otherKey) => {
        fc.pre(Buffer.compare(Buffer.from(otherKey), Buffer.from(d.key)) !== 0);
        const { body, headers } = sign(d);
        await assertRejected(body, headers, `whsec_${Buffer.from(otherKey).toString('base64')}`);
      }),
    );
  });
});
