import { createHmac } from 'node:crypto';

// Raw visitor IPs never leave the process: anything stored or emitted about a client is an HMAC
// keyed by the master key and the UTC day, so the same visitor maps to the same id for one day
// only and the id cannot be reversed without the key.

function dayOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export function dailyClientHash(masterKey: Buffer, purpose: string, ip: string, now = Date.now()): string {
  return createHmac('sha256', masterKey)
    .update(`${purpose}|${dayOf(now)}|${ip}`)
    .digest('base64url')
    .slice(0, 22);
}
