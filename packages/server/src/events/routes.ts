import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cursorParam, limitParam, page } from '../http/pagination.js';
import { parse } from '../http/validation.js';
import { DESCRIPTIONS, EVENT_TYPES, EXAMPLES, dataJsonSchema, familyOf, isEventType } from './catalog.js';

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
    let query = ctx.db.selectFrom('events').select(['id', 'payload']).where('accountId', '=', req.accountId);
    if (q.type) query = query.where('type', '=', q.type);
    if (q.since) query = query.where('createdAt', '>=', Date.parse(q.since));
    if (q.cursor) query = query.where('id', '>', q.cursor);
    const rows = await query
      .orderBy('id', 'asc')
      .limit(q.limit + 1)
      .execute();
    return page(rows, q.limit, (r) => JSON.parse(r.payload));
  });
}
