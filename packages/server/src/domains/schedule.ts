// When a domain is checked next (PRODUCT.md §10): pending domains at +1 m, 5 m, 15 m, 1 h, then every
// 6 h up to 72 h after they were added, then daily; after 14 days without success they fail.
// Verified and misconfigured domains are re-checked daily; 3 failures in a row → misconfigured.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const FIRST_STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR];
export const GIVE_UP_AFTER_MS = 14 * DAY;
export const RECHECK_EVERY_MS = DAY;
export const MISCONFIGURED_AFTER_FAILURES = 3;
/** "Check now" (POST …/verify): at most one per domain in this window. */
export const MANUAL_CHECK_EVERY_MS = 10_000;
/** A check holds its domain this long; a crashed worker's claim becomes claimable after it. */
export const CHECK_LEASE_MS = 60_000;

/** The delay before the next check of a pending domain that has had `checksDone` checks. */
export function pendingDelay(checksDone: number, ageMs: number): number {
  if (checksDone < FIRST_STEPS.length) return FIRST_STEPS[checksDone]!;
  return ageMs < 72 * HOUR ? 6 * HOUR : DAY;
}
