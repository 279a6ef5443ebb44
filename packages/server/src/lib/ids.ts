import { randomFillSync } from 'node:crypto';

// Crockford base32: ids sort by creation time (48-bit ms timestamp first, like a ULID), so
// "newest first" lists and cursors can order by id alone.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

// Reserved for the families of PRODUCT.md §9–§12: usr/mem (teams), aud (audit log), dom/dck (custom
// domains and their checks), app/tok (deep-link apps and tokens), int (analytics sinks).
export type IdPrefix =
  | 'acc'
  | 'key'
  | 'ses'
  | 'lnk'
  | 'wdg'
  | 'sub'
  | 'evt'
  | 'wh'
  | 'dlv'
  | 'att'
  | 'lf'
  | 'usr'
  | 'mem'
  | 'aud'
  | 'dom'
  | 'dck'
  | 'app'
  | 'tok'
  | 'int';

// Randomness is drawn from a pooled buffer refilled 4 KiB at a time (10 bytes per id, as before)
// instead of one randomBytes(10) call per id (≈ 1.5 % of the redirect path's CPU, bench --profile).
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

let lastMs = 0;
let lastTime = '';
let seq = 0;
// The 16 characters after the time (2 of sequence, 14 random), written as bytes and read back as
// one latin1 string: building them by concatenation made 16 strings per id.
const tail = Buffer.alloc(16);
const CODES = Buffer.from(ALPHABET, 'latin1');

/**
 * The first 10 characters of every id minted at epoch millisecond `ms`: big-endian Crockford
 * base32 (50 bits, enough until the year 37 648), so comparing ids as strings compares their
 * creation times. `${prefix}_${idTimePrefix(ms)}` sorts before every id minted at `ms` or later and
 * after every id whose time part is earlier: the retention purge selects "older than T" as a primary-key range
 * with it (delivery/retention.ts). This is the one place the encoding lives.
 */
export function idTimePrefix(ms: number): string {
  let time = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time;
}

/** The time part for `ms`, computed once per millisecond, not per id (a flush mints hundreds per ms). */
function advanceTo(ms: number): void {
  lastMs = ms;
  seq = 0;
  lastTime = idTimePrefix(ms);
}

export function newId(prefix: IdPrefix): string {
  const now = Date.now();
  // Monotonic within a process: ids minted in the same millisecond still sort in creation order
  // (two sequence characters: 1 024 per millisecond; past that the time part moves on a
  // millisecond early rather than wrap the sequence and break the order).
  if (now > lastMs) advanceTo(now);
  else if (++seq > 1023) advanceTo(lastMs + 1);
  if (poolOffset + 10 > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const o = poolOffset;
  poolOffset += 10;
  tail[0] = CODES[(seq >> 5) & 31]!;
  tail[1] = CODES[seq & 31]!;
  for (let i = 0; i < 14; i++) tail[i + 2] = CODES[pool[o + (i % 10)]! % 32]!;
  return `${prefix}_${lastTime}${tail.toString('latin1', 0, 16)}`;
}
