import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPIRED_FOR_SINK, GA4_MAX_AGE_MS, permanentStatus, sinkStep } from '../src/delivery/sinks/dispatch.js';
import type { Envelope } from '../src/delivery/sinks/mapping.js';
import { buildRequests, POSTHOG_HISTORICAL_MS, SEGMENT_LIMITS } from '../src/delivery/sinks/requests.js';
import type { SendResult } from '../src/delivery/send-result.js';
import { EXAMPLES } from '../src/events/catalog.js';

const NOW = Date.parse('2026-03-25T14:00:00.000Z');
const SCHEDULE = [10_000, 30_000, 120_000];

const click = (i: number, visitorId = 'v_same', at = NOW): Envelope => ({
  id: `evt_${String(i).padStart(4, '0')}`,
  type: 'link.click',
  timestamp: new Date(at).toISOString(),
  data: { ...EXAMPLES['link.click'], visitorId },
});

const result = (statusCode: number | null, ok = false): SendResult => ({
  ok,
  startedAt: NOW,
  durationMs: 5,
  statusCode,
  errorKind: ok ? null : statusCode === null ? 'connection' : 'http',
  error: ok ? null : `HTTP ${statusCode}`,
  responseBody: null,
  retryAfterMs: null,
  requestHeadersJson: '{}',
});

const ga4 = { provider: 'ga4' as const, endpoint: 'http://ga4.test', measurementId: 'G-TEST1234', apiSecret: 's3cret' };
const segment = { provider: 'segment' as const, apiHost: 'http://segment.test', writeKey: 'wk' };
const posthog = { provider: 'posthog' as const, host: 'http://posthog.test', apiKey: 'phc_x' };

describe('sink request builders', () => {
  it('GA4: one request per visitor, at most 25 events each; the recorded request hides the API secret', () => {
    const items = [...Array.from({ length: 30 }, (_, i) => click(i, 'v_a')), ...Array.from({ length: 3 }, (_, i) => click(100 + i, 'v_b'))].map((envelope) => ({
      item: envelope.id,
      envelope,
    }));
    const { requests, refused } = buildRequests(ga4, items, NOW);
    assert.deepEqual(refused, []);
    assert.deepEqual(
      requests.map((r) => [JSON.parse(r.body).client_id, r.items.length]),
      [
        ['v_a', 25],
        ['v_a', 5],
        ['v_b', 3],
      ],
    );
    assert.match(requests[0]!.url, /\/mp\/collect\?measurement_id=G-TEST1234&api_secret=s3cret$/);
    assert.ok(!JSON.stringify(requests[0]!.recordedHeaders).includes('s3cret'));
  });

  it('Segment: one /v1/batch under 500 KB; an event over 32 KB is refused alone as payload_too_large', () => {
    const big = click(1);
    big.data = { ...big.data, title: 'x'.repeat(SEGMENT_LIMITS.eventBytes) };
    const items = [click(0), big, click(2)].map((envelope) => ({ item: envelope.id, envelope }));
    const { requests, refused } = buildRequests(segment, items, NOW);
    assert.deepEqual(
      refused.map((r) => [r.item, r.reason.split(':')[0]]),
      [['evt_0001', 'payload_too_large']],
    );
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.url, 'http://segment.test/v1/batch');
    assert.equal(requests[0]!.headers.authorization, `Basic ${Buffer.from('wk:').toString('base64')}`);
    assert.equal(requests[0]!.recordedHeaders.authorization, 'Basic ••••');
    assert.deepEqual(requests[0]!.items, ['evt_0000', 'evt_0002']);
  });

  it('Segment: splits a backlog into batches that each stay under 500 KB', () => {
    const items = Array.from({ length: 60 }, (_, i) => {
      const e = click(i);
      e.data = { ...e.data, title: 't'.repeat(20_000) };
      return { item: e.id, envelope: e };
    });
    const { requests } = buildRequests(segment, items, NOW);
    assert.ok(requests.length > 1);
    for (const r of requests) assert.ok(Buffer.byteLength(r.body) <= SEGMENT_LIMITS.batchBytes);
    assert.equal(
      requests.reduce((n, r) => n + r.items.length, 0),
      60,
    );
  });

  it('PostHog: historical_migration only when every event of the batch is older than 48 h', () => {
    const old = NOW - POSTHOG_HISTORICAL_MS - 60_000;
    const allOld = buildRequests(
      posthog,
      [click(0, 'v', old), click(1, 'v', old)].map((envelope) => ({ item: envelope.id, envelope })),
      NOW,
    );
    assert.equal(JSON.parse(allOld.requests[0]!.body).historical_migration, true);
    const mixed = buildRequests(
      posthog,
      [click(0, 'v', old), click(1, 'v', NOW)].map((envelope) => ({ item: envelope.id, envelope })),
      NOW,
    );
    assert.equal(JSON.parse(mixed.requests[0]!.body).historical_migration, false);
    assert.equal(JSON.parse(mixed.requests[0]!.body).api_key, 'phc_x');
  });
});

describe('sink retry policy', () => {
  it('retries 5xx, 429 and connection errors; fails a permanent 4xx at once', () => {
    for (const status of [500, 503, 429, 408, null])
      assert.equal(sinkStep('segment', SCHEDULE, 1, result(status), NOW, NOW).step.status, 'pending', String(status));
    for (const status of [400, 401, 403, 413]) {
      assert.ok(permanentStatus(status));
      const { step } = sinkStep('posthog', SCHEDULE, 1, result(status), NOW, NOW);
      assert.equal(step.status, 'failed', String(status));
      assert.equal(step.exhausted, true);
    }
    assert.equal(sinkStep('ga4', SCHEDULE, 1, result(204, true), NOW, NOW).step.status, 'succeeded');
  });

  it('GA4: a retry that would land past the 72-hour window gives up with expired_for_sink', () => {
    const eventAt = NOW - GA4_MAX_AGE_MS + 5_000;
    const decided = sinkStep('ga4', SCHEDULE, 1, result(503), eventAt, NOW);
    assert.equal(decided.step.status, 'failed');
    assert.ok(decided.result.error?.startsWith(EXPIRED_FOR_SINK));
    // Segment has no such window: the same failure is retried.
    assert.equal(sinkStep('segment', SCHEDULE, 1, result(503), eventAt, NOW).step.status, 'pending');
  });
});
