import { createHash } from 'node:crypto';
import { EVENT_TYPES, type EventType } from '../../events/catalog.js';

// The stable mapping of Linkwire events onto each analytics sink (docs/analytics.md is generated
// from this file and the catalog: `npm run docs:analytics`). Names become customers' report
// definitions, so they never change once released; a new event type gets new names, old ones stay.
//
// What is never sent: e-mail addresses (GA4 forbids PII, and a subscriber's address is not an
// analytics property) and IP addresses (Linkwire events carry none). The visitor id is the salted,
// daily-rotating hash of links/visitor.ts: one analytics user per visitor per day.

/** The envelope every delivery carries (events/emit.ts). */
export interface Envelope {
  id: string;
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** GA4 event name: `linkwire_` + the type with dots as underscores (`link.click` → `linkwire_link_click`). */
export function ga4EventName(type: string): string {
  return `linkwire_${type.replace(/\./g, '_')}`;
}

/** Segment `event` names (Segment's "Object Action" convention). */
export const SEGMENT_EVENT_NAMES: Record<EventType, string> = {
  'profile.visit': 'Profile Visited',
  'link.click': 'Link Clicked',
  'qr.scanned': 'QR Scanned',
  'subscriber.new': 'Subscriber Added',
  'link.created': 'Link Created',
  'link.updated': 'Link Updated',
  'link.deleted': 'Link Deleted',
  'link.expired': 'Link Expired',
  'profile.updated': 'Profile Updated',
  'analytics.milestone': 'Milestone Reached',
  'api.key_created': 'API Key Created',
  'security.login_failed': 'Login Failed',
  'account.upgraded': 'Account Upgraded',
  'account.downgraded': 'Account Downgraded',
  'team.member_added': 'Team Member Added',
  'team.member_removed': 'Team Member Removed',
  'team.member_joined': 'Team Member Joined',
  'team.member_role_changed': 'Team Member Role Changed',
  'api.key_revoked': 'API Key Revoked',
  'domain.verified': 'Domain Verified',
  'domain.added': 'Domain Added',
  'domain.misconfigured': 'Domain Misconfigured',
  'domain.verification_failed': 'Domain Verification Failed',
  'domain.removed': 'Domain Removed',
  'integration.connected': 'Integration Connected',
  'link.token_created': 'Link Token Created',
  'link.claim': 'Link Claimed',
  'link.app_open': 'Link App Opened',
  'link.deferred_claim_attempt': 'Link Deferred Claim Attempted',
  'webhook.disabled': 'Webhook Disabled',
  'integration.disconnected': 'Integration Disconnected',
};

const segmentName = (type: string) => SEGMENT_EVENT_NAMES[type as EventType] ?? `Linkwire ${type}`;

/** PostHog event names: the Segment name in lower case (`link clicked`), PostHog's own style. */
export function posthogEventName(type: string): string {
  return segmentName(type).toLowerCase();
}

/** Fields never forwarded to an analytics tool. */
const NEVER_SENT = new Set(['email', 'visitorId']);

/** GA4 Measurement Protocol limits (developers.google.com/analytics/devguides/collection/protocol/ga4/sending-events). */
export const GA4_LIMITS = { eventsPerRequest: 25, paramsPerEvent: 25, paramValueLength: 100, nameLength: 40, bodyBytes: 130_000 } as const;

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * GA4 params of an event: `linkwire_event_id`, then the data's scalar fields in snake case
 * (`linkId` → `link_id`), nested objects flattened one level with their key as prefix (`utm.source`
 * → `utm_source`), nulls left out, strings cut to 100 characters, at most 25 params;
 * `engagement_time_msec: 1` so GA4 counts the visitor as active.
 */
export function ga4Params(envelope: Envelope): Record<string, string | number> {
  const params: Record<string, string | number> = { linkwire_event_id: envelope.id, engagement_time_msec: 1 };
  const put = (key: string, value: unknown) => {
    if (Object.keys(params).length >= GA4_LIMITS.paramsPerEvent) return;
    const name = snake(key)
      .replace(/[^a-z0-9_]/g, '_')
      .slice(0, GA4_LIMITS.nameLength);
    if (typeof value === 'string') params[name] = value.slice(0, GA4_LIMITS.paramValueLength);
    else if (typeof value === 'number' && Number.isFinite(value)) params[name] = value;
    else if (typeof value === 'boolean') params[name] = value ? 1 : 0;
  };
  for (const [key, value] of Object.entries(envelope.data)) {
    if (NEVER_SENT.has(key) || value === null || value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value as Record<string, unknown>)) if (v !== null && typeof v !== 'object') put(`${key}_${inner}`, v);
    } else put(key, value);
  }
  return params;
}

