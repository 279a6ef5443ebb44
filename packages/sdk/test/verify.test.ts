import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type VerificationFailureReason, WebhookVerificationError, generateSecret, signWebhook, createSigner, verifyWebhook } from '../src/index.js';
import { NOW_MS, NOW_S, SECRET, sampleBody, sampleEvent, signedHeaders } from './helpers.js';

function rejects(fn: () => unknown, reason: VerificationFailureReason) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof WebhookVerificationError, `expected WebhookVerificationError, got ${String(err)}`);
    assert.ok(err instanceof Error);
    assert.equal(err.reason, reason, err.message);
    return true;
  });
}

const at = { now: NOW_MS };

describe('Standard Webhooks known-answer vector', () => {
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';
  const expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  test('signWebhook produces the reference signature, with and without whsec_', () => {
    assert.equal(signWebhook({ id, timestamp, body, secret: SECRET }), expected);
    assert.equal(signWebhook({ id, timestamp, body, secret: SECRET.slice('whsec_'.length) }), expected);
    assert.equal(signWebhook({ id, timestamp: new Date(timestamp * 1000 + 999), body, secret: SECRET }), expected);
    assert.equal(createSigner(SECRET)(id, timestamp, Buffer.from(body)), expected);
  });

  test('verifyWebhook accepts the reference signature and parses the body', () => {
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': expected };
    const event = verifyWebhook(body, headers, SECRET, { now: timestamp * 1000 });
    assert.deepEqual(event, { test: 2432232314 });
  });
});

describe('verifyWebhook accepts', () => {
  test('a valid delivery, returning the parsed event', () => {
    assert.deepEqual(verifyWebhook(sampleBody, signedHeaders(), SECRET, at), sampleEvent);
  });

  test('Buffer and Uint8Array bodies', () => {
    const headers = signedHeaders();
    assert.equal(verifyWebhook(Buffer.from(sampleBody), headers, SECRET, at).id, sampleEvent.id);
    assert.equal(verifyWebhook(new TextEncoder().encode(sampleBody), headers, SECRET, at).id, sampleEvent.id);
  });

  test('non-ASCII bodies, signed as UTF-8 bytes', () => {
    const body = JSON.stringify({ ...sampleEvent, data: { ...sampleEvent.data, title: 'Café ☕ 日本' } });
    const headers = signedHeaders({ body: Buffer.from(body) });
    assert.equal(verifyWebhook(body, headers, SECRET, at).id, sampleEvent.id);
  });

  test('headers in any case, as arrays, or as a Headers instance', () => {
    const h = signedHeaders();
    const upper = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));
    assert.ok(verifyWebhook(sampleBody, upper, SECRET, at));
    assert.ok(verifyWebhook(sampleBody, { ...h, 'webhook-signature': ['v1,AAAA', h['webhook-signature']!] }, SECRET, at));
    assert.ok(verifyWebhook(sampleBody, new Headers(h), SECRET, at));
  });

  test('a secret without the whsec_ prefix, and raw key bytes', () => {
    const bare = SECRET.slice('whsec_'.length);
    assert.ok(verifyWebhook(sampleBody, signedHeaders(), bare, at));
    assert.ok(verifyWebhook(sampleBody, signedHeaders(), Buffer.from(bare, 'base64'), at));
  });

  test('rotation: any one of several signatures matches; non-v1 entries are ignored', () => {
    const good = signedHeaders()['webhook-signature']!;
    const old = signedHeaders({ secret: generateSecret() })['webhook-signature']!;
    const withRotation = (signature: string) => ({ ...signedHeaders(), 'webhook-signature': signature });
    assert.ok(verifyWebhook(sampleBody, withRotation(`${old} ${good}`), SECRET, at));
    assert.ok(verifyWebhook(sampleBody, withRotation(`${good} ${old}`), SECRET, at));
    assert.ok(verifyWebhook(sampleBody, withRotation(`v1a,${good.slice(3)} ${good}`), SECRET, at));
    // Node joins a repeated header line with ", ".
    assert.ok(verifyWebhook(sampleBody, withRotation(`${old}, ${good}`), SECRET, at));
  });

  test('`now` as Date, epoch ms, or a function returning either', () => {
    for (const now of [new Date(NOW_MS), NOW_MS, () => NOW_MS, () => new Date(NOW_MS)]) {
      assert.ok(verifyWebhook(sampleBody, signedHeaders(), SECRET, { now }));
    }
  });

  test('the real clock by default', () => {
    const timestamp = Math.floor(Date.now() / 1000);
    assert.ok(verifyWebhook(sampleBody, signedHeaders({ timestamp }), SECRET));
  });
});

