import { Agent } from 'undici';
import { createGuardedConnector, type TargetPolicy } from '../lib/ssrf.js';
import type { Job } from './lanes.js';
import { type ChatFormat, type Envelope, renderChat } from './formats/index.js';
import { USER_AGENT } from './request-headers.js';
import { parseRetryAfter } from './retry.js';
import { classify, type SendResult, STORE_LIMIT } from './send-result.js';

// Chat endpoints (format slack/discord/teams, PRODUCT.md §12): a per-endpoint token bucket and
// digests. Every delivery the dispatcher starts for a chat endpoint waits here for the endpoint's
// next token; when it comes, everything waiting goes out as ONE message (a digest when more than
// one event waits), and every folded delivery gets that message's result as its attempt. So a
// burst never floods a channel and no event is dropped: 100 clicks in 5 s are a handful of
// messages and 100 succeeded deliveries.
//
// The bucket: RATE_PER_S tokens a second, BURST at most (Slack: "1 per second, short bursts
// allowed"). A 429 (Retry-After, or Discord's JSON retry_after) and Discord's
// X-RateLimit-Remaining: 0 + Reset-After block the endpoint until then. The bucket lives in this
// process: two worker processes each keep their own, so the rate is per worker.

const RATE_PER_S = 1;
const BURST = 2;
/** A block longer than this is not waited out: the waiting deliveries are rescheduled (a 429 attempt). */
const MAX_WAIT_MS = 5_000;
/** At most this many events in one digest; more wait for the next token. */
const MAX_FOLD = 500;

interface Waiting {
  job: Job;
  envelope: Envelope;
  resolve: (result: SendResult) => void;
}

interface EndpointState {
  tokens: number;
  refilledAt: number;
  blockedUntil: number;
  waiting: Waiting[];
  timer: NodeJS.Timeout | null;
}

export class ChatSender {
  private readonly states = new Map<string, EndpointState>();
  private readonly agent: Agent;
  /** Messages posted (a digest counts once), for tests and logs. */
  readonly stats = { messages: 0, digests: 0 };

  constructor(
    policy: TargetPolicy,
    private readonly dashboardUrl: string,
  ) {
    this.agent = new Agent({ connect: createGuardedConnector(policy, { timeout: 10_000 }), connections: 2, keepAliveTimeout: 30_000 });
  }

  /** Resolves with the attempt's result (the message this delivery went out in). Never rejects. */
  send(job: Job, format: ChatFormat): Promise<SendResult> {
    let envelope: Envelope;
    try {
      const text = typeof job.payload === 'string' ? job.payload : Buffer.from(job.payload).toString('utf8');
      envelope = JSON.parse(text) as Envelope;
    } catch {
      return Promise.resolve(notSent('The stored event is not valid JSON', null));
    }
    return new Promise((resolve) => {
      const state = this.stateOf(job.endpoint.id);
      state.waiting.push({ job, envelope, resolve });
      this.schedule(job.endpoint.id, state, format);
    });
  }

  private stateOf(id: string): EndpointState {
    let state = this.states.get(id);
    if (!state) {
      state = { tokens: BURST, refilledAt: Date.now(), blockedUntil: 0, waiting: [], timer: null };
      this.states.set(id, state);
    }
    return state;
  }