const visitorOf = (envelope: Envelope) => (typeof envelope.data.visitorId === 'string' && envelope.data.visitorId ? envelope.data.visitorId : envelope.id);
const micros = (iso: string) => Date.parse(iso) * 1000;

/** One GA4 event and the client it belongs to (a request carries one client_id: batches group by it). */
export interface Ga4Event {
  clientId: string;
  timestampMicros: number;
  event: { name: string; params: Record<string, string | number> };
}

export function toGa4(envelope: Envelope): Ga4Event {
  return {
    clientId: visitorOf(envelope),
    timestampMicros: micros(envelope.timestamp),
    event: { name: ga4EventName(envelope.type), params: ga4Params(envelope) },
  };
}

/** Properties for Segment and PostHog: the data without e-mail and visitor id, plus `linkwire_event_id` and the type. */
function properties(envelope: Envelope): Record<string, unknown> {
  const out: Record<string, unknown> = { linkwire_event_id: envelope.id, linkwire_event_type: envelope.type };
  for (const [key, value] of Object.entries(envelope.data)) if (!NEVER_SENT.has(key)) out[key] = value;
  return out;
}

/** A Segment `track` call; `messageId` is the event id, so a replay is deduplicated by Segment. */
export function toSegment(envelope: Envelope): Record<string, unknown> {
  const utm = envelope.data.utm as Record<string, string | null> | undefined;
  const context: Record<string, unknown> = { library: { name: 'linkwire' } };
  if (utm) {
    const campaign = Object.fromEntries(
      Object.entries({ source: utm.source, medium: utm.medium, name: utm.campaign, term: utm.term, content: utm.content }).filter(([, v]) => v),
    );
    if (Object.keys(campaign).length > 0) context.campaign = campaign;
  }
  return {
    type: 'track',
    event: segmentName(envelope.type),
    anonymousId: visitorOf(envelope),
    messageId: envelope.id,
    timestamp: envelope.timestamp,
    properties: properties(envelope),
    context,
  };
}

/**
 * The PostHog event's `uuid`, derived from the event id: SHA-256 of it shaped as an RFC 9562
 * version 8 UUID, so every replay of one event carries the same uuid.
 */
export function posthogUuid(eventId: string): string {
  const h = createHash('sha256').update(`linkwire:${eventId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A PostHog capture event; anonymous (`$process_person_profile: false`): no person profile per visitor. */
export function toPosthog(envelope: Envelope): Record<string, unknown> {
  return {
    event: posthogEventName(envelope.type),
    distinct_id: visitorOf(envelope),
    uuid: posthogUuid(envelope.id),
    timestamp: envelope.timestamp,
    properties: { ...properties(envelope), $process_person_profile: false, $lib: 'linkwire' },
  };
}

/** Every catalog type's names on each sink (docs/analytics.md and the golden test read this). */
export function mappingTable(): Array<{ type: EventType; ga4: string; segment: string; posthog: string }> {
  return EVENT_TYPES.map((type) => ({ type, ga4: ga4EventName(type), segment: segmentName(type), posthog: posthogEventName(type) }));
}
