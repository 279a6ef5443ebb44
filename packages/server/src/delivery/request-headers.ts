import { createRequire } from 'node:module';

// The headers of a delivery request: what Linkwire sets, and which custom headers may join them.

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };
export const USER_AGENT = `Linkwire-Webhooks/${version}`;

/**
 * Header names (lower case) a custom header may not have: the ones Linkwire sets (a custom one
 * would forge or hide the signature) and the hop-by-hop ones that frame the HTTP exchange. The one
 * list: the sender drops these, and the webhooks API refuses them (webhooks/routes.ts, which also
 * refuses every other `proxy-*` name), so an endpoint never stores a header that is not sent.
 */
export const RESERVED_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'user-agent',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

/**
 * The constant part of an endpoint's headers: the custom headers allowed through (names compared
 * case-insensitively), then content-type and user-agent; null when no custom header passes (the
 * common case, built per request by requestHeaders() without a copy).
 */
export function fixedHeaders(custom: Record<string, string>): Record<string, string> | null {
  let fixed: Record<string, string> | null = null;
  for (const [name, value] of Object.entries(custom)) {
    if (RESERVED_HEADERS.has(name.toLowerCase())) continue;
    fixed ??= {};
    fixed[name] = value;
  }
  if (fixed === null) return null;
  fixed['content-type'] = 'application/json';
  fixed['user-agent'] = USER_AGENT;
  return fixed;
}

/** One request's headers: the endpoint's fixed part plus the Standard Webhooks id, timestamp and signature. */
export function requestHeaders(fixed: Record<string, string> | null, id: string, timestamp: string, signature: string): Record<string, string> {
  if (fixed === null) {
    return { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
  }
  const headers = { ...fixed };
  headers['webhook-id'] = id;
  headers['webhook-timestamp'] = timestamp;
  headers['webhook-signature'] = signature;
  return headers;
}
