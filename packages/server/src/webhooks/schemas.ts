// Request and response schemas of the endpoint routes (webhooks/routes.ts).
import { z } from 'zod';
import { RESERVED_HEADERS } from '../delivery/request-headers.js';
import { EVENT_TYPES, isEventType } from '../events/catalog.js';
import { cursorParam, limitParam } from '../http/pagination.js';
import { IsoTime, Page } from '../http/schemas.js';
import { MAX_GRACE_HOURS } from './secrets.js';
import { ENDPOINT_FORMATS } from '../delivery/formats/index.js';

const ENDPOINT_SOURCES = ['api', 'zapier', 'make', 'n8n'] as const;

// Header rules: RFC 9110 token names, no control characters in values; hop-by-hop headers would
// break the HTTP exchange and the ones Linkwire sets would let a header forge or hide the signature.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_HEADERS = 20;

/** An endpoint's subscription: event types, or ["*"] (also the listen endpoints', webhooks/listen.ts). */
export const EventTypesField = z
  .array(z.string({ message: 'must be a string' }), { message: 'must be an array of event types' })
  .min(1, 'must list at least one event type (or "*")')
  .superRefine((list, ctx) => {
    list.forEach((type, i) => {
      if (type !== '*' && !isEventType(type)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `"${type}" is not an event type; see GET /api/v1/event-types (or use "*")` });
      }
    });
  })
  // "*" already means everything; otherwise keep the first occurrence of each type.
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]));

const headers = z
  .record(z.string(), z.string({ message: 'must be a string' }), { message: 'must be an object of header names to string values' })
  .superRefine((map, ctx) => {
    const names = Object.keys(map);
    if (names.length > MAX_HEADERS) ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_HEADERS} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      const value = map[name]!;
      let problem: string | null = null;
      if (!HEADER_NAME.test(name)) problem = 'is not a valid header name';
      else if (RESERVED_HEADERS.has(lower) || lower.startsWith('proxy-')) problem = 'cannot be set: Linkwire sets it, or it is a hop-by-hop header';
      else if (seen.has(lower)) problem = 'is given twice (header names are case-insensitive)';
      else if (!HEADER_VALUE.test(value)) problem = 'has a value with control characters (CR, LF, NUL…)';
      else if (value.length > 4096) problem = 'has a value longer than 4096 characters';
      seen.add(lower);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });

const fields = {
  url: z.string({ message: 'must be a string' }).min(1, 'is required').max(2048, 'must be at most 2048 characters'),
  events: EventTypesField,
  description: z.string({ message: 'must be a string' }).max(500, 'must be at most 500 characters').nullable().optional(),
  filter: z.record(z.string(), z.unknown(), { message: 'must be a filter object such as {"data.country": "FR"}' }).nullable().optional(),
  timeoutMs: z
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 (1 s)')
    .max(30_000, 'must be at most 30000 (30 s)')
    .optional(),
  headers: headers.optional(),
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
  format: z
    .enum(ENDPOINT_FORMATS, { message: 'must be one of standard, slack, discord, teams' })
    .optional()
    .describe('standard: the signed Standard Webhooks request; slack/discord/teams: a chat message (docs/integrations.md)'),
};

export const CreateBody = z.strictObject({
  ...fields,
  source: z
    .enum(ENDPOINT_SOURCES, { message: 'must be one of api, zapier, make, n8n' })
    .optional()
    .describe('who owns the subscription: a no-code tool has its own cap and is deleted when its target answers 410'),
});
export const PatchBody = z.strictObject({ ...fields, url: fields.url.optional(), events: EventTypesField.optional() });
export const IdParams = z.strictObject({ id: z.string() });
export const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });
export const RotateBody = z.strictObject({
  graceHours: z
    .number({ message: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(0, 'must be at least 0')
    .max(MAX_GRACE_HOURS, `must be at most ${MAX_GRACE_HOURS} (7 days)`)
    .optional(),
});
export const TestBody = z.strictObject({
  event: z.enum(EVENT_TYPES, { message: 'must be an event type from GET /api/v1/event-types' }).optional(),
});

export const Endpoint = z
  .object({
    id: z.string(),
    kind: z
      .enum(['http', 'listen'])
      .describe(
        'http: a URL Linkwire POSTs to; listen: a `linkwire listen` stream (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger)',
      ),
    url: z.string(),
    events: z.array(z.string()).describe('event types, or ["*"] for every type'),
    description: z.string().nullable(),
    filter: z.record(z.string(), z.unknown()).nullable().describe('see docs/webhooks.md#filters'),
    timeoutMs: z.number().int(),
    headers: z.record(z.string(), z.string()).describe('custom headers sent with every delivery'),
    enabled: z.boolean(),
    status: z.enum(['active', 'failing', 'disabled']),
    disabledReason: z.string().nullable(),
    disabledAt: IsoTime.nullable(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    format: z.enum(ENDPOINT_FORMATS),
    source: z.enum(ENDPOINT_SOURCES),
    misconfiguredReason: z.string().nullable().describe('a chat service refused a message for good (e.g. Slack no_text); cleared by an edit'),
  })
  .meta({ id: 'Endpoint' });
export const CreatedEndpoint = Endpoint.extend({ secret: z.string().describe('the signing secret (whsec_…)') }).meta({ id: 'CreatedEndpoint' });
export const EndpointPage = Page(Endpoint).meta({ id: 'EndpointPage' });
export const Secret = z
  .object({ secret: z.string().describe('whsec_…'), url: z.string().optional().describe('a chat endpoint: its full URL (shown masked elsewhere)') })
  .meta({ id: 'Secret' });
export const TestSend = z.object({ deliveryId: z.string().describe('follow it at GET /api/v1/deliveries/{id}') }).meta({ id: 'TestSend' });
const used = z.object({ used: z.number().int(), limit: z.number().int().nullable().describe('null: unlimited') });
export const Usage = z.object({ endpoints: used, deliveries24h: used, testSends1h: used }).meta({ id: 'Usage' });
