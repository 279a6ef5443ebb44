import { generateSecret } from '@linkwire/webhooks';
import type { AppContext } from '../context.js';
import type { WebhooksTable } from '../db/schema.js';
import { open, seal } from '../lib/secretbox.js';

// Signing secrets: `whsec_` + base64 of 32 random bytes (Standard Webhooks), stored only as
// AES-256-GCM ciphertext under the master key, so a copied database does not leak them.

export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 168;

export interface NewSecret {
  secret: string;
  secretEnc: string;
}

export function newSecret(ctx: Pick<AppContext, 'masterKey'>): NewSecret {
  const secret = generateSecret();
  return { secret, secretEnc: seal(ctx.masterKey, secret) };
}

export function revealSecret(ctx: Pick<AppContext, 'masterKey'>, secretEnc: string): string {
  return open(ctx.masterKey, secretEnc);
}

export type SecretColumns = Pick<WebhooksTable, 'secretEnc' | 'previousSecretEnc' | 'previousSecretExpiresAt'>;

/**
 * The secrets a delivery is signed with, current first: the previous one is added while its
 * rotation grace period lasts, so receivers still on the old secret keep verifying
 * (`webhook-signature` carries one `v1,…` per secret, space-separated). `reveal` decrypts a
 * stored secret; the delivery worker passes a cached one.
 */
export function signingSecrets(
  ctx: Pick<AppContext, 'masterKey'>,
  row: SecretColumns,
  now: number = Date.now(),
  reveal: (secretEnc: string) => string = (enc) => open(ctx.masterKey, enc),
): string[] {
  const secrets = [reveal(row.secretEnc)];
  if (row.previousSecretEnc && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now) {
    secrets.push(reveal(row.previousSecretEnc));
  }
  return secrets;
}

/** The columns to write for a rotation: a fresh secret, the current one kept for `graceHours` (0: dropped). */
export function rotation(ctx: Pick<AppContext, 'masterKey'>, currentEnc: string, graceHours: number, now: number): NewSecret & SecretColumns {
  const fresh = newSecret(ctx);
  const keep = graceHours > 0;
  return {
    ...fresh,
    previousSecretEnc: keep ? currentEnc : null,
    previousSecretExpiresAt: keep ? now + graceHours * 3_600_000 : null,
  };
}
