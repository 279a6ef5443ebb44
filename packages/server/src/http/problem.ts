import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { databaseUnavailable } from '../db/health.js';
import { AppError } from './errors.js';

export const PROBLEM_BASE = 'https://linkwire.dev/problems/';

export function sendProblem(reply: FastifyReply, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ status, ...body });
}

/** The body of every 500: nothing of the error, only the request id to quote. */
export function internalErrorProblem(requestId: string) {
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'Internal server error',
    detail: `Something went wrong on our side. Quote request id ${requestId} when reporting it.`,
  };
}

export interface ProblemHandlerOptions {
  /** Runs before the 404 answer, e.g. the rate limit on unknown paths (http/rate-limits.ts). */
  notFoundPreHandler?: (req: FastifyRequest) => Promise<void>;
}

/** The one place errors become HTTP. 5xx details go to the log only, never to the client. */
export function installProblemHandler(app: FastifyInstance, opts: ProblemHandlerOptions = {}): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      const { headers, ...extra } = err.extra;
      return sendProblem(
        reply,
        err.status,
        { type: PROBLEM_BASE + err.code, title: err.title, detail: err.message, instance: req.url.split('?')[0], ...extra },
        headers,
      );
    }
    const fe = err as FastifyError;
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported media type…
      const known: Record<string, [string, string]> = {
        FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'Malformed JSON body'],
        FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'Empty JSON body'],
        FST_ERR_CTP_BODY_TOO_LARGE: ['body_too_large', 'Request body too large'],
        FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Unsupported media type'],
        FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Invalid content-length'],
      };
      const [code, title] = (fe.code && known[fe.code]) || ['bad_request', 'Bad request'];
      let detail = fe.message;
      if (code === 'malformed_json') detail = 'The body is not valid JSON. Check quotes, commas and brackets, and send Content-Type: application/json.';
      if (code === 'body_too_large') detail = 'The body is larger than this route accepts (64 KiB for API routes).';
      return sendProblem(reply, status, { type: PROBLEM_BASE + code, title, detail });
    }
    const outage = databaseUnavailable(err);
    if (outage) {
      req.log.warn({ err }, 'database unavailable');
      const detail =
        outage === 'storage_full'
          ? 'The server has run out of disk space. Please try again later.'
          : 'The database cannot be reached right now. Please try again shortly.';
      return sendProblem(reply, 503, { type: PROBLEM_BASE + outage, title: 'Temporarily unavailable', detail }, { 'retry-after': '5' });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, internalErrorProblem(req.id));
  });

  app.setNotFoundHandler(opts.notFoundPreHandler ? { preHandler: opts.notFoundPreHandler } : {}, (req, reply) =>
    sendProblem(reply, 404, {
      type: `${PROBLEM_BASE}not_found`,
      title: 'Not found',
      detail: `No route ${req.method} ${req.url.split('?')[0]}. See the API reference in docs/api.md.`,
    }),
  );
}
