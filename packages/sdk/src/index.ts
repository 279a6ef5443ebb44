// Main entry (Node): node:crypto verifier and signer, plus the WebCrypto variants and everything shared.
export {
  type Instant,
  type SignParams,
  type VerificationFailureReason,
  type VerifyOptions,
  type WebhookBody,
  type WebhookHeaders,
  type WebhookSecret,
  DEFAULT_TOLERANCE_SECONDS,
  WebhookVerificationError,
  statusForReason,
} from './core.js';
export * from './events.js';
export { type Signer, createSigner, generateSecret, signWebhook, verifyWebhook } from './node.js';
export { signWebhookAsync, verifyWebhookAsync } from './web.js';
export { type DedupeStore, type Deduper, createDeduper, createMemoryStore } from './dedupe.js';
