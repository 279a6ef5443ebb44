import { actorOf } from '../audit/record.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authed, NoContent } from '../http/schemas.js';
import {
  CreateBody,
  CreatedEndpoint,
  Endpoint,
  EndpointPage,
  IdParams,
  ListQuery,
  PatchBody,
  RotateBody,
  Secret,
  TestBody,
  TestSend,
  Usage,
} from './schemas.js';
import { createEndpoint, deleteEndpoint, getEndpoint, getSecret, listEndpoints, rotateSecret, sendTest, updateEndpoint, usage } from './service.js';

export * from './schemas.js';

const tags = ['webhooks'];

/** Endpoints, secrets, test sends and usage. Delivery history and replay live in delivery/. */
export async function webhookRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.post(
    '/webhooks',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'createEndpoint',
        summary: 'Create an endpoint; the response carries its signing secret',
        tags,
        body: CreateBody,
        response: { 201: CreatedEndpoint, ...authed(400, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createEndpoint(ctx, req.accountId, req.body, undefined, actorOf(req))),
  );

  app.get(
    '/webhooks',
    {
      config: { permission: 'webhooks:read' },
      schema: {
        operationId: 'listEndpoints',
        summary: 'Endpoints, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: EndpointPage, ...authed(400) },
      },
    },
    async (req) => listEndpoints(ctx, req.accountId, req.query),
  );

  app.get(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:read' },
      schema: { operationId: 'getEndpoint', summary: 'One endpoint', tags, params: IdParams, response: { 200: Endpoint, ...authed(400, 404) } },
    },
    async (req) => getEndpoint(ctx, req.accountId, req.params.id),
  );

  app.patch(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'updateEndpoint',
        summary: 'Change an endpoint (enabled: true re-enables a disabled one)',
        tags,
        params: IdParams,
        body: PatchBody,
        response: { 200: Endpoint, ...authed(400, 403, 404) },
      },
    },
    async (req) => updateEndpoint(ctx, req.accountId, req.params.id, req.body, actorOf(req)),
  );

  app.delete(
    '/webhooks/:id',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'deleteEndpoint',
        summary: 'Delete an endpoint; its pending deliveries are cancelled',
        tags,
        params: IdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteEndpoint(ctx, req.accountId, req.params.id, actorOf(req), { userAgent: req.headers['user-agent'] });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/webhooks/:id/secret',
    {
      config: { permission: 'secrets:manage' },
      schema: {
        operationId: 'getEndpointSecret',
        summary: 'The current signing secret',
        tags,
        params: IdParams,
        response: { 200: Secret, ...authed(400, 404, 409) },
      },
    },
    async (req) => getSecret(ctx, req.accountId, req.params.id, actorOf(req)),
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      config: { permission: 'secrets:manage' },
      schema: {
        operationId: 'rotateEndpointSecret',
        summary: 'A new secret; the old one keeps signing too for graceHours (default 24)',
        tags,
        params: IdParams,
        body: RotateBody,
        response: { 200: Secret, ...authed(400, 403, 404, 409) },
      },
    },
    async (req) => rotateSecret(ctx, req.accountId, req.params.id, req.body.graceHours, actorOf(req)),
  );

  app.post(
    '/webhooks/:id/test',
    {
      config: { permission: 'webhooks:write' },
      schema: {
        operationId: 'sendTestEvent',
        summary: 'Send a sample event to this endpoint only',
        tags,
        params: IdParams,
        body: TestBody,
        response: { 202: TestSend, ...authed(400, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const { deliveryId } = await sendTest(ctx, req.accountId, req.params.id, req.body.event);
      return reply.code(202).send({ deliveryId });
    },
  );

  app.get(
    '/usage',
    {
      config: { permission: 'account:read' },
      schema: {
        operationId: 'getUsage',
        summary: 'Endpoints, deliveries (rolling 24 h) and test sends (1 h) against the plan',
        tags,
        response: { 200: Usage, ...authed() },
      },
    },
    async (req) => usage(ctx, req.accountId),
  );
}
