import { randomBytes } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { ClientHashes } from '../lib/privacy.js';
import { sha256 } from './service.js';

// One-time deep-link tokens: 128 random bits in base64url, handed to the visitor (Play referrer or
// clipboard) and stored only as their SHA-256, like API keys.

export const TOKEN_PREFIX = 'lw:';

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(16).toString('base64url');
  return { token, hash: sha256(token) };
}

/** The token as the app read it: bare, `lw:<token>` from the clipboard, or `lw_token=<token>` from the referrer. */
export function tokenHashOf(input: string): string {
  let t = input.trim();
  if (t.startsWith(TOKEN_PREFIX)) t = t.slice(TOKEN_PREFIX.length);
  const fromReferrer = /(?:^|[&?])lw_token=([A-Za-z0-9_-]+)/.exec(t);
  if (fromReferrer) t = fromReferrer[1]!;
  return sha256(t);
}

/** The network part probabilistic matching uses: IPv4 /24, IPv6 /48. Never stored as such. */
function coarseNetwork(ip: string): string {
  const n = normalizeIP(ip);
  if (n.includes(':')) return n.split(':').slice(0, 3).join(':');
  return n.split('.').slice(0, 3).join('.');
}

/**
 * The match key of probabilistic deferred matching: a daily HMAC (lib/privacy.ts, keyed by the
 * master key and the UTC day) of the coarse network, the platform and the app. `now` picks the day,
 * so a lookup tries today's and yesterday's keys (a window crosses midnight at most once).
 */
export function matchKey(hashes: ClientHashes, appId: string, ip: string, platform: string, now: number): string {
  return hashes.of('deeplink-match', `${appId}|${platform}|${coarseNetwork(ip)}`, now);
}
