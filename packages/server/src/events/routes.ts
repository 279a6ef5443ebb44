import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { page } from '../http/pagination.js';
import { authed } from '../http/schemas.js';
import { DESCRIPTIONS, EVENT_TYPES, EXAMPLES, dataJsonSchema, familyOf } from './catalog.js';
import { listEvents } from './log.js';
import { EventPage, EventsQuery, EventTypeList } from './schemas.js';

export * from './schemas.js';

const tags = ['events'];

export async function eventRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  // The catalog is static: computed once per process.
  const catalog = EVENT_TYPES.map((type) => ({
    type,
    family: familyOf(type),
    description: DESCRIPTIONS[type],
    schema: dataJsonSchema(type),
    example: EXAMPLES[type] as Record<string, unknown>,
  }));
  app.get(
    '/event-types',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'listEventTypes',
        summary: 'Every event type: description, JSON Schema of data, example',
        tags,
        response: { 200: EventTypeList, ...authed() },
      },
    },
    async () => catalog,
  );

  // The account's event log, oldest first, so a receiver that was down can catch up in order.
  app.get(
    '/events',
    {
      config: { permission: 'analytics:read' },
      schema: {
        operationId: 'listEvents',
        summary: 'The account’s event log, oldest first',
        tags,
        querystring: EventsQuery,
        response: { 200: EventPage, ...authed(400) },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listEvents(ctx, req.accountId, { ...q, since: q.since ? Date.parse(q.since) : undefined });
      return page(rows, q.limit, (r) => JSON.parse(r.payload));
    },
  );
}
