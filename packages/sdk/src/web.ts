// WebCrypto build for edge runtimes (Cloudflare Workers, Vercel Edge, Deno, Bun): same checks and
// results as node.ts, but async because `crypto.subtle` is. Nothing in this file's imports may use `node:`.

import {
  type SignParams,
  type VerifyOptions,
  type WebhookBody,
  type WebhookHeaders,
  type WebhookSecret,
  checkHeaders,
  constantTimeEqual,
  decodeSecret,
  noSignatureMatched,
  parseEvent,
  signedPrefix,
  toUnixSeconds,
} from './core.js';
import type { LinkwireEvent } from './events.js';

const encoder = new TextEncoder();

async function hmacBase64(secret: WebhookSecret, prefix: string, body: WebhookBody): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey(
    'raw',
    new Uint8Array(decodeSecret(secret)), // a copy typed as ArrayBuffer-backed, as BufferSource wants
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const head = encoder.encode(prefix);
  const tail = typeof body === 'string' ? encoder.encode(body) : body;
  const message = new Uint8Array(head.length + tail.length);
  message.set(head);
  message.set(tail, head.length);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, message));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export async function signWebhookAsync({ id, timestamp, body, secret }: SignParams): Promise<string> {
  return `v1,${await hmacBase64(secret, signedPrefix(id, toUnixSeconds(timestamp)), body)}`;
}

/** `verifyWebhook` for runtimes with WebCrypto only. Same reasons, same results. */
export async function verifyWebhookAsync(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  secret: WebhookSecret,
  options?: VerifyOptions,
): Promise<LinkwireEvent> {
  const { id, timestamp, signatures } = checkHeaders(headers, options);
  const expected = await hmacBase64(secret, signedPrefix(id, timestamp), rawBody);
  if (!signatures.some((signature) => constantTimeEqual(signature, expected))) throw noSignatureMatched();
  return parseEvent(rawBody);
}

export {
  type SignParams,
  type VerificationFailureReason,
  type VerifyOptions,
  type WebhookBody,
  type WebhookHeaders,
  type WebhookSecret,
  type Instant,
  WebhookVerificationError,
} from './core.js';
export * from './events.js';
