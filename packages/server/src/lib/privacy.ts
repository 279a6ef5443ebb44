import { createHmac } from 'node:crypto';

// Raw visitor IPs never leave the process: anything stored or emitted about a client is an HMAC
// keyed by the master key and the UTC day, so the same visitor maps to the same id for one day
// only and the id cannot be reversed without the key.

// The UTC day of the last call, recomputed only when `now` leaves that day: toISOString per
// request was 1 % of the redirect path's CPU.
let dayStart = 0;
let dayEnd = -1;
let dayText = '';

function dayOf(now: number): string {
  if (now < dayStart || now >= dayEnd) {
    dayStart = now - (now % 86_400_000);
    dayEnd = dayStart + 86_400_000;
    dayText = new Date(now).toISOString().slice(0, 10);
  }
  return dayText;
}

// Real traffic repeats clients (and the redirect and profile paths hash the same ip for the same
// purpose and day), so results are kept in a small bounded map per master key; the HMAC was 3.5 %
// of the redirect path's CPU. Cleared when full; the key includes the day, so nothing outlives it
// by more than the map's turnover.
const MAX_HASHES = 10_000;
const hashes = new WeakMap<Buffer, Map<string, string>>();

export function dailyClientHash(masterKey: Buffer, purpose: string, ip: string, now = Date.now()): string {
  const input = `${purpose}|${dayOf(now)}|${ip}`;
  let cache = hashes.get(masterKey);
  if (!cache) {
    cache = new Map();
    hashes.set(masterKey, cache);
  }
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const hash = createHmac('sha256', masterKey).update(input).digest('base64url').slice(0, 22);
  if (cache.size >= MAX_HASHES) cache.clear();
  cache.set(input, hash);
  return hash;
}
