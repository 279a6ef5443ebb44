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

export interface DomainRecord {
  type: 'TXT' | 'CNAME' | 'A' | 'AAAA';
  name: string;
  value: string;
  purpose: 'ownership' | 'routing';
}

export interface DomainCheckedRecord {
  type: 'TXT' | 'CNAME' | 'A' | 'AAAA';
  name: string;
  purpose: 'ownership' | 'routing';
  expected: string;
  found: string | null;
  status: 'ok' | 'failed';
  reason: string | null;
}

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
  /** the custom domain the link was followed on (absent on the instance’s own host) */
  domain?: string;
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

/** `domain.verified`: A custom domain was verified (its TXT record, or its challenge file behind a proxy) and now serves your links. */
export interface DomainVerifiedData {
  domainId: string;
  /** the hostname */
  domain: string;
  /** dns_txt: the TXT record; http: the challenge file (proxied DNS) */
  method: 'dns_txt' | 'http';
  /** ISO 8601 time */
  verifiedAt: string;
  purpose: 'short_links' | 'profile' | 'both';
}

/** `domain.added`: A custom domain was added; `records` are the DNS records to set. */
export interface DomainAddedData {
  domainId: string;
  domain: string;
  purpose: 'short_links' | 'profile' | 'both';
  records: DomainRecord[];
}

/** `domain.misconfigured`: A verified domain failed 3 daily checks in a row; it keeps serving while you fix its records. */
export interface DomainMisconfiguredData {
  domainId: string;
  domain: string;
  /** the failing record’s reason: txt_missing, cname_wrong_target, nxdomain, dns_timeout, … */
  reason: string;
  detail: string;
  /** the first failed check in the row */
  since: string;
  records: DomainCheckedRecord[];
}

/** `domain.verification_failed`: A pending domain was not verified within 14 days; checks stopped (POST …/verify tries again). */
export interface DomainVerificationFailedData {
  domainId: string;
  domain: string;
  /** the last check’s reason */
  reason: string;
  /** how many checks were made */
  checks: number;
  /** ISO 8601 time */
  firstCheckedAt: string;
}

/** `domain.removed`: A custom domain was deleted, or another account proved ownership of its hostname. */
export interface DomainRemovedData {
  domainId: string;
  domain: string;
  /** ownership_transferred: another account proved the TXT record */
  reason: 'deleted' | 'ownership_transferred';
}

/** `integration.connected`: A built-in integration was connected: a chat endpoint answered its first test, an analytics sink was validated, a no-code tool authenticated. */
export interface IntegrationConnectedData {
  /** slack, discord, teams, zapier, make, n8n, ga4, segment or posthog */
  integration: string;
  /** The chat or no-code endpoint (wh_…), the API key a no-code tool connected with (key_…), or the analytics sink (int_…) */
  integrationId: string;
}

/** `link.token_created`: Deep links: a mobile visitor without the app followed an app link and was sent to the store with a one-time token (Play install referrer on Android, the clipboard on iOS); the link.click of the same click is written in the same transaction. */
export interface LinkTokenCreatedData {
  tokenId: string;
  linkId: string;
  slug: string;
  /** The host the link was followed on */
  domain: string;
  appId: string;
  platform: 'ios' | 'android';
  /** The link’s web URL */
  destUrl: string;
  /** The in-app path of the link (its app.path) */
  deepLinkPath: string;
  /** How the token reaches the app: the Play install referrer, or the clipboard copied by the iOS page */
  channel: 'install_referrer' | 'pasteboard';
  /** The store page the visitor was sent to */
  storeUrl: string;
  /** ISO 8601 time */
  expiresAt: string;
  country: string | null;
  device: Device;
}

