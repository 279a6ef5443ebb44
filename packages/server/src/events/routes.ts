import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cursorParam, limitParam, page } from '../http/pagination.js';
import { parse } from '../http/validation.js';
import { DESCRIPTIONS, EVENT_TYPES, EXAMPLES, dataJsonSchema, familyOf, isEventType } from './catalog.js';
import { listEvents } from './log.js';

const EventsQuery = z.strictObject({
  type: z
    .string()
    .optional()
    .refine((v) => v === undefined || isEventType(v), { message: 'must be an event type from GET /api/v1/event-types' }),
  since: z.iso.datetime({ message: 'must be an ISO 8601 time such as 2026-03-25T14:00:00Z', offset: true }).optional(),
  cursor: cursorParam,
  limit: limitParam,
});

export async function eventRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  // The catalog is static: computed once per process.
  const catalog = EVENT_TYPES.map((type) => ({
    type,
    family: familyOf(type),
    description: DESCRIPTIONS[type],
    schema: dataJsonSchema(type),
    example: EXAMPLES[type],
  }));
  app.get('/event-types', async () => catalog);

  // The account's event log, oldest first, so a receiver that was down can catch up in order.
  app.get('/events', async (req) => {
    const q = parse(EventsQuery, req.query);
    const rows = await listEvents(ctx, req.accountId, { ...q, since: q.since ? Date.parse(q.since) : undefined });
    return page(rows, q.limit, (r) => JSON.parse(r.payload));
  });
}
