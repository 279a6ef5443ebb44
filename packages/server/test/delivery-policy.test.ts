import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Breakers } from '../src/delivery/breaker.js';
import { claimSize, minBacklogClaim, triage } from '../src/delivery/claim.js';
import type { ClaimedDelivery } from '../src/delivery/claimed.js';
import type { EndpointConfig } from '../src/delivery/endpoints.js';
import { aimdLimit, handOverLimit, localQueueKeep, nextAvgMs, observedPace, overloaded, unansweredPace } from '../src/delivery/lanes.js';
import { fixedHeaders, RESERVED_HEADERS, requestHeaders, USER_AGENT } from '../src/delivery/request-headers.js';
import { MAX_RETRY_AFTER_MS, nextStep, parseRetryAfter } from '../src/delivery/retry.js';
import { classify, type SendResult } from '../src/delivery/send-result.js';

// The pure policies of the delivery engine: retry schedule, Retry-After, breaker, error classes,
// request headers, per-endpoint concurrency (AIMD), the local queue, claim sizes.

const result = (over: Partial<SendResult>): SendResult => ({
  ok: false,
  startedAt: 0,
  durationMs: 1,
  statusCode: 500,
  errorKind: 'http',
  error: 'HTTP 500',
  responseBody: null,
  retryAfterMs: null,
  requestHeadersJson: '{}',
  ...over,
});

describe('retry policy', () => {
  const schedule = [10_000, 30_000, 120_000];
  it('follows the schedule with ±20 % jitter, then fails (exhausted)', () => {
    const now = 1_000_000;
    assert.deepEqual(
      nextStep(schedule, 1, result({}), now, () => 0),
      { status: 'pending', nextAttemptAt: now + 8_000, disableReason: null, exhausted: false },
    );
    assert.equal(nextStep(schedule, 1, result({}), now, () => 0.5).nextAttemptAt, now + 10_000);
    assert.equal(nextStep(schedule, 2, result({}), now, () => 0.999999).nextAttemptAt, now + 36_000);
    assert.equal(nextStep(schedule, 3, result({}), now, () => 0).nextAttemptAt, now + 96_000);
    assert.deepEqual(nextStep(schedule, 4, result({}), now), { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: true });
  });
  it('succeeds on 2xx; 410 disables; an SSRF refusal fails at once without exhausting', () => {
    assert.equal(nextStep(schedule, 1, result({ ok: true, statusCode: 204, errorKind: null }), 5).status, 'succeeded');
    const gone = nextStep(schedule, 1, result({ statusCode: 410 }), 5);
    assert.equal(gone.status, 'failed');
    assert.match(gone.disableReason!, /410/);
    const ssrf = nextStep(schedule, 1, result({ statusCode: null, errorKind: 'ssrf' }), 5);
    assert.deepEqual([ssrf.status, ssrf.exhausted, ssrf.disableReason], ['failed', false, null]);
  });
  it('honours Retry-After without jitter, capped at 24 h', () => {
    assert.equal(nextStep(schedule, 1, result({ statusCode: 429, retryAfterMs: 120_000 }), 0, () => 0).nextAttemptAt, 120_000);
    assert.equal(nextStep(schedule, 1, result({ statusCode: 503, retryAfterMs: 7 * 86_400_000 }), 0).nextAttemptAt, MAX_RETRY_AFTER_MS);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-25T14:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 25 Mar 2026 14:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Wed, 25 Mar 2026 13:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });
});

