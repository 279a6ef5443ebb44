// At-least-once delivery means duplicates: a retry after a lost 2xx carries the same `webhook-id`.
// A deduper remembers ids it has accepted, in any store with an atomic "set if absent" (Redis SET NX).

export interface DedupeStore {
  /** Atomically store `key` for `ttlSeconds` unless present; `true` if it was stored (first time seen). */
  setIfAbsent(key: string, ttlSeconds: number): Promise<boolean>;
  /** Optional: forget `key`, so a delivery whose processing failed is processed again when retried. */
  delete?(key: string): Promise<void>;
}

export interface Deduper {
  /** `true` the first time `webhookId` is claimed within the TTL, `false` for a duplicate. */
  claim(webhookId: string): Promise<boolean>;
  /** Undo a claim after processing failed (needs `store.delete`), so the sender's retry gets through. */
  release(webhookId: string): Promise<void>;
}

/**
 * Default TTL 72 h: the default retry schedule (10s,30s,2m,10m,1h,3h,8h,24h) spans about 36.2 h,
 * doubled for margin. Manual replays later than that are delivered again by design.
 */
export function createDeduper({
  store,
  ttlSeconds = 72 * 3600,
  prefix = 'linkwire:webhook:',
}: {
  store: DedupeStore;
  ttlSeconds?: number;
  prefix?: string;
}): Deduper {
  return {
    claim: (webhookId) => store.setIfAbsent(prefix + webhookId, ttlSeconds),
    release: async (webhookId) => {
      await store.delete?.(prefix + webhookId);
    },
  };
}

/**
 * In-process store: fine for one receiver process and for tests; use a shared store (Redis,
 * a database unique key) when several processes receive. `now` returns epoch ms (for tests).
 */
export function createMemoryStore({ now = Date.now }: { now?: () => number } = {}): DedupeStore & {
  readonly size: number;
} {
  const expiries = new Map<string, number>();
  let nextSweep = 0;
  return {
    async setIfAbsent(key, ttlSeconds) {
      const t = now();
      // Sweep at most once a second: O(n) per second instead of per call keeps memory bounded by the TTL.
      if (t >= nextSweep) {
        for (const [k, expiry] of expiries) if (expiry <= t) expiries.delete(k);
        nextSweep = t + 1000;
      }
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > t) return false;
      expiries.set(key, t + ttlSeconds * 1000);
      return true;
    },
    async delete(key) {
      expiries.delete(key);
    },
    get size() {
      return expiries.size;
    },
  };
}
