/**
 * A circuit breaker per endpoint, in memory per worker. A dead endpoint would otherwise hold up to
 * its concurrency cap of sends for a full timeout each, round after round; once open, its claimed
 * deliveries are handed back (no attempt counted) until the cooldown ends, then one probe is let
 * through (half-open): success closes the breaker, failure reopens it for twice as long.
 *
 *   closed ──K consecutive failures──► open(cooldown) ──cooldown elapsed──► half-open (1 probe)
 *     ▲                                   ▲                                      │
 *     └───────────── probe succeeds ──────┼──────────── probe fails (cooldown×2) ┘
 *
 * With K = 5 and cooldowns 10 s → 20 s → 40 s … capped at 5 min, an endpoint that is down for an
 * hour costs ≈ 5 + 17 attempts instead of one attempt per queued delivery per retry step.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

interface Entry {
  state: BreakerState;
  failures: number;
  cooldownMs: number;
  openUntil: number;
  probing: boolean;
}

export interface BreakerOptions {
  threshold: number;
  minCooldownMs: number;
  maxCooldownMs: number;
}

export class Breakers {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: BreakerOptions) {}

  private entry(id: string): Entry {
    let e = this.entries.get(id);
    if (!e) {
      e = { state: 'closed', failures: 0, cooldownMs: this.opts.minCooldownMs, openUntil: 0, probing: false };
      this.entries.set(id, e);
    }
    return e;
  }

  /** May a send to this endpoint start now? In half-open, only the single probe may. */
  admit(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || e.state === 'closed') return true;
    if (e.state === 'open') {
      if (now < e.openUntil) return false;
      e.state = 'half_open';
      e.probing = false;
    }
    if (e.probing) return false;
    e.probing = true;
    return true;
  }

  /** When deliveries refused by admit() should become due again. */
  reopensAt(id: string, now: number): number {
    const e = this.entries.get(id);
    if (e?.state === 'open') return e.openUntil;
    // Half-open with the probe in flight: look again shortly.
    return now + 1_000;
  }

  record(id: string, ok: boolean, now: number): void {
    if (ok) {
      // Closed with no failures is the absence of an entry. A success to a healthy endpoint, the
      // common case, allocates nothing (creating an entry to delete it churned the map: 6 MB of
      // its tables promoted to the old generation per 60 000-delivery drain, bench/README.md#garbage).
      this.entries.delete(id);
      return;
    }
    const e = this.entry(id);
    e.failures++;
    if (e.state === 'half_open') {
      e.cooldownMs = Math.min(e.cooldownMs * 2, this.opts.maxCooldownMs);
      this.open(e, now);
    } else if (e.state === 'closed' && e.failures >= this.opts.threshold) {
      this.open(e, now);
    }
  }

  private open(e: Entry, now: number) {
    e.state = 'open';
    e.openUntil = now + e.cooldownMs;
    e.probing = false;
  }

  state(id: string): BreakerState {
    return this.entries.get(id)?.state ?? 'closed';
  }

  counts(): Record<BreakerState, number> {
    const out: Record<BreakerState, number> = { closed: 0, open: 0, half_open: 0 };
    for (const e of this.entries.values()) out[e.state]++;
    return out;
  }
}
