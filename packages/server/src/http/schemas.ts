// Route schemas: every route declares params, query, body and responses as zod schemas
// (fastify-type-provider-zod). Requests are validated by zod with the messages of
// http/validation.ts, responses are encoded through their schema, so a field a route does not
// declare (a secret hash, a new column) is dropped before it reaches the client.
import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validationError } from './errors.js';
import { toFieldErrors } from './validation.js';

/**
 * Validates a request part with its zod schema. A failure is the same 400 as `parse()` gave
 * (problem+json naming every field); a missing body is validated as `{}`, so a required field
 * says "is required" rather than the body being "not an object".
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data ?? {});
    if (!result.success) return { error: validationError(toFieldErrors(result.error)) };
    return { value: result.data };
  };

/**
 * Encodes a response through its schema, then JSON.stringify. The price: 15 µs more per page of 20
 * links (35 µs instead of 20), 70 µs per page of 100, 31 µs per page of 20 endpoints (medians of 5 ×
 * 2 000 calls on this machine). Redirects and HTML pages send no JSON, so the hot path pays nothing.
 */
export const serializerCompiler = zodSerializerCompiler;

/** Every error body (RFC 9457). Extra members (limit, max, resetsAt…) vary by `type`. */
export const Problem = z
  .looseObject({
    type: z.string().describe('https://linkwire.dev/problems/<code>: stable, documented slug'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional().describe('the request path'),
    errors: z
      .array(z.object({ field: z.string().describe('dotted path, e.g. "events.2"'), message: z.string() }))
      .optional()
      .describe('one entry per invalid field (validation_failed, and some conflicts)'),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json' });

const PROBLEM_DESCRIPTIONS = {
  400: 'Invalid request: `errors` names each field and the rule it broke',
  401: 'No valid API key or session',
  403: 'Forbidden: the caller’s role lacks the permission, CSRF check failed (cookie sessions), or a plan limit',
  404: 'Not found in this account',
  409: 'Conflict with existing data',
  410: 'Gone',
  413: 'Body too large',
  429: 'Too many requests; see Retry-After',
  502: 'A service Linkwire had to call (an analytics provider) could not be reached',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

const problemResponse = (status: ProblemStatus) => ({
  description: PROBLEM_DESCRIPTIONS[status],
  content: { 'application/problem+json': { schema: Problem } },
});

/**
 * The error responses of a route: 400 whenever it takes input, 401 for every authenticated route,
 * plus the route's own (403/404/409/429).
 */
export function problems(...statuses: ProblemStatus[]) {
  const out: Partial<Record<ProblemStatus, ReturnType<typeof problemResponse>>> = {};
  for (const s of statuses) out[s] = problemResponse(s);
  return out;
}

/** The errors of an authenticated route (401; 403 when the caller's role lacks the route's permission, or a cookie session's write without CSRF). */
export const authed = (...statuses: ProblemStatus[]) => problems(401, 403, ...statuses);

/** 204 No Content. */
export const NoContent = z.null().describe('No content');

/** An ISO 8601 UTC time as the API writes it. */
export const IsoTime = z.string().describe('ISO 8601 time, e.g. 2026-03-25T14:00:00.000Z');

/** One page of a cursor-paginated list (http/pagination.ts). */
export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().describe('pass as ?cursor= for the next page; null on the last page') });
