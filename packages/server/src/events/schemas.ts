// Request and response schemas of the event routes (events/routes.ts).
import { z } from 'zod';
import { cursorParam, limitParam } from '../http/pagination.js';
import { IsoTime, Page } from '../http/schemas.js';
import { EVENT_TYPES, isEventType } from './catalog.js';

export const EventsQuery = z.strictObject({
  type: z
    .string()
    .optional()
    .refine((v) => v === undefined || isEventType(v), { message: 'must be an event type from GET /api/v1/event-types' }),
  since: z.iso.datetime({ message: 'must be an ISO 8601 time such as 2026-03-25T14:00:00Z', offset: true }).optional(),
  cursor: cursorParam,
  limit: limitParam,
});

export const EventTypeInfo = z
  .object({
    type: z.enum(EVENT_TYPES),
    family: z.string().describe('the part before the dot, e.g. "link"'),
    description: z.string(),
    schema: z.record(z.string(), z.unknown()).describe('JSON Schema of `data`'),
    example: z.record(z.string(), z.unknown()).describe('an example `data`'),
  })
  .meta({ id: 'EventTypeInfo' });
export const EventTypeList = z.array(EventTypeInfo).meta({ id: 'EventTypeList' });

/** The envelope every delivery body and every event log entry has; `data` per type is in the document's `webhooks:`. */
export const EventEnvelope = z
  .object({
    id: z.string().describe('evt_…; also the webhook-id header of its deliveries'),
    // A string, not the catalog enum: the log keeps events of types a later version may rename or retire.
    type: z.string().describe('an event type of GET /api/v1/event-types (older entries may carry a type since retired)'),
    timestamp: IsoTime,
    accountId: z.string(),
    data: z.record(z.string(), z.unknown()).describe('the type’s data (see GET /api/v1/event-types or the webhooks section)'),
  })
  .meta({ id: 'EventEnvelope' });
export const EventPage = Page(EventEnvelope).meta({ id: 'EventPage' });
