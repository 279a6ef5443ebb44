import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../audit/record.js';
import { authed, NoContent } from '../http/schemas.js';
import { ConnectBody, IdParams, Integration, IntegrationPage, ListQuery, PatchBody } from './schemas.js';
import { connectIntegration, deleteIntegration, getIntegration, listIntegrations, updateIntegration } from './service.js';

const tags = ['integrations'];

/** Analytics sinks: connect (credentials checked at the provider), list, read, change, remove. */
export async function integrationRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.post(
    '/integrations',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'connectIntegration',
        summary: 'Connect an analytics sink (GA4, Segment, PostHog); its credentials are checked at the provider first',
        tags,
        body: ConnectBody,
        response: { 201: Integration, ...authed(400, 403, 502) },
      },
    },
    async (req, reply) => reply.code(201).send(await connectIntegration(ctx, req.accountId, actorOf(req), req.body)),
  );

  app.get(
    '/integrations',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'listIntegrations',
        summary: 'Analytics sinks, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: IntegrationPage, ...authed(400) },
      },
    },
    async (req) => listIntegrations(ctx, req.accountId, req.query),
  );

  app.get(
    '/integrations/:id',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'getIntegration',
        summary: 'One analytics sink (credentials masked)',
        tags,
        params: IdParams,
        response: { 200: Integration, ...authed(400, 404) },
      },
    },
    async (req) => getIntegration(ctx, req.accountId, req.params.id),
  );

  app.patch(
    '/integrations/:id',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'updateIntegration',
        summary: 'Change a sink: events, name, enabled, or its credentials (checked again at the provider)',
        tags,
        params: IdParams,
        body: PatchBody,
        response: { 200: Integration, ...authed(400, 403, 404, 502) },
      },
    },
    async (req) => updateIntegration(ctx, req.accountId, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/integrations/:id',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'deleteIntegration',
        summary: 'Remove a sink (emits integration.disconnected); its delivery history stays',
        tags,
        params: IdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteIntegration(ctx, req.accountId, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
