import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM under the master key. Stored form: "v1:" + base64(iv[12] | tag[16] | ciphertext).
// The version prefix leaves room for key rotation without guessing formats later.

export function seal(masterKey: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function open(masterKey: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1:')) throw new Error('Unknown secret encoding');
  const raw = Buffer.from(sealed.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
