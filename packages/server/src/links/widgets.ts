import { z } from 'zod';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import { newId } from '../lib/ids.js';
import type { SubscribersTable, WidgetsTable } from '../db/schema.links.js';
import type { RedirectTarget } from './lookup.js';

// Mailing-list widgets on the profile page and the subscribers they collect.

export const CreateWidgetBody = z.strictObject({
  kind: z.literal('mailing_list', { message: 'must be "mailing_list"' }),
  title: z.string({ message: 'must be a string' }).trim().min(1, 'is required').max(120, 'must be at most 120 characters'),
  campaignId: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').nullable().optional(),
  url: z
    .string({ message: 'must be a string' })
    .max(2048, 'must be at most 2048 characters')
    .regex(/^https?:\/\/[^\s/?#]+/, 'must be an absolute http(s) URL')
    .nullable()
    .optional(),
});

export const SubscribeBody = z.strictObject({
  widgetId: z.string({ message: 'must be a string' }).min(1, 'is required'),
  email: z.email({ message: 'must be a valid email address' }).max(254, 'must be at most 254 characters'),
});

export const toWidgetView = (w: WidgetsTable) => ({
  id: w.id,
  kind: w.kind,
  title: w.title,
  campaignId: w.campaignId,
  url: w.url ?? null,
  createdAt: new Date(w.createdAt).toISOString(),
});

export const toSubscriberView = (s: SubscribersTable) => ({
  id: s.id,
  email: s.email,
  widgetId: s.widgetId,
  campaignId: s.campaignId,
  createdAt: new Date(s.createdAt).toISOString(),
});

export async function createWidget(ctx: AppContext, accountId: string, input: z.output<typeof CreateWidgetBody>) {
  const widget: WidgetsTable = {
    id: newId('wdg'),
    accountId,
    kind: input.kind,
    title: input.title,
    campaignId: input.campaignId ?? null,
    createdAt: Date.now(),
    url: input.url ?? null,
  };
  await ctx.db.insertInto('widgets').values(widget).execute();
  return toWidgetView(widget);
}

export async function listWidgets(ctx: AppContext, accountId: string) {
  const rows = await ctx.db.selectFrom('widgets').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
  return rows.map(toWidgetView);
}

export async function deleteWidget(ctx: AppContext, accountId: string, id: string): Promise<void> {
  // Subscribers stay: they are the account's list, not the widget's.
  const result = await ctx.db.deleteFrom('widgets').where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Widget', id);
}

/**
 * A widget's link as a redirect target (type "widget"), so following it is recorded like any click:
 * the widget's id stands for the link id and the slug. Null when the profile has no such widget or
 * the widget has no link.
 */
export async function widgetTarget(ctx: AppContext, handle: string, widgetId: string): Promise<RedirectTarget | null> {
  const row = await ctx.db
    .selectFrom('widgets')
    .innerJoin('accounts', 'accounts.id', 'widgets.accountId')
    .select(['widgets.id', 'widgets.accountId', 'widgets.title', 'widgets.url', 'accounts.handle'])
    .where('accounts.handle', '=', handle.toLowerCase())
    .where('widgets.id', '=', widgetId)
    .executeTakeFirst();
  if (!row?.url) return null;
  return {
    id: row.id,
    accountId: row.accountId,
    handle: row.handle,
    slug: row.id,
    url: row.url,
    title: row.title,
    type: 'widget',
    expiresAt: null,
    expiredAt: null,
  };
}

export async function listSubscribers(ctx: AppContext, accountId: string, opts: { cursor?: string; limit: number }) {
  let q = ctx.db.selectFrom('subscribers').selectAll().where('accountId', '=', accountId);
  if (opts.cursor) q = q.where('id', '>', opts.cursor);
  return q
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
}

/** Every subscriber, oldest first, in pages of 1 000 (the CSV export streams them). */
export async function* allSubscribers(ctx: AppContext, accountId: string): AsyncGenerator<SubscribersTable> {
  let cursor = '';
  for (;;) {
    const rows = await ctx.db
      .selectFrom('subscribers')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('id', '>', cursor)
      .orderBy('id')
      .limit(1000)
      .execute();
    yield* rows;
    if (rows.length < 1000) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

export interface SubscribeResult {
  created: boolean;
  subscriber: ReturnType<typeof toSubscriberView>;
}

/**
 * A public sign-up. Idempotent: the same address on the same widget is one subscriber, and only
 * the first sign-up emits subscriber.new. The route limits sign-ups per visitor and widget
 * (http/rate-limits.ts).
 */
export async function subscribe(ctx: AppContext, handle: string, input: z.output<typeof SubscribeBody>): Promise<SubscribeResult> {
  const now = Date.now();
  const widget = await ctx.db
    .selectFrom('widgets')
    .innerJoin('accounts', 'accounts.id', 'widgets.accountId')
    .select(['widgets.id', 'widgets.accountId', 'widgets.title', 'widgets.campaignId'])
    .where('widgets.id', '=', input.widgetId)
    .where('accounts.handle', '=', handle)
    .executeTakeFirst();
  if (!widget) throw notFound('Widget', input.widgetId);
  const email = input.email.trim().toLowerCase();
  return inTransaction(ctx.db, async (tx) => {
    const row: SubscribersTable = { id: newId('sub'), accountId: widget.accountId, widgetId: widget.id, campaignId: widget.campaignId, email, createdAt: now };
    const inserted = await tx
      .insertInto('subscribers')
      .values(row)
      .onConflict((oc) => oc.columns(['widgetId', 'email']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const existing = await tx.selectFrom('subscribers').selectAll().where('widgetId', '=', widget.id).where('email', '=', email).executeTakeFirstOrThrow();
      return { created: false, subscriber: toSubscriberView(existing) };
    }
    await ctx.outbox.emit(
      tx,
      widget.accountId,
      'subscriber.new',
      { profileCode: handle, subscriberId: row.id, email, campaignId: widget.campaignId, widgetId: widget.id, widgetTitle: widget.title },
      { now },
    );
    return { created: true, subscriber: toSubscriberView(row) };
  });
}
