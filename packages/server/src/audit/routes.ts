import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cursorParam, limitParam } from '../http/pagination.js';
import { authed, IsoTime, Page } from '../http/schemas.js';
import { exportAudit, listAudit } from './service.js';

const tags = ['audit'];

const AuditEntry = z
  .object({
    id: z.string(),
    at: IsoTime,
    actor: z.object({ type: z.string().describe('user, api_key or system'), id: z.string(), email: z.string().optional() }),
    action: z.string().describe('<target>.<verb>, e.g. member.invited, webhook.secret_rotated'),
    target: z.object({ type: z.string(), id: z.string() }),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  })
  .meta({ id: 'AuditEntry' });

const since = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time, e.g. 2026-03-25T14:00:00Z' });
      return z.NEVER;
    }
    return ms;
  });

const Filters = { action: z.string().max(100).optional(), actorId: z.string().max(100).optional(), since };
const AuditQuery = z.strictObject({ ...Filters, cursor: cursorParam, limit: limitParam });
const ExportQuery = z.strictObject(Filters);

export async function auditRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;

  app.get(
    '/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: {
        operationId: 'listAuditLog',
        summary: 'The audit log, newest first, filtered by action, actor and time',
        tags,
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry).meta({ id: 'AuditLogPage' }), ...authed(400) },
      },
    },
    async (req) => listAudit(ctx, req.accountId, req.query),
  );

  app.get(
    '/audit-log/export',
    {
      config: { permission: 'audit:read' },
      schema: {
        operationId: 'exportAuditLog',
        summary: 'The whole audit log (same filters) as NDJSON, one entry per line',
        tags,
        querystring: ExportQuery,
        response: { 200: { description: 'One AuditEntry per line, streamed', content: { 'application/x-ndjson': { schema: z.string() } } }, ...authed(400) },
      },
    },
    async (req, reply) => {
      reply.type('application/x-ndjson').header('content-disposition', 'attachment; filename="audit-log.ndjson"');
      return reply.send(Readable.from(exportAudit(ctx, req.accountId, req.query)) as never);
    },
  );
}
