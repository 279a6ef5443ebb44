import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import type { BackgroundService } from '../context.js';
import { startPeriodic } from '../lib/periodic.js';
import { forgetLink } from './lookup.js';

// link.expired is promised "within a minute" of expiresAt: a 20 s tick leaves room for a slow
// tick or a restart. Redirects do not wait for it: /l and /q compare expiresAt themselves.
export const EXPIRY_INTERVAL_MS = 20_000;
const BATCH = 100;

/**
 * Marks due links expired and emits link.expired, one link per transaction. The conditional
 * UPDATE (expired_at IS NULL) decides who fires: with several api processes on PostgreSQL only
 * the one whose UPDATE changed the row emits, so the event goes out exactly once.
 */
export async function expireDueLinks(ctx: AppContext, now = Date.now()): Promise<number> {
  const due = await ctx.db
    .selectFrom('links')
    .select(['id'])
    .where('expiredAt', 'is', null)
    .where('expiresAt', 'is not', null)
    .where('expiresAt', '<=', now)
    .orderBy('expiresAt')
    .limit(BATCH)
    .execute();
  let fired = 0;
  for (const { id } of due) {
    const done = await inTransaction(ctx.db, async (tx) => {
      const link = await tx
        .updateTable('links')
        .set({ expiredAt: now })
        .where('id', '=', id)
        .where('expiredAt', 'is', null)
        .where('expiresAt', '<=', now)
        .returning(['id', 'accountId', 'slug', 'title', 'url', 'expiresAt'])
        .executeTakeFirst();
      if (!link) return false;
      await ctx.outbox.emit(
        tx,
        link.accountId,
        'link.expired',
        { linkId: link.id, slug: link.slug, title: link.title, url: link.url, expiredAt: new Date(link.expiresAt!).toISOString() },
        { now },
      );
      return true;
    });
    if (done) {
      fired++;
      forgetLink(ctx, id);
    }
  }
  return fired;
}

/** The API_SERVICES entry: ticks every EXPIRY_INTERVAL_MS (never two at once), and once at start. */
export function startLinkExpiry(ctx: AppContext, intervalMs = EXPIRY_INTERVAL_MS): BackgroundService {
  return startPeriodic(ctx, 'link-expiry', intervalMs, 0, () => expireDueLinks(ctx));
}
