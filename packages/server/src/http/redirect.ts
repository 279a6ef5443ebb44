import type { FastifyReply } from 'fastify';
import { PROBLEM_BASE, sendProblem } from './problem.js';

// What a redirect answers, shared by every route that follows a link: the short-link route and the
// fast path in front of it (web/), app links (apps/routing.ts), a custom domain's root and
// not-found URLs (domains/routing.ts, web/public.ts).

// What goes in a Location header. A link's URL is stored as its owner typed it, and may hold
// characters an HTTP header cannot carry (https://example.com/日本): node:http refuses those with
// ERR_INVALID_CHAR, which made such a redirect a 500. The URL is sent as the WHATWG URL
// serialisation instead (percent-encoded path and query, punycode host), which is what a browser
// would request for it; a URL of printable ASCII, nearly every one, is sent unchanged.

const NOT_PRINTABLE_ASCII = /[^\x21-\x7e]/;

export function locationOf(url: string): string {
  if (!NOT_PRINTABLE_ASCII.test(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    // Stored URLs were validated as absolute URLs; one that no longer parses is sent encoded as a whole.
    return encodeURI(url);
  }
}

/** A followed link's 302 headers: never cached (every follow is a click), the full referrer kept for the target. */
export function redirectHeaders(url: string): Record<string, string> {
  return { location: locationOf(url), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer-when-downgrade' };
}

/** A custom domain's own 302 (its root URL, its not-found URL): no click, and never cached, so an edit applies at once. */
export function sendDomainRedirect(reply: FastifyReply, url: string) {
  return reply.code(302).header('location', locationOf(url)).header('cache-control', 'no-store').send();
}

/** The 503 when a click cannot be made durable: no redirect without its record. */
export const CLICK_NOT_RECORDED = {
  status: 503,
  type: `${PROBLEM_BASE}unavailable`,
  title: 'Temporarily unavailable',
  detail: 'The click could not be recorded; please try again.',
} as const;
export const CLICK_NOT_RECORDED_HEADERS = { 'retry-after': '1' } as const;

/** Answers CLICK_NOT_RECORDED from a Fastify route (the fast path writes the same body itself). */
export function sendClickNotRecorded(reply: FastifyReply) {
  const { status, ...problem } = CLICK_NOT_RECORDED;
  return sendProblem(reply, status, problem, CLICK_NOT_RECORDED_HEADERS);
}
