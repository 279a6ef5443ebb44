import { Pool } from 'undici';
import type { Signer } from '@linkwire/webhooks';
import { createGuardedConnector, type TargetPolicy } from '../webhooks/ssrf.js';
import { fixedHeaders, requestHeaders } from './request-headers.js';
import { parseRetryAfter } from './retry.js';
import { classify, type ErrorKind, type SendResult, STORE_LIMIT } from './send-result.js';

/** Read at most this much of a response (docs/webhooks.md §4: 64 KiB); STORE_LIMIT of it is kept. */
const READ_LIMIT = 64 * 1024;

export interface SendRequest {
  /** The endpoint: each has its own connection pool. */
  endpointId: string;
  url: string;
  /** The event id: identical on every attempt, the receiver's idempotency key. */
  eventId: string;
  /**
   * The stored envelope, sent byte for byte: its UTF-8 bytes (the SQLite claim reads them so), or
   * the text (PostgreSQL), encoded here.
   */
  body: string | Uint8Array;
  signers: Signer[];
  customHeaders: Record<string, string>;
  timeoutMs: number;
}

export interface SenderOptions {
  policy: TargetPolicy;
  /** Keep-alive connections per origin: the per-endpoint concurrency cap. */
  connectionsPerOrigin: number;
}

/** A pool not used for this long is closed (its keep-alive sockets with it). */
const POOL_IDLE_MS = 5 * 60_000;

/**
 * What is kept per endpoint: its pool, its URL parsed once (origin + path), and the constant part of
 * its request headers, rebuilt only when the custom headers change. Swept with the pool.
 */
interface Target {
  url: string;
  origin: string;
  /** pathname + search, as undici wants it. */
  path: string;
  pool: Pool;
  usedAt: number;
  /** A copy of the custom headers `fixed` was built from, and how many there were. */
  custom: Record<string, string>;
  customCount: number;
  /** The custom headers allowed through, then content-type and user-agent; null when no custom header passes. */
  fixed: Record<string, string> | null;
}

/**
 * Signs and POSTs deliveries: one keep-alive undici Pool per endpoint (sized to the per-endpoint
 * concurrency cap), the SSRF guard on every connect (the socket dials only the address that was
 * just checked), no redirects.
 *
 * Pools are per endpoint, not per origin: with one pool per origin, ten endpoints on one host
 * shared 16 sockets, one endpoint that hangs took all of them, and requests queued inside undici
 * long enough to time out (and be sent twice). Measured, 10 endpoints on one loopback origin, one
 * never answering (2 s timeout), 9 000 deliveries to the healthy nine, shared 2-core box: with a
 * pool per origin the nine kept 69 % and 86 % of their throughput (two runs); with a pool per
 * endpoint 88 % and 89 %.
 *
 * The hot path is undici's low-level `dispatch()` with a small handler (`Exchange`) instead of
 * `pool.request()`: no response stream, no async iterator, no AbortController. Measured with
 * bench/micro/sender.ts (20 000 signed POSTs, 64 in flight, loopback receiver in another process,
 * shared 2-core box, Node 20), CPU per delivery in the sending process, three runs each: with
 * `request()` + `for await` + AbortController 196–216 µs, 2.0–2.3× a bare undici `Pool.request()`
 * doing the same signed POSTs in the same run; with `dispatch()` 64–88 µs, 0.79–0.94× that bare
 * Pool (absolute figures move with the load on the box; the ratios held).
 */
export class Sender {
  private readonly targets = new Map<string, Target>();
  private readonly connect: ReturnType<typeof createGuardedConnector>;
  private lastSweep = Date.now();

  constructor(private readonly opts: SenderOptions) {
    this.connect = createGuardedConnector(opts.policy, { timeout: 10_000 });
  }

  /** The endpoint's cached target; null when its URL does not parse. Throws what `new Pool()` throws. */
  private targetFor(req: SendRequest, now: number): Target | null {
    let target = this.targets.get(req.endpointId);
    if (target === undefined || target.url !== req.url) {
      const parsed = parseUrl(req.url);
      if (parsed === null) return null;
      if (target !== undefined && target.origin !== parsed.origin) {
        // The endpoint's URL moved to another host: retire the old pool.
        this.targets.delete(req.endpointId);
        void target.pool.close().catch(() => {});
        target = undefined;
      }
      if (target === undefined) {
        const pool = new Pool(parsed.origin, {
          connections: this.opts.connectionsPerOrigin,
          pipelining: 1,
          keepAliveTimeout: 30_000,
          keepAliveMaxTimeout: 120_000,
          connect: this.connect,
        });
        target = { url: req.url, origin: parsed.origin, path: parsed.path, pool, usedAt: now, custom: {}, customCount: 0, fixed: null };
        this.targets.set(req.endpointId, target);
      } else {
        target.url = req.url;
        target.path = parsed.path;
      }
    }
    target.usedAt = now;
    if (now - this.lastSweep > 60_000) this.sweep(now);
    return target;
  }

