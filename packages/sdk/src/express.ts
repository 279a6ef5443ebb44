// Express: use after `express.raw({ type: "application/json" })` so `req.body` is the exact bytes.
// Typed structurally: express stays out of this package's dependencies.

import { type VerifyOptions, type WebhookSecret, WebhookVerificationError, statusForReason } from './core.js';
import type { LinkwireEvent } from './events.js';
import { verifyWebhook } from './node.js';

declare global {
  // Merges into Express's own Request type when @types/express is installed; harmless otherwise.
  namespace Express {
    interface Request {
      /** The verified event, set by `webhookMiddleware`. */
      webhook?: LinkwireEvent;
    }
  }
}

export interface ExpressLikeRequest {
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
  webhook?: LinkwireEvent;
}

export interface ExpressLikeResponse {
  status(code: number): { json(body: unknown): unknown };
}

export function webhookMiddleware(secret: WebhookSecret, options?: VerifyOptions) {
  return (req: ExpressLikeRequest, res: ExpressLikeResponse, next: (err?: unknown) => void): void => {
    // No body parsed (another content type, no body): Express 5 leaves `undefined`, Express 4 `{}`.
    // Verify empty bytes then, so a stray request gets a 4xx rather than a setup error.
    const body = req.body === undefined || isEmptyObject(req.body) ? '' : req.body;
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      // Re-serialising a parsed body never reproduces the signed bytes: fail loudly at setup time.
      next(
        new TypeError(
          "webhookMiddleware needs the raw body: mount express.raw({ type: 'application/json' }) " + 'on this route, before express.json() or instead of it',
        ),
      );
      return;
    }
    try {
      req.webhook = verifyWebhook(body, req.headers, secret, options);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) {
        next(err);
        return;
      }
      res.status(statusForReason(err.reason)).json({ error: err.reason, message: err.message });
      return;
    }
    next();
  };
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
