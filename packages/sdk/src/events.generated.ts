// Generated from packages/server/src/events/catalog.ts by packages/server/scripts/sdk-events.ts — do not
// edit; run `npm run gen:sdk-events`. packages/server/test/sdk-catalog.test.ts fails when it is stale.

/** Every event type a Linkwire server of this version sends. */
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

export type Device = 'desktop' | 'mobile' | 'tablet' | 'other';

export type Plan = 'free' | 'pro' | 'business';

export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

/** field → {from, to} */
export type Changes = Record<string, { from: unknown; to: unknown }>;

/** `profile.visit`: A visitor loaded your public profile page (bots are not counted). */
export interface ProfileVisitData {
  /** The profile handle */
  profileCode: string;
  /** Referring URL (origin and path only), or null */
  referer: string | null;
  /** ISO 3166-1 alpha-2 country code, or null when unknown */
  country: string | null;
  city: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  utm: Utm;
  /** Salted hash of the visitor that rotates daily; never the IP address */
  visitorId: string | null;
}

/** `link.click`: A visitor followed a link, product or widget: from the profile page, a short link or a QR code. */
export interface LinkClickData {
  profileCode: string;
  linkId: string;
  type: 'link' | 'widget' | 'product';
  title: string;
  url: string;
  slug: string;
  source: 'profile' | 'short_link' | 'qr';
  /** Referring URL (origin and path only), or null */
  referer: string | null;
  /** ISO 3166-1 alpha-2 country code, or null when unknown */
  country: string | null;
  city: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  utm: Utm;
  /** Salted hash of the visitor that rotates daily; never the IP address */
  visitorId: string | null;
}

/** `qr.scanned`: A link's QR code was scanned (a link.click with source "qr" follows). */
export interface QrScannedData {
  profileCode: string;
  linkId: string;
  title: string;
  url: string;
  slug: string;
  country: string | null;
  device: Device;
}

/** `subscriber.new`: Someone signed up through a mailing-list widget. */
export interface SubscriberNewData {
  profileCode: string;
  subscriberId: string;
  email: string;
  campaignId: string | null;
  widgetId: string;
  widgetTitle: string;
}

/** `link.created`: A link was created. */
export interface LinkCreatedData {
  linkId: string;
  title: string;
  url: string;
  position: number;
  thumbnailUrl: string | null;
  type: 'link' | 'product';
  slug: string;
  shortUrl: string;
  /** ISO 8601 time */
  expiresAt: string | null;
}

/** `link.updated`: A link was edited or reordered; `changes` lists each changed field. */
export interface LinkUpdatedData {
  linkId: string;
  title: string;
  url: string;
  position: number;
  thumbnailUrl: string | null;
  type: 'link' | 'product';
  slug: string;
  shortUrl: string;
  /** ISO 8601 time */
  expiresAt: string | null;
  /** field → {from, to} */
  changes: Changes;
}

/** `link.deleted`: A link was deleted. */
export interface LinkDeletedData {
  linkId: string;
  slug: string;
  title: string;
  /** ISO 8601 time */
  deletedAt: string;
}

/** `link.expired`: A link reached its expiry time (sent within a minute) and now answers 410. */
export interface LinkExpiredData {
  linkId: string;
  slug: string;
  title: string;
  url: string;
  /** ISO 8601 time */
  expiredAt: string;
}

/** `profile.updated`: The profile (title, bio, avatar, theme) was edited. */
export interface ProfileUpdatedData {
  profileCode: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: string;
  /** field → {from, to} */
  changes: Changes;
}

/** `analytics.milestone`: A link's clicks or the profile's visits reached 1K, 10K, 100K, 1M or a threshold you set. */
export interface AnalyticsMilestoneData {
  /** The link, or null for profile visits */
  linkId: string | null;
  metric: 'clicks' | 'visits';
  value: number;
  threshold: number;
}

/** `api.key_created`: An API key was created. */
export interface ApiKeyCreatedData {
  keyId: string;
  name: string;
  prefix: string;
}

/** `security.login_failed`: A dashboard login failed (wrong password, unknown email or rate-limited). */
export interface SecurityLoginFailedData {
  email: string;
  reason: 'unknown_email' | 'wrong_password' | 'rate_limited';
  country: string | null;
}

/** The data of `account.upgraded`, `account.downgraded`. */
export interface PlanChangeData {
  fromPlan: Plan;
  toPlan: Plan;
}

/** `team.member_added`: A team member was invited. */
export interface TeamMemberData {
  memberId: string;
  email: string;
  role: string;
}

