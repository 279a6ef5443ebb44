// Standard Webhooks signing and a realistic `link.click` envelope, shared by the baselines.
// Linkwire signs the same way (docs/webhooks.md#3-verify-the-signature), so every baseline does the same crypto work per delivery.
import { createHmac, randomBytes } from 'node:crypto';

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The HMAC key is the base64-decoded part after `whsec_`. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

export function signature(key: Buffer, id: string, timestampSec: number, body: string): string {
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;
}

export function signedHeaders(key: Buffer, id: string, body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Linkwire-Bench/0.1',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signature(key, id, ts, body),
  };
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
// ULID-shaped ids: 10 chars of time, 6 random chars fixed per process, 10 chars of a counter.
const processPart = Array.from(randomBytes(6), (b) => ALPHABET[b & 31]).join('');
let counter = 0;
function base32(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}
function ulidish(): string {
  return base32(Date.now(), 10) + processPart + base32(counter++, 10);
}

export interface Envelope {
  id: string;
  body: string;
}

/** A `link.click` envelope of about 600 bytes, `timestamp` = now (the receiver derives latency from it). */
export function clickEnvelope(): Envelope {
  const id = `evt_${ulidish()}`;
  const now = new Date().toISOString();
  const body = JSON.stringify({
    id,
    type: 'link.click',
    timestamp: now,
    accountId: 'acc_01JQ8Z6Y3M4N5P6Q7R8S9T0V1W',
    data: {
      profileCode: 'bench',
      linkId: 'lnk_01JQ8Z7A2B3C4D5E6F7G8H9J0K',
      type: 'link',
      title: 'Spring collection: new arrivals, free shipping this week',
      url: 'https://shop.example.com/collections/spring?utm_source=linkwire&utm_medium=bio&utm_campaign=spring-launch',
      slug: 'spring25',
      referer: 'https://www.instagram.com/',
      country: 'FR',
      device: 'mobile',
      browser: 'Safari',
      source: 'short_link',
      utm: { source: 'instagram', medium: 'social', campaign: 'spring-launch' },
      isBot: false,
    },
  });
  return { id, body };
}
