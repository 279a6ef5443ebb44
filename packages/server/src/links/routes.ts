import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { AppContext } from '../context.js';
import { page } from '../http/pagination.js';
import { authed, NoContent } from '../http/schemas.js';
import { analytics } from './analytics.js';
import { getMilestones, setMilestones } from './milestones.js';
import { getProfile, updateProfile } from './profile.js';
import {
  Analytics,
  AnalyticsQuery,
  binary,
  CreateLinkBody,
  CreateWidgetBody,
  IdParams,
  Link,
  LinkPage,
  ListQuery,
  Milestones,
  MilestonesBody,
  Profile,
  QrQuery,
  SubscriberPage,
  UpdateLinkBody,
  UpdateProfileBody,
  Widget,
  WidgetList,
} from './schemas.js';
import { createLink, deleteLink, getLink, listLinks, qrUrlOf, toLinkView, updateLink } from './service.js';
import { allSubscribers, createWidget, deleteWidget, listSubscribers, listWidgets, toSubscriberView } from './widgets.js';

export * from './schemas.js';

const tags = ['links'];

/** Authenticated routes of the link-in-bio product (registered under /api/v1). */
export async function linkRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.get(
    '/profile',
    {
      config: { permission: 'links:read' },
      schema: { operationId: 'getProfile', summary: 'The profile page’s settings', tags, response: { 200: Profile, ...authed(404) } },
    },
    async (req) => getProfile(ctx, req.accountId),
  );
  app.patch(
    '/profile',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'updateProfile',
        summary: 'Change title, bio, avatar or theme; emits profile.updated',
        tags,
        body: UpdateProfileBody,
        response: { 200: Profile, ...authed(400, 403, 404) },
      },
    },
    async (req) => updateProfile(ctx, req.accountId, req.body),
  );

  app.get(
    '/links',
    {
      config: { permission: 'links:read' },
      schema: { operationId: 'listLinks', summary: 'Links in position order', tags, querystring: ListQuery, response: { 200: LinkPage, ...authed(400) } },
    },
    async (req) => {
      const q = req.query;
      return page(await listLinks(ctx, req.accountId, q), q.limit, (l) => toLinkView(ctx, l));
    },
  );
  app.post(
    '/links',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'createLink',
        summary: 'Create a link (slug generated unless given); emits link.created',
        tags,
        body: CreateLinkBody,
        response: { 201: Link, ...authed(400, 403, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await createLink(ctx, req.accountId, req.body)),
  );
  app.get(
    '/links/:id',
    {
      config: { permission: 'links:read' },
      schema: { operationId: 'getLink', summary: 'One link', tags, params: IdParams, response: { 200: Link, ...authed(400, 404) } },
    },
    async (req) => getLink(ctx, req.accountId, req.params.id),
  );
  app.patch(
    '/links/:id',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'updateLink',
        summary: 'Change a link; emits link.updated',
        tags,
        params: IdParams,
        body: UpdateLinkBody,
        response: { 200: Link, ...authed(400, 403, 404, 409) },
      },
    },
    async (req) => updateLink(ctx, req.accountId, req.params.id, req.body),
  );
  app.delete(
    '/links/:id',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'deleteLink',
        summary: 'Delete a link; emits link.deleted',
        tags,
        params: IdParams,
        response: { 204: NoContent, ...authed(400, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteLink(ctx, req.accountId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  // The QR code encodes /q/{slug}, so scans are told apart from short-link clicks.
  app.get(
    '/links/:id/qr.svg',
    {
      config: { permission: 'links:read' },
      schema: {
        operationId: 'getLinkQrSvg',
        summary: 'The link’s QR code (encodes /q/{slug}) as SVG',
        tags,
        params: IdParams,
        response: { 200: binary('image/svg+xml', 'An SVG image'), ...authed(400, 404) },
      },
    },
    async (req, reply) => {
      const link = await getLink(ctx, req.accountId, req.params.id);
      const svg = await QRCode.toString(qrUrlOf(ctx, link.slug), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(svg);
    },
  );
  app.get(
    '/links/:id/qr.png',
    {
      config: { permission: 'links:read' },
      schema: {
        operationId: 'getLinkQrPng',
        summary: 'The link’s QR code (encodes /q/{slug}) as PNG, size × size pixels',
        tags,
        params: IdParams,
        querystring: QrQuery,
        response: { 200: binary('image/png', 'A PNG image'), ...authed(400, 404) },
      },
    },
    async (req, reply) => {
      const link = await getLink(ctx, req.accountId, req.params.id);
      const png = await QRCode.toBuffer(qrUrlOf(ctx, link.slug), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: req.query.size });
      return reply
        .type('image/png')
        .header('cache-control', 'private, max-age=300')
        .send(png as never);
    },
  );

  app.get(
    '/widgets',
    {
      config: { permission: 'links:read' },
      schema: { operationId: 'listWidgets', summary: 'Mailing-list widgets', tags, response: { 200: WidgetList, ...authed() } },
    },
    async (req) => ({ data: await listWidgets(ctx, req.accountId) }),
  );
  app.post(
    '/widgets',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'createWidget',
        summary: 'Add a mailing-list widget to the profile page',
        tags,
        body: CreateWidgetBody,
        response: { 201: Widget, ...authed(400, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await createWidget(ctx, req.accountId, req.body)),
  );
  app.delete(
    '/widgets/:id',
    {
      config: { permission: 'links:write' },
      schema: { operationId: 'deleteWidget', summary: 'Remove a widget', tags, params: IdParams, response: { 204: NoContent, ...authed(400, 403, 404) } },
    },
    async (req, reply) => {
      await deleteWidget(ctx, req.accountId, req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/subscribers',
    {
      config: { permission: 'analytics:read' },
      schema: {
        operationId: 'listSubscribers',
        summary: 'Mailing-list subscribers, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: SubscriberPage, ...authed(400) },
      },
    },
    async (req) => {
      const q = req.query;
      return page(await listSubscribers(ctx, req.accountId, q), q.limit, toSubscriberView);
    },
  );
  app.get(
    '/subscribers.csv',
    {
      config: { permission: 'analytics:read' },
      schema: {
        operationId: 'exportSubscribers',
        summary: 'Every subscriber as CSV (id, email, widget_id, campaign_id, created_at)',
        tags,
        response: { 200: binary('text/csv', 'RFC 4180 CSV, streamed'), ...authed() },
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="subscribers.csv"')
        .send(Readable.from(subscribersCsv(ctx, req.accountId)) as never),
  );

  app.get(
    '/analytics',
    {
      config: { permission: 'analytics:read' },
      schema: {
        operationId: 'getAnalytics',
        summary: 'Visits, clicks, CTR, top links, countries, referrers and per-day numbers (default: the last 30 days)',
        tags,
        querystring: AnalyticsQuery,
        response: { 200: Analytics, ...authed(400) },
      },
    },
    async (req) => analytics(ctx, req.accountId, req.query),
  );
  app.get(
    '/analytics/milestones',
    {
      config: { permission: 'analytics:read' },
      schema: {
        operationId: 'getMilestones',
        summary: 'Click-count thresholds that emit analytics.milestone',
        tags,
        response: { 200: Milestones, ...authed() },
      },
    },
    async (req) => getMilestones(ctx, req.accountId),
  );
  app.put(
    '/analytics/milestones',
    {
      config: { permission: 'links:write' },
      schema: {
        operationId: 'setMilestones',
        summary: 'Replace the account’s own thresholds',
        tags,
        body: MilestonesBody,
        response: { 200: Milestones, ...authed(400, 403) },
      },
    },
    async (req) => setMilestones(ctx, req.accountId, req.body.thresholds),
  );
}

const CSV_CHUNK = 64 * 1024;

/**
 * The export, read from the database a page (1 000 rows) at a time and written in chunks of about
 * 64 KiB, so a list of any size costs one page of memory; one chunk per row would be one socket
 * write per row. A database error mid-way aborts the chunked response, so the client sees a
 * failed download rather than a short file.
 */
export async function* subscribersCsv(ctx: AppContext, accountId: string): AsyncGenerator<string> {
  let chunk = 'id,email,widget_id,campaign_id,created_at\r\n';
  for await (const s of allSubscribers(ctx, accountId)) {
    chunk += `${[s.id, s.email, s.widgetId, s.campaignId ?? '', new Date(s.createdAt).toISOString()].map(csvCell).join(',')}\r\n`;
    if (chunk.length >= CSV_CHUNK) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** RFC 4180 quoting, and a leading ' on cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
