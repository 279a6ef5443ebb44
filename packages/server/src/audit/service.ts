import type { AppContext } from '../context.js';
import { page } from '../http/pagination.js';

export interface AuditQuery {
  action?: string;
  actorId?: string;
  /** Epoch ms: only rows at or after it. */
  since?: number;
  /** The last id of the previous page. */
  cursor?: string;
  limit: number;
}

export interface AuditView {
  id: string;
  at: string;
  actor: { type: string; id: string; email?: string };
  action: string;
  target: { type: string; id: string };
  changes: Record<string, { from: unknown; to: unknown }> | null;
}

type AuditRow = {
  id: string;
  at: number;
  actorType: string;
  actorId: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string;
  changes: string | null;
};

export function toAuditView(r: AuditRow): AuditView {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actorEmail ? { type: r.actorType, id: r.actorId, email: r.actorEmail } : { type: r.actorType, id: r.actorId },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    changes: r.changes ? JSON.parse(r.changes) : null,
  };
}

/** Newest first; each filter is an index prefix (009_audit_log), the cursor an id range. */
export async function auditRows(ctx: AppContext, accountId: string, q: AuditQuery): Promise<AuditRow[]> {
  let query = ctx.db
    .selectFrom('auditLog')
    .select(['id', 'at', 'actorType', 'actorId', 'actorEmail', 'action', 'targetType', 'targetId', 'changes'])
    .where('accountId', '=', accountId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  if (q.since !== undefined) query = query.where('at', '>=', q.since);
  if (q.cursor) query = query.where('id', '<', q.cursor);
  return query.orderBy('id', 'desc').limit(q.limit).execute();
}

export async function listAudit(ctx: AppContext, accountId: string, q: AuditQuery) {
  return page(await auditRows(ctx, accountId, { ...q, limit: q.limit + 1 }), q.limit, toAuditView);
}

/** Every matching row, newest first, one JSON object per line; read in pages so memory stays flat. */
export async function* exportAudit(ctx: AppContext, accountId: string, q: Omit<AuditQuery, 'limit' | 'cursor'>): AsyncGenerator<string> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await auditRows(ctx, accountId, { ...q, cursor, limit: 500 });
    for (const row of rows) yield `${JSON.stringify(toAuditView(row))}\n`;
    if (rows.length < 500) return;
    cursor = rows[rows.length - 1]!.id;
  }
}