/** `link.claim`: Deep links: the app, after install, claimed a token (POST /api/v1/sdk/claim, or a unique probabilistic match): the deferred deep link was delivered. */
export interface LinkClaimData {
  tokenId: string;
  linkId: string;
  appId: string;
  platform: 'ios' | 'android';
  /** The link’s web URL */
  destUrl: string;
  /** The in-app path of the link (its app.path) */
  deepLinkPath: string;
  method: 'install_referrer' | 'pasteboard' | 'probabilistic';
  /** ISO 8601 time */
  clickedAt: string;
  /** ISO 8601 time */
  claimedAt: string;
  secondsToClaim: number;
  /** The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
  installId: string;
}

/** `link.app_open`: Deep links: the app reported that a link opened it directly (Universal Link, App Link or URI scheme; POST /api/v1/sdk/open). */
export interface LinkAppOpenData {
  linkId: string;
  appId: string;
  platform: 'ios' | 'android' | 'unknown';
  /** The link’s web URL */
  destUrl: string;
  /** The in-app path of the link (its app.path) */
  deepLinkPath: string;
  source: 'universal_link' | 'app_link' | 'uri_scheme';
  firstOpen: boolean;
  /** The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
  installId: string;
  appVersion: string | null;
}

/** `link.deferred_claim_attempt`: Deep links: a first open without a token asked for a deferred link (POST /api/v1/sdk/deferred); `matched` and `reason` say whether probabilistic matching found exactly one candidate. */
export interface LinkDeferredClaimAttemptData {
  appId: string;
  platform: 'ios' | 'android';
  matched: boolean;
  method: 'probabilistic';
  confidence: 'unique' | null;
  linkId: string | null;
  destUrl: string | null;
  tokenId: string | null;
  reason: 'matched' | 'no_candidate' | 'ambiguous' | 'disabled';
  /** The app’s own random per-install id (not the IDFA, IDFV or advertising id) */
  installId: string;
}

/** `webhook.disabled`: One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long). */
export interface WebhookDisabledData {
  webhookId: string;
  url: string;
  reason: string;
}

/** `integration.disconnected`: A built-in integration was removed (by a member, or by its target answering 410 Gone) or stopped working. */
export interface IntegrationDisconnectedData {
  integration: string;
  integrationId: string;
  /** Why: removed by a user, or what the destination answered (e.g. "target_gone") */
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
  /** A custom domain was verified (its TXT record, or its challenge file behind a proxy) and now serves your links. */
  'domain.verified': DomainVerifiedData;
  /** A custom domain was added; `records` are the DNS records to set. */
  'domain.added': DomainAddedData;
  /** A verified domain failed 3 daily checks in a row; it keeps serving while you fix its records. */
  'domain.misconfigured': DomainMisconfiguredData;
  /** A pending domain was not verified within 14 days; checks stopped (POST …/verify tries again). */
  'domain.verification_failed': DomainVerificationFailedData;
  /** A custom domain was deleted, or another account proved ownership of its hostname. */
  'domain.removed': DomainRemovedData;
  /** A built-in integration was connected: a chat endpoint answered its first test, an analytics sink was validated, a no-code tool authenticated. */
  'integration.connected': IntegrationConnectedData;
  /** Deep links: a mobile visitor without the app followed an app link and was sent to the store with a one-time token (Play install referrer on Android, the clipboard on iOS); the link.click of the same click is written in the same transaction. */
  'link.token_created': LinkTokenCreatedData;
  /** Deep links: the app, after install, claimed a token (POST /api/v1/sdk/claim, or a unique probabilistic match): the deferred deep link was delivered. */
  'link.claim': LinkClaimData;
  /** Deep links: the app reported that a link opened it directly (Universal Link, App Link or URI scheme; POST /api/v1/sdk/open). */
  'link.app_open': LinkAppOpenData;
  /** Deep links: a first open without a token asked for a deferred link (POST /api/v1/sdk/deferred); `matched` and `reason` say whether probabilistic matching found exactly one candidate. */
  'link.deferred_claim_attempt': LinkDeferredClaimAttemptData;
  /** One of your webhook endpoints was disabled automatically (410 Gone, or failing for too long). */
  'webhook.disabled': WebhookDisabledData;
  /** A built-in integration was removed (by a member, or by its target answering 410 Gone) or stopped working. */
  'integration.disconnected': IntegrationDisconnectedData;
}
