import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../audit/record.js';
import type { AppContext } from '../context.js';
import { instanceHost } from '../domains/for-link.js';
import { hostOfHeader } from '../domains/hostname.js';
import { validationError } from '../http/errors.js';
import { authed, NoContent } from '../http/schemas.js';
import { forgetLink } from '../links/lookup.js';
import { associationFiles } from './association.js';
import { diagnose } from './diagnostics.js';
import { App, AppIdParams, AppList, AppWithKey, CreateAppBody, Diagnostics, DiagnosticsQuery, UpdateAppBody } from './schemas.js';
import { createApp, deleteApp, getApp, listApps, rotateAppKey, updateApp } from './service.js';

export * from './schemas.js';

const tags = ['apps'];

/** The apps API (registered under /api/v1). */
export async function appRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const read = { permission: 'apps:read' } as const;
  const write = { permission: 'apps:write' } as const;

  app.post(
    '/apps',
    {
      config: write,
      schema: {
        operationId: 'createApp',
        summary: 'Add a mobile app; the answer carries its publishable key (shown once)',
        tags,
        body: CreateAppBody,
        response: { 201: AppWithKey, ...authed(400, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createApp(ctx, req.accountId, actorOf(req), req.body)),
  );
  app.get(
    '/apps',
    { config: read, schema: { operationId: 'listApps', summary: 'The account’s mobile apps', tags, response: { 200: AppList, ...authed(403) } } },
    async (req) => ({ data: await listApps(ctx, req.accountId) }),
  );
  app.get(
    '/apps/:id',
    { config: read, schema: { operationId: 'getApp', summary: 'One mobile app', tags, params: AppIdParams, response: { 200: App, ...authed(400, 403, 404) } } },
    async (req) => getApp(ctx, req.accountId, req.params.id),
  );
  app.patch(
    '/apps/:id',
    {
      config: write,
      schema: {
        operationId: 'updateApp',
        summary: 'Change a mobile app',
        tags,
        params: AppIdParams,
        body: UpdateAppBody,
        response: { 200: App, ...authed(400, 403, 404) },
      },
    },
    async (req) => updateApp(ctx, req.accountId, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/apps/:id',
    {
      config: write,
      schema: {
        operationId: 'deleteApp',
        summary: 'Remove a mobile app; its links become web links',
        tags,
        params: AppIdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      for (const linkId of await deleteApp(ctx, req.accountId, actorOf(req), req.params.id)) forgetLink(ctx, linkId);
      return reply.code(204).send(null);
    },
  );
  app.post(
    '/apps/:id/rotate-key',
    {
      config: write,
      schema: {
        operationId: 'rotateAppKey',
        summary: 'Replace the publishable key (the old one stops working at once)',
        tags,
        params: AppIdParams,
        response: { 200: AppWithKey, ...authed(400, 403, 404) },
      },
    },
    async (req) => rotateAppKey(ctx, req.accountId, actorOf(req), req.params.id),
  );
  app.get(
    '/apps/:id/diagnostics',
    {
      config: read,
      schema: {
        operationId: 'appDiagnostics',
        summary: 'Fetch the association files back through the public listener and report what Apple and Google would reject',
        tags,
        params: AppIdParams,
        querystring: DiagnosticsQuery,
        response: { 200: Diagnostics, ...authed(400, 403, 404) },
      },
    },
    async (req) => {
      await getApp(ctx, req.accountId, req.params.id);
      const row = await ctx.db.selectFrom('apps').selectAll().where('id', '=', req.params.id).executeTakeFirstOrThrow();
      const publicUrl = new URL(ctx.config.publicUrl);
      return diagnose(req.server, row, await diagnosticsHost(ctx, req.accountId, req.query.host), publicUrl.protocol === 'https:');
    },
  );
}

/**
 * The host diagnostics fetch for: the instance's (the default) or one of the account's custom
 * domains, else a 400 naming `host` (it becomes a Host header, so nothing else is sent).
 */
async function diagnosticsHost(ctx: AppContext, accountId: string, input: string | undefined): Promise<string> {
  const own = new URL(ctx.config.publicUrl).host;
  if (input === undefined || input.trim() === '') return own;
  const hostname = hostOfHeader(input);
  if (hostname === instanceHost(ctx)) return own;
  const domain = /^[a-z0-9.-]+$/.test(hostname)
    ? await ctx.db
        .selectFrom('domains')
        .select('hostname')
        .where('accountId', '=', accountId)
        .where('hostname', '=', hostname)
        .where('releasedAt', 'is', null)
        .executeTakeFirst()
    : undefined;
  if (!domain) throw validationError([{ field: 'host', message: `must be this instance's host (${own}) or one of your custom domains` }]);
  return domain.hostname;
}

const json = (description: string) => ({ description, content: { 'application/json': { schema: z.unknown() } } });

function sendAssociation(req: FastifyRequest, reply: FastifyReply, body: unknown) {
  // Always 200 JSON, never a redirect (Apple and Google follow none), cacheable for an hour.
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  reply.header('cache-control', 'public, max-age=3600').header('etag', etag);
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.code(200).type('application/json').send(text);
}

/** The association files on the instance host (registered at the root, next to web/public.ts). */
export async function associationRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const pub = { security: [], tags: ['public'] };
  // On a verified custom domain (domains/routing.ts lets these paths through) the domain's account's files.
  const filesFor = (req: FastifyRequest) => {
    const domain = ctx.hosts.ofRequest.get(req.raw);
    return associationFiles(ctx, domain ? { host: domain.hostname, accountId: domain.accountId, domainId: domain.domainId } : { host: req.hostname });
  };
  const aasa = async (req: FastifyRequest, reply: FastifyReply) => sendAssociation(req, reply, (await filesFor(req)).appleAppSiteAssociation);
  for (const [url, operationId] of [
    ['/.well-known/apple-app-site-association', 'appleAppSiteAssociation'],
    ['/apple-app-site-association', 'appleAppSiteAssociationLegacy'],
  ] as const) {
    app.get(
      url,
      { schema: { ...pub, operationId, summary: 'The apple-app-site-association file of the apps’ links (Universal Links)', response: { 200: json('AASA') } } },
      aasa,
    );
  }
  app.get(
    '/.well-known/assetlinks.json',
    {
      schema: {
        ...pub,
        operationId: 'assetLinks',
        summary: 'The Digital Asset Links file of the Android apps (App Links)',
        response: { 200: json('assetlinks.json') },
      },
    },
    async (req, reply) => sendAssociation(req, reply, (await filesFor(req)).assetLinks),
  );
}
