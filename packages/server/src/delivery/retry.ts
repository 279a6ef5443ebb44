import type { DeliveryStatus } from '../db/schema.js';
import type { DestinationVerdict } from './formats/errors.js';
import type { SendResult } from './send-result.js';

/** Retry-After is honoured up to this: 24 h (docs/webhooks.md#4-retries-retry-after-410-and-auto-disable). */
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

export interface NextStep {
  status: Extract<DeliveryStatus, 'succeeded' | 'pending' | 'failed'>;
  /** When the next attempt is due (pending), or the time of the outcome (final). */
  nextAttemptAt: number;
  /** The endpoint must be disabled now (410 Gone), with this reason. */
  disableReason: string | null;
  /** Final failure after the whole schedule: counts towards auto-disable. */
  exhausted: boolean;
  /** A destination's permanent verdict (formats/errors.ts) other than disabling: mark the endpoint, or delete a no-code subscription. */
  endpointAction?: { kind: 'mark' | 'delete'; reason: string };
}

/**
 * What happens after attempt number `attempt` (1-based) with schedule S = LINKWIRE_RETRY_SCHEDULE:
 *
 *   success (2xx)                      → succeeded
 *   a destination's permanent error    → failed at once: endpoint disabled, marked, or (no-code) deleted
 *   410 Gone                           → failed, endpoint disabled at once
 *   SSRF refusal                       → failed at once (retrying cannot change the verdict)
 *   attempt > |S|                      → failed (exhausted)
 *   429/503 with Retry-After r         → pending, due now + min(r, 24 h)   (no jitter: the receiver asked)
 *   anything else                      → pending, due now + S[attempt-1] × U(0.8, 1.2)
 *
 * With the default S = 10s,30s,2m,10m,1h,3h,8h,24h a delivery gets 9 attempts spread over
 * ≈ 36 h 12 m 40 s (±20 % each step: 29 h to 43 h), long enough to ride out a weekend-long
 * outage's first day and a half before it needs a manual replay. Jitter spreads the retries of
 * a burst that failed together so a recovering endpoint is not hit by all of them in one instant:
 * 10 000 deliveries failing in the same second come back over 4 s (8 s to 12 s) instead of 1.
 */
export function nextStep(
  schedule: readonly number[],
  attempt: number,
  result: SendResult,
  now: number,
  random: () => number = Math.random,
  verdict: DestinationVerdict | null = null,
): NextStep {
  if (result.ok) return { status: 'succeeded', nextAttemptAt: now, disableReason: null, exhausted: false };
  // A permanent error of the destination (a chat service's error table, a no-code 410): no retry.
  if (verdict?.action === 'disable') return { status: 'failed', nextAttemptAt: now, disableReason: verdict.reason, exhausted: false };
  if (verdict)
    return { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: false, endpointAction: { kind: verdict.action, reason: verdict.reason } };
  if (result.statusCode === 410) {
    return { status: 'failed', nextAttemptAt: now, disableReason: 'The endpoint answered 410 Gone', exhausted: false };
  }
  if (result.errorKind === 'ssrf') return { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: false };
  if (attempt > schedule.length) return { status: 'failed', nextAttemptAt: now, disableReason: null, exhausted: true };
  if (result.retryAfterMs !== null) {
    return { status: 'pending', nextAttemptAt: now + Math.min(result.retryAfterMs, MAX_RETRY_AFTER_MS), disableReason: null, exhausted: false };
  }
  const base = schedule[attempt - 1]!;
  const jittered = Math.round(base * (0.8 + 0.4 * random()));
  return { status: 'pending', nextAttemptAt: now + jittered, disableReason: null, exhausted: false };
}

/**
 * `Retry-After: <seconds>` or `<HTTP date>` → ms from `now`; null when absent or malformed. Read by
 * the sender for 429 and 503 only; nextStep() caps what it returns at MAX_RETRY_AFTER_MS.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
