// Request and response schemas of the link-in-bio routes (links/routes.ts). The bodies the services
// validate are defined next to them (service.ts, profile.ts, widgets.ts, analytics.ts, milestones.ts).
import { z } from 'zod';
import { cursorParam, limitParam } from '../http/pagination.js';
import { IsoTime, Page } from '../http/schemas.js';
import { THEMES } from './profile.js';

export { AnalyticsQuery } from './analytics.js';
export { MilestonesBody } from './milestones.js';
export { UpdateProfileBody } from './profile.js';
export { CreateLinkBody, UpdateLinkBody } from './service.js';
export { CreateWidgetBody } from './widgets.js';

export const IdParams = z.strictObject({ id: z.string() });
export const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });
export const QrQuery = z.strictObject({
  size: z.coerce.number().int('must be an integer').min(64, 'must be at least 64').max(2048, 'must be at most 2048').default(512),
});

export const Profile = z
  .object({
    handle: z.string(),
    title: z.string().nullable(),
    bio: z.string().nullable(),
    avatarUrl: z.string().nullable(),
    theme: z.enum(THEMES),
    url: z.string().describe('the public profile page'),
  })
  .meta({ id: 'Profile' });

export const Link = z
  .object({
    id: z.string(),
    slug: z.string(),
    url: z.string(),
    title: z.string(),
    type: z.enum(['link', 'product']),
    position: z.number().int(),
    thumbnailUrl: z.string().nullable(),
    expiresAt: IsoTime.nullable(),
    shortUrl: z.string().describe('/l/{slug}: counts a click, then 302'),
    qrUrl: z.string().describe('/q/{slug}: what the QR code encodes; counts a scan'),
    domain: z.string().nullable().describe('the custom domain the link lives on (shortUrl is /{slug} there), or null'),
    clicks: z.number().int(),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    app: z
      .object({ appId: z.string(), path: z.string(), params: z.record(z.string(), z.string()), forceWeb: z.boolean() })
      .nullable()
      .describe('deep-link settings: open this path in the app (docs/deep-links.md); null for a web-only link'),
  })
  .meta({ id: 'Link' });
export const LinkPage = Page(Link).meta({ id: 'LinkPage' });

export const Widget = z
  .object({
    id: z.string(),
    kind: z.literal('mailing_list'),
    title: z.string(),
    campaignId: z.string().nullable(),
    url: z.string().nullable().describe('the widget’s link, or null; a visitor following it is a link.click with type "widget"'),
    createdAt: IsoTime,
  })
  .meta({ id: 'Widget' });
export const WidgetList = z.object({ data: z.array(Widget) }).meta({ id: 'WidgetList' });

export const Subscriber = z
  .object({ id: z.string(), email: z.string(), widgetId: z.string(), campaignId: z.string().nullable(), createdAt: IsoTime })
  .meta({ id: 'Subscriber' });
export const SubscriberPage = Page(Subscriber).meta({ id: 'SubscriberPage' });

const day = z.string().describe('YYYY-MM-DD (UTC)');
export const Analytics = z
  .object({
    from: day,
    to: day,
    visits: z.number().int(),
    clicks: z.number().int(),
    ctr: z.number().describe('profile-page clicks per visit, 4 decimals'),
    topLinks: z.array(z.object({ linkId: z.string(), title: z.string(), clicks: z.number().int() })),
    countries: z.array(z.object({ country: z.string(), count: z.number().int() })),
    referrers: z.array(z.object({ referer: z.string(), count: z.number().int() })),
    perDay: z.array(z.object({ date: day, visits: z.number().int(), clicks: z.number().int() })),
  })
  .meta({ id: 'Analytics' });

export const Milestones = z
  .object({
    thresholds: z.array(z.number().int()).describe('the account’s own; empty: the defaults apply'),
    defaults: z.array(z.number().int()),
  })
  .meta({ id: 'Milestones' });

/** A non-JSON 200: the body is `type` (QR codes, the CSV export). */
export const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });
