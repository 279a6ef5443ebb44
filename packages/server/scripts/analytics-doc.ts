// Generates docs/analytics.md from the sinks' mapping (src/delivery/sinks/mapping.ts) and the event
// catalog. `npm run docs:analytics` rewrites the file; test/analytics-doc.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GA4_MAX_AGE_MS, SINK_FULL_BATCH, SINK_LINGER_MS } from '../src/delivery/sinks/dispatch.js';
import { type Envelope, GA4_LIMITS, mappingTable, toGa4, toPosthog, toSegment } from '../src/delivery/sinks/mapping.js';
import { POSTHOG_HISTORICAL_MS, POSTHOG_LIMITS, SEGMENT_LIMITS } from '../src/delivery/sinks/requests.js';
import { EVENT_TYPES, EXAMPLES } from '../src/events/catalog.js';

export const ANALYTICS_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/analytics.md');

const exampleEnvelope = (type: (typeof EVENT_TYPES)[number]): Envelope => ({
  id: 'evt_01jqa7z4b6d8f0h2k4m6p8r0t2',
  type,
  timestamp: '2026-03-25T14:32:01.123Z',
  data: EXAMPLES[type] as Record<string, unknown>,
});

const json = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'];
const hours = (ms: number) => `${ms / 3_600_000} h`;

