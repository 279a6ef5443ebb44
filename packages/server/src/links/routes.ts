import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { cursorParam, limitParam, page } from '../http/pagination.js';
import { parse } from '../http/validation.js';
import { AnalyticsQuery, analytics } from './analytics.js';
import { getMilestones, MilestonesBody, setMilestones } from './milestones.js';
import { getProfile, UpdateProfileBody, updateProfile } from './profile.js';
import { CreateLinkBody, createLink, deleteLink, getLink, listLinks, qrUrlOf, toLinkView, UpdateLinkBody, updateLink } from './service.js';
import { allSubscribers, CreateWidgetBody, createWidget, deleteWidget, listSubscribers, listWidgets, toSubscriberView } from './widgets.js';

const IdParams = z.strictObject({ id: z.string() });
const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });
const QrQuery = z.strictObject({
  size: z.coerce.number().int('must be an integer').min(64, 'must be at least 64').max(2048, 'must be at most 2048').default(512),
});

/** Authenticated routes of the link-in-bio product (registered under /api/v1). */
export async function linkRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/profile', async (req) => getProfile(ctx, req.accountId));
  app.patch('/profile', async (req) => updateProfile(ctx, req.accountId, parse(UpdateProfileBody, req.body)));

  app.get('/links', async (req) => {
    const q = parse(ListQuery, req.query);
    return page(await listLinks(ctx, req.accountId, q), q.limit, (l) => toLinkView(ctx, l));
  });
  app.post('/links', async (req, reply) => reply.code(201).send(await createLink(ctx, req.accountId, parse(CreateLinkBody, req.body))));
  app.get('/links/:id', async (req) => getLink(ctx, req.accountId, parse(IdParams, req.params).id));
  app.patch('/links/:id', async (req) => updateLink(ctx, req.accountId, parse(IdParams, req.params).id, parse(UpdateLinkBody, req.body)));
  app.delete('/links/:id', async (req, reply) => {
    await deleteLink(ctx, req.accountId, parse(IdParams, req.params).id);
    return reply.code(204).send();
  });

  // The QR code encodes /q/{slug}, so scans are told apart from short-link clicks.
  app.get('/links/:id/qr.svg', async (req, reply) => {
    const link = await getLink(ctx, req.accountId, parse(IdParams, req.params).id);
    const svg = await QRCode.toString(qrUrlOf(ctx, link.slug), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.type('image/svg+xml').header('cache-control', 'private, max-age=300').send(svg);
  });
  app.get('/links/:id/qr.png', async (req, reply) => {
    const { size } = parse(QrQuery, req.query);
    const link = await getLink(ctx, req.accountId, parse(IdParams, req.params).id);
    const png = await QRCode.toBuffer(qrUrlOf(ctx, link.slug), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
    return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
  });

  app.get('/widgets', async (req) => ({ data: await listWidgets(ctx, req.accountId) }));
  app.post('/widgets', async (req, reply) => reply.code(201).send(await createWidget(ctx, req.accountId, parse(CreateWidgetBody, req.body))));
  app.delete('/widgets/:id', async (req, reply) => {
    await deleteWidget(ctx, req.accountId, parse(IdParams, req.params).id);
    return reply.code(204).send();
  });

  app.get('/subscribers', async (req) => {
    const q = parse(ListQuery, req.query);
    return page(await listSubscribers(ctx, req.accountId, q), q.limit, toSubscriberView);
  });
  app.get('/subscribers.csv', async (req, reply) =>
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="subscribers.csv"')
      .send(Readable.from(subscribersCsv(ctx, req.accountId))),
  );

  app.get('/analytics', async (req) => analytics(ctx, req.accountId, parse(AnalyticsQuery, req.query)));
  app.get('/analytics/milestones', async (req) => getMilestones(ctx, req.accountId));
  app.put('/analytics/milestones', async (req) => setMilestones(ctx, req.accountId, parse(MilestonesBody, req.body).thresholds));
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
