// The OpenAPI 3.1 document: @fastify/swagger collects every route's zod schemas (http/schemas.ts);
// this file adds what routes do not say: auth schemes, tags, and the `webhooks:` section (one POST
// per catalog event type, the requests Linkwire sends to your endpoint). Served at
// GET /api/v1/openapi.json, committed as docs/openapi.json (`npm run docs:openapi`).
import { createRequire } from 'node:module';
import type { SwaggerOptions } from '@fastify/swagger';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './accounts/auth.js';
import { SubscribeBody } from './links/widgets.js';
import { DATA_SCHEMAS, DESCRIPTIONS, EVENT_TYPES, EXAMPLES, type EventType, familyOf } from './events/catalog.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

export const TAGS = [
  { name: 'accounts', description: 'Sign-up, login, the account and its API keys' },
  { name: 'events', description: 'The event catalog and the account’s event log' },
  { name: 'links', description: 'Profile, links, QR codes, widgets, subscribers and analytics' },
  { name: 'webhooks', description: 'Endpoints, secrets, test sends and usage' },
  { name: 'delivery', description: 'Delivery history, manual retry and replay' },
  { name: 'listen', description: 'What `linkwire listen` uses: a listen endpoint, its Server-Sent Events stream, and the results it reports' },
  { name: 'public', description: 'The public pages: short links, QR targets, profile pages and their subscribe form' },
  {
    name: 'integrations',
    description: 'Chat destinations, no-code tools (Zapier, Make, n8n: connection test and trigger samples) and analytics sinks (GA4, Segment, PostHog)',
  },
  { name: 'apps', description: 'Mobile apps for deep links: settings, publishable keys, association-file diagnostics' },
  { name: 'sdk', description: 'The app-side API, called from inside mobile apps with the publishable key (X-Linkwire-App-Key)' },
  { name: 'domains', description: 'Custom domains: DNS records, verification checks and their history' },
  { name: 'teams', description: 'Roles, members, invites and workspaces' },
  { name: 'audit', description: 'The audit log: who changed what, and its NDJSON export' },
] as const;

/** The families of the catalog, in catalog order: one tag each in the webhooks section. */
const EVENT_FAMILIES = [...new Set(EVENT_TYPES.map(familyOf))];

/**
 * Every route needs one of these unless it says `security: []` (sign-up, login, logout); with the
 * session cookie, writes also need the CSRF header (reads ignore it).
 */
export const SECURITY: Record<string, string[]>[] = [{ apiKey: [] }, { session: [], csrf: [] }];

/** The example envelope of a type: the shape every delivery body has. */
function exampleEnvelope(type: EventType) {
  return {
    id: 'evt_01jq0v6d1x3m5k7n9p2r4t6w8y',
    type,
    timestamp: '2026-03-25T14:00:00.000Z',
    accountId: 'acc_01jq0v6d1x3m5k7n9p2r4t6w8y',
    data: EXAMPLES[type],
  };
}

const SIGNATURE_HEADERS = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The event id (`evt_…`); the same on every retry and replay, so use it to de-duplicate',
    schema: { type: 'string' },
  },
  { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds when this attempt was signed', schema: { type: 'string' } },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      '`v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`; space-separated entries while a rotated secret is in its grace period (Standard Webhooks)',
    schema: { type: 'string' },
  },
] as const;

