// Type-level checks run by `npm run typecheck -w @linkwire/webhooks` (tsc fails on a wrong narrowing or
// an unused @ts-expect-error); the runtime asserts check the same code on real events.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVENT_TYPES, type EventData, type EventType, type LinkwireEvent, type UnknownEvent, isKnownEventType, verifyWebhook } from '../src/index.js';
import { NOW_MS, SECRET, sampleBody, signedHeaders } from './helpers.js';

function describeEvent(event: LinkwireEvent): string {
  switch (event.type) {
    case 'link.click':
      // narrowed: `source` exists only on link.click
      return `${event.data.source}:${event.data.url}:${event.data.utm.source ?? '-'}`;
    case 'subscriber.new': {
      const campaign: string | null = event.data.campaignId;
      // @ts-expect-error `url` is not part of subscriber.new data
      void event.data.url;
      return `${event.data.email}:${campaign}`;
    }
    case 'analytics.milestone': {
      const value: number = event.data.value;
      return `${event.data.metric}:${value}`;
    }
    case 'account.upgraded':
    case 'account.downgraded':
      return `${event.data.fromPlan}->${event.data.toPlan}`;
    default:
      // @ts-expect-error not narrowed here: data is the union of the remaining types
      void event.data.source;
      return event.type;
  }
}

// Exhaustiveness: a map over EventType must name every type, and EventData follows the key.
const sampleUrl: { [T in EventType]: (data: EventData<T>) => string | null } = {
  'profile.visit': (d) => d.referer,
  'link.click': (d) => d.url,
  'qr.scanned': (d) => d.url,
  'subscriber.new': () => null,
  'link.created': (d) => d.shortUrl,
  'link.updated': (d) => d.url,
  'link.deleted': () => null,
  'link.expired': (d) => d.url,
  'profile.updated': (d) => d.avatarUrl,
  'analytics.milestone': () => null,
  'api.key_created': () => null,
  'security.login_failed': () => null,
  'account.upgraded': () => null,
  'account.downgraded': () => null,
  'team.member_added': () => null,
  'team.member_removed': (d) => (d.reason === 'invite_expired' ? null : d.email),
  'team.member_joined': () => null,
  'team.member_role_changed': () => null,
  'api.key_revoked': () => null,
  'domain.verified': (d) => `https://${d.domain}`,
  'domain.added': (d) => `https://${d.domain}`,
  'domain.misconfigured': (d) => `https://${d.domain}`,
  'domain.verification_failed': (d) => `https://${d.domain}`,
  'domain.removed': (d) => `https://${d.domain}`,
  'integration.connected': () => null,
  'link.token_created': (d) => d.destUrl,
  'link.claim': (d) => d.destUrl,
  'link.app_open': (d) => d.destUrl,
  'link.deferred_claim_attempt': (d) => d.destUrl,
  'webhook.disabled': (d) => d.url,
  'integration.disconnected': (d) => d.integrationId,
};

test('switch (event.type) narrows event.data on a verified event', () => {
  const event = verifyWebhook(sampleBody, signedHeaders(), SECRET, { now: NOW_MS });
  assert.equal(describeEvent(event), 'short_link:https://example.com/blog:x');
  const upgrade = { id: 'evt_u', type: 'account.upgraded', timestamp: '', accountId: 'acc_1', data: { fromPlan: 'free', toPlan: 'pro' } } as const;
  assert.equal(describeEvent(upgrade), 'free->pro');
});

test('EVENT_TYPES lists the whole catalog once', () => {
  assert.equal(EVENT_TYPES.length, 31);
  assert.equal(new Set(EVENT_TYPES).size, EVENT_TYPES.length);
  assert.deepEqual(Object.keys(sampleUrl).sort(), [...EVENT_TYPES].sort());
});

test('unknown (newer) event types pass verification and are told apart with isKnownEventType', () => {
  const body = JSON.stringify({ id: 'evt_n', type: 'link.future_thing', timestamp: '', accountId: 'acc_1', data: { x: 1 } });
  const event = verifyWebhook(body, signedHeaders({ body }), SECRET, { now: NOW_MS }) as LinkwireEvent | UnknownEvent;
  assert.equal(isKnownEventType(event.type), false);
  assert.equal(isKnownEventType('link.click'), true);
  assert.equal(describeEvent(event as LinkwireEvent), 'link.future_thing'); // falls into `default`
});
