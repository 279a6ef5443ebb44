// Fastify plugin that owns one webhook route. Its raw-body content-type parser is registered inside
// the plugin's own (encapsulated) context, so JSON parsing everywhere else in the app is untouched.

import { type VerifyOptions, type WebhookSecret, WebhookVerificationError, statusForReason } from './core.js';
import type { LinkwireEvent } from './events.js';
import { verifyWebhook } from './node.js';

export interface FastifyLikeRequest {
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface FastifyLikeReply {
  code(statusCode: number): { send(payload?: unknown): unknown };
}

type Done = (err: Error | null, body?: unknown) => void;

export interface FastifyLikeInstance {
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(contentType: string, options: { parseAs: 'buffer' }, parser: (req: never, body: Buffer, done: Done) => void): unknown;
  post(url: string, handler: (req: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<unknown>): unknown;
}

export interface WebhookPluginOptions extends VerifyOptions {
  secret: WebhookSecret;
  /** Route path inside the plugin's prefix. Default `/`; register with `{ prefix: "/webhooks" }`. */
  url?: string;
  /**
   * Called with the verified event; its return value is the response, as in any Fastify handler.
   * Annotate the parameters as `FastifyRequest` / `FastifyReply` to get Fastify's full types.
   */
  handler(event: LinkwireEvent, request: FastifyLikeRequest, reply: FastifyLikeReply): unknown;
}

/** `app.register(webhookPlugin, { prefix: "/webhooks", secret, handler })` */
export async function webhookPlugin(instance: FastifyLikeInstance, options: WebhookPluginOptions): Promise<void> {
  const { secret, url = '/', handler, ...verifyOptions } = options;
  // Every content type as a Buffer: verification is on bytes whatever the sender claims the type is.
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  instance.post(url, async (request, reply) => {
    let event: LinkwireEvent;
    try {
      event = verifyWebhook((request.body as Buffer | undefined) ?? '', request.headers, secret, verifyOptions);
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) throw err;
      return reply.code(statusForReason(err.reason)).send({ error: err.reason, message: err.message });
    }
    return handler(event, request, reply);
  });
}