describe('circuit breaker', () => {
  it('opens after K consecutive failures, half-opens for one probe, doubles the cooldown on failure', () => {
    const b = new Breakers({ threshold: 3, minCooldownMs: 10_000, maxCooldownMs: 25_000 });
    for (let i = 0; i < 2; i++) b.record('wh', false, 0);
    assert.equal(b.state('wh'), 'closed');
    assert.ok(b.admit('wh', 0));
    b.record('wh', false, 0);
    assert.equal(b.state('wh'), 'open');
    assert.equal(b.admit('wh', 9_999), false);
    assert.equal(b.reopensAt('wh', 5), 10_000);
    assert.equal(b.admit('wh', 10_000), true, 'the probe');
    assert.equal(b.state('wh'), 'half_open');
    assert.equal(b.admit('wh', 10_001), false, 'only one probe at a time');
    b.record('wh', false, 10_500);
    assert.equal(b.state('wh'), 'open');
    assert.equal(b.reopensAt('wh', 10_500), 30_500, 'cooldown doubled to 20 s');
    assert.ok(b.admit('wh', 30_500));
    b.record('wh', false, 31_000);
    assert.equal(b.reopensAt('wh', 31_000), 56_000, 'capped at 25 s');
    assert.ok(b.admit('wh', 56_000));
    b.record('wh', true, 56_100);
    assert.equal(b.state('wh'), 'closed');
    assert.deepEqual(b.counts(), { closed: 0, open: 0, half_open: 0 });
  });
  it('a success resets the failure count', () => {
    const b = new Breakers({ threshold: 2, minCooldownMs: 1_000, maxCooldownMs: 1_000 });
    b.record('wh', false, 0);
    b.record('wh', true, 0);
    b.record('wh', false, 0);
    assert.equal(b.state('wh'), 'closed');
  });
});

describe('error classification', () => {
  const err = (code: string, message = 'boom') => Object.assign(new Error(message), { code });
  it('maps network errors (through undici cause chains) to kinds', () => {
    assert.equal(classify(err('ECONNREFUSED'), false, 1000).kind, 'connection');
    assert.equal(classify(err('ECONNRESET'), false, 1000).kind, 'connection');
    assert.equal(classify(Object.assign(new Error('fetch failed'), { cause: err('ENOTFOUND') }), false, 1000).kind, 'dns');
    assert.equal(classify(err('EAI_AGAIN'), false, 1000).kind, 'dns');
    assert.equal(classify(err('CERT_HAS_EXPIRED'), false, 1000).kind, 'tls');
    assert.equal(classify(err('DEPTH_ZERO_SELF_SIGNED_CERT'), false, 1000).kind, 'tls');
    assert.equal(classify(err('ERR_TLS_CERT_ALTNAME_INVALID'), false, 1000).kind, 'tls');
    assert.equal(classify(err('UND_ERR_HEADERS_TIMEOUT'), false, 1000).kind, 'timeout');
    assert.equal(classify(err('UND_ERR_CONNECT_TIMEOUT'), false, 1000).kind, 'timeout');
    assert.equal(classify(err('ESSRF', 'Refused to connect to 10.0.0.1'), false, 1000).kind, 'ssrf');
    assert.deepEqual(classify(new Error('aborted'), true, 1500), { kind: 'timeout', message: 'No response within 1500 ms' });
  });
});

