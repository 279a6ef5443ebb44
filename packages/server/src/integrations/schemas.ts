import { z } from 'zod';
import { IsoTime, Page } from '../http/schemas.js';
import { cursorParam, limitParam } from '../http/pagination.js';
import { EventTypesField } from '../webhooks/schemas.js';

const httpsUrl = (what: string) =>
  z
    .string({ message: 'must be a string' })
    .max(2048, 'must be at most 2048 characters')
    .regex(/^https?:\/\/[^\s/?#]+\/?$/, `must be the ${what} origin, such as https://example.com (no path)`)
    .transform((v) => v.replace(/\/+$/, ''));

const secret = (what: string) =>
  z
    .string({ message: `must be your ${what}` })
    .trim()
    .min(1, 'is required')
    .max(200, 'must be at most 200 characters');

const common = {
  events: EventTypesField,
  name: z.string({ message: 'must be a string' }).max(100, 'must be at most 100 characters').nullable().optional(),
};

export const MEASUREMENT_ID = /^G-[A-Z0-9]{4,20}$/;
const measurementId = z.string({ message: 'must be your GA4 measurement ID' }).regex(MEASUREMENT_ID, 'must be a GA4 measurement ID such as G-ABC123XYZ');

export const ConnectBody = z.discriminatedUnion(
  'provider',
  [
    z.strictObject({ provider: z.literal('ga4'), ...common, measurementId, apiSecret: secret('Measurement Protocol API secret') }),
    z.strictObject({
      provider: z.literal('segment'),
      ...common,
      writeKey: secret('source write key'),
      apiHost: httpsUrl('Segment API')
        .optional()
        .describe('default https://api.segment.io; EU: https://events.eu1.segmentapis.com; or a RudderStack data plane'),
    }),
    z.strictObject({
      provider: z.literal('posthog'),
      ...common,
      apiKey: secret('project API key'),
      host: httpsUrl('PostHog').describe('https://us.i.posthog.com, https://eu.i.posthog.com or your self-hosted PostHog'),
    }),
  ],
  { message: 'provider must be one of ga4, segment, posthog' },
);
export type ConnectInput = z.output<typeof ConnectBody>;

export const PatchBody = z.strictObject({
  ...common,
  events: EventTypesField.optional(),
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
  measurementId: measurementId.optional(),
  apiSecret: secret('Measurement Protocol API secret').optional(),
  writeKey: secret('source write key').optional(),
  apiHost: httpsUrl('Segment API').optional(),
  apiKey: secret('project API key').optional(),
  host: httpsUrl('PostHog').optional(),
});
export type IntegrationPatch = z.output<typeof PatchBody>;

export const IdParams = z.strictObject({ id: z.string() });
export const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });

export const Integration = z
  .object({
    id: z.string(),
    provider: z.enum(['ga4', 'segment', 'posthog']),
    name: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    status: z.enum(['active', 'failing', 'disabled']),
    disabledReason: z.string().nullable(),
    webhookId: z.string().describe('The sink’s delivery queue: GET /api/v1/webhooks/{webhookId}/deliveries lists its history'),
    settings: z.record(z.string(), z.string()).describe('measurementId (GA4), apiHost (Segment), host (PostHog)'),
    credentials: z.record(z.string(), z.string()).describe('masked: only the last four characters are shown'),
    connectedAt: IsoTime,
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: 'Integration' });

export const IntegrationPage = Page(Integration).meta({ id: 'IntegrationPage' });