describe('verifyWebhook rejects, one broken thing at a time', () => {
  const without = (name: string) => {
    const { [name]: _dropped, ...rest } = signedHeaders();
    return rest;
  };

  test('missing_header: webhook-id', () => rejects(() => verifyWebhook(sampleBody, without('webhook-id'), SECRET, at), 'missing_header'));
  test('missing_header: webhook-timestamp', () => rejects(() => verifyWebhook(sampleBody, without('webhook-timestamp'), SECRET, at), 'missing_header'));
  test('missing_header: webhook-signature', () => rejects(() => verifyWebhook(sampleBody, without('webhook-signature'), SECRET, at), 'missing_header'));
  test('missing_header: empty value', () => rejects(() => verifyWebhook(sampleBody, { ...signedHeaders(), 'webhook-id': '' }, SECRET, at), 'missing_header'));

  for (const bad of ['abc', '-1700000000', '1700000000.5', '1.7e9', ' 1700000000']) {
    test(`invalid_timestamp: ${JSON.stringify(bad)}`, () =>
      rejects(() => verifyWebhook(sampleBody, { ...signedHeaders(), 'webhook-timestamp': bad }, SECRET, at), 'invalid_timestamp'));
  }

  test('timestamp_too_old', () => rejects(() => verifyWebhook(sampleBody, signedHeaders({ timestamp: NOW_S - 3600 }), SECRET, at), 'timestamp_too_old'));
  test('timestamp_too_new', () => rejects(() => verifyWebhook(sampleBody, signedHeaders({ timestamp: NOW_S + 3600 }), SECRET, at), 'timestamp_too_new'));

  test('invalid_signature: wrong secret', () => rejects(() => verifyWebhook(sampleBody, signedHeaders(), generateSecret(), at), 'invalid_signature'));
  test('invalid_signature: body changed', () =>
    rejects(() => verifyWebhook(sampleBody.replace('Blog', 'Blag'), signedHeaders(), SECRET, at), 'invalid_signature'));
  test('invalid_signature: re-serialised body (the JSON.stringify(req.body) mistake)', () => {
    const pretty = JSON.stringify(JSON.parse(sampleBody), null, 2);
    rejects(() => verifyWebhook(pretty, signedHeaders(), SECRET, at), 'invalid_signature');
  });
  test('invalid_signature: only non-v1 signatures', () => {
    const sig = signedHeaders()['webhook-signature']!.replace(/^v1,/, 'v2,');
    rejects(() => verifyWebhook(sampleBody, { ...signedHeaders(), 'webhook-signature': sig }, SECRET, at), 'invalid_signature');
  });
  test('invalid_signature: signature without padding (same bytes, different text)', () => {
    const sig = signedHeaders()['webhook-signature']!.replace(/=$/, '');
    rejects(() => verifyWebhook(sampleBody, { ...signedHeaders(), 'webhook-signature': sig }, SECRET, at), 'invalid_signature');
  });
  test('invalid_signature: non-ASCII garbage of the right length', () => {
    const sig = `v1,${'é'.repeat(44)}`;
    rejects(() => verifyWebhook(sampleBody, { ...signedHeaders(), 'webhook-signature': sig }, SECRET, at), 'invalid_signature');
  });

  test('invalid_json: correctly signed body that is not JSON', () => {
    const body = 'not json {';
    rejects(() => verifyWebhook(body, signedHeaders({ body }), SECRET, at), 'invalid_json');
  });
  test('invalid_json: correctly signed JSON that is not an object', () => {
    const body = '[1,2]';
    rejects(() => verifyWebhook(body, signedHeaders({ body }), SECRET, at), 'invalid_json');
  });

  test('errors carry a message and the right name', () => {
    try {
      verifyWebhook(sampleBody, without('webhook-signature'), SECRET, at);
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof WebhookVerificationError);
      assert.equal(err.name, 'WebhookVerificationError');
      assert.match(err.message, /webhook-signature/);
    }
  });
});

describe('timestamp window edges (tolerance 300 s, inclusive)', () => {
  const verifyAt = (offsetSeconds: number, toleranceSeconds?: number) =>
    verifyWebhook(sampleBody, signedHeaders({ timestamp: NOW_S + offsetSeconds }), SECRET, { now: NOW_MS, toleranceSeconds });

  test('exactly 300 s old passes, 301 s fails', () => {
    assert.ok(verifyAt(-300));
    rejects(() => verifyAt(-301), 'timestamp_too_old');
  });
  test('exactly 300 s ahead passes, 301 s fails', () => {
    assert.ok(verifyAt(300));
    rejects(() => verifyAt(301), 'timestamp_too_new');
  });
  test('toleranceSeconds changes the window', () => {
    assert.ok(verifyAt(-10, 10));
    rejects(() => verifyAt(-11, 10), 'timestamp_too_old');
    rejects(() => verifyAt(11, 10), 'timestamp_too_new');
  });
  test('sub-second clock readings truncate like Unix seconds', () => {
    const headers = signedHeaders({ timestamp: NOW_S - 300 });
    assert.ok(verifyWebhook(sampleBody, headers, SECRET, { now: NOW_MS + 999 }));
    rejects(() => verifyWebhook(sampleBody, headers, SECRET, { now: NOW_MS + 1000 }), 'timestamp_too_old');
  });
});

describe('secrets and signing inputs', () => {
  test('generateSecret gives whsec_ + base64 of 32 random bytes', () => {
    const a = generateSecret();
    const b = generateSecret();
    assert.match(a, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(a.slice(6), 'base64').length, 32);
    assert.notEqual(a, b);
    const headers = signedHeaders({ secret: a });
    assert.ok(verifyWebhook(sampleBody, headers, a, at));
  });

  test('a malformed secret is a TypeError (configuration bug), not a verification failure', () => {
    assert.throws(() => verifyWebhook(sampleBody, signedHeaders(), 'whsec_not base64!', at), TypeError);
    assert.throws(() => signWebhook({ id: 'x', timestamp: 1, body: '', secret: 'whsec_' }), TypeError);
  });

  test('timestamps must be whole Unix seconds', () => {
    assert.throws(() => signWebhook({ id: 'x', timestamp: 1.5, body: '', secret: SECRET }), TypeError);
    // Date.now() passed as seconds is a classic bug: 13-digit values are refused rather than signed.
    assert.throws(() => signWebhook({ id: 'x', timestamp: Date.now(), body: '', secret: SECRET }), /milliseconds/);
  });
});