  private sweep(now: number) {
    this.lastSweep = now;
    for (const [id, target] of this.targets) {
      if (now - target.usedAt > POOL_IDLE_MS) {
        this.targets.delete(id);
        void target.pool.close().catch(() => {});
      }
    }
  }

  /** Never rejects for a failed delivery (that is a result); rejects only if signing throws. */
  send(req: SendRequest): Promise<SendResult> {
    try {
      return this.exchange(req);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private exchange(req: SendRequest): Promise<SendResult> {
    const startedAt = Date.now();
    const t0 = performance.now();
    const timestamp = Math.floor(startedAt / 1000);
    // Encoded once: the HMAC and the socket get the same bytes.
    const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
    const signers = req.signers;
    const signature = signers.length === 1 ? signers[0]!(req.eventId, timestamp, body) : signers.map((sign) => sign(req.eventId, timestamp, body)).join(' ');

    let target: Target | null = null;
    let setupError: unknown = null;
    try {
      target = this.targetFor(req, startedAt);
    } catch (err) {
      setupError = err;
    }
    let fixed: Record<string, string> | null;
    if (target === null) fixed = fixedHeaders(req.customHeaders);
    else {
      if (!sameHeaders(target, req.customHeaders)) {
        target.custom = { ...req.customHeaders };
        target.customCount = Object.keys(target.custom).length;
        target.fixed = fixedHeaders(req.customHeaders);
      }
      fixed = target.fixed;
    }
    // What undici sends and what the attempt records: one object, so they cannot differ.
    const headers = requestHeaders(fixed, req.eventId, String(timestamp), signature);

    const exchange = new Exchange(startedAt, t0, req.timeoutMs, headers);
    const result = new Promise<SendResult>((resolve) => {
      exchange.resolve = resolve;
    });
    if (target === null) {
      if (setupError === null) exchange.finish(false, null, 'connection', `Invalid URL: ${req.url}`, null, null);
      else exchange.onError(setupError);
      return result;
    }
    // One deadline for the whole exchange (connect + queueing + headers + body). undici's per-phase
    // timeouts are off (0): they start later than this one and so never fired first, and each
    // request's headers timeout was a new undici "fast timer" kept in undici's timer list for at
    // least half a second after it was cleared — 64 000 of them per 60 000-delivery drain promoted
    // to the sender thread's old generation.
    exchange.timer = setTimeout(onDeadline, req.timeoutMs, exchange);
    target.pool.dispatch({ path: target.path, method: 'POST', headers, body, headersTimeout: 0, bodyTimeout: 0 }, exchange);
    return result;
  }

  async close(): Promise<void> {
    const targets = [...this.targets.values()];
    this.targets.clear();
    await Promise.all(targets.map((t) => t.pool.destroy().catch(() => {})));
  }
}

function parseUrl(url: string): { origin: string; path: string } | null {
  try {
    const u = new URL(url);
    return { origin: u.origin, path: `${u.pathname}${u.search}` };
  } catch {
    return null;
  }
}

/** Whether `custom` has the same entries as the copy the target's headers were built from. */
function sameHeaders(target: Target, custom: Record<string, string>): boolean {
  const known = target.custom;
  let count = 0;
  for (const name in custom) {
    if (known[name] !== custom[name]) return false;
    count++;
  }
  return count === target.customCount;
}

/** Passed to undici's abort(): the result is already decided, so these never reach a caller. */
const DEADLINE_PASSED = new Error('overall deadline passed');
const READ_LIMIT_REACHED = new Error('response longer than the read limit');

function noop() {}

function onDeadline(exchange: Exchange) {
  exchange.deadline();
}

/**
 * One delivery as an undici dispatch handler. It uses the callbacks undici 7's Client calls
 * natively (onConnect/onHeaders/onData/onComplete/onError): a handler with the newer
 * onRequestStart/onResponse* API is wrapped per request in an UnwrapHandler + controller that also
 * parses every response's headers into an object; this one reads only the one header it needs, and
 * only for 3xx/429/503.
 *
 * The overall deadline is one setTimeout per request and undici's own abort function (from
 * onConnect), not an AbortController. Measured on this box (Node 20, 256 outstanding): an
 * AbortController with its listener plus setTimeout/clearTimeout ≈ 6.5 µs per request;
 * setTimeout/clearTimeout alone 0.2–0.4 µs; a shared coarse timer wheel would cost ≈ 0.1 µs
 * (Set add/delete), saving < 0.3 µs per delivery for deadlines late by up to a tick, so it is not
 * worth it. The deadline settles the result at once, even while the request still waits in the
 * pool or for its connection; undici aborts it when it reaches a socket (or fails it with the
 * connect error), and that late callback is ignored.
 */
class Exchange {
  resolve: (result: SendResult) => void = noop;
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  private abort: ((err?: Error) => void) | null = null;
  private done = false;
  private statusCode = 0;
  /** Retry-After (429/503) or Location (3xx), raw. */
  private header: string | undefined = undefined;
  private chunks: Buffer[] | null = null;
  private keptBytes = 0;
  private readBytes = 0;

  constructor(
    private readonly startedAt: number,
    private readonly t0: number,
    private readonly timeoutMs: number,
    private readonly requestHeaders: Record<string, string>,
  ) {}

  onConnect(abort: (err?: Error) => void): void {
    if (this.done) abort(DEADLINE_PASSED);
    else this.abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[]): boolean {
    if (this.done) return false;
    if (statusCode < 200) return true; // 1xx: informational, the real response follows
    this.statusCode = statusCode;
    if (statusCode === 429 || statusCode === 503) this.header = rawHeader(rawHeaders, 'retry-after');
    else if (statusCode >= 300 && statusCode < 400) this.header = rawHeader(rawHeaders, 'location');
    return true;
  }

  /** Keeps the first STORE_LIMIT bytes; at READ_LIMIT the response is cut off (socket dropped). */
  onData(chunk: Buffer): boolean {
    if (this.done) return false;
    this.readBytes += chunk.length;
    if (this.keptBytes < STORE_LIMIT) {
      const room = STORE_LIMIT - this.keptBytes;
      const take = chunk.length <= room ? chunk : chunk.subarray(0, room);
      if (this.chunks === null) this.chunks = [take];
      else this.chunks.push(take);
      this.keptBytes += take.length;
    }
    if (this.readBytes >= READ_LIMIT) {
      this.complete();
      this.abort?.(READ_LIMIT_REACHED);
      return false;
    }
    return true;
  }

  onComplete(): void {
    if (!this.done) this.complete();
  }

  onError(err: unknown): void {
    if (this.done) return;
    const { kind, message } = classify(err, false, this.timeoutMs);
    this.finish(false, null, kind, message, null, null);
  }

  deadline(): void {
    if (this.done) return;
    const { kind, message } = classify(null, true, this.timeoutMs);
    this.finish(false, null, kind, message, null, null);
    this.abort?.(DEADLINE_PASSED);
  }

  private complete(): void {
    const statusCode = this.statusCode;
    const chunks = this.chunks;
    const responseBody =
      chunks === null || this.keptBytes === 0 ? null : (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.keptBytes)).toString('utf8');
    if (statusCode >= 200 && statusCode < 300) {
      this.finish(true, statusCode, null, null, responseBody, null);
    } else if (statusCode >= 300 && statusCode < 400) {
      const location = this.header;
      const error = `Redirects are not followed (${statusCode}${location ? ` to ${location.slice(0, 200)}` : ''})`;
      this.finish(false, statusCode, 'redirect', error, responseBody, null);
    } else {
      const retryAfter = statusCode === 429 || statusCode === 503 ? parseRetryAfter(this.header, Date.now()) : null;
      this.finish(false, statusCode, 'http', `HTTP ${statusCode}`, responseBody, retryAfter);
    }
  }

  finish(ok: boolean, statusCode: number | null, errorKind: ErrorKind | null, error: string | null, responseBody: string | null, retryAfterMs: number | null) {
    this.done = true;
    this.chunks = null;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.resolve({
      ok,
      startedAt: this.startedAt,
      durationMs: Math.max(0, Math.round(performance.now() - this.t0)),
      statusCode,
      errorKind,
      error,
      responseBody,
      retryAfterMs,
      requestHeadersJson: JSON.stringify(this.requestHeaders),
    });
  }
}

/** The first value of a response header from undici's raw [name, value, …] list (latin1, as undici decodes). */
function rawHeader(raw: Buffer[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i]!;
    if (key.length === name.length && key.toString('latin1').toLowerCase() === name) return raw[i + 1]!.toString('latin1');
  }
  return undefined;
}
