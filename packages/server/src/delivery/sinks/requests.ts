import type { SinkProvider } from '../../db/schema.integrations.js';
import { type Envelope, GA4_LIMITS, toGa4, toPosthog, toSegment } from './mapping.js';

// Per-provider request builders: a sink's due deliveries → the fewest requests each provider
// accepts. Each request lists the deliveries it carries, so its one attempt lands in each of their
// histories. Deliveries that can never be accepted are returned apart with a named reason.

/** What a sink needs to build its requests: settings and opened credentials. */
export type SinkTarget =
  | { provider: 'ga4'; endpoint: string; measurementId: string; apiSecret: string }
  | { provider: 'segment'; apiHost: string; writeKey: string }
  | { provider: 'posthog'; host: string; apiKey: string };

export interface SinkRequest<T> {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The headers as the attempt records them: credentials masked. */
  recordedHeaders: Record<string, string>;
  items: T[];
}

export interface Refusal<T> {
  item: T;
  reason: string;
}

/** Segment: 32 KB per event, 500 KB per batch (HTTP Tracking API limits). */
export const SEGMENT_LIMITS = { eventBytes: 32 * 1024, batchBytes: 500 * 1024 } as const;
/** PostHog accepts 20 MB a request with no count limit; Linkwire's own cap keeps requests small. */
export const POSTHOG_LIMITS = { eventsPerRequest: 1000, batchBytes: 5 * 1024 * 1024 } as const;
/** PostHog: a batch whose events are all older than this is sent as a historical migration. */
export const POSTHOG_HISTORICAL_MS = 48 * 3_600_000;

const JSON_HEADERS = { 'content-type': 'application/json', 'user-agent': 'Linkwire-Sinks/1' };

export function buildRequests<T>(target: SinkTarget, items: Array<{ item: T; envelope: Envelope }>, now: number) {
  if (target.provider === 'ga4') return ga4Requests(target, items);
  if (target.provider === 'segment') return segmentRequests(target, items);
  return posthogRequests(target, items, now);
}

export function ga4CollectUrl(target: Extract<SinkTarget, { provider: 'ga4' }>, debug = false): string {
  const q = new URLSearchParams({ measurement_id: target.measurementId, api_secret: target.apiSecret });
  return `${target.endpoint}/${debug ? 'debug/mp/collect' : 'mp/collect'}?${q}`;
}

/** GA4 body of one client's events. */
export function ga4Body(clientId: string, events: ReturnType<typeof toGa4>[]): string {
  // timestamp_micros per event: a batch may span time (retries), and GA4 places each event at its own time.
  return JSON.stringify({ client_id: clientId, events: events.map((e) => ({ ...e.event, timestamp_micros: e.timestampMicros })) });
}

/**
 * GA4: one client_id per request (the Measurement Protocol's unit), so events are grouped by
 * visitor, then cut at 25 events and under 130 kB.
 */
function ga4Requests<T>(target: Extract<SinkTarget, { provider: 'ga4' }>, items: Array<{ item: T; envelope: Envelope }>) {
  const byClient = new Map<string, Array<{ item: T; ga4: ReturnType<typeof toGa4> }>>();
  for (const { item, envelope } of items) {
    const ga4 = toGa4(envelope);
    let list = byClient.get(ga4.clientId);
    if (!list) {
      list = [];
      byClient.set(ga4.clientId, list);
    }
    list.push({ item, ga4 });
  }
  const requests: SinkRequest<T>[] = [];
  const refused: Refusal<T>[] = [];
  const url = ga4CollectUrl(target);
  const recordedUrl = ga4CollectUrl({ ...target, apiSecret: '••••' });
  for (const [clientId, list] of byClient) {
    let chunk: typeof list = [];
    const flush = () => {
      if (chunk.length === 0) return;
      requests.push({
        url,
        headers: JSON_HEADERS,
        body: ga4Body(
          clientId,
          chunk.map((c) => c.ga4),
        ),
        recordedHeaders: { ...JSON_HEADERS, 'x-linkwire-request': `POST ${recordedUrl}` },
        items: chunk.map((c) => c.item),
      });
      chunk = [];
    };
    for (const entry of list) {
      if (Buffer.byteLength(ga4Body(clientId, [entry.ga4])) >= GA4_LIMITS.bodyBytes) {
        refused.push({ item: entry.item, reason: 'payload_too_large: the event alone exceeds GA4’s 130 kB request limit' });
        continue;
      }
      chunk.push(entry);
      const size = Buffer.byteLength(
        ga4Body(
          clientId,
          chunk.map((c) => c.ga4),
        ),
      );
      if (size >= GA4_LIMITS.bodyBytes) {
        chunk.pop();
        flush();
        chunk.push(entry);
      }
      if (chunk.length === GA4_LIMITS.eventsPerRequest) flush();
    }
    flush();
  }
  return { requests, refused };
}

