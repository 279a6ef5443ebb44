import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isEventType } from '../events/catalog.js';
import { cursorParam, limitParam, page } from '../http/pagination.js';
import { parse } from '../http/validation.js';
import { getDelivery, listDeliveries, replay, retryDelivery, toDeliveryView } from './history.js';

const STATUSES = ['pending', 'succeeded', 'failed', 'quota_exceeded', 'cancelled'] as const;

const Params = z.strictObject({ id: z.string().min(1).max(100) });

const ListQuery = z.strictObject({
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(', ')}` }).optional(),
  event: z
    .string()
    .optional()
    .refine((v) => v === undefined || isEventType(v), { message: 'must be an event type from GET /api/v1/event-types' }),
  cursor: cursorParam,
  limit: limitParam,
});

const isoTime = z.iso.datetime({ message: 'must be an ISO 8601 time such as 2026-03-25T14:00:00Z', offset: true });

const ReplayBody = z
  .strictObject({
    since: isoTime,
    until: isoTime.optional(),
    status: z.enum(['failed', 'all'], { message: 'must be "failed" or "all"' }).default('failed'),
  })
  .refine((b) => b.until === undefined || Date.parse(b.until) >= Date.parse(b.since), { message: 'must not be before since', path: ['until'] });

const RetryBody = z.strictObject({}).optional();

/** Delivery history, manual retry and replay (docs/api.md#webhooks), inside the authenticated /api/v1 scope. */
export async function deliveryRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/webhooks/:id/deliveries', async (req) => {
    const { id } = parse(Params, req.params);
    const q = parse(ListQuery, req.query);
    const rows = await listDeliveries(ctx, req.accountId, id, q);
    return page(rows, q.limit, toDeliveryView);
  });

  app.get('/deliveries/:id', async (req) => {
    const { id } = parse(Params, req.params);
    return getDelivery(ctx, req.accountId, id);
  });

  app.post('/deliveries/:id/retry', async (req, reply) => {
    const { id } = parse(Params, req.params);
    parse(RetryBody, req.body ?? undefined);
    const view = await retryDelivery(ctx, req.accountId, id);
    return reply.code(202).send(view);
  });

  app.post('/webhooks/:id/replay', async (req) => {
    const { id } = parse(Params, req.params);
    const body = parse(ReplayBody, req.body);
    return replay(ctx, req.accountId, id, {
      since: Date.parse(body.since),
      until: body.until ? Date.parse(body.until) : Date.now(),
      status: body.status,
    });
  });
}
