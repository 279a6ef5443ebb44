import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { page } from '../http/pagination.js';
import { authed } from '../http/schemas.js';
import { getDelivery, listDeliveries, replay, retryDelivery, toDeliveryView } from './history.js';
import { Delivery, DeliveryDetail, DeliveryPage, ListQuery, Params, ReplayBody, ReplayResult, RetryBody } from './schemas.js';

export * from './schemas.js';

const tags = ['delivery'];

/** Delivery history, manual retry and replay (docs/api.md#webhooks), inside the authenticated /api/v1 scope. */
export async function deliveryRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.get(
    '/webhooks/:id/deliveries',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'listDeliveries',
        summary: 'An endpoint’s deliveries, newest first',
        tags,
        params: Params,
        querystring: ListQuery,
        response: { 200: DeliveryPage, ...authed(400, 404) },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await listDeliveries(ctx, req.accountId, req.params.id, q);
      return page(rows, q.limit, toDeliveryView);
    },
  );

  app.get(
    '/deliveries/:id',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'getDelivery',
        summary: 'One delivery with its payload and every attempt',
        tags,
        params: Params,
        response: { 200: DeliveryDetail, ...authed(400, 404) },
      },
    },
    async (req) => getDelivery(ctx, req.accountId, req.params.id),
  );

  app.post(
    '/deliveries/:id/retry',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'retryDelivery',
        summary: 'Send a delivery again now (re-checks the 24-hour quota)',
        tags,
        params: Params,
        body: RetryBody,
        response: { 202: Delivery, ...authed(400, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.code(202).send(await retryDelivery(ctx, req.accountId, req.params.id)),
  );

  app.post(
    '/webhooks/:id/replay',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'replayDeliveries',
        summary: 'Queue an endpoint’s deliveries of a time range again (failed ones by default)',
        tags,
        params: Params,
        body: ReplayBody,
        response: { 200: ReplayResult, ...authed(400, 403, 404, 409, 429) },
      },
    },
    async (req) => {
      const body = req.body;
      return replay(ctx, req.accountId, req.params.id, {
        since: Date.parse(body.since),
        until: body.until ? Date.parse(body.until) : Date.now(),
        status: body.status,
      });
    },
  );
}
