import { Agent, request } from 'undici';
import { createGuardedConnector, type TargetPolicy } from '../../lib/ssrf.js';
import { parseRetryAfter } from '../retry.js';
import { classify, type SendResult, STORE_LIMIT } from '../send-result.js';

/** How long one sink request may take, connect to last byte. */
export const SINK_TIMEOUT_MS = 15_000;

/**
 * POSTs sink requests through the SSRF guard (Segment and PostHog hosts are user-given, like any
 * endpoint URL). One keep-alive agent per owner: the sink dispatcher's, or a short-lived one for a
 * connect-time check.
 */
export class SinkClient {
  private readonly agent: Agent;

  constructor(policy: TargetPolicy) {
    this.agent = new Agent({ connect: createGuardedConnector(policy, { timeout: 10_000 }), keepAliveTimeout: 30_000 });
  }

  /** Never rejects: a failure is a result. `recordedHeaders` is what the attempt stores (no credentials). */
  async post(url: string, headers: Record<string, string>, body: string, recordedHeaders: Record<string, string>): Promise<SendResult> {
    const startedAt = Date.now();
    const t0 = performance.now();
    const requestHeadersJson = JSON.stringify(recordedHeaders);
    const signal = AbortSignal.timeout(SINK_TIMEOUT_MS);
    try {
      const res = await request(url, { method: 'POST', headers, body, dispatcher: this.agent, signal });
      const text = await res.body.text();
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const retryAfter = res.statusCode === 429 || res.statusCode === 503 ? parseRetryAfter(headerOf(res.headers['retry-after']), Date.now()) : null;
      return {
        ok,
        startedAt,
        durationMs: Math.round(performance.now() - t0),
        statusCode: res.statusCode,
        errorKind: ok ? null : 'http',
        error: ok ? null : `HTTP ${res.statusCode}`,
        responseBody: text.slice(0, STORE_LIMIT),
        retryAfterMs: retryAfter,
        requestHeadersJson,
      };
    } catch (err) {
      const { kind, message } = classify(err, signal.aborted, SINK_TIMEOUT_MS);
      return {
        ok: false,
        startedAt,
        durationMs: Math.round(performance.now() - t0),
        statusCode: null,
        errorKind: kind,
        error: message,
        responseBody: null,
        retryAfterMs: null,
        requestHeadersJson,
      };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

function headerOf(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
