import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LISTEN_TOKEN, type ListenResult, newListenToken, recordListenResult } from '../delivery/listen.js';
import { ListenStream } from '../delivery/listen-stream.js';
import { STORE_LIMIT } from '../delivery/send-result.js';
import { conflict, notFound } from '../http/errors.js';
import { authed, NoContent } from '../http/schemas.js';
import { Endpoint, EventTypesField } from './schemas.js';
import { createEndpoint, type EndpointView, toEndpointView, updateEndpoint } from './service.js';

// `linkwire listen` (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger):
//   POST /api/v1/listen                 create or reuse this device's listen endpoint
//   GET  /api/v1/listen/{id}/stream     its deliveries as Server-Sent Events (delivery/listen-stream.ts)
//   POST /api/v1/listen/{id}/results    one forward's result, written as the delivery's attempt
// A listen endpoint is a webhooks row of kind 'listen' (migration 008): the ordinary API lists,
// disables, deletes it and shows its history; how its deliveries travel is in delivery/listen.ts.

export const ListenBody = z.strictObject({
  device: z
    .string({ message: 'must be a string' })
    .regex(/^[0-9a-f]{16,64}$/, 'must be 16 to 64 lower-case hex digits (the CLI derives it from its machine key)'),
  events: EventTypesField.optional(),
});

export const ListenParams = z.strictObject({ id: z.string() });

export const ResultBody = z.strictObject({
  deliveryId: z.string({ message: 'must be a string' }).min(1, 'is required'),
  claim: z.string({ message: 'must be a string' }).regex(LISTEN_TOKEN, 'must be the claim of the streamed delivery'),
  statusCode: z
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(100, 'must be at least 100')
    .max(599, 'must be at most 599')
    .nullable(),
  durationMs: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').max(600_000, 'must be at most 600000'),
  error: z.string({ message: 'must be a string' }).max(1000, 'must be at most 1000 characters').nullable().optional(),
  errorKind: z.enum(['timeout', 'connection'], { message: 'must be "timeout" or "connection"' }).nullable().optional(),
  responseBody: z.string({ message: 'must be a string' }).max(STORE_LIMIT, `must be at most ${STORE_LIMIT} characters`).nullable().optional(),
  requestHeaders: z
    .record(
      z.string().max(256, 'header names must be at most 256 characters'),
      z.string({ message: 'must be a string' }).max(8192, 'must be at most 8192 characters'),
      {
        message: 'must be an object of header names to values',
      },
    )
    .refine((headers) => Object.keys(headers).length <= 64, 'must have at most 64 headers')
    .optional(),
  retryAfterSeconds: z.number({ message: 'must be a number' }).int('must be a whole number').min(0, 'must be at least 0').nullable().optional(),
});

export const ListenEndpoint = Endpoint.extend({
  accountId: z.string(),
  streamUrl: z.string().describe('GET it (Accept: text/event-stream) for the deliveries as Server-Sent Events'),
  resultsUrl: z.string().describe('POST each forward’s result here'),
}).meta({ id: 'ListenEndpoint' });

const tags = ['listen'];

/** The account's listen endpoint with this id, or 404 (an HTTP endpoint's id is not one). */
async function listenEndpoint(app: FastifyInstance, accountId: string, id: string) {
  const row = await app.ctx.db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('accountId', '=', accountId)
    .where('kind', '=', 'listen')
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Listen endpoint', id);
  return row;
}

