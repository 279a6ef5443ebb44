// Next.js App Router route handlers, `(req: Request) => Response`. Uses the WebCrypto build, so the
// same handler runs on the Node.js and the Edge runtime.

import { type VerifyOptions, type WebhookSecret, WebhookVerificationError, statusForReason } from './core.js';
import type { LinkwireEvent } from './events.js';
import { verifyWebhookAsync } from './web.js';

export type WebhookHandler = (event: LinkwireEvent, req: Request) => Response | Promise<Response>;

/** `export const POST = withWebhook(secret, async (event) => Response.json({ ok: true }))` */
export function withWebhook(secret: WebhookSecret, handler: WebhookHandler, options?: VerifyOptions) {
  return async (req: Request): Promise<Response> => {
    // Bytes, not req.json(): the signature covers the body exactly as sent.
    const body = new Uint8Array(await req.arrayBuffer());
    let event: LinkwireEvent;
    try {
      event = await verifyWebhookAsync(body, req.headers, secret, options);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      return Response.json({ error: err.reason, message: err.message }, { status: statusForReason(err.reason) });
    }
    return handler(event, req);
  };
}
