// Runtime-neutral parts shared by the node:crypto build (node.ts) and the WebCrypto build (web.ts):
// header parsing, the timestamp window, secret decoding, errors. No `node:` imports here, ever:
// web.ts imports this file and must run on edge runtimes.

import type { LinkwireEvent } from './events.js';

export type VerificationFailureReason =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature'
  | 'invalid_json';

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
  constructor(
    readonly reason: VerificationFailureReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Raw request body: the exact bytes received. A string is encoded as UTF-8. */
export type WebhookBody = string | Uint8Array;

/** A plain header object (any key case; Node's `req.headers` fits) or a Fetch `Headers`. */
export type WebhookHeaders = Record<string, string | readonly string[] | undefined> | { get(name: string): string | null };

/** `whsec_<base64>` or bare base64 (the key is the decoded bytes), or the raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/** A clock reading: a `Date` or milliseconds since the epoch (what `Date.now()` returns). */
export type Instant = Date | number;

export interface VerifyOptions {
  /** Accepted distance between `webhook-timestamp` and now, both ways. Default 300 s. */
  toleranceSeconds?: number;
  /** Current time, for tests or a trusted clock: an `Instant` or a function returning one. Default `Date.now`. */
  now?: Instant | (() => Instant);
}

export interface SignParams {
  id: string;
  /** Unix seconds, or a `Date` (truncated to whole seconds). */
  timestamp: number | Date;
  body: WebhookBody;
  secret: WebhookSecret;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;
const SECRET_PREFIX = 'whsec_';

export function decodeSecret(secret: WebhookSecret): Uint8Array {
  if (typeof secret !== 'string') return secret;
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  let bin: string;
  try {
    bin = atob(b64);
  } catch (cause) {
    // A configuration bug, not a bad request: never reported as a verification failure.
    throw new TypeError('webhook secret is not valid base64 (expected whsec_<base64>)', { cause });
  }
  if (bin.length === 0) throw new TypeError('webhook secret is empty');
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function toUnixSeconds(timestamp: number | Date): number {
  const seconds = timestamp instanceof Date ? Math.floor(timestamp.getTime() / 1000) : timestamp;
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new TypeError(`timestamp must be whole Unix seconds, got ${String(timestamp)}`);
  }
  // 1e11 s is the year 5138; anything above is almost surely Date.now() milliseconds.
  if (seconds >= 1e11) throw new TypeError(`timestamp ${seconds} looks like milliseconds; pass Unix seconds`);
  return seconds;
}

function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    // A header repeated on the wire arrives as an array; several signature lines simply add signatures.
    return typeof value === 'string' ? value : value.join(' ');
  }
  return undefined;
}

export interface SignedContent {
  id: string;
  /** Exactly as received: the signed content uses these characters, not a re-formatted number. */
  timestamp: string;
  /** The base64 part of every `v1,` entry; other versions are ignored. */
  signatures: string[];
}

/**
 * Everything that can be checked before any HMAC is computed: the three headers and the timestamp
 * window. Same order as the Standard Webhooks reference, so both builds fail with the same reason.
 */
export function checkHeaders(headers: WebhookHeaders, options: VerifyOptions = {}): SignedContent {
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signature = headerValue(headers, 'webhook-signature');
  if (!id || !timestamp || !signature) {
    const missing = !id ? 'webhook-id' : !timestamp ? 'webhook-timestamp' : 'webhook-signature';
    throw new WebhookVerificationError('missing_header', `missing ${missing} header`);
  }

  if (!/^\d{1,15}$/.test(timestamp)) {
    throw new WebhookVerificationError('invalid_timestamp', 'webhook-timestamp is not Unix seconds');
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = Math.floor(readClock(options.now) / 1000);
  const sent = Number(timestamp);
  // Inclusive bounds: exactly `tolerance` seconds away still passes.
  if (now - sent > tolerance) {
    throw new WebhookVerificationError('timestamp_too_old', `webhook-timestamp is ${now - sent}s old`);
  }
  if (sent - now > tolerance) {
    throw new WebhookVerificationError('timestamp_too_new', `webhook-timestamp is ${sent - now}s ahead`);
  }

  const signatures: string[] = [];
  // Node joins a repeated header with ", ", so split on commas after a signature too.
  for (const entry of signature.split(/\s+/)) {
    const comma = entry.indexOf(',');
    if (comma > 0 && entry.slice(0, comma) === 'v1') {
      signatures.push(entry.slice(comma + 1).replace(/,$/, ''));
    }
  }
  return { id, timestamp, signatures };
}

function readClock(now: VerifyOptions['now']): number {
  const value = typeof now === 'function' ? now() : (now ?? Date.now());
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms)) throw new TypeError('options.now must give a Date or epoch milliseconds');
  return ms;
}

export function signedPrefix(id: string, timestamp: string | number): string {
  return `${id}.${timestamp}.`;
}

export function noSignatureMatched(): WebhookVerificationError {
  return new WebhookVerificationError('invalid_signature', 'no webhook-signature matched the secret');
}

/** The JSON body typed as the catalog union. Shapes of `data` are not validated: receivers stay lenient. */
export function parseEvent(body: WebhookBody): LinkwireEvent {
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new WebhookVerificationError('invalid_json', 'body is not valid JSON', { cause });
  }
  // Only guard against non-objects so `event.type` never throws in the receiver's switch.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WebhookVerificationError('invalid_json', 'body is not a JSON object');
  }
  return value as LinkwireEvent;
}

/** Constant-time string equality for the WebCrypto build (no timingSafeEqual there). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false; // lengths are public: a v1 signature is always 44 chars
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The HTTP status the framework helpers answer for a failure: 400 if malformed, 401 if not authentic. */
export function statusForReason(reason: VerificationFailureReason): 400 | 401 {
  return reason === 'missing_header' || reason === 'invalid_json' ? 400 : 401;
}
