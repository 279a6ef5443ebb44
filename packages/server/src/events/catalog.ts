import { z } from 'zod';

// The event catalog: one `as const` list, and per type a zod schema of `data`, a description and
// an example. Docs (docs/events.md), GET /api/v1/event-types, test sends and the SDK's event types
// (packages/sdk/src/events.generated.ts, `npm run gen:sdk-events`) are derived from it. Adding a
// type without its schema or example is a compile error (the Record<EventType, …> below).

export const EVENT_TYPES = [
  'profile.visit',
  'link.click',
  'qr.scanned',
  'subscriber.new',
  'link.created',
  'link.updated',
  'link.deleted',
  'link.expired',
  'profile.updated',
  'analytics.milestone',
  'api.key_created',
  'security.login_failed',
  'account.upgraded',
  'account.downgraded',
  'team.member_added',
  'team.member_removed',
  'team.member_joined',
  'team.member_role_changed',
  'api.key_revoked',
  'domain.verified',
  'integration.connected',
  'link.token_created',
  'link.claim',
  'link.app_open',
  'link.deferred_claim_attempt',
  'webhook.disabled',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

const nullableString = z.string().nullable();
const device = z.enum(['desktop', 'mobile', 'tablet', 'other']);
const plan = z.enum(['free', 'pro', 'business']);
const iso = z.string().describe('ISO 8601 time');
const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).describe('field → {from, to}');
const utm = z.object({
  source: nullableString,
  medium: nullableString,
  campaign: nullableString,
  term: nullableString,
  content: nullableString,
});

const visitor = {
  referer: nullableString.describe('Referring URL (origin and path only), or null'),
  country: nullableString.describe('ISO 3166-1 alpha-2 country code, or null when unknown'),
  city: nullableString,
  device,
  browser: nullableString,
  os: nullableString,
  utm,
  visitorId: nullableString.describe('Salted hash of the visitor that rotates daily; never the IP address'),
};

const linkFields = {
  linkId: z.string(),
  title: z.string(),
  url: z.string(),
  position: z.number().int(),
  thumbnailUrl: nullableString,
  type: z.enum(['link', 'product']),
  slug: z.string(),
  shortUrl: z.string(),
  expiresAt: iso.nullable(),
};

const deepLink = z.object({ linkId: z.string(), platform: z.string(), destUrl: z.string() });
const teamMember = z.object({ memberId: z.string(), email: z.string(), role: z.string() });

export const DATA_SCHEMAS = {
  'profile.visit': z.object({ profileCode: z.string().describe('The profile handle'), ...visitor }),
  'link.click': z.object({
    profileCode: z.string(),
    linkId: z.string(),
    type: z.enum(['link', 'widget', 'product']),
    title: z.string(),
    url: z.string(),
    slug: z.string(),
    source: z.enum(['profile', 'short_link', 'qr']),
    ...visitor,
  }),
  'qr.scanned': z.object({
    profileCode: z.string(),
    linkId: z.string(),
    title: z.string(),
    url: z.string(),
    slug: z.string(),
    country: nullableString,
    device,
  }),
  'subscriber.new': z.object({
    profileCode: z.string(),
    subscriberId: z.string(),
    email: z.string(),
    campaignId: nullableString,
    widgetId: z.string(),
    widgetTitle: z.string(),
  }),
  'link.created': z.object(linkFields),
  'link.updated': z.object({ ...linkFields, changes }),
  'link.deleted': z.object({ linkId: z.string(), slug: z.string(), title: z.string(), deletedAt: iso }),
  'link.expired': z.object({ linkId: z.string(), slug: z.string(), title: z.string(), url: z.string(), expiredAt: iso }),
  'profile.updated': z.object({
    profileCode: z.string(),
    title: nullableString,
    bio: nullableString,
    avatarUrl: nullableString,
    theme: z.string(),
    changes,
  }),
  'analytics.milestone': z.object({
    linkId: nullableString.describe('The link, or null for profile visits'),
    metric: z.enum(['clicks', 'visits']),
    value: z.number().int(),
    threshold: z.number().int(),
  }),
  'api.key_created': z.object({ keyId: z.string(), name: z.string(), prefix: z.string() }),
  'security.login_failed': z.object({
    email: z.string(),
    reason: z.enum(['unknown_email', 'wrong_password', 'rate_limited']),
    country: nullableString,
  }),
  'account.upgraded': z.object({ fromPlan: plan, toPlan: plan }),
  'account.downgraded': z.object({ fromPlan: plan, toPlan: plan }),
  'team.member_added': teamMember,
  'team.member_removed': teamMember.extend({
    reason: z.enum(['removed', 'left', 'invite_revoked', 'invite_expired']).describe('removed by a member, left, invite revoked, or invite expired unaccepted'),
  }),
  'team.member_joined': z.object({ memberId: z.string(), userId: z.string(), email: z.string(), role: z.string(), joinedAt: iso }),
  'team.member_role_changed': z.object({
    memberId: z.string(),
    email: z.string(),
    fromRole: z.string(),
    toRole: z.string(),
    changedBy: z.string().describe('The member who changed it'),
  }),
  'api.key_revoked': z.object({
    keyId: z.string(),
    name: z.string(),
    reason: z.enum(['revoked', 'member_removed']),
    revokedBy: z.string().describe('The user, API key or "system" that revoked it'),
  }),
  'domain.verified': z.object({ domain: z.string() }),
  'integration.connected': z.object({ integration: z.string() }),
  'link.token_created': deepLink,
  'link.claim': deepLink,
  'link.app_open': deepLink,
  'link.deferred_claim_attempt': deepLink,
  'webhook.disabled': z.object({ webhookId: z.string(), url: z.string(), reason: z.string() }),
} satisfies Record<EventType, z.ZodType>;