describe('request headers', () => {
  it('drops reserved names whatever their case, keeps the rest, and sets content-type and user-agent after them', () => {
    const fixed = fixedHeaders({
      'X-Team': 'growth',
      Expect: '100-continue',
      'CONTENT-TYPE': 'text/plain',
      'Proxy-Authorization': 'x',
      'webhook-id': 'spoofed',
    });
    assert.deepEqual(fixed, { 'X-Team': 'growth', 'content-type': 'application/json', 'user-agent': USER_AGENT });
  });
  it('is null when no custom header passes, so the common request needs no copy', () => {
    assert.equal(fixedHeaders({}), null);
    assert.equal(fixedHeaders({ Host: 'evil.example', Connection: 'close', TE: 'trailers' }), null);
  });
  it('adds the Standard Webhooks headers to either form', () => {
    const signed = { 'webhook-id': 'evt_1', 'webhook-timestamp': '1700000000', 'webhook-signature': 'v1,abc' };
    assert.deepEqual(requestHeaders(null, 'evt_1', '1700000000', 'v1,abc'), { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...signed });
    const fixed = fixedHeaders({ 'x-team': 'growth' });
    assert.deepEqual(requestHeaders(fixed, 'evt_1', '1700000000', 'v1,abc'), {
      'x-team': 'growth',
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      ...signed,
    });
    assert.deepEqual(fixed, { 'x-team': 'growth', 'content-type': 'application/json', 'user-agent': USER_AGENT }, 'the cached part is not changed');
  });
  it('reserves every header Linkwire sets and every hop-by-hop one, Expect included', () => {
    for (const name of ['content-type', 'content-length', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature', 'host', 'expect']) {
      assert.ok(RESERVED_HEADERS.has(name), name);
    }
    for (const name of ['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection'])
      assert.ok(RESERVED_HEADERS.has(name), name);
    assert.equal(RESERVED_HEADERS.has('authorization'), false, 'a receiver may want its own credentials');
  });
});

describe('per-endpoint concurrency (AIMD)', () => {
  const success = result({ ok: true, statusCode: 200, errorKind: null, error: null });
  it('a success while work waits adds one slot, up to the cap; with nothing waiting it adds none', () => {
    assert.equal(aimdLimit(16, success, true, 64), 17);
    assert.equal(aimdLimit(64, success, true, 64), 64);
    assert.equal(aimdLimit(16, success, false, 64), 16);
  });
  it('a sign of overload halves the slots, never below one; a quick 4xx leaves them', () => {
    assert.equal(aimdLimit(17, result({ statusCode: 500 }), true, 64), 8);
    assert.equal(aimdLimit(1, result({ statusCode: 503 }), true, 64), 1);
    assert.equal(aimdLimit(16, result({ statusCode: 404 }), true, 64), 16);
    assert.equal(aimdLimit(16, result({ statusCode: 410 }), true, 64), 16);
    for (const r of [
      result({ statusCode: 429 }),
      result({ statusCode: 502 }),
      result({ statusCode: null, errorKind: 'timeout' }),
      result({ statusCode: null, errorKind: 'connection' }),
    ]) {
      assert.equal(overloaded(r), true, `${r.statusCode} ${r.errorKind}`);
    }
    for (const r of [
      result({ statusCode: 400 }),
      result({ statusCode: 301, errorKind: 'redirect' }),
      result({ statusCode: null, errorKind: 'ssrf' }),
      result({ statusCode: null, errorKind: 'dns' }),
    ]) {
      assert.equal(overloaded(r), false, `${r.statusCode} ${r.errorKind}`);
    }
  });
  it('from the start of 16, a receiver that always answers reaches the cap of 64 in 48 sends', () => {
    let limit = 16;
    let sends = 0;
    while (limit < 64) {
      limit = aimdLimit(limit, success, true, 64);
      sends++;
    }
    assert.equal(sends, 48);
  });
  it('the pace is a moving average (the newest attempt counts 20 %), stretched by a send still running', () => {
    assert.equal(nextAvgMs(null, 40), 40);
    assert.equal(nextAvgMs(40, 90), 50);
    assert.equal(observedPace(50, undefined, 10_000), 50);
    assert.equal(observedPace(50, 9_990, 10_000), 50);
    assert.equal(observedPace(50, 7_000, 10_000), 3_000);
  });
  it('a sender that queues ahead gets twice the limit while the endpoint answers, else the limit', () => {
    assert.equal(handOverLimit(8, true, true), 16);
    assert.equal(handOverLimit(8, false, true), 8);
    assert.equal(handOverLimit(8, true, false), 8);
  });
});

describe('local queue', () => {
  it('keeps about five seconds of work at the pace, at least one round', () => {
    assert.equal(localQueueKeep(64, 20), 16_000);
    assert.equal(localQueueKeep(64, 1_000), 320);
    assert.equal(localQueueKeep(16, 10_000), 16, 'slower than 5 s per send: one round');
    assert.equal(localQueueKeep(4, 0), 20_000, 'a pace under 1 ms counts as 1 ms');
  });
  it('before a first answer, the pace is the age of the oldest send, at least 250 ms', () => {
    assert.equal(unansweredPace(undefined, 1_000), 250, 'nothing in flight yet');
    assert.equal(unansweredPace(990, 1_000), 250);
    assert.equal(unansweredPace(0, 1_000), 1_000);
    assert.equal(localQueueKeep(16, unansweredPace(undefined, 1_000)), 320);
    assert.equal(localQueueKeep(16, unansweredPace(0, 1_000)), 80);
    assert.equal(localQueueKeep(16, unansweredPace(0, 5_000)), 16, 'hung for 5 s: one round');
  });
});

describe('claim size', () => {
  it('claims up to a batch of the free slots', () => {
    assert.equal(claimSize(512, false, 256, 128), 256);
    assert.equal(claimSize(40, false, 256, 128), 40);
    assert.equal(claimSize(1, false, 256, 128), 1);
    assert.equal(claimSize(0, false, 256, 128), 0);
  });
  it('while a backlog waits, not before half a batch of slots is free', () => {
    assert.equal(claimSize(127, true, 256, 128), 0);
    assert.equal(claimSize(128, true, 256, 128), 128);
    assert.equal(claimSize(300, true, 256, 128), 256);
  });
  it('half a batch, bounded by the concurrency and at least one', () => {
    assert.equal(minBacklogClaim(256, 512), 128);
    assert.equal(minBacklogClaim(32, 64), 16);
    assert.equal(minBacklogClaim(256, 100), 100);
    assert.equal(minBacklogClaim(1, 512), 1);
  });
});

describe('claimed batch triage', () => {
  const endpoint = (id: string, over: Partial<EndpointConfig> = {}): EndpointConfig => ({
    id,
    accountId: 'acc_1',
    format: 'standard',
    source: 'api',
    url: 'http://127.0.0.1:9/hook',
    timeoutMs: 5_000,
    headers: {},
    enabled: true,
    deleted: false,
    listen: false,
    secrets: [],
    ...over,
  });
  const claimed = (id: string, webhookId: string, over: Partial<ClaimedDelivery> = {}): ClaimedDelivery => ({
    id,
    accountId: 'acc_1',
    webhookId,
    eventId: `evt_${id}`,
    attemptCount: 0,
    isTest: 0,
    payload: '{}',
    ...over,
  });
  it('sends what it can; cancels for a deleted or missing endpoint, fails a purged event, holds for a disabled endpoint (not a test send), parks for a listen endpoint', () => {
    const endpoints = new Map([
      ['wh_ok', endpoint('wh_ok')],
      ['wh_deleted', endpoint('wh_deleted', { deleted: true })],
      ['wh_off', endpoint('wh_off', { enabled: false })],
      ['wh_listen', endpoint('wh_listen', { listen: true })],
      ['wh_listen_off', endpoint('wh_listen_off', { listen: true, enabled: false })],
    ]);
    const t = triage(
      [
        claimed('d1', 'wh_ok'),
        claimed('d2', 'wh_deleted'),
        claimed('d3', 'wh_missing'),
        claimed('d4', 'wh_ok', { payload: null }),
        claimed('d5', 'wh_off'),
        claimed('d6', 'wh_off', { isTest: 1 }),
        claimed('d7', 'wh_deleted', { payload: null }),
        claimed('d8', 'wh_listen'),
        claimed('d9', 'wh_listen_off'),
      ],
      endpoints,
    );
    assert.deepEqual(
      t.jobs.map((j) => [j.delivery.id, j.endpoint.id]),
      [
        ['d1', 'wh_ok'],
        ['d6', 'wh_off'],
      ],
    );
    assert.deepEqual(t.cancelled, ['d2', 'd3', 'd7'], 'a deleted endpoint cancels whatever the event');
    assert.deepEqual(t.orphaned, ['d4']);
    assert.deepEqual(t.held, ['d5', 'd9'], 'a disabled listen endpoint holds too');
    assert.deepEqual(t.listen, ['d8'], 'a listen endpoint’s delivery is parked for its stream, not sent');
  });
});