  private schedule(id: string, state: EndpointState, format: ChatFormat): void {
    if (state.timer !== null || state.waiting.length === 0) return;
    const now = Date.now();
    state.tokens = Math.min(BURST, state.tokens + ((now - state.refilledAt) / 1000) * RATE_PER_S);
    state.refilledAt = now;
    const blockedFor = state.blockedUntil - now;
    if (blockedFor > MAX_WAIT_MS) {
      const waiting = state.waiting.splice(0);
      for (const w of waiting) w.resolve(notSent(`Not sent: the service asked to wait ${Math.ceil(blockedFor / 1000)} s (429)`, blockedFor));
      return;
    }
    const waitMs = Math.max(blockedFor, state.tokens >= 1 ? 0 : ((1 - state.tokens) / RATE_PER_S) * 1000);
    // A macrotask even when a token is there: the rest of the claimed batch joins the message.
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.post(id, state, format);
    }, Math.ceil(waitMs));
  }

  private async post(id: string, state: EndpointState, format: ChatFormat): Promise<void> {
    const now = Date.now();
    state.tokens = Math.min(BURST, state.tokens + ((now - state.refilledAt) / 1000) * RATE_PER_S) - 1;
    state.refilledAt = now;
    const batch = state.waiting.splice(0, MAX_FOLD);
    const endpoint = batch[0]!.job.endpoint;
    const result = await this.exchange(
      format,
      endpoint.url,
      endpoint.timeoutMs,
      batch.map((w) => w.envelope),
      state,
    );
    this.stats.messages++;
    if (batch.length > 1) this.stats.digests++;
    for (const w of batch) w.resolve(result);
    if (state.waiting.length === 0 && state.timer === null && Date.now() - state.refilledAt > 0) {
      // Idle endpoints are forgotten once their bucket is full again.
      setTimeout(
        () => {
          const s = this.states.get(id);
          if (s && s.waiting.length === 0 && s.timer === null && Date.now() >= s.blockedUntil) this.states.delete(id);
        },
        (BURST / RATE_PER_S) * 1000,
      ).unref();
    }
    this.schedule(id, state, format);
  }

  private async exchange(format: ChatFormat, url: string, timeoutMs: number, envelopes: Envelope[], state: EndpointState): Promise<SendResult> {
    const startedAt = Date.now();
    const t0 = performance.now();
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT };
    // Folded deliveries say so in the attempt they share (the request headers are stored with it).
    if (envelopes.length > 1) headers['x-linkwire-digest'] = `${envelopes.length} events`;
    const duration = () => Math.max(0, Math.round(performance.now() - t0));
    let target: URL;
    try {
      target = new URL(url);
      // Discord only reports a refused message when asked to wait for it.
      if (format === 'discord') target.searchParams.set('wait', 'true');
    } catch {
      return { ...notSent(`Invalid URL: ${url.slice(0, 200)}`, null), startedAt };
    }
    try {
      const body = renderChat(format, envelopes, this.dashboardUrl);
      const res = await this.agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await readCapped(res.body);
      const ok = res.statusCode >= 200 && res.statusCode < 300;
      const retryAfterMs = this.rateLimit(res.statusCode, res.headers, text, state);
      return {
        ok,
        startedAt,
        durationMs: duration(),
        statusCode: res.statusCode,
        errorKind: ok ? null : res.statusCode >= 300 && res.statusCode < 400 ? 'redirect' : 'http',
        error: ok ? null : `HTTP ${res.statusCode}`,
        responseBody: text,
        retryAfterMs,
        requestHeadersJson: JSON.stringify(headers),
      };
    } catch (err) {
      const timedOut = (err as Error)?.name === 'TimeoutError';
      const { kind, message } = classify(err, timedOut, timeoutMs);
      return {
        ok: false,
        startedAt,
        durationMs: duration(),
        statusCode: null,
        errorKind: kind,
        error: message,
        responseBody: null,
        retryAfterMs: null,
        requestHeadersJson: JSON.stringify(headers),
      };
    }
  }

  /** Blocks the bucket as the service asks; the Retry-After of a 429 for the retry of its deliveries. */
  private rateLimit(status: number, headers: Record<string, string | string[] | undefined>, body: string | null, state: EndpointState): number | null {
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const now = Date.now();
    if (header('x-ratelimit-remaining') === '0') {
      const resetAfter = Number(header('x-ratelimit-reset-after'));
      if (Number.isFinite(resetAfter) && resetAfter > 0) state.blockedUntil = Math.max(state.blockedUntil, now + resetAfter * 1000);
    }
    if (status !== 429 && status !== 503) return null;
    let retryAfterMs = parseRetryAfter(header('retry-after'), now);
    try {
      const parsed = body ? (JSON.parse(body) as { retry_after?: unknown }) : null;
      if (parsed && typeof parsed.retry_after === 'number') retryAfterMs = Math.max(retryAfterMs ?? 0, Math.ceil(parsed.retry_after * 1000));
    } catch {
      // Slack's and Teams' bodies are not JSON.
    }
    if (retryAfterMs !== null) state.blockedUntil = Math.max(state.blockedUntil, now + retryAfterMs);
    return retryAfterMs;
  }

  async close(): Promise<void> {
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
      for (const w of state.waiting.splice(0)) w.resolve(notSent('Not sent: the worker is stopping', null));
    }
    this.states.clear();
    await this.agent.close().catch(() => {});
  }
}

function notSent(error: string, retryAfterMs: number | null): SendResult {
  return {
    ok: false,
    startedAt: Date.now(),
    durationMs: 0,
    statusCode: retryAfterMs === null ? null : 429,
    errorKind: retryAfterMs === null ? 'connection' : 'http',
    error,
    responseBody: null,
    retryAfterMs,
    requestHeadersJson: '{}',
  };
}

async function readCapped(body: AsyncIterable<Buffer> & { destroy(): void }): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= STORE_LIMIT) {
      body.destroy();
      break;
    }
  }
  return size === 0 ? null : Buffer.concat(chunks).subarray(0, STORE_LIMIT).toString('utf8');
}