export type EventData<T extends EventType> = z.output<(typeof DATA_SCHEMAS)[T]>;

export const DESCRIPTIONS: Record<EventType, string> = {
  'profile.visit': 'A visitor loaded your public profile page (bots are not counted).',
  'link.click': 'A visitor followed a link, product or widget: from the profile page, a short link or a QR code.',
  'qr.scanned': 'A link\'s QR code was scanned (a link.click with source "qr" follows).',
  'subscriber.new': 'Someone signed up through a mailing-list widget.',
  'link.created': 'A link was created.',
  'link.updated': 'A link was edited or reordered; `changes` lists each changed field.',
  'link.deleted': 'A link was deleted.',
  'link.expired': 'A link reached its expiry time (sent within a minute) and now answers 410.',
  'profile.updated': 'The profile (title, bio, avatar, theme) was edited.',
  'analytics.milestone': "A link's clicks or the profile's visits reached 1K, 10K, 100K, 1M or a threshold you set.",
  'api.key_created': 'An API key was created.',
  'security.login_failed': 'A dashboard login failed (wrong password, unknown email or rate-limited).',
  'account.upgraded': 'The account moved to a higher plan.',
  'account.downgraded': 'The account moved to a lower plan.',
  'team.member_added': 'A team member was invited.',
  'team.member_removed': 'A team member was removed, left, or their invite was revoked or expired (`reason`).',
  'team.member_joined': 'An invited person accepted the invite and is now a member.',
  'team.member_role_changed': "A member's role was changed.",
  'api.key_revoked': 'An API key was revoked (by its owner or an admin, or because its member was removed).',
  'domain.verified': "A custom domain's DNS record was verified.",
  'integration.connected': 'A built-in integration was connected.',
  'link.token_created': 'Deep links: a claim token was created for a mobile app link.',
  'link.claim': 'Deep links: the app claimed a link token.',
  'link.app_open': 'Deep links: the link opened the mobile app directly.',
  'link.deferred_claim_attempt': 'Deep links: an app install tried to claim a deferred link.',
  'webhook.disabled': 'One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long).',
};

const visitorExample = {
  referer: 'https://www.instagram.com/',
  country: 'FR',
  city: 'Paris',
  device: 'mobile' as const,
  browser: 'Safari',
  os: 'iOS',
  utm: { source: 'instagram', medium: 'social', campaign: 'spring', term: null, content: null },
  visitorId: 'v_3f9a1c7e52b04d8a',
};
const linkExample = {
  linkId: 'lnk_01jqa7m3yb8w5k2n4p6r8t0v2x',
  title: 'My new single',
  url: 'https://music.example.com/new-single',
  position: 0,
  thumbnailUrl: null,
  type: 'link' as const,
  slug: 'new-single',
  shortUrl: 'https://lnk.example.com/l/new-single',
  expiresAt: null,
};

