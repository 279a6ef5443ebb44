// The event catalog (PRODUCT.md §4). One `as const` list; `EventDataMap` must name every entry,
// otherwise `EventData<T>` fails to compile, so adding a type here forces its data shape too.
//
// A server newer than this SDK may send types missing from this list: `verifyWebhook` still returns
// them (typed as `LinkwireEvent`, data unvalidated). Keep a `default:` branch in your switch, or use
// `isKnownEventType`, and upgrade the SDK to get the new types.

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

export type Changes = Record<string, { from: unknown; to: unknown }>;

export interface ProfileVisitData {
  profileCode: string;
  referer: string | null;
  country: string | null;
  city: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  utm: Utm;
  visitorId: string | null;
}

export interface LinkClickData {
  profileCode: string;
  linkId: string;
  type: 'link' | 'widget' | 'product';
  title: string;
  url: string;
  slug: string;
  referer: string | null;
  country: string | null;
  city: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  source: 'profile' | 'short_link' | 'qr';
  utm: Utm;
  visitorId: string | null;
}

export interface QrScannedData {
  profileCode: string;
  linkId: string;
  title: string;
  url: string;
  slug: string;
  country: string | null;
  device: Device;
}

export interface SubscriberNewData {
  profileCode: string;
  subscriberId: string;
  email: string;
  campaignId: string | null;
  widgetId: string;
  widgetTitle: string;
}

export interface LinkCreatedData {
  linkId: string;
  title: string;
  url: string;
  position: number;
  thumbnailUrl: string | null;
  type: 'link' | 'product';
  slug: string;
  shortUrl: string;
  expiresAt: string | null;
}

export interface LinkUpdatedData extends LinkCreatedData {
  changes: Changes;
}

export interface LinkDeletedData {
  linkId: string;
  slug: string;
  title: string;
  deletedAt: string;
}

export interface LinkExpiredData {
  linkId: string;
  slug: string;
  title: string;
  url: string;
  expiredAt: string;
}

export interface ProfileUpdatedData {
  profileCode: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: string;
  changes: Changes;
}

export interface AnalyticsMilestoneData {
  linkId: string | null;
  metric: 'clicks' | 'visits';
  value: number;
  threshold: number;
}

export interface ApiKeyCreatedData {
  keyId: string;
  name: string;
  prefix: string;
}

export interface SecurityLoginFailedData {
  email: string;
  reason: 'unknown_email' | 'wrong_password' | 'rate_limited';
  country: string | null;
}

export interface PlanChangeData {
  fromPlan: Plan;
  toPlan: Plan;
}

export interface TeamMemberData {
  memberId: string;
  email: string;
  role: string;
}

export interface DomainVerifiedData {
  domain: string;
}

export interface IntegrationConnectedData {
  integration: string;
}

export interface DeepLinkData {
  linkId: string;
  platform: string;
  destUrl: string;
}

export interface WebhookDisabledData {
  webhookId: string;
  url: string;
  reason: string;
}

export interface EventDataMap {
  'profile.visit': ProfileVisitData;
  'link.click': LinkClickData;
  'qr.scanned': QrScannedData;
  'subscriber.new': SubscriberNewData;
  'link.created': LinkCreatedData;
  'link.updated': LinkUpdatedData;
  'link.deleted': LinkDeletedData;
  'link.expired': LinkExpiredData;
  'profile.updated': ProfileUpdatedData;
  'analytics.milestone': AnalyticsMilestoneData;
  'api.key_created': ApiKeyCreatedData;
  'security.login_failed': SecurityLoginFailedData;
  'account.upgraded': PlanChangeData;
  'account.downgraded': PlanChangeData;
  'team.member_added': TeamMemberData;
  'team.member_removed': TeamMemberData;
  'domain.verified': DomainVerifiedData;
  'integration.connected': IntegrationConnectedData;
  'link.token_created': DeepLinkData;
  'link.claim': DeepLinkData;
  'link.app_open': DeepLinkData;
  'link.deferred_claim_attempt': DeepLinkData;
  'webhook.disabled': WebhookDisabledData;
}

export type EventData<T extends EventType> = EventDataMap[T];

/** The envelope of every delivery (the request body). */
export interface WebhookEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  /** ISO 8601 time the event happened (not the delivery attempt: that is `webhook-timestamp`). */
  timestamp: string;
  accountId: string;
  data: EventData<T>;
}

/** Discriminated union over the catalog: `switch (event.type)` narrows `event.data`. */
export type LinkwireEvent = { [T in EventType]: WebhookEvent<T> }[EventType];

/**
 * An event whose type this SDK version does not know. Not part of `LinkwireEvent` (it would stop
 * `switch` from narrowing); `isKnownEventType(event.type)` tells the two apart at run time.
 */
export interface UnknownEvent {
  id: string;
  type: string;
  timestamp: string;
  accountId: string;
  data: Record<string, unknown>;
}

const known: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isKnownEventType(type: string): type is EventType {
  return known.has(type);
}
