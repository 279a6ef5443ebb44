import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.js';

// The chat rate limit, shared by every worker process (PRODUCT.md §8: "a chat endpoint never gets
// more than its rate, whatever the event rate"). Slack documents 1 message per second per incoming
// webhook with short bursts allowed; Discord's webhook bucket is 5 per 2 s; Teams Workflows
// throttle by flow. Linkwire posts at most BURST messages at once, then RATE_PER_S a second.
//
// The bucket is GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp):
// webhooks.chat_next_at (migration 016) is the earliest time the endpoint's next message may go.
// A worker takes a turn with one conditional UPDATE:
//   allowed when chat_next_at IS NULL or chat_next_at <= now;
//   then chat_next_at = max(chat_next_at, now - (BURST - 1) · INTERVAL) + INTERVAL.
// With BURST 2 and INTERVAL 1 s: two messages at once after a quiet second, then one a second.
// A 429 (Retry-After, Discord's retry_after) or Discord's X-RateLimit-Reset-After pushes it to
// at least that time (block()). The statement is atomic on both dialects (PostgreSQL locks the row
// for the UPDATE; SQLite has one writer), so N workers together get the rate of one.
//
// Tried instead: a token bucket in each process's memory (until 2026-12-07). Two workers on
// PostgreSQL each kept their own, so an endpoint got up to twice the rate, and a 429 seen by one
// worker did not stop the other. A row lock held while posting would also serialise the workers,
// but holds a database connection for the length of an HTTP request (up to 30 s).
//
// Clocks: `now` is the worker's clock, as for claim leases; workers on hosts whose clocks differ by
// d see the interval shortened or stretched by d (NTP keeps d in milliseconds).

export const RATE_PER_S = 1;
export const BURST = 2;
export const INTERVAL_MS = 1000 / RATE_PER_S;
const TOLERANCE_MS = (BURST - 1) * INTERVAL_MS;

export type Turn = { granted: true; nextAt: number } | { granted: false; nextAt: number };

/**
 * Takes the endpoint's next turn to post, if it has come: granted (and the time of the turn after),
 * or not yet (and when it comes). An endpoint row that is gone is granted: the send finds out.
 */
export async function takeTurn(db: Kysely<DB>, endpointId: string, now: number): Promise<Turn> {
  const floor = now - TOLERANCE_MS;
  const updated = await db
    .updateTable('webhooks')
    .set({
      chatNextAt: sql<number>`(CASE WHEN chat_next_at IS NULL OR chat_next_at < ${floor} THEN ${floor} ELSE chat_next_at END) + ${INTERVAL_MS}`,
    })
    .where('id', '=', endpointId)
    .where((eb) => eb.or([eb('chatNextAt', 'is', null), eb('chatNextAt', '<=', now)]))
    .returning('chatNextAt')
    .executeTakeFirst();
  if (updated) return { granted: true, nextAt: Number(updated.chatNextAt) };
  const row = await db.selectFrom('webhooks').select('chatNextAt').where('id', '=', endpointId).executeTakeFirst();
  if (!row) return { granted: true, nextAt: now + INTERVAL_MS };
  // Another worker took the turn in between: ask again when this one says.
  return { granted: false, nextAt: Math.max(now, Number(row.chatNextAt ?? now)) };
}

/** The service asked to wait until `until` (Unix ms): no worker posts to the endpoint before then. */
export async function block(db: Kysely<DB>, endpointId: string, until: number): Promise<void> {
  await db
    .updateTable('webhooks')
    .set({ chatNextAt: until })
    .where('id', '=', endpointId)
    .where((eb) => eb.or([eb('chatNextAt', 'is', null), eb('chatNextAt', '<', until)]))
    .execute();
}
