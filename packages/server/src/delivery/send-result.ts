// What one attempt produced, as data: the result type every part of the engine shares (sender,
// sender thread, retry policy, results writer) and the mapping of network errors to error kinds.

/** This much of a response is stored with the attempt (4 KiB: docs/webhooks.md#4-retries-retry-after-410-and-auto-disable). */
export const STORE_LIMIT = 4 * 1024;

export type ErrorKind = 'http' | 'redirect' | 'timeout' | 'connection' | 'dns' | 'tls' | 'ssrf';

/** One attempt, as data. A failed delivery never throws. */
export interface SendResult {
  ok: boolean;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  errorKind: ErrorKind | null;
  error: string | null;
  responseBody: string | null;
  /** Parsed Retry-After in ms (429/503 only), null when absent or malformed. */
  retryAfterMs: number | null;
  /**
   * The request's headers as sent, as JSON text: what the attempt row stores. Serialised where the
   * request was made, so a sender thread posts one string instead of an object to clone.
   */
  requestHeadersJson: string;
}

/** An attempt that failed before any HTTP exchange (a sender error, a sender thread gone). */
export function failedBeforeSending(error: string): SendResult {
  return {
    ok: false,
    startedAt: Date.now(),
    durationMs: 0,
    statusCode: null,
    errorKind: 'connection',
    error,
    responseBody: null,
    retryAfterMs: null,
    requestHeadersJson: '{}',
  };
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_OSSL_|HOSTNAME_MISMATCH)/;

/** Maps a thrown network error to an attempt's error kind and a message a user can act on. */
export function classify(err: unknown, timedOut: boolean, timeoutMs: number): { kind: ErrorKind; message: string } {
  if (timedOut) return { kind: 'timeout', message: `No response within ${timeoutMs} ms` };
  // undici wraps socket errors: look through the cause chain for the first error with a code.
  let e: any = err;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause) {
    const code: string | undefined = e.code;
    if (e.name === 'SsrfBlockedError' || code === 'ESSRF') return { kind: 'ssrf', message: String(e.message) };
    if (!code) continue;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
      return { kind: 'timeout', message: `${e.message} (${code})` };
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL' || code === 'ENODATA') {
      return { kind: 'dns', message: `DNS lookup failed: ${e.message}` };
    }
    if (TLS_CODES.test(code)) return { kind: 'tls', message: `TLS error: ${e.message} (${code})` };
    return { kind: 'connection', message: `${e.message} (${code})` };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { kind: 'connection', message };
}