/** The `webhooks:` section: one POST per event type, with its envelope, data schema and example. */
export function webhooksSection(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    const envelope = z.object({
      id: z.string().describe('event id, also sent as webhook-id'),
      type: z.literal(type),
      timestamp: z.string().describe('ISO 8601 time the event happened'),
      accountId: z.string(),
      data: DATA_SCHEMAS[type],
    });
    const { $schema: _drop, ...schema } = z.toJSONSchema(envelope, { io: 'output', target: 'draft-2020-12' }) as Record<string, unknown>;
    out[type] = {
      post: {
        operationId: `webhook_${type.replace(/\./g, '_')}`,
        summary: type,
        description: DESCRIPTIONS[type],
        tags: [`${familyOf(type)} events`],
        parameters: SIGNATURE_HEADERS,
        requestBody: { required: true, content: { 'application/json': { schema, example: exampleEnvelope(type) } } },
        responses: {
          '2XX': { description: 'Accepted: any 2xx marks the delivery succeeded' },
          '410': { description: 'Gone: the endpoint is disabled at once' },
          '429': { description: 'Retried after Retry-After (also on 503)' },
          default: { description: 'Any other status, a timeout or a network error is retried on LINKWIRE_RETRY_SCHEDULE' },
        },
      },
    };
  }
  return out;
}

// Routes that are not the API: the health check and metrics (registered before the document's
// plugin, so listed here for safety), and @fastify/swagger-ui's routes hide themselves.
const HIDDEN = ['/healthz', '/metrics'];

type Doc = { paths?: Record<string, Record<string, any>>; components?: { schemas?: Record<string, unknown> }; [k: string]: unknown };

const STATUS_TEXT: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };

/**
 * What the route schemas cannot say: a description for the 2xx answers that @fastify/swagger calls
 * "Default Response", both body types of the subscribe form (validated in its handler, so a form
 * gets a redirect rather than a 400), and no component that nothing references (the zod transform
 * emits an input and an output variant of every named schema).
 */
function finish(doc: Doc): Doc {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const [status, res] of Object.entries((op.responses ?? {}) as Record<string, { description?: string }>)) {
        if (res.description === 'Default Response') res.description = STATUS_TEXT[status] ?? 'Response';
      }
    }
  }
  const subscribe = doc.paths?.['/{handle}/subscribe']?.post;
  if (subscribe) {
    const { $schema: _drop, ...schema } = z.toJSONSchema(SubscribeBody, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
    subscribe.requestBody = { required: true, content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } } };
  }
  const schemas = doc.components?.schemas;
  if (schemas) {
    const used = new Set<string>();
    const refsIn = (value: unknown) => {
      for (const m of JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
        if (!used.has(m[1]!)) {
          used.add(m[1]!);
          refsIn(schemas[m[1]!]);
        }
      }
    };
    refsIn({ paths: doc.paths, webhooks: doc.webhooks });
    for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
  }
  return doc;
}

export function openApiOptions(): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Linkwire API',
        version,
        description:
          'The REST API of Linkwire. Authenticate with `Authorization: Bearer lw_…` (an API key) or, from the dashboard, the session cookie plus the CSRF header on writes. Errors are application/problem+json (see the Problem schema). Guide: docs/api.md.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: 'http://localhost:3000', description: 'A local `linkwire start`; use your LINKWIRE_PUBLIC_URL' }],
      tags: [...TAGS, ...EVENT_FAMILIES.map((family) => ({ name: `${family} events`, description: `Webhooks Linkwire sends for ${family}.* events` }))],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'lw_…', description: 'An API key (`lw_…`) from sign-up or POST /api/v1/api-keys' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The dashboard session, set by /api/v1/signup and /api/v1/login' },
          appKey: {
            type: 'apiKey',
            in: 'header',
            name: 'X-Linkwire-App-Key',
            description: 'A mobile app’s publishable key (`pk_app_…`): the /api/v1/sdk routes only',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: `With the session cookie, every POST, PUT, PATCH and DELETE echoes the ${CSRF_COOKIE} cookie’s value here (403 otherwise)`,
          },
        },
      },
      security: SECURITY,
      webhooks: webhooksSection() as never,
    },
    // Every API route has a tag; the dashboard's pages and static files have none.
    hideUntagged: true,
    transform: createJsonSchemaTransform({ skipList: HIDDEN }),
    transformObject: (doc) => finish(jsonSchemaTransformObject(doc) as Doc),
  };
}