export async function listenRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const streams = new Set<ListenStream>();

  // Open streams never end by themselves: close them first, or the server's close waits for them.
  app.addHook('preClose', async () => {
    await Promise.all([...streams].map((s) => s.stop()));
  });

  app.post(
    '/listen',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'openListenEndpoint',
        summary: "Create or reuse this device's listen endpoint (what `linkwire listen` calls first)",
        tags,
        body: ListenBody,
        response: { 200: ListenEndpoint, 201: ListenEndpoint, ...authed(400, 403) },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const find = () =>
        ctx.db
          .selectFrom('webhooks')
          .selectAll()
          .where('accountId', '=', req.accountId)
          .where('kind', '=', 'listen')
          .where('device', '=', body.device)
          .where('deletedAt', 'is', null)
          .executeTakeFirst();
      const existing = await find();
      let endpoint: EndpointView;
      if (existing) {
        // Starting `listen` again is the developer coming back: a listen endpoint auto-disabled by
        // failures meanwhile is enabled again (its held deliveries become due), and --events replaces
        // the subscription (none given: what it was).
        const patch = { ...(body.events ? { events: body.events } : {}), ...(existing.enabled === 0 ? { enabled: true } : {}) };
        endpoint = Object.keys(patch).length ? await updateEndpoint(ctx, req.accountId, existing.id, patch) : toEndpointView(existing);
        reply.code(200);
      } else {
        try {
          const { secret: _unused, ...view } = await createEndpoint(
            ctx,
            req.accountId,
            { url: `listen://${body.device}`, events: body.events ?? ['*'], description: 'linkwire listen' },
            { device: body.device },
          );
          endpoint = view;
          reply.code(201);
        } catch (err) {
          // Two CLIs of one machine starting together: the unique index (migration 008) lets one
          // insert win; the other reuses its endpoint.
          const winner = await find();
          if (!winner) throw err;
          endpoint = toEndpointView(winner);
          reply.code(200);
        }
      }
      // The CLI signs with a secret of its own, derived on its machine (cli/listen.ts), so none is
      // returned: the endpoint's stored secret is never used for a listen endpoint.
      return { ...endpoint, accountId: req.accountId, streamUrl: `/api/v1/listen/${endpoint.id}/stream`, resultsUrl: `/api/v1/listen/${endpoint.id}/results` };
    },
  );

  app.get(
    '/listen/:id/stream',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'streamListenDeliveries',
        summary: 'The listen endpoint’s deliveries as Server-Sent Events; resume with Last-Event-ID',
        tags,
        params: ListenParams,
        response: {
          200: {
            description: 'text/event-stream: one `delivery` event per delivery (id = claim.deliveryId, data = the envelope and its headers)',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          ...authed(400, 404),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      await listenEndpoint(app, req.accountId, id);
      const last = req.headers['last-event-id'];
      const previous = typeof last === 'string' ? last.split('.')[0]! : '';
      const resumed = LISTEN_TOKEN.test(previous);
      const stream = new ListenStream(ctx, id, resumed ? previous : newListenToken(), resumed, (chunk) => {
        // A client gone without a close event seen here (it left during the lookup above) must not
        // keep a stream claiming deliveries it can no longer send.
        if (reply.raw.destroyed || req.raw.socket.destroyed) void stream.stop();
        else reply.raw.write(chunk);
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // retry: what a browser EventSource waits before reconnecting; the CLI has its own backoff.
      reply.raw.write(`retry: 1000\n: linkwire listen ${id}\n\n`);
      streams.add(stream);
      req.raw.socket.on('close', () => void stream.stop());
      // The socket may have closed while the endpoint was looked up: then its close event is past.
      if (req.raw.socket.destroyed) void stream.stop();
      try {
        await stream.start();
      } finally {
        streams.delete(stream);
        if (!reply.raw.destroyed) reply.raw.end();
      }
    },
  );

  app.post(
    '/listen/:id/results',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'reportListenResult',
        summary: 'One forward’s result, written as the delivery’s attempt',
        tags,
        params: ListenParams,
        body: ResultBody,
        response: { 204: NoContent, ...authed(400, 404, 409) },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const body = req.body;
      await listenEndpoint(app, req.accountId, id);
      const result: ListenResult = {
        deliveryId: body.deliveryId,
        claim: body.claim,
        statusCode: body.statusCode,
        durationMs: body.durationMs,
        error: body.error ?? null,
        errorKind: body.errorKind ?? null,
        responseBody: body.responseBody ?? null,
        requestHeaders: body.requestHeaders ?? {},
        retryAfterSeconds: body.retryAfterSeconds ?? null,
      };
      const outcome = await recordListenResult(ctx, id, req.accountId, result);
      if (outcome === 'unknown') throw notFound('Delivery', body.deliveryId);
      if (outcome === 'stale') {
        throw conflict('This delivery is no longer claimed by that stream (its lease ended or another stream took over); it is sent again.', 'claim');
      }
      return reply.code(204).send(null);
    },
  );
}