export const EXAMPLES: { [T in EventType]: EventData<T> } = {
  'profile.visit': { profileCode: 'ada', ...visitorExample },
  'link.click': {
    profileCode: 'ada',
    linkId: linkExample.linkId,
    type: 'link',
    title: linkExample.title,
    url: linkExample.url,
    slug: linkExample.slug,
    source: 'profile',
    ...visitorExample,
  },
  'qr.scanned': {
    profileCode: 'ada',
    linkId: linkExample.linkId,
    title: linkExample.title,
    url: linkExample.url,
    slug: linkExample.slug,
    country: 'FR',
    device: 'mobile',
  },
  'subscriber.new': {
    profileCode: 'ada',
    subscriberId: 'sub_01jqa7p0k2m4n6q8s0u2w4y6z8',
    email: 'fan@example.com',
    campaignId: 'spring-newsletter',
    widgetId: 'wdg_01jqa7n9c1e3g5j7l9n1q3s5u7',
    widgetTitle: 'Join my newsletter',
  },
  'link.created': linkExample,
  'link.updated': { ...linkExample, title: 'My new single (live)', changes: { title: { from: 'My new single', to: 'My new single (live)' } } },
  'link.deleted': { linkId: linkExample.linkId, slug: linkExample.slug, title: linkExample.title, deletedAt: '2026-03-25T14:32:01.123Z' },
  'link.expired': {
    linkId: linkExample.linkId,
    slug: linkExample.slug,
    title: linkExample.title,
    url: linkExample.url,
    expiredAt: '2026-03-31T23:59:00.000Z',
  },
  'profile.updated': {
    profileCode: 'ada',
    title: 'Ada Lovelace',
    bio: 'Poet of science.',
    avatarUrl: 'https://images.example.com/ada.png',
    theme: 'ocean',
    changes: { theme: { from: 'light', to: 'ocean' } },
  },
  'analytics.milestone': { linkId: linkExample.linkId, metric: 'clicks', value: 1000, threshold: 1000 },
  'api.key_created': { keyId: 'key_01jqa7q4d6f8h0k2m4p6r8t0v2', name: 'Zapier', prefix: 'lw_live_3kQ9' },
  'security.login_failed': { email: 'ada@example.com', reason: 'wrong_password', country: 'FR' },
  'account.upgraded': { fromPlan: 'free', toPlan: 'pro' },
  'account.downgraded': { fromPlan: 'business', toPlan: 'pro' },
  'team.member_added': { memberId: 'mem_01jqa7r8f0h2k4m6p8r0t2v4x6', email: 'grace@example.com', role: 'editor' },
  'team.member_removed': { memberId: 'mem_01jqa7r8f0h2k4m6p8r0t2v4x6', email: 'grace@example.com', role: 'editor', reason: 'removed' },
  'team.member_joined': {
    memberId: 'mem_01jqa7r8f0h2k4m6p8r0t2v4x6',
    userId: 'usr_01jqa7r8f0h2k4m6p8r0t2v4x7',
    email: 'grace@example.com',
    role: 'editor',
    joinedAt: '2026-03-01T12:00:00.000Z',
  },
  'team.member_role_changed': {
    memberId: 'mem_01jqa7r8f0h2k4m6p8r0t2v4x6',
    email: 'grace@example.com',
    fromRole: 'editor',
    toRole: 'admin',
    changedBy: 'mem_01jqa7q4d6f8h0k2m4p6r8t0v1',
  },
  'api.key_revoked': { keyId: 'key_01jqa7q4d6f8h0k2m4p6r8t0v2', name: 'Zapier', reason: 'revoked', revokedBy: 'usr_01jqa7r8f0h2k4m6p8r0t2v4x7' },
  'domain.verified': { domain: 'links.example.com' },
  'integration.connected': { integration: 'slack' },
  'link.token_created': { linkId: linkExample.linkId, platform: 'ios', destUrl: 'exampleapp://tracks/42' },
  'link.claim': { linkId: linkExample.linkId, platform: 'ios', destUrl: 'exampleapp://tracks/42' },
  'link.app_open': { linkId: linkExample.linkId, platform: 'android', destUrl: 'exampleapp://tracks/42' },
  'link.deferred_claim_attempt': { linkId: linkExample.linkId, platform: 'android', destUrl: 'exampleapp://tracks/42' },
  'webhook.disabled': {
    webhookId: 'wh_01jqa7s2h4k6m8p0r2t4v6x8z0',
    url: 'https://hooks.example.com/linkwire',
    reason: 'No successful delivery for 72h and at least one delivery exhausted its retries',
  },
};

/** JSON Schema of each type's `data`, for GET /api/v1/event-types and the docs. */
export function dataJsonSchema(type: EventType): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(DATA_SCHEMAS[type], { io: 'output' }) as Record<string, unknown>;
  return schema;
}

/** The family of a type (`link.click` → `link`), used to group the picker in the dashboard. */
export function familyOf(type: EventType): string {
  return type.slice(0, type.indexOf('.'));
}
