import { EXAMPLES, type EventType, isEventType } from '../../events/catalog.js';
import type { TargetPolicy } from '../../lib/ssrf.js';
import type { SendResult } from '../send-result.js';
import { SinkClient } from './client.js';
import { type Envelope, toGa4, toPosthog, toSegment } from './mapping.js';
import { ga4Body, ga4CollectUrl, type SinkTarget } from './requests.js';

// The connect-time check of a sink's credentials, one cheap documented call per provider:
//   GA4      the first mapped sample to the validation server (/debug/mp/collect), whose
//            validationMessages are the verdict (it does not check api_secret, so a real
//            `linkwire_integration_test` event is sent to /mp/collect too, for DebugView);
//   Segment  one `track` of "Linkwire Integration Test" with Basic auth (401/403: a bad writeKey);
//   PostHog  one capture to /i/v0/e/ (401: a bad project API key), expecting {"status": 1}.

/** A problem with one field of the connect request, in the API's terms. */
export interface SinkProblem {
  field: string;
  message: string;
}

export type SinkCheck = { ok: true } | { ok: false; status: 400 | 502; problems: SinkProblem[] };

/** A sample envelope of the first subscribed type (link.click for "*"). */
export function sampleEnvelope(events: string[], now: number): Envelope {
  const type: EventType = events.find((t): t is EventType => t !== '*' && isEventType(t)) ?? 'link.click';
  return { id: 'evt_linkwire_integration_test', type, timestamp: new Date(now).toISOString(), data: EXAMPLES[type] as Record<string, unknown> };
}

const GA4_FIELDS: Record<string, string> = { measurement_id: 'measurementId', api_secret: 'apiSecret', client_id: 'measurementId' };

export async function checkSink(policy: TargetPolicy, target: SinkTarget, events: string[], now = Date.now()): Promise<SinkCheck> {
  const client = new SinkClient(policy);
  try {
    if (target.provider === 'ga4') return await checkGa4(client, target, events, now);
    if (target.provider === 'segment') return await checkSegment(client, target, now);
    return await checkPosthog(client, target, now);
  } finally {
    await client.close();
  }
}

/** A connection failure or a 5xx: the provider could not be reached, which is not the user's field. */
function unreachable(result: SendResult, field: string): SinkCheck | null {
  if (result.statusCode !== null && result.statusCode < 500) return null;
  if (result.errorKind === 'ssrf') return { ok: false, status: 400, problems: [{ field, message: result.error ?? 'is not an allowed target' }] };
  return { ok: false, status: 502, problems: [{ field, message: `could not be reached: ${result.error ?? 'no response'}` }] };
}

async function checkGa4(client: SinkClient, target: Extract<SinkTarget, { provider: 'ga4' }>, events: string[], now: number): Promise<SinkCheck> {
  const ga4 = toGa4(sampleEnvelope(events, now));
  const headers = { 'content-type': 'application/json' };
  const res = await client.post(ga4CollectUrl(target, true), headers, ga4Body(ga4.clientId, [ga4]), headers);
  const down = unreachable(res, 'measurementId');
  if (down) return down;
  let messages: Array<{ fieldPath?: string; description?: string; validationCode?: string }> = [];
  try {
    messages = (JSON.parse(res.responseBody ?? '{}') as { validationMessages?: typeof messages }).validationMessages ?? [];
  } catch {
    return { ok: false, status: 502, problems: [{ field: 'measurementId', message: `the GA4 validation server answered ${res.statusCode} without JSON` }] };
  }
  if (!res.ok || messages.length > 0) {
    const problems = messages.map((m) => ({
      field: GA4_FIELDS[m.fieldPath ?? ''] ?? `ga4.${m.fieldPath ?? 'request'}`,
      message: `${m.description ?? 'invalid'} (${m.validationCode ?? 'VALUE_INVALID'})`,
    }));
    return {
      ok: false,
      status: 400,
      problems: problems.length ? problems : [{ field: 'measurementId', message: `GA4 refused the request (HTTP ${res.statusCode})` }],
    };
  }
  const test = {
    ...ga4,
    event: { name: 'linkwire_integration_test', params: { linkwire_event_id: 'evt_linkwire_integration_test', engagement_time_msec: 1 } },
  };
  await client.post(ga4CollectUrl(target), headers, ga4Body(ga4.clientId, [test]), headers);
  return { ok: true };
}

async function checkSegment(client: SinkClient, target: Extract<SinkTarget, { provider: 'segment' }>, now: number): Promise<SinkCheck> {
  const call = { ...toSegment(sampleEnvelope(['link.click'], now)), event: 'Linkwire Integration Test', messageId: `linkwire-test-${now}` };
  const auth = `Basic ${Buffer.from(`${target.writeKey}:`).toString('base64')}`;
  const res = await client.post(`${target.apiHost}/v1/track`, { 'content-type': 'application/json', authorization: auth }, JSON.stringify(call), {});
  const down = unreachable(res, 'apiHost');
  if (down) return down;
  if (res.statusCode === 401 || res.statusCode === 403)
    return { ok: false, status: 400, problems: [{ field: 'writeKey', message: `was refused by Segment (HTTP ${res.statusCode})` }] };
  if (!res.ok) return { ok: false, status: 400, problems: [{ field: 'apiHost', message: `answered HTTP ${res.statusCode}: is it a Segment-compatible API?` }] };
  return { ok: true };
}

async function checkPosthog(client: SinkClient, target: Extract<SinkTarget, { provider: 'posthog' }>, now: number): Promise<SinkCheck> {
  const event = { ...toPosthog(sampleEnvelope(['link.click'], now)), event: 'linkwire integration test', api_key: target.apiKey };
  const res = await client.post(`${target.host}/i/v0/e/`, { 'content-type': 'application/json' }, JSON.stringify(event), {});
  const down = unreachable(res, 'host');
  if (down) return down;
  if (res.statusCode === 401 || res.statusCode === 403)
    return { ok: false, status: 400, problems: [{ field: 'apiKey', message: `was refused by PostHog (HTTP ${res.statusCode})` }] };
  let status: unknown;
  try {
    status = (JSON.parse(res.responseBody ?? '{}') as { status?: unknown }).status;
  } catch {
    status = undefined;
  }
  if (!res.ok || status !== 1)
    return { ok: false, status: 400, problems: [{ field: 'host', message: `answered HTTP ${res.statusCode} without {"status": 1}: is it a PostHog host?` }] };
  return { ok: true };
}
