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
  'domain.added',
  'domain.misconfigured',
  'domain.verification_failed',
  'domain.removed',
  'integration.connected',
  'link.token_created',
  'link.claim',
  'link.app_open',
  'link.deferred_claim_attempt',
  'webhook.disabled',
  'integration.disconnected',
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
const domainPurpose = z.enum(['short_links', 'profile', 'both']);
const domainRecord = z.object({ type: z.enum(['TXT', 'CNAME', 'A', 'AAAA']), name: z.string(), value: z.string(), purpose: z.enum(['ownership', 'routing']) });
const checkedRecord = z.object({
  type: z.enum(['TXT', 'CNAME', 'A', 'AAAA']),
  name: z.string(),
  purpose: z.enum(['ownership', 'routing']),
  expected: z.string(),
  found: nullableString,
  status: z.enum(['ok', 'failed']),
  reason: nullableString,
});
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

// Deep links (PRODUCT.md §11, docs/deep-links.md). Every type keeps `linkId, platform, destUrl`;
// destUrl is the link's web URL, deepLinkPath the in-app path. Never a raw IP or user agent.
const dlPlatform = z.enum(['ios', 'android']);
const deepLinkPath = z.string().describe('The in-app path of the link (its app.path)');
const destUrl = z.string().describe('The link’s web URL');
const installId = z.string().describe('The app’s own random per-install id (not the IDFA, IDFV or advertising id)');
const deepLinkSchemas = {
  'link.token_created': z.object({
    tokenId: z.string(),
    linkId: z.string(),
    slug: z.string(),
    domain: z.string().describe('The host the link was followed on'),
    appId: z.string(),
    platform: dlPlatform,
    destUrl,
    deepLinkPath,
    channel: z
      .enum(['install_referrer', 'pasteboard'])
      .describe('How the token reaches the app: the Play install referrer, or the clipboard copied by the iOS page'),
    storeUrl: z.string().describe('The store page the visitor was sent to'),
    expiresAt: iso,
    country: nullableString,
    device,
  }),
  'link.claim': z.object({
    tokenId: z.string(),
    linkId: z.string(),
    appId: z.string(),
    platform: dlPlatform,
    destUrl,
    deepLinkPath,
    method: z.enum(['install_referrer', 'pasteboard', 'probabilistic']),
    clickedAt: iso,
    claimedAt: iso,
    secondsToClaim: z.number().int(),
    installId,
  }),
  'link.app_open': z.object({
    linkId: z.string(),
    appId: z.string(),
    platform: z.enum(['ios', 'android', 'unknown']),
    destUrl,
    deepLinkPath,
    source: z.enum(['universal_link', 'app_link', 'uri_scheme']),
    firstOpen: z.boolean(),
    installId,
    appVersion: nullableString,
  }),
  'link.deferred_claim_attempt': z.object({
    appId: z.string(),
    platform: dlPlatform,
    matched: z.boolean(),
    method: z.literal('probabilistic'),
    confidence: z.literal('unique').nullable(),
    linkId: nullableString,
    destUrl: nullableString,
    tokenId: nullableString,
    reason: z.enum(['matched', 'no_candidate', 'ambiguous', 'disabled']),
    installId,
  }),
};
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
    domain: z.string().optional().describe('the custom domain the link was followed on (absent on the instance’s own host)'),
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
  'domain.verified': z.object({
    domainId: z.string(),
    domain: z.string().describe('the hostname'),
    method: z.enum(['dns_txt', 'http']).describe('dns_txt: the TXT record; http: the challenge file (proxied DNS)'),
    verifiedAt: iso,
    purpose: domainPurpose,
  }),
  'domain.added': z.object({ domainId: z.string(), domain: z.string(), purpose: domainPurpose, records: z.array(domainRecord) }),
  'domain.misconfigured': z.object({
    domainId: z.string(),
    domain: z.string(),
    reason: z.string().describe('the failing record’s reason: txt_missing, cname_wrong_target, nxdomain, dns_timeout, …'),
    detail: z.string(),
    since: iso.describe('the first failed check in the row'),
    records: z.array(checkedRecord),
  }),
  'domain.verification_failed': z.object({
    domainId: z.string(),
    domain: z.string(),
    reason: z.string().describe('the last check’s reason'),
    checks: z.number().int().describe('how many checks were made'),
    firstCheckedAt: iso,
  }),
  'domain.removed': z.object({
    domainId: z.string(),
    domain: z.string(),
    reason: z.enum(['deleted', 'ownership_transferred']).describe('ownership_transferred: another account proved the TXT record'),
  }),
  'integration.connected': z.object({
    integration: z.string().describe('slack, discord, teams, zapier, make, n8n, ga4, segment or posthog'),
    integrationId: z.string().describe('The chat or no-code endpoint (wh_…), the API key a no-code tool connected with (key_…), or the analytics sink (int_…)'),
  }),
  ...deepLinkSchemas,
  'webhook.disabled': z.object({ webhookId: z.string(), url: z.string(), reason: z.string() }),
  'integration.disconnected': z.object({
    integration: z.string(),
    integrationId: z.string(),
    reason: z.string().describe('Why: removed by a user, or what the destination answered (e.g. "target_gone")'),
  }),
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
  'domain.verified': 'A custom domain was verified (its TXT record, or its challenge file behind a proxy) and now serves your links.',
  'domain.added': 'A custom domain was added; `records` are the DNS records to set.',
  'domain.misconfigured': 'A verified domain failed 3 daily checks in a row; it keeps serving while you fix its records.',
  'domain.verification_failed': 'A pending domain was not verified within 14 days; checks stopped (POST …/verify tries again).',
  'domain.removed': 'A custom domain was deleted, or another account proved ownership of its hostname.',
  'integration.connected':
    'A built-in integration was connected: a chat endpoint answered its first test, an analytics sink was validated, a no-code tool authenticated.',
  'link.token_created':
    'Deep links: a mobile visitor without the app followed an app link and was sent to the store with a one-time token (Play install referrer on Android, the clipboard on iOS); the link.click of the same click is written in the same transaction.',
  'link.claim':
    'Deep links: the app, after install, claimed a token (POST /api/v1/sdk/claim, or a unique probabilistic match): the deferred deep link was delivered.',
  'link.app_open': 'Deep links: the app reported that a link opened it directly (Universal Link, App Link or URI scheme; POST /api/v1/sdk/open).',
  'link.deferred_claim_attempt':
    'Deep links: a first open without a token asked for a deferred link (POST /api/v1/sdk/deferred); `matched` and `reason` say whether probabilistic matching found exactly one candidate.',
  'webhook.disabled': 'One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long).',
  'integration.disconnected': 'A built-in integration was removed (by a member, or by its target answering 410 Gone) or stopped working.',
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
  'domain.verified': {
    domainId: 'dom_01jqa7t0j2m4p6r8t0v2x4z6b8',
    domain: 'links.example.com',
    method: 'dns_txt',
    verifiedAt: '2026-03-25T14:02:00.000Z',
    purpose: 'both',
  },
  'domain.added': {
    domainId: 'dom_01jqa7t0j2m4p6r8t0v2x4z6b8',
    domain: 'links.example.com',
    purpose: 'both',
    records: [
      { type: 'TXT', name: '_linkwire-challenge.links.example.com', value: 'lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU', purpose: 'ownership' },
      { type: 'CNAME', name: 'links.example.com', value: 'cname.linkwire.example', purpose: 'routing' },
    ],
  },
  'domain.misconfigured': {
    domainId: 'dom_01jqa7t0j2m4p6r8t0v2x4z6b8',
    domain: 'links.example.com',
    reason: 'txt_missing',
    detail: 'TXT _linkwire-challenge.links.example.com: no lw-verify= value found',
    since: '2026-03-27T14:02:00.000Z',
    records: [
      {
        type: 'TXT',
        name: '_linkwire-challenge.links.example.com',
        purpose: 'ownership',
        expected: 'lw-verify=q3R0c2Vjb25kLXRva2VuLWV4YW1wbGUtdmFsdWU',
        found: null,
        status: 'failed',
        reason: 'txt_missing',
      },
    ],
  },
  'domain.verification_failed': {
    domainId: 'dom_01jqa7t0j2m4p6r8t0v2x4z6b8',
    domain: 'links.example.com',
    reason: 'cname_wrong_target',
    checks: 22,
    firstCheckedAt: '2026-03-25T14:01:00.000Z',
  },
  'domain.removed': { domainId: 'dom_01jqa7t0j2m4p6r8t0v2x4z6b8', domain: 'links.example.com', reason: 'deleted' },
  'integration.connected': { integration: 'slack', integrationId: 'wh_01jqa7s2h4k6m8p0r2t4v6x8z0' },
  'link.token_created': {
    tokenId: 'tok_01jqa7t2v4x6z8b0d2f4h6k8m0',
    linkId: linkExample.linkId,
    slug: linkExample.slug,
    domain: 'lnk.example.com',
    appId: 'app_01jqa7s8u0w2y4a6c8e0g2j4l6',
    platform: 'android',
    destUrl: linkExample.url,
    deepLinkPath: '/tracks/42',
    channel: 'install_referrer',
    storeUrl: 'https://play.google.com/store/apps/details?id=com.example.music&referrer=lw_token%3D…',
    expiresAt: '2026-03-25T16:32:01.123Z',
    country: 'FR',
    device: 'mobile',
  },
  'link.claim': {
    tokenId: 'tok_01jqa7t2v4x6z8b0d2f4h6k8m0',
    linkId: linkExample.linkId,
    appId: 'app_01jqa7s8u0w2y4a6c8e0g2j4l6',
    platform: 'android',
    destUrl: linkExample.url,
    deepLinkPath: '/tracks/42',
    method: 'install_referrer',
    clickedAt: '2026-03-25T14:32:01.123Z',
    claimedAt: '2026-03-25T14:34:40.500Z',
    secondsToClaim: 159,
    installId: '6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60',
  },
  'link.app_open': {
    linkId: linkExample.linkId,
    appId: 'app_01jqa7s8u0w2y4a6c8e0g2j4l6',
    platform: 'ios',
    destUrl: linkExample.url,
    deepLinkPath: '/tracks/42',
    source: 'universal_link',
    firstOpen: false,
    installId: '6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60',
    appVersion: '2.4.0',
  },
  'link.deferred_claim_attempt': {
    appId: 'app_01jqa7s8u0w2y4a6c8e0g2j4l6',
    platform: 'android',
    matched: false,
    method: 'probabilistic',
    confidence: null,
    linkId: null,
    destUrl: null,
    tokenId: null,
    reason: 'disabled',
    installId: '6f1c2a9e-4b7d-4e0a-9c3b-2d8e5f7a1b60',
  },
  'webhook.disabled': {
    webhookId: 'wh_01jqa7s2h4k6m8p0r2t4v6x8z0',
    url: 'https://hooks.example.com/linkwire',
    reason: 'No successful delivery for 72h and at least one delivery exhausted its retries',
  },
  'integration.disconnected': { integration: 'zapier', integrationId: 'wh_01jqa7s2h4k6m8p0r2t4v6x8z0', reason: 'deleted' },
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
