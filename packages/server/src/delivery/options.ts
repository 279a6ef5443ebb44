import type { Capabilities } from '../db/capabilities.js';
import { parseDuration } from '../lib/duration.js';

/**
 * Tuning knobs of the delivery worker. Defaults suit one 2-core node; every one can be set from
 * the environment (documented in docs/scaling.md). They are read here rather than in config.ts
 * because only the worker uses them.
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
   * successes (dispatcher.ts, learn()). */
  endpointConcurrency: number;
  /** Threads that sign and send (LINKWIRE_SENDER_THREADS; 0 sends on the main thread, which keeps
   * the database work either way; see threaded-sender.ts). Default (null): 1 on SQLite, 0 on
   * PostgreSQL. Measured with `npm run bench`, alternating runs on the 2-core box: SQLite one
   * process 5 102 / 5 252 deliveries/s without the thread, 5 819 / 5 513 with it; PostgreSQL two
   * workers 4 009 / 3 615 without, 2 755 / 3 159 with — there the database server needs the second
   * core and the thread's message passing is pure overhead. */
  senderThreads: number | null;
  /** Poll interval: the guarantee behind the wake-up hints (LINKWIRE_POLL_MS, default 500 ms). */
  pollMs: number;
  /** Results are written back after this long or this many, whichever comes first. 20 ms:
   * measured on the shared 2-core box, 10 000 deliveries to 4 loopback endpoints, SQLite —
   * 5 ms: 1 311-1 394/s with ~740 flushes; 25 ms: 1 262-1 467/s; 50 ms: 1 591-1 726/s with ~95
   * flushes. Longer only delays the history (the send itself is not waiting on it); a crash loses
   * at most this window of results, and those deliveries are sent again (same webhook-id). */
  flushMs: number;
  flushMax: number;
  /** Consecutive failures that open an endpoint's circuit breaker. */
  breakerThreshold: number;
  breakerMinCooldownMs: number;
  breakerMaxCooldownMs: number;
  /** SIGTERM: how long stop() waits for in-flight sends before handing them back. */
  drainMs: number;
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
};

function durationEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) : parseDuration(raw);
  if (ms === null || !(ms > 0)) throw new Error(`${name} must be a duration in ms or such as 30s (got "${raw}")`);
  return ms;
}

function intEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1 (got "${raw}")`);
  return n;
}

function countEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 16) throw new Error(`${name} must be a whole number from 0 to 16 (got "${raw}")`);
  return n;
}

export function deliveryOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  const fromEnv: Partial<DeliveryOptions> = {
    leaseMs: durationEnv(env, 'LINKWIRE_LEASE_MS'),
    pollMs: durationEnv(env, 'LINKWIRE_POLL_MS'),
    claimBatch: intEnv(env, 'LINKWIRE_CLAIM_BATCH'),
    globalConcurrency: intEnv(env, 'LINKWIRE_DELIVERY_CONCURRENCY'),
    endpointConcurrency: intEnv(env, 'LINKWIRE_ENDPOINT_CONCURRENCY'),
    senderThreads: countEnv(env, 'LINKWIRE_SENDER_THREADS'),
  };
  const defined = Object.fromEntries(Object.entries(fromEnv).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_DELIVERY_OPTIONS, ...defined, ...overrides };
}

/** Sender threads when LINKWIRE_SENDER_THREADS is unset. */
export function defaultSenderThreads(caps: Pick<Capabilities, 'concurrentWorkers'>): number {
  return caps.concurrentWorkers ? 0 : 1;
}
