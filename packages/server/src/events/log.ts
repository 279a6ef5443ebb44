import type { AppContext } from '../context.js';

export interface EventLogQuery {
  /** An event type of the catalog (the route validates it). */
  type?: string;
  /** Epoch ms: events created at or after it. */
  since?: number;
  /** The last id of the previous page. */
  cursor?: string;
  limit: number;
}

/**
 * The account's event log, oldest first, so a receiver that was down can catch up in order.
 * Returns limit + 1 rows (http/pagination.ts `page()` trims them and says whether there is more).
 */
export async function listEvents(ctx: AppContext, accountId: string, q: EventLogQuery) {
  let query = ctx.db.selectFrom('events').select(['id', 'payload']).where('accountId', '=', accountId);
  if (q.type) query = query.where('type', '=', q.type);
  if (q.since !== undefined) query = query.where('createdAt', '>=', q.since);
  if (q.cursor) query = query.where('id', '>', q.cursor);
  return query
    .orderBy('id', 'asc')
    .limit(q.limit + 1)
    .execute();
}
