// The envelope types around the event catalog. The catalog itself — EVENT_TYPES, the `data`
// interfaces and EventDataMap — is generated from the server's zod catalog into
// events.generated.ts (`npm run gen:sdk-events`; docs/events.md is made from the same source), so
// the SDK stays dependency-free and cannot drift from what the server sends.
//
// A server newer than this SDK may send types missing from EVENT_TYPES: `verifyWebhook` still
// returns them (typed as `LinkwireEvent`, data unvalidated). Keep a `default:` branch in your
// switch, or use `isKnownEventType`, and upgrade the SDK to get the new types.
import { EVENT_TYPES, type EventDataMap, type EventType } from './events.generated.js';

export * from './events.generated.js';

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
