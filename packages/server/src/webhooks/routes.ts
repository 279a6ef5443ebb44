import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RESERVED_HEADERS } from '../delivery/request-headers.js';
import { EVENT_TYPES, isEventType } from '../events/catalog.js';
import { cursorParam, limitParam } from '../http/pagination.js';
import { parse } from '../http/validation.js';
import { MAX_GRACE_HOURS } from './secrets.js';
import { createEndpoint, deleteEndpoint, getEndpoint, getSecret, listEndpoints, rotateSecret, sendTest, updateEndpoint, usage } from './service.js';

// Header rules: RFC 9110 token names, no control characters in values; hop-by-hop headers would
// break the HTTP exchange and the ones Linkwire sets would let a header forge or hide the signature.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MAX_HEADERS = 20;

const events = z
  .array(z.string({ message: 'must be a string' }), { message: 'must be an array of event types' })
  .min(1, 'must list at least one event type (or "*")')
  .superRefine((list, ctx) => {
    list.forEach((type, i) => {
      if (type !== '*' && !isEventType(type)) {
        ctx.addIssue({ code: 'custom', path: [i], message: `"${type}" is not an event type; see GET /api/v1/event-types (or use "*")` });
      }
    });
  })
  // "*" already means everything; otherwise keep the first occurrence of each type.
  .transform((list) => (list.includes('*') ? ['*'] : [...new Set(list)]));

const headers = z
  .record(z.string(), z.string({ message: 'must be a string' }), { message: 'must be an object of header names to string values' })
  .superRefine((map, ctx) => {
    const names = Object.keys(map);
    if (names.length > MAX_HEADERS) ctx.addIssue({ code: 'custom', message: `must have at most ${MAX_HEADERS} headers` });
    const seen = new Set<string>();
    for (const name of names) {
      const lower = name.toLowerCase();
      const value = map[name]!;
      let problem: string | null = null;
      if (!HEADER_NAME.test(name)) problem = 'is not a valid header name';
      else if (RESERVED_HEADERS.has(lower) || lower.startsWith('proxy-')) problem = 'cannot be set: Linkwire sets it, or it is a hop-by-hop header';
      else if (seen.has(lower)) problem = 'is given twice (header names are case-insensitive)';
      else if (!HEADER_VALUE.test(value)) problem = 'has a value with control characters (CR, LF, NUL…)';
      else if (value.length > 4096) problem = 'has a value longer than 4096 characters';
      seen.add(lower);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
  });

const fields = {
  url: z.string({ message: 'must be a string' }).min(1, 'is required').max(2048, 'must be at most 2048 characters'),
  events,
  description: z.string({ message: 'must be a string' }).max(500, 'must be at most 500 characters').nullable().optional(),
  filter: z.record(z.string(), z.unknown(), { message: 'must be a filter object such as {"data.country": "FR"}' }).nullable().optional(),
  timeoutMs: z
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 (1 s)')
    .max(30_000, 'must be at most 30000 (30 s)')
    .optional(),
  headers: headers.optional(),
  enabled: z.boolean({ message: 'must be true or false' }).optional(),
};

const CreateBody = z.strictObject(fields);
const PatchBody = z.strictObject({ ...fields, url: fields.url.optional(), events: events.optional() });
const IdParams = z.strictObject({ id: z.string() });
const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });
const RotateBody = z.strictObject({
  graceHours: z
    .number({ message: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(0, 'must be at least 0')
    .max(MAX_GRACE_HOURS, `must be at most ${MAX_GRACE_HOURS} (7 days)`)
    .optional(),
});
const TestBody = z.strictObject({
  event: z.enum(EVENT_TYPES, { message: 'must be an event type from GET /api/v1/event-types' }).optional(),
});

/** Endpoints, secrets, test sends and usage. Delivery history and replay live in delivery/. */
export async function webhookRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  app.post('/webhooks', async (req, reply) => {
    const body = parse(CreateBody, req.body);
    return reply.code(201).send(await createEndpoint(ctx, req.accountId, body));
  });

  app.get('/webhooks', async (req) => {
    const q = parse(ListQuery, req.query);
    return listEndpoints(ctx, req.accountId, q);
  });

  app.get('/webhooks/:id', async (req) => {
    const { id } = parse(IdParams, req.params);
    return getEndpoint(ctx, req.accountId, id);
  });

  app.patch('/webhooks/:id', async (req) => {
    const { id } = parse(IdParams, req.params);
    const body = parse(PatchBody, req.body);
    return updateEndpoint(ctx, req.accountId, id, body);
  });

  app.delete('/webhooks/:id', async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    await deleteEndpoint(ctx, req.accountId, id);
    return reply.code(204).send();
  });

  app.get('/webhooks/:id/secret', async (req) => {
    const { id } = parse(IdParams, req.params);
    return getSecret(ctx, req.accountId, id);
  });

  app.post('/webhooks/:id/rotate-secret', async (req) => {
    const { id } = parse(IdParams, req.params);
    const body = parse(RotateBody, req.body);
    return rotateSecret(ctx, req.accountId, id, body.graceHours);
  });

  app.post('/webhooks/:id/test', async (req, reply) => {
    const { id } = parse(IdParams, req.params);
    const body = parse(TestBody, req.body);
    const { deliveryId } = await sendTest(ctx, req.accountId, id, body.event);
    return reply.code(202).send({ deliveryId });
  });

  app.get('/usage', async (req) => usage(ctx, req.accountId));
}
