// The error catalogue. Services throw these; one handler (http/problem.ts) turns them into
// application/problem+json. Anything else becomes a 500 whose details stay in the log.

export interface FieldError {
  /** Dotted path of the offending field, e.g. "events.2" or "filter.$and.0". */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Stable, documented slug: becomes the problem `type` (`https://linkwire.dev/problems/<code>`). */
    readonly code: string,
    readonly title: string,
    detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const validationError = (errors: FieldError[], detail?: string) =>
  new AppError(400, 'validation_failed', 'Your request has invalid fields', detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });

export const badRequest = (detail: string, field?: string) =>
  new AppError(400, 'bad_request', 'Bad request', detail, field ? { errors: [{ field, message: detail }] } : {});

export const unauthorized = (detail = 'Send "Authorization: Bearer <api key>" or log in to the dashboard.') =>
  new AppError(401, 'unauthorized', 'Authentication required', detail);

export const forbidden = (detail: string, extra: AppError['extra'] = {}) => new AppError(403, 'forbidden', 'Forbidden', detail, extra);

export const notFound = (what: string, id?: string) =>
  new AppError(404, 'not_found', `${what} not found`, id ? `No ${what.toLowerCase()} with id "${id}" exists in this account.` : `${what} not found.`);

export const conflict = (detail: string, field?: string) =>
  new AppError(409, 'conflict', 'Conflict', detail, field ? { errors: [{ field, message: detail }] } : {});

/** A plan limit was reached. `limit` names it, `resetsAt` says when room frees up (if it does). */
export const limitReached = (opts: { status: 403 | 429; limit: string; max: number; detail: string; retryAfterSeconds?: number; resetsAt?: Date }) =>
  new AppError(opts.status, 'limit_reached', 'Plan limit reached', opts.detail, {
    limit: opts.limit,
    max: opts.max,
    ...(opts.resetsAt ? { resetsAt: opts.resetsAt.toISOString() } : {}),
    ...(opts.retryAfterSeconds !== undefined ? { headers: { 'retry-after': String(opts.retryAfterSeconds) } } : {}),
  });

export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'Too many requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } });
