import { z } from 'zod';
import type { AppContext } from '../context.js';
import { badRequest } from '../http/errors.js';

const DAY_MS = 86_400_000;
const MAX_RANGE_DAYS = 366;
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date such as 2026-03-25', abort: true })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'is not a valid date');

export const AnalyticsQuery = z.strictObject({ from: date.optional(), to: date.optional() });

const dayString = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reads only the daily rollups the click/visit batches maintain: the cost depends on the number of
 * days, links, countries and referrers, never on the number of events.
 */
export async function analytics(ctx: AppContext, accountId: string, q: z.output<typeof AnalyticsQuery>, now = Date.now()) {
  const to = q.to ?? dayString(now);
  const from = q.from ?? dayString(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
  const fromMs = Date.parse(`${from}T00:00:00Z`);
  const toMs = Date.parse(`${to}T00:00:00Z`);
  if (fromMs > toMs) throw badRequest('`from` must be on or before `to`.', 'from');
  if ((toMs - fromMs) / DAY_MS >= MAX_RANGE_DAYS) throw badRequest(`The range is at most ${MAX_RANGE_DAYS} days.`, 'from');

  const [days, links, countries, referers] = await Promise.all([
    ctx.db.selectFrom('dailyStats').selectAll().where('accountId', '=', accountId).where('day', '>=', from).where('day', '<=', to).execute(),
    ctx.db
      .selectFrom('dailyLinkClicks')
      .leftJoin('links', 'links.id', 'dailyLinkClicks.linkId')
      .select((eb) => ['dailyLinkClicks.linkId', 'links.title', eb.fn.sum<number>('dailyLinkClicks.clicks').as('clicks')])
      .where('dailyLinkClicks.accountId', '=', accountId)
      .where('dailyLinkClicks.day', '>=', from)
      .where('dailyLinkClicks.day', '<=', to)
      .groupBy(['dailyLinkClicks.linkId', 'links.title'])
      .orderBy('clicks', 'desc')
      .orderBy('dailyLinkClicks.linkId')
      .limit(10)
      .execute(),
    ctx.db
      .selectFrom('dailyCountries')
      .select((eb) => ['country', eb.fn.sum<number>('count').as('count')])
      .where('accountId', '=', accountId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('country')
      .orderBy('count', 'desc')
      .orderBy('country')
      .limit(20)
      .execute(),
    ctx.db
      .selectFrom('dailyReferers')
      .select((eb) => ['referer', eb.fn.sum<number>('count').as('count')])
      .where('accountId', '=', accountId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .groupBy('referer')
      .orderBy('count', 'desc')
      .orderBy('referer')
      .limit(20)
      .execute(),
  ]);

  const byDay = new Map(days.map((d) => [d.day, d]));
  const perDay: Array<{ date: string; visits: number; clicks: number }> = [];
  let visits = 0;
  let clicks = 0;
  let profileClicks = 0;
  for (let t = fromMs; t <= toMs; t += DAY_MS) {
    const day = dayString(t);
    const d = byDay.get(day);
    const row = { date: day, visits: Number(d?.visits ?? 0), clicks: Number(d?.clicks ?? 0) };
    visits += row.visits;
    clicks += row.clicks;
    profileClicks += Number(d?.profileClicks ?? 0);
    perDay.push(row);
  }
  return {
    from,
    to,
    visits,
    clicks,
    // Click-through rate of the profile page: clicks made on the page per visit (short-link and QR
    // clicks never saw the page, so they are not in the numerator).
    ctr: visits > 0 ? Math.round((profileClicks / visits) * 10_000) / 10_000 : 0,
    topLinks: links.map((l) => ({ linkId: l.linkId, title: l.title ?? '(deleted link)', clicks: Number(l.clicks) })),
    countries: countries.map((c) => ({ country: c.country, count: Number(c.count) })),
    referrers: referers.map((r) => ({ referer: r.referer, count: Number(r.count) })),
    perDay,
  };
}
