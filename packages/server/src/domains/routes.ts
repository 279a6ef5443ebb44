import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../audit/record.js';
import { authed, NoContent } from '../http/schemas.js';
import { CreateDomainBody, Domain, DomainCheckPage, DomainPage, IdParams, ListQuery, UpdateDomainBody } from './schemas.js';
import { addDomain, deleteDomain, getDomain, listChecks, listDomains, updateDomain, verifyNow } from './service.js';

export * from './schemas.js';

const tags = ['domains'];

/** Custom domains (PRODUCT.md §10): add, list, read, change routing, check now, check history, remove. */
export async function domainRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.post(
    '/domains',
    {
      config: { permission: 'domains:write' },
      schema: {
        operationId: 'createDomain',
        summary: 'Add a custom domain; the response lists the DNS records to set',
        tags,
        body: CreateDomainBody,
        response: { 201: Domain, ...authed(400, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await addDomain(ctx, req.accountId, actorOf(req), req.body)),
  );

  app.get(
    '/domains',
    {
      config: { permission: 'domains:read' },
      schema: {
        operationId: 'listDomains',
        summary: 'Custom domains, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: DomainPage, ...authed(400) },
      },
    },
    async (req) => listDomains(ctx, req.accountId, req.query),
  );

  app.get(
    '/domains/:id',
    {
      config: { permission: 'domains:read' },
      schema: {
        operationId: 'getDomain',
        summary: 'One custom domain with its records',
        tags,
        params: IdParams,
        response: { 200: Domain, ...authed(400, 404) },
      },
    },
    async (req) => getDomain(ctx, req.accountId, req.params.id),
  );

  app.post(
    '/domains/:id/verify',
    {
      config: { permission: 'domains:write' },
      schema: {
        operationId: 'verifyDomain',
        summary: 'Check the DNS records now (at most once per 10 s)',
        tags,
        params: IdParams,
        response: { 200: Domain, ...authed(400, 404, 429) },
      },
    },
    async (req) => verifyNow(ctx, req.accountId, actorOf(req), req.params.id),
  );

  app.get(
    '/domains/:id/checks',
    {
      config: { permission: 'domains:read' },
      schema: {
        operationId: 'listDomainChecks',
        summary: 'Every check, newest first, with each record’s expected and found values',
        tags,
        params: IdParams,
        querystring: ListQuery,
        response: { 200: DomainCheckPage, ...authed(400, 404) },
      },
    },
    async (req) => listChecks(ctx, req.accountId, req.params.id, req.query),
  );

  app.patch(
    '/domains/:id',
    {
      config: { permission: 'domains:write' },
      schema: {
        operationId: 'updateDomain',
        summary: 'Change how a domain routes: purpose, rootUrl, notFoundUrl (the hostname stays)',
        tags,
        params: IdParams,
        body: UpdateDomainBody,
        response: { 200: Domain, ...authed(400, 404, 409) },
      },
    },
    async (req) => updateDomain(ctx, req.accountId, actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/domains/:id',
    {
      config: { permission: 'domains:write' },
      schema: {
        operationId: 'deleteDomain',
        summary: 'Remove a custom domain (refused while links live on it)',
        tags,
        params: IdParams,
        response: { 204: NoContent, ...authed(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await deleteDomain(ctx, req.accountId, actorOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  );
}
