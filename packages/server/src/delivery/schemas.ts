// Request and response schemas of the delivery history routes (delivery/routes.ts).
import { z } from 'zod';
import { EventEnvelope } from '../events/schemas.js';
import { isEventType } from '../events/catalog.js';
import { cursorParam, limitParam } from '../http/pagination.js';
import { IsoTime, Page } from '../http/schemas.js';

export const STATUSES = ['pending', 'succeeded', 'failed', 'quota_exceeded', 'cancelled'] as const;

export const Params = z.strictObject({ id: z.string().min(1).max(100) });

export const ListQuery = z.strictObject({
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }).optional(),
  event: z
    .string()
    .optional()
    .refine((v) => v === undefined || isEventType(v), { message: 'must be an event type from GET /api/v1/event-types' }),
  cursor: cursorParam,
  limit: limitParam,
});

const isoTime = z.iso.datetime({ message: 'must be an ISO 8601 time such as 2026-03-25T14:00:00Z', offset: true });

export const ReplayBody = z
  .strictObject({
    since: isoTime,
    until: isoTime.optional(),
    status: z.enum(['failed', 'all'], { message: 'must be "failed" or "all"' }).default('failed'),
  })
  .refine((b) => b.until === undefined || Date.parse(b.until) >= Date.parse(b.since), { message: 'must not be before since', path: ['until'] });

export const RetryBody = z.strictObject({}).optional();

export const Delivery = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(STATUSES),
    attemptCount: z.number().int(),
    nextAttemptAt: IsoTime.nullable().describe('null unless pending and not held by a disabled endpoint'),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    lastDurationMs: z.number().nullable(),
    isTest: z.boolean(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
  })
  .meta({ id: 'Delivery' });
export const DeliveryPage = Page(Delivery).meta({ id: 'DeliveryPage' });

export const Attempt = z
  .object({
    attempt: z.number().int().describe('1 for the first'),
    startedAt: IsoTime,
    durationMs: z.number(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    errorKind: z.string().nullable().describe('http, redirect, timeout, connection, dns, tls or ssrf; null on success'),
    responseBody: z.string().nullable().describe('the first bytes of the receiver’s answer'),
    requestHeaders: z.record(z.string(), z.string()).describe('as sent, signature included'),
  })
  .meta({ id: 'Attempt' });
export const DeliveryDetail = Delivery.extend({
  payload: EventEnvelope.nullable().describe('the body sent; null once the event is purged'),
  attempts: z.array(Attempt),
}).meta({ id: 'DeliveryDetail' });
export const ReplayResult = z
  .object({ queued: z.number().int(), overQuota: z.number().int().describe('deliveries not queued: the 24-hour quota is full') })
  .meta({ id: 'ReplayResult' });
