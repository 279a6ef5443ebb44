import { createHmac } from 'node:crypto';

// Raw visitor IPs never leave the process: anything stored or emitted about a client is an HMAC
// keyed by the master key and the UTC day, so the same visitor maps to the same id for one day
// only and the id cannot be reversed without the key.

// The UTC day of the last call, recomputed only when `now` leaves that day: toISOString per
// request was 1 % of the redirect path's CPU.
let dayStart = 0;
let dayEnd = -1;
let dayText = '';

/** The UTC day of `now` as YYYY-MM-DD (the daily rollups' key and the visitor id's salt). */
export function utcDay(now: number): string {
  if (now < dayStart || now >= dayEnd) {
    dayStart = now - (now % 86_400_000);
    dayEnd = dayStart + 86_400_000;
    dayText = new Date(now).toISOString().slice(0, 10);
  }
  return dayText;
}

/**
 * Daily client hashes of this process (`ctx.clientHashes`). Real traffic repeats clients (and the
 * redirect and profile paths hash the same ip for the same purpose and day), so results are kept in
 * a small bounded map; the HMAC was 3.5 % of the redirect path's CPU. Cleared when full; the key
 * includes the day, so nothing outlives it by more than the map's turnover.
 */
export class ClientHashes {
  private static readonly MAX = 10_000;
  private readonly cache = new Map<string, string>();

  constructor(private readonly masterKey: Buffer) {}

  /** The visitor's id for `purpose` today: an HMAC of the ip, never the ip itself. */
  of(purpose: string, ip: string, now = Date.now()): string {
    const input = `${purpose}|${utcDay(now)}|${ip}`;
    const hit = this.cache.get(input);
    if (hit !== undefined) return hit;
    const hash = createHmac('sha256', this.masterKey).update(input).digest('base64url').slice(0, 22);
    if (this.cache.size >= ClientHashes.MAX) this.cache.clear();
    this.cache.set(input, hash);
    return hash;
  }
}
