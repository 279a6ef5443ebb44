import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVENT_TYPES } from '../events/catalog.js';
import { EventEnvelope } from '../events/schemas.js';
import { authed } from '../http/schemas.js';
import { me, samples } from './nocode.js';

const tags = ['integrations'];

const Me = z
  .object({
    accountId: z.string(),
    handle: z.string(),
    email: z.string(),
    plan: z.string(),
    instanceUrl: z.string().describe('this Linkwire instance, for the connection label ("ada @ links.example.com")'),
  })
  .meta({ id: 'Me' });
const SamplesParams = z.strictObject({ type: z.enum(EVENT_TYPES, { message: 'must be an event type from GET /api/v1/event-types' }) });
const SamplesQuery = z.strictObject({
  limit: z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(25, 'must be at most 25').default(3),
});

/** The connection test and trigger samples of no-code tools (Zapier, Make, n8n). */
export async function noCodeRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.get(
    '/me',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'getMe',
        summary: 'The account behind the credentials: the connection test of no-code tools',
        tags,
        response: { 200: Me, ...authed() },
      },
    },
    async (req) => me(ctx, req.accountId, { apiKeyId: req.actor?.type === 'api_key' ? req.actor.id : null, userAgent: req.headers['user-agent'] }),
  );

  app.get(
    '/event-types/:type/samples',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'listEventSamples',
        summary: 'Sample envelopes of a type, newest first: real events, else the catalog example',
        tags,
        params: SamplesParams,
        querystring: SamplesQuery,
        response: { 200: z.array(EventEnvelope).meta({ id: 'EventSamples' }), ...authed(400) },
      },
    },
    async (req) => samples(ctx, req.accountId, req.params.type, req.query.limit),
  );
}
