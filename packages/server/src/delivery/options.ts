import type { Capabilities } from '../db/capabilities.js';

/**
 * Tuning knobs of the delivery worker. Defaults suit one 2-core node. The ones named after an
 * environment variable are read with every other variable by config.ts (`config.delivery`, so a
 * bad value stops start-up in every role) and documented in docs/scaling.md; the rest keep these
 * defaults and are set by tests through the Dispatcher's overrides.
 */
export interface DeliveryOptions {
  /** How long a claim is held before another worker may take it (LINKWIRE_LEASE_MS, default 90 s).
   * Must outlast the longest send (30 s timeout) plus a wait in the per-endpoint queue (≤ one
   * more timeout) with margin: 2 × 30 s + 30 s. */
  leaseMs: number;
  /** Deliveries claimed per statement (LINKWIRE_CLAIM_BATCH, default 256). */
  claimBatch: number;
  /** Sends in flight plus claimed deliveries waiting for a slot, across all endpoints
   * (LINKWIRE_DELIVERY_CONCURRENCY, default 512). */
  globalConcurrency: number;
  /** Most sends in flight to one endpoint, also its keep-alive connections
   * (LINKWIRE_ENDPOINT_CONCURRENCY, default 64). An endpoint starts at 16 and earns the rest with
   * successes (lanes.ts, aimdLimit()). */
  endpointConcurrency: number;
  /** Threads that sign and send (LINKWIRE_SENDER_THREADS, 0 to 16; 0 sends on the main thread,
   * which keeps the database work either way; see threaded-sender.ts). Null: defaultSenderThreads(). */
  senderThreads: number | null;
  /** Poll interval: the guarantee behind the wake-up hints (LINKWIRE_POLL_MS, default 500 ms). */
  pollMs: number;
  /**
   * Results are written back after `flushMs` or `flushMax` outcomes, whichever comes first (20 ms,
   * 256). A crash loses at most this window of results (those deliveries are sent again, same
   * webhook-id); a longer window only delays the history (no send waits on it). Today a SQLite
   * drain runs at ~20 000/s, so 256 outcomes gather in ~13 ms and `flushMax` ends a flush before
   * the 20 ms do (a flush of 256 takes 2.6–4.2 ms): under a backlog flushMs rarely decides; below
   * ~12 800 deliveries/s (256 per 20 ms) it bounds the delay and the crash window.
   * The timer alone was measured when a drain did 1 300–1 700 deliveries/s (commit 7cd74f7; 10 000
   * deliveries to 4 loopback endpoints, SQLite): 5 ms 1 311–1 394/s with ~740 flushes, 25 ms
   * 1 262–1 467/s, 50 ms 1 591–1 726/s with ~95 flushes; 20 ms itself was not measured. 50 ms is
   * not taken: its gain was measured where the timer triggered every flush (at today's rate the
   * size does), and it would widen the window a crash re-sends from 20 to 50 ms. Re-measuring
   * flushMs needs the drain bench on a quiet machine (bench/README.md#results-flush).
   */
  flushMs: number;
  flushMax: number;
  /** Consecutive failures that open an endpoint's circuit breaker. */
  breakerThreshold: number;
  breakerMinCooldownMs: number;
  breakerMaxCooldownMs: number;
  /** SIGTERM: how long stop() waits for in-flight sends before handing them back. */
  drainMs: number;
  /**
   * Deliveries made by clicks in this process go to this dispatcher straight from their
   * transaction, without a claim (LINKWIRE_DELIVERY_HANDOFF, default on; events/types.ts).
   */
  handoff: boolean;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  leaseMs: 90_000,
  claimBatch: 256,
  globalConcurrency: 512,
  endpointConcurrency: 64,
  senderThreads: null,
  pollMs: 500,
  flushMs: 20,
  flushMax: 256,
  breakerThreshold: 5,
  breakerMinCooldownMs: 10_000,
  breakerMaxCooldownMs: 5 * 60_000,
  drainMs: 10_000,
  handoff: true,
};

/**
 * Sender threads when LINKWIRE_SENDER_THREADS is unset: one where several workers cannot share the
 * database (SQLite: this process is the only worker, so a second core for HMAC and HTTP is all it
 * can add), none where they can (PostgreSQL: scale out with worker processes; on a shared box the
 * database server needs the other core). `concurrentWorkers` is the flag that tells the two apart.
 *
 * Measured on the 2-core box: PostgreSQL, two workers, as a ratio to the SQLite drain: with the
 * thread 0.41–0.60 (five runs), without it 0.60–0.83 (four). SQLite, one process: with the thread
 * median 20 160 /s over 18 runs (queueing ahead, commit 7d8ae43), without it
 * (LINKWIRE_SENDER_THREADS=0) 20 298 and 19 947 /s in two runs — no difference this data can show.
 * The thread was made the SQLite default when it measured 5 819 / 5 513 against 5 102 / 5 252 /s
 * (2026-11-23), before the sender and the claim were rewritten; changing the default needs
 * alternating runs. Two threads were no faster: 18 945 / 18 337 against 17 202 / 18 628 /s
 * (bench/README.md#sender-thread, #tried-and-rejected).
 */
export function defaultSenderThreads(caps: Pick<Capabilities, 'concurrentWorkers'>): number {
  return caps.concurrentWorkers ? 0 : 1;
}