/** `team.member_removed`: A team member was removed, left, or their invite was revoked or expired (`reason`). */
export interface TeamMemberRemovedData {
  memberId: string;
  email: string;
  role: string;
  /** removed by a member, left, invite revoked, or invite expired unaccepted */
  reason: 'removed' | 'left' | 'invite_revoked' | 'invite_expired';
}

/** `team.member_joined`: An invited person accepted the invite and is now a member. */
export interface TeamMemberJoinedData {
  memberId: string;
  userId: string;
  email: string;
  role: string;
  /** ISO 8601 time */
  joinedAt: string;
}

/** `team.member_role_changed`: A member's role was changed. */
export interface TeamMemberRoleChangedData {
  memberId: string;
  email: string;
  fromRole: string;
  toRole: string;
  /** The member who changed it */
  changedBy: string;
}

/** `api.key_revoked`: An API key was revoked (by its owner or an admin, or because its member was removed). */
export interface ApiKeyRevokedData {
  keyId: string;
  name: string;
  reason: 'revoked' | 'member_removed';
  /** The user, API key or "system" that revoked it */
  revokedBy: string;
}

/** `domain.verified`: A custom domain's DNS record was verified. */
export interface DomainVerifiedData {
  domain: string;
}

/** `integration.connected`: A built-in integration was connected. */
export interface IntegrationConnectedData {
  integration: string;
}

/** The data of `link.token_created`, `link.claim`, `link.app_open`, `link.deferred_claim_attempt`. */
export interface DeepLinkData {
  linkId: string;
  platform: string;
  destUrl: string;
}

/** `webhook.disabled`: One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long). */
export interface WebhookDisabledData {
  webhookId: string;
  url: string;
  reason: string;
}

/** The `data` of each event type. */
export interface EventDataMap {
  /** A visitor loaded your public profile page (bots are not counted). */
  'profile.visit': ProfileVisitData;
  /** A visitor followed a link, product or widget: from the profile page, a short link or a QR code. */
  'link.click': LinkClickData;
  /** A link's QR code was scanned (a link.click with source "qr" follows). */
  'qr.scanned': QrScannedData;
  /** Someone signed up through a mailing-list widget. */
  'subscriber.new': SubscriberNewData;
  /** A link was created. */
  'link.created': LinkCreatedData;
  /** A link was edited or reordered; `changes` lists each changed field. */
  'link.updated': LinkUpdatedData;
  /** A link was deleted. */
  'link.deleted': LinkDeletedData;
  /** A link reached its expiry time (sent within a minute) and now answers 410. */
  'link.expired': LinkExpiredData;
  /** The profile (title, bio, avatar, theme) was edited. */
  'profile.updated': ProfileUpdatedData;
  /** A link's clicks or the profile's visits reached 1K, 10K, 100K, 1M or a threshold you set. */
  'analytics.milestone': AnalyticsMilestoneData;
  /** An API key was created. */
  'api.key_created': ApiKeyCreatedData;
  /** A dashboard login failed (wrong password, unknown email or rate-limited). */
  'security.login_failed': SecurityLoginFailedData;
  /** The account moved to a higher plan. */
  'account.upgraded': PlanChangeData;
  /** The account moved to a lower plan. */
  'account.downgraded': PlanChangeData;
  /** A team member was invited. */
  'team.member_added': TeamMemberData;
  /** A team member was removed, left, or their invite was revoked or expired (`reason`). */
  'team.member_removed': TeamMemberRemovedData;
  /** An invited person accepted the invite and is now a member. */
  'team.member_joined': TeamMemberJoinedData;
  /** A member's role was changed. */
  'team.member_role_changed': TeamMemberRoleChangedData;
  /** An API key was revoked (by its owner or an admin, or because its member was removed). */
  'api.key_revoked': ApiKeyRevokedData;
  /** A custom domain's DNS record was verified. */
  'domain.verified': DomainVerifiedData;
  /** A built-in integration was connected. */
  'integration.connected': IntegrationConnectedData;
  /** Deep links: a claim token was created for a mobile app link. */
  'link.token_created': DeepLinkData;
  /** Deep links: the app claimed a link token. */
  'link.claim': DeepLinkData;
  /** Deep links: the link opened the mobile app directly. */
  'link.app_open': DeepLinkData;
  /** Deep links: an app install tried to claim a deferred link. */
  'link.deferred_claim_attempt': DeepLinkData;
  /** One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long). */
  'webhook.disabled': WebhookDisabledData;
}
