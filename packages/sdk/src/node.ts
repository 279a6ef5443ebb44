// Node build: node:crypto, synchronous. The Linkwire server signs with `createSigner` from here,
// so sender and receiver share one implementation of the signed content.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  type SignParams,
  type VerifyOptions,
  type WebhookBody,
  type WebhookHeaders,
  type WebhookSecret,
  checkHeaders,
  decodeSecret,
  noSignatureMatched,
  parseEvent,
  signedPrefix,
  toUnixSeconds,
} from './core.js';
import type { LinkwireEvent } from './events.js';

/** Signs one message: `(id, Unix seconds or Date, exact body) => "v1,<base64>"`. */
export type Signer = (id: string, timestamp: number | Date, body: WebhookBody) => string;

/**
 * Decodes the secret once and returns a signer for the hot path. Measured on Node 20, 2 cores, 1 KiB
 * body: 3.9 µs per signature, against 7.6 µs for `signWebhook`, which decodes the secret every call.
 * A `createSecretKey` KeyObject instead of bytes measured the same (3.5-3.8 µs), so bytes it is.
 */
export function createSigner(secret: WebhookSecret): Signer {
  const key = decodeSecret(secret);
  return (id, timestamp, body) => {
    const digest = createHmac('sha256', key)
      .update(signedPrefix(id, toUnixSeconds(timestamp)))
      .update(body)
      .digest('base64');
    return `v1,${digest}`;
  };
}

export function signWebhook({ id, timestamp, body, secret }: SignParams): string {
  return createSigner(secret)(id, timestamp, body);
}

/** Verifies a delivery and returns its event; throws `WebhookVerificationError` with a `reason`. */
export function verifyWebhook(rawBody: WebhookBody, headers: WebhookHeaders, secret: WebhookSecret, options?: VerifyOptions): LinkwireEvent {
  const { id, timestamp, signatures } = checkHeaders(headers, options);
  const expected = Buffer.from(createHmac('sha256', decodeSecret(secret)).update(signedPrefix(id, timestamp)).update(rawBody).digest('base64'));
  // Compare the base64 text, not decoded bytes: lenient decoding would accept altered signatures.
  // During a rotation grace period there are two signatures; any one matching is enough.
  const matched = signatures.some((signature) => {
    const candidate = Buffer.from(signature);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  });
  if (!matched) throw noSignatureMatched();
  return parseEvent(rawBody);
}

/** A new endpoint secret: `whsec_` + base64 of 32 random bytes. */
export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
