import type { ClickSource, Interaction } from '../links/clicks.js';
import type { RedirectTarget } from '../links/lookup.js';
import type { Visitor } from '../links/visitor.js';
import { locationOf } from '../http/location.js';
import { PROBLEM_BASE } from '../http/problem.js';

// What a followed short link answers, shared by its Fastify route (web/public.ts) and the fast path
// in front of Fastify (web/fast-redirect.ts), so that the two cannot drift apart.

/** The 302's headers besides Location: never cached (every follow is a click), the full referrer kept for the target. */
export function redirectHeaders(location: string): Record<string, string> {
  return { location: locationOf(location), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer-when-downgrade' };
}

/** The 503 when a click cannot be made durable: no redirect without its record. */
export const CLICK_NOT_RECORDED = {
  status: 503,
  type: `${PROBLEM_BASE}unavailable`,
  title: 'Temporarily unavailable',
  detail: 'The click could not be recorded; please try again.',
} as const;
export const CLICK_NOT_RECORDED_HEADERS = { 'retry-after': '1' } as const;

/** A short link followed from the profile page says so with ?src=profile (the page's own hrefs). */
export function effectiveSource(source: ClickSource, query: unknown): ClickSource {
  const src = (query as Record<string, unknown> | undefined)?.src;
  return source === 'short_link' && src === 'profile' ? 'profile' : source;
}

/** The click the recorder makes durable before the 302 (links/clicks.ts). */
export function clickOf(link: RedirectTarget, source: ClickSource, visitor: Visitor, at: number, domain: string | undefined): Interaction {
  return { kind: 'click', link, source, visitor, at, ...(domain ? { domain } : {}) };
}
