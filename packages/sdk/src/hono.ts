// Hono middleware. Reads the body through `c.req.arrayBuffer()`, which Hono caches, so the handler
// can still call `c.req.json()`. WebCrypto build: runs on every runtime Hono runs on.

import { type VerifyOptions, type WebhookSecret, WebhookVerificationError, statusForReason } from './core.js';
import type { LinkwireEvent } from './events.js';
import { verifyWebhookAsync } from './web.js';

/** Declare on your app for a typed `c.get("webhook")`: `new Hono<{ Variables: WebhookVariables }>()`. */
export type WebhookVariables = { webhook: LinkwireEvent };

export interface HonoLikeContext {
  req: { raw: Request; arrayBuffer(): Promise<ArrayBuffer> };
  set(key: 'webhook', value: LinkwireEvent): void;
  json(body: unknown, status: 400 | 401): Response;
}

export function webhookMiddleware(secret: WebhookSecret, options?: VerifyOptions) {
  return async (c: HonoLikeContext, next: () => Promise<void>): Promise<Response | undefined> => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    try {
      c.set('webhook', await verifyWebhookAsync(body, c.req.raw.headers, secret, options));
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      return c.json({ error: err.reason, message: err.message }, statusForReason(err.reason));
    }
    await next();
    return undefined;
  };
}