export function renderAnalyticsDoc(): string {
  const click = exampleEnvelope('link.click');
  const ga4 = toGa4(click);
  const out: string[] = [
    '# Analytics sinks: GA4, Segment, PostHog',
    '',
    '<!-- Generated from packages/server/src/delivery/sinks/mapping.ts and the event catalog by `npm run docs:analytics`. Do not edit by hand. -->',
    '',
    'An analytics sink forwards your Linkwire events to Google Analytics 4 (Measurement Protocol),',
    'Segment (HTTP Tracking API, or a Segment-compatible server such as RudderStack) or PostHog',
    '(cloud or self-hosted). Sink deliveries go through the same queue as webhooks: they are retried,',
    'counted in the 24-hour delivery quota and shown in the delivery history',
    '(`GET /api/v1/webhooks/{webhookId}/deliveries` with the `webhookId` of the integration), but they are',
    'sent in batches, several events per request, and every batch is one attempt in the history of',
    'each delivery it carried.',
    '',
    '## 1. Connect',
    '',
    'Credentials are checked at the provider before anything is stored; a refused credential is a',
    '`400` whose `errors` name the field (`measurementId`, `apiSecret`, `writeKey`, `apiKey`, `host`…).',
    'They are stored encrypted and only ever shown masked (`••••` and the last four characters).',
    'A successful connection emits `integration.connected {integration, integrationId}`; removing one',
    'emits `integration.disconnected {integration, integrationId, reason}`.',
    '',
    '```sh',
    '# Google Analytics 4: Admin → Data streams → your stream → Measurement Protocol API secrets',
    'curl -X POST http://localhost:3000/api/v1/integrations -H "Authorization: Bearer $LINKWIRE_API_KEY" \\',
    '  -H "content-type: application/json" \\',
    `  -d '{"provider": "ga4", "events": ["link.click", "profile.visit", "qr.scanned"], "measurementId": "G-ABC123XYZ", "apiSecret": "…"}'`,
    '',
    "# Segment: a source's write key; apiHost defaults to https://api.segment.io",
    '# (EU workspaces: https://events.eu1.segmentapis.com; RudderStack: your data plane URL)',
    'curl -X POST http://localhost:3000/api/v1/integrations -H "Authorization: Bearer $LINKWIRE_API_KEY" \\',
    '  -H "content-type: application/json" \\',
    `  -d '{"provider": "segment", "events": ["*"], "writeKey": "…"}'`,
    '',
    '# PostHog: the project API key (phc_…) and your host (https://us.i.posthog.com, https://eu.i.posthog.com or self-hosted)',
    'curl -X POST http://localhost:3000/api/v1/integrations -H "Authorization: Bearer $LINKWIRE_API_KEY" \\',
    '  -H "content-type: application/json" \\',
    `  -d '{"provider": "posthog", "events": ["*"], "apiKey": "phc_…", "host": "https://eu.i.posthog.com"}'`,
    '```',
    '',
    '`GET /api/v1/integrations` lists them, `GET`, `PATCH` (`events`, `name`, `enabled`, new credentials,',
    'checked again) and `DELETE /api/v1/integrations/{id}` manage one. Reading needs the `webhooks:read`',
    'permission, changing `webhooks:write`. Every change is in the audit log (never a credential).',
    '',
    'How each provider is checked:',
    '',
    '- **GA4**: the first subscribed event, mapped, is sent to the validation server (`/debug/mp/collect`),',
    "  and its `validationMessages` are returned as field errors. Google's validation server does not",
    '  check the API secret, so Linkwire also sends one `linkwire_integration_test` event to `/mp/collect`:',
    "  look for it in GA4's DebugView or Realtime report. The operator can point GA4 elsewhere with",
    '  `LINKWIRE_GA4_ENDPOINT` (an origin; tests and air-gapped demos use it).',
    '- **Segment**: one `track` of "Linkwire Integration Test" to `/v1/track` with the write key; 401 or',
    '  403 means the write key is wrong (Segment answers 200 for everything else).',
    '- **PostHog**: one capture of "linkwire integration test" to `/i/v0/e/`; 401 means the API key is',
    '  wrong, and the answer must be `{"status": 1}`.',
    '',
    'Segment and PostHog hosts pass the same SSRF guard as webhook URLs (`LINKWIRE_ALLOW_PRIVATE_TARGETS`',
    'lets a self-hosted PostHog or RudderStack on a private network through).',
    '',
    '## 2. Batches, retries and limits',
    '',
    '| provider | request | per request | gives up |',
    '|---|---|---|---|',
    `| GA4 | \`POST /mp/collect?measurement_id=…&api_secret=…\` | ≤ ${GA4_LIMITS.eventsPerRequest} events of one \`client_id\`, < ${GA4_LIMITS.bodyBytes / 1000} kB | when the event is older than ${hours(GA4_MAX_AGE_MS)} (GA4 accepts 72 h): \`expired_for_sink\` |`,
    `| Segment | \`POST /v1/batch\`, Basic auth with the write key | < ${SEGMENT_LIMITS.batchBytes / 1024} KB, each event ≤ ${SEGMENT_LIMITS.eventBytes / 1024} KB (a larger one fails alone: \`payload_too_large\`) | after the retry schedule |`,
    `| PostHog | \`POST /batch/\`, \`api_key\` in the body | ≤ ${POSTHOG_LIMITS.eventsPerRequest} events, < ${POSTHOG_LIMITS.batchBytes / 1024 / 1024} MB; \`historical_migration: true\` when every event is older than ${hours(POSTHOG_HISTORICAL_MS)} | after the retry schedule |`,
    '',
    `A sink's deliveries wait up to ${SINK_LINGER_MS / 1000} s for company (or until ${SINK_FULL_BATCH} wait), then go out together: clicks`,
    `that arrive one at a time still make full batches (60 clicks of one visitor in 3 s are 3 GA4 requests). A 2xx answer`,
    'succeeds every delivery of the batch; a timeout, a connection error, 408, 429 (with `Retry-After`)',
    'or a 5xx retries them on `LINKWIRE_RETRY_SCHEDULE`; any other 4xx (a revoked key, a malformed batch)',
    'fails them at once, since retrying cannot help, and counts towards auto-disable like an exhausted',
    'delivery. GA4 answers 2xx even to malformed events; the mapping below is checked against its',
    "validation rules in Linkwire's tests.",
    '',
    'Replays (`POST /api/v1/webhooks/{webhookId}/replay`) resend the same ids: Segment deduplicates on',
    '`messageId` (the event id), PostHog on `uuid` (derived from the event id), GA4 params carry',
    '`linkwire_event_id`. A replayed GA4 delivery whose event is past the window fails at once with',
    '`expired_for_sink` in its `lastError`, without a request: GA4 would drop it.',
    '',
    '## 3. Privacy',
    '',
    '- No IP address is ever sent: Linkwire events do not carry one.',
    '- E-mail addresses (`subscriber.new`, `security.login_failed`, team events) are never sent: GA4 forbids',
    '  personal data, and a subscriber list is not an analytics property.',
    '- The visitor is the salted, daily-rotating `visitorId`: GA4 `client_id`, Segment `anonymousId`,',
    '  PostHog `distinct_id` (with `$process_person_profile: false`, so no person profiles). One visitor is',
    '  therefore one analytics user per day. Events without a visitor use their event id.',
    '',
    '## 4. Event names',
    '',
    'These names are stable: they become your report definitions, and they will not change.',
    '',
    '| Linkwire event | GA4 `name` | Segment `event` | PostHog `event` |',
    '|---|---|---|---|',
    ...mappingTable().map((r) => `| \`${r.type}\` | \`${r.ga4}\` | ${r.segment} | ${r.posthog} |`),
    '',
    '## 5. Parameters',
    '',
    `GA4 params: \`linkwire_event_id\`, \`engagement_time_msec: 1\`, then the event's fields in snake case`,
    '(`linkId` → `link_id`), objects flattened one level (`utm.source` → `utm_source`), nulls left out,',
    `strings cut to ${GA4_LIMITS.paramValueLength} characters, at most ${GA4_LIMITS.paramsPerEvent} params. Segment and PostHog properties are the`,
    "event's `data` as in [events.md](events.md) (without e-mail and visitor id) plus `linkwire_event_id` and",
    '`linkwire_event_type`.',
    '',
    '| Linkwire event | GA4 params |',
    '|---|---|',
    ...EVENT_TYPES.map(
      (type) =>
        `| \`${type}\` | ${Object.keys(toGa4(exampleEnvelope(type)).event.params)
          .map((p) => `\`${p}\``)
          .join(', ')} |`,
    ),
    '',
    '### `link.click` on GA4',
    '',
    ...json({ client_id: ga4.clientId, events: [{ ...ga4.event, timestamp_micros: ga4.timestampMicros }] }),
    '',
    '### `link.click` on Segment',
    '',
    ...json({ batch: [toSegment(click)] }),
    '',
    '### `link.click` on PostHog',
    '',
    ...json({ api_key: 'phc_…', historical_migration: false, batch: [toPosthog(click)] }),
    '',
  ];
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ANALYTICS_DOC_PATH, renderAnalyticsDoc());
  console.log(`wrote ${ANALYTICS_DOC_PATH}`);
}