/** Splits serialised events into batches under `maxBytes` (the wrapper's bytes included) and `maxCount`. */
function chunkBySize<T>(entries: Array<{ item: T; json: string }>, overhead: number, maxBytes: number, maxCount: number) {
  const batches: Array<Array<{ item: T; json: string }>> = [];
  let current: Array<{ item: T; json: string }> = [];
  let bytes = overhead;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.json) + 1;
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxCount)) {
      batches.push(current);
      current = [];
      bytes = overhead;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function segmentRequests<T>(target: Extract<SinkTarget, { provider: 'segment' }>, items: Array<{ item: T; envelope: Envelope }>) {
  const refused: Refusal<T>[] = [];
  const entries: Array<{ item: T; json: string }> = [];
  for (const { item, envelope } of items) {
    const json = JSON.stringify(toSegment(envelope));
    if (Buffer.byteLength(json) > SEGMENT_LIMITS.eventBytes) refused.push({ item, reason: 'payload_too_large: the event exceeds Segment’s 32 KB per event' });
    else entries.push({ item, json });
  }
  const auth = `Basic ${Buffer.from(`${target.writeKey}:`).toString('base64')}`;
  const headers = { ...JSON_HEADERS, authorization: auth };
  const requests = chunkBySize(entries, 64, SEGMENT_LIMITS.batchBytes, Number.POSITIVE_INFINITY).map(
    (batch): SinkRequest<T> => ({
      url: `${target.apiHost}/v1/batch`,
      headers,
      body: `{"batch":[${batch.map((b) => b.json).join(',')}]}`,
      recordedHeaders: { ...JSON_HEADERS, authorization: 'Basic ••••' },
      items: batch.map((b) => b.item),
    }),
  );
  return { requests, refused };
}

function posthogRequests<T>(target: Extract<SinkTarget, { provider: 'posthog' }>, items: Array<{ item: T; envelope: Envelope }>, now: number) {
  const entries = items.map(({ item, envelope }) => ({ item, json: JSON.stringify(toPosthog(envelope)), at: Date.parse(envelope.timestamp) }));
  const at = new Map(entries.map((e) => [e.item, e.at]));
  const batches = chunkBySize(entries, 256, POSTHOG_LIMITS.batchBytes, POSTHOG_LIMITS.eventsPerRequest);
  const requests = batches.map((batch): SinkRequest<T> => {
    // Svix's PostHog sink does the same: a batch made only of old events skips live processing.
    const historical = batch.every((b) => now - (at.get(b.item) ?? now) > POSTHOG_HISTORICAL_MS);
    return {
      url: `${target.host}/batch/`,
      headers: JSON_HEADERS,
      body: `{"api_key":${JSON.stringify(target.apiKey)},"historical_migration":${historical},"batch":[${batch.map((b) => b.json).join(',')}]}`,
      recordedHeaders: JSON_HEADERS,
      items: batch.map((b) => b.item),
    };
  });
  return { requests, refused: [] as Refusal<T>[] };
}

/** The provider's name for people. */
export const PROVIDER_NAMES: Record<SinkProvider, string> = { ga4: 'Google Analytics 4', segment: 'Segment', posthog: 'PostHog' };
