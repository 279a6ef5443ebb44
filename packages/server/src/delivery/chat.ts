import type { Kysely } from 'kysely';
import { Agent } from 'undici';
import type { DB } from '../db/schema.js';
import { createGuardedConnector, type TargetPolicy } from '../lib/ssrf.js';
import { BURST, block, INTERVAL_MS, takeTurn } from './chat-rate.js';
import type { Job } from './lanes.js';
import { type ChatFormat, type Envelope, renderChat } from './formats/index.js';
import { USER_AGENT } from './request-headers.js';
import { parseRetryAfter } from './retry.js';
import { classify, type SendResult, STORE_LIMIT } from './send-result.js';

// Chat endpoints (format slack/discord/teams, PRODUCT.md §12): a per-endpoint rate limit and
// digests. Every delivery the dispatcher starts for a chat endpoint waits here for the endpoint's
// next turn; when it comes, everything waiting in this process goes out as ONE message (a digest
// when more than one event waits), and every folded delivery gets that message's result as its
// attempt. So a burst never floods a channel and no event is dropped: 100 clicks in 5 s are a
// handful of messages and 100 succeeded deliveries.
//
// The turns are taken in the database (chat-rate.ts: ≈ 1 message/s, a burst of 2, kept in
// webhooks.chat_next_at), so every worker process shares one bucket per endpoint: two workers on
// PostgreSQL post no more than one would, and a 429 seen by one (Retry-After, Discord's JSON
// retry_after, or Discord's X-RateLimit-Remaining: 0 + Reset-After) holds back all of them.
// `nextAt` here is only this process's last view of that time, to sleep until it.

/** A block longer than this is not waited out: the waiting deliveries are rescheduled (a 429 attempt). */
const MAX_WAIT_MS = 5_000;
/** At most this many events in one digest; more wait for the next turn. */
const MAX_FOLD = 500;

interface Waiting {
  job: Job;
  envelope: Envelope;
  resolve: (result: SendResult) => void;
}

interface EndpointState {
  /** When the endpoint's next turn comes, as this process last read it (0: unknown, ask). */
  nextAt: number;
  waiting: Waiting[];
  timer: NodeJS.Timeout | null;
  /** A turn is being taken or a message posted: one at a time per endpoint in a process. */
  busy: boolean;
}

export class ChatSender {
  private readonly states = new Map<string, EndpointState>();
  private readonly agent: Agent;
  /** Messages posted (a digest counts once), for tests and logs. */
  readonly stats = { messages: 0, digests: 0 };

  constructor(
    private readonly db: Kysely<DB>,
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
      state = { nextAt: 0, waiting: [], timer: null, busy: false };
      this.states.set(id, state);
    }
    return state;
  }

  private schedule(id: string, state: EndpointState, format: ChatFormat): void {
    if (state.timer !== null || state.busy || state.waiting.length === 0) return;
    const waitMs = Math.max(0, state.nextAt - Date.now());
    if (waitMs > MAX_WAIT_MS) {
      const waiting = state.waiting.splice(0);
      for (const w of waiting) w.resolve(notSent(`Not sent: the service asked to wait ${Math.ceil(waitMs / 1000)} s (429)`, waitMs));
      return;
    }
    // A macrotask even when the turn has come: the rest of the claimed batch joins the message.
    state.timer = setTimeout(() => {
      state.timer = null;
      void this.post(id, state, format);
    }, Math.ceil(waitMs));
  }

  private async post(id: string, state: EndpointState, format: ChatFormat): Promise<void> {
    state.busy = true;
    try {
      let turn: Awaited<ReturnType<typeof takeTurn>>;
      try {
        turn = await takeTurn(this.db, id, Date.now());
      } catch {
        // The database is away: ask again in a second (the claims' leases cover the wait).
        state.nextAt = Date.now() + INTERVAL_MS;
        return;
      }
      state.nextAt = turn.nextAt;
      if (!turn.granted) return;
      const batch = state.waiting.splice(0, MAX_FOLD);
      const endpoint = batch[0]!.job.endpoint;
      const blockedUntil = { at: 0 };
      const result = await this.exchange(
        format,
        endpoint.url,
        endpoint.timeoutMs,
        batch.map((w) => w.envelope),
        blockedUntil,
      );
      if (blockedUntil.at > 0) {
        state.nextAt = Math.max(state.nextAt, blockedUntil.at);
        await block(this.db, id, blockedUntil.at).catch(() => {});
      }
      this.stats.messages++;
      if (batch.length > 1) this.stats.digests++;
      for (const w of batch) w.resolve(result);
    } finally {
      state.busy = false;
      if (state.waiting.length === 0) this.forgetWhenIdle(id);
      else this.schedule(id, state, format);
    }
  }

  /** Idle endpoints are forgotten once their bucket is full again (the database keeps the turn). */
  private forgetWhenIdle(id: string): void {
    setTimeout(() => {
      const s = this.states.get(id);
      if (s && s.waiting.length === 0 && s.timer === null && !s.busy && Date.now() >= s.nextAt) this.states.delete(id);
    }, BURST * INTERVAL_MS).unref();
  }

  private async exchange(format: ChatFormat, url: string, timeoutMs: number, envelopes: Envelope[], blockedUntil: { at: number }): Promise<SendResult> {
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
      const retryAfterMs = this.rateLimit(res.statusCode, res.headers, text, blockedUntil);
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

  /** Blocks the endpoint as the service asks (into `blocked`); the Retry-After of a 429 for the retry of its deliveries. */
  private rateLimit(status: number, headers: Record<string, string | string[] | undefined>, body: string | null, blocked: { at: number }): number | null {
    const header = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const now = Date.now();
    if (header('x-ratelimit-remaining') === '0') {
      const resetAfter = Number(header('x-ratelimit-reset-after'));
      if (Number.isFinite(resetAfter) && resetAfter > 0) blocked.at = Math.max(blocked.at, now + Math.ceil(resetAfter * 1000));
    }
    if (status !== 429 && status !== 503) return null;
    let retryAfterMs = parseRetryAfter(header('retry-after'), now);
    try {
      const parsed = body ? (JSON.parse(body) as { retry_after?: unknown }) : null;
      if (parsed && typeof parsed.retry_after === 'number') retryAfterMs = Math.max(retryAfterMs ?? 0, Math.ceil(parsed.retry_after * 1000));
    } catch {
      // Slack's and Teams' bodies are not JSON.
    }
    if (retryAfterMs !== null) blocked.at = Math.max(blocked.at, now + retryAfterMs);
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
