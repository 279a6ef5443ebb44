// linkwire listen --forward-to URL [--events t1,t2] [--url URL] [--api-key KEY] [--allow-external]
// [--print-secret]: receives the account's events over Server-Sent Events, signs and forwards each
// to a local URL, prints one line per event and reports each result back as the delivery's attempt
// (docs/webhooks.md#10-local-development-linkwire-listen-and-linkwire-trigger; the server side is delivery/listen.ts).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSigner, type Signer } from '@linkwire/webhooks';
import { USER_AGENT } from '../delivery/request-headers.js';
import { fail } from './common.js';

/** The local forward's timeout, as the server's longest endpoint timeout (30 s). */
const FORWARD_TIMEOUT_MS = 30_000;
/** Reconnect delays after a dropped stream (then the last one, repeated), as Svix's CLI: 0, ½ s, 1 s, 2 s, 5 s. */
const RECONNECT_MS = [0, 500, 1_000, 2_000, 5_000];
/** No byte (not even the server's 15 s heartbeat) for this long: the stream is dead, reconnect. */
const IDLE_MS = 45_000;
/** How much of the local answer is reported (the server stores 4 KiB of it). */
const REPORT_BODY_LIMIT = 4 * 1024;

interface Frame {
  deliveryId: string;
  claim: string;
  attempt: number;
  eventId: string;
  body: string;
}

/** Loopback hosts: what --forward-to may name without --allow-external. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(h) || h === '::1' || h === '0:0:0:0:0:0:0:1';
}

/** `localhost:4000/webhooks` → `http://localhost:4000/webhooks`; a usage error for anything else unusable. */
export function forwardTarget(raw: string, allowExternal: boolean): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    fail(`--forward-to "${raw}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(`--forward-to must be an http:// or https:// URL, not ${url.protocol}`);
  if (!allowExternal && !isLoopbackHost(url.hostname)) {
    fail(`--forward-to ${url.hostname} is not a loopback address (localhost, 127.0.0.0/8, ::1); pass --allow-external to forward there`);
  }
  return url;
}

/** The config folder: LINKWIRE_CONFIG_DIR, else $XDG_CONFIG_HOME/linkwire, else ~/.config/linkwire. */
function configDir(): string {
  return process.env.LINKWIRE_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'linkwire');
}

/**
 * This machine's key: 32 random bytes in <config dir>/machine-key (mode 0600), made on first use.
 * It never leaves the machine: the server gets the device id (a hash of it) and never the secret.
 */
function machineKey(): Buffer {
  const dir = configDir();
  const file = join(dir, 'machine-key');
  try {
    const hex = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  } catch {}
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

/** The device id the server files the listen endpoint under: 16 bytes of SHA-256 over the key. */
export function deviceId(key: Buffer): string {
  return createHash('sha256').update('linkwire-listen-device\0').update(key).digest('hex').slice(0, 32);
}

/**
 * The signing secret, stable per machine and account: HMAC-SHA256(machine key, account id), in the
 * Standard Webhooks form (whsec_ + base64 of 32 bytes). Restarting keeps it, so a local .env keeps
 * working; another machine or account gets another one.
 */
export function listenSecret(key: Buffer, accountId: string): string {
  return `whsec_${createHmac('sha256', key).update(`linkwire-listen-secret\0${accountId}`).digest('base64')}`;
}

const colours = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (colours ? `\x1b[${code}m${text}\x1b[0m` : text);

async function api(base: string, apiKey: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, json };
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'forward-to': { type: 'string' },
      events: { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      'allow-external': { type: 'boolean' },
      'print-secret': { type: 'boolean' },
    },
  });
  const printOnly = values['print-secret'] === true;
  if (!values['forward-to'] && !printOnly) fail('listen needs --forward-to <url>, e.g. --forward-to http://localhost:4000/webhooks');
  const target = values['forward-to'] ? forwardTarget(values['forward-to'], values['allow-external'] === true) : null;
  const base = values.url ?? process.env.LINKWIRE_URL ?? 'http://localhost:3000';
  const apiKey = values['api-key'] ?? process.env.LINKWIRE_API_KEY;
  if (!apiKey) fail('listen needs an API key: --api-key lw_… or LINKWIRE_API_KEY');
  const events = values.events
    ?.split(',')
    .map((t) => t.trim())
    .filter(Boolean);

  const key = machineKey();
  const session = await api(base, apiKey, 'POST', '/api/v1/listen', { device: deviceId(key), ...(events?.length ? { events } : {}) });
  if (session.status !== 200 && session.status !== 201) {
    const fields = (session.json?.errors ?? []).map((e: { field: string; message: string }) => `\n  ${e.field}: ${e.message}`).join('');
    process.stderr.write(`linkwire: ${session.json?.detail ?? `the server answered ${session.status}`}${fields}\n`);
    process.exitCode = 1;
    return;
  }
  const endpoint = session.json as { id: string; accountId: string; events: string[]; streamUrl: string; resultsUrl: string };
  const secret = listenSecret(key, endpoint.accountId);
  if (printOnly) {
    process.stdout.write(`${secret}\n`);
    return;
  }
  process.stdout.write(`Ready! Your webhook signing secret is ${paint('1', secret)} (^C to quit)\n`);
  process.stdout.write(`Forwarding ${endpoint.events.join(', ')} from ${base} to ${target!.href} (listen endpoint ${endpoint.id})\n`);

  const listener = new Listener(base, apiKey, endpoint, target!, createSigner(secret));
  const stop = () => void listener.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await listener.run();
  process.stdout.write(`Stopped. The listen endpoint ${endpoint.id} is parked: events wait in the database until the next \`linkwire listen\`.\n`);
}

class Listener {
  private running = true;
  private abort: AbortController | null = null;
  private lastEventId: string | null = null;
  /** Deliveries being forwarded or reported (deliveryId:attempt): a resumed stream may send them again. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private wakeSleep: (() => void) | null = null;

  constructor(
    private readonly base: string,
    private readonly apiKey: string,
    private readonly endpoint: { id: string; streamUrl: string; resultsUrl: string },
    private readonly target: URL,
    private readonly sign: Signer,
  ) {}

  async stop(): Promise<void> {
    this.running = false;
    this.abort?.abort();
    this.wakeSleep?.();
  }

  async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const connected = await this.connect().catch((err: Error) => {
        if (this.running)
          process.stderr.write(`${paint('33', 'stream lost')}: ${err.cause instanceof Error ? err.cause.message : err.message}; reconnecting\n`);
        return false;
      });
      if (!this.running) break;
      failures = connected ? 0 : failures + 1;
      await this.sleep(RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)]!);
    }
    // Ctrl-C: what is being forwarded finishes and is reported (each forward has its own timeout).
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wakeSleep = null;
        resolve();
      }
      this.wakeSleep = done;
    });
  }

  /** One stream connection until it ends; true when it was established. */
  private async connect(): Promise<boolean> {
    this.abort = new AbortController();
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}`, accept: 'text/event-stream' };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    const res = await fetch(new URL(this.endpoint.streamUrl, this.base), { headers, signal: this.abort.signal });
    if (res.status !== 200 || !res.body) {
      const text = await res.text().catch(() => '');
      let detail = text;
      try {
        detail = JSON.parse(text).detail ?? text;
      } catch {}
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        // Retrying cannot fix a key or an endpoint that is gone.
        process.stderr.write(`linkwire: ${detail || `the server answered ${res.status}`}\n`);
        process.exitCode = 1;
        this.running = false;
        return true;
      }
      throw new Error(`the server answered ${res.status} ${detail}`);
    }
    if (headers['last-event-id']) process.stderr.write(`${paint('32', 'reconnected')}, resuming after ${headers['last-event-id']}\n`);
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    let buffer = '';
    let idle = setTimeout(() => this.abort?.abort(), IDLE_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        clearTimeout(idle);
        idle = setTimeout(() => this.abort?.abort(), IDLE_MS);
        buffer += decoder.decode(value, { stream: true });
        // Events end with a blank line (the server writes \n only).
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          this.onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch (err) {
      if (this.running) throw err;
    } finally {
      clearTimeout(idle);
    }
    if (this.running) process.stderr.write(`${paint('33', 'stream closed by the server')}; reconnecting\n`);
    return true;
  }

  private onEvent(block: string): void {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (id !== null) this.lastEventId = id;
    if (event !== 'delivery' || data.length === 0) return;
    let frame: Frame;
    try {
      frame = JSON.parse(data.join('\n')) as Frame;
    } catch {
      // A frame this CLI cannot read (a newer server?) is skipped, not a reason to drop the stream:
      // its delivery comes back when its lease ends.
      process.stderr.write(`skipped an unreadable event (id ${id ?? '?'})\n`);
      return;
    }
    const key = `${frame.deliveryId}:${frame.attempt}`;
    if (this.inFlight.has(key)) return; // sent again on a resume while this CLI still has it
    const job = this.forward(frame).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, job);
  }

  /** Signs exactly as the server does (Standard Webhooks headers), forwards, prints, reports. */
  private async forward(frame: Frame): Promise<void> {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': frame.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': this.sign(frame.eventId, timestamp, frame.body),
    };
    let type = '?';
    try {
      type = String((JSON.parse(frame.body) as { type?: unknown }).type ?? '?');
    } catch {}
    const started = performance.now();
    let statusCode: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    let errorKind: 'timeout' | 'connection' | null = null;
    let retryAfterSeconds: number | null = null;
    try {
      const res = await fetch(this.target, { method: 'POST', headers, body: frame.body, redirect: 'manual', signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS) });
      statusCode = res.status;
      const retryAfter = res.headers.get('retry-after');
      if (retryAfter && /^\d+$/.test(retryAfter.trim())) retryAfterSeconds = Number(retryAfter.trim());
      responseBody = (await res.text()).slice(0, REPORT_BODY_LIMIT);
    } catch (err) {
      const e = err as Error & { cause?: Error & { code?: string } };
      errorKind = e.name === 'TimeoutError' ? 'timeout' : 'connection';
      error =
        errorKind === 'timeout'
          ? `No response within ${FORWARD_TIMEOUT_MS} ms`
          : `${e.cause?.message ?? e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const status = statusCode === null ? paint('31', errorKind === 'timeout' ? 'timeout' : 'unreachable') : paint(ok ? '32' : '31', String(statusCode));
    const retry = frame.attempt > 1 ? paint('2', ` (attempt ${frame.attempt})`) : '';
    process.stdout.write(
      `${new Date().toISOString()}  ${type.padEnd(22)} ${frame.eventId}  → ${status}  ${durationMs} ms${retry}${error ? `  ${error}` : ''}\n`,
    );
    await this.report({
      deliveryId: frame.deliveryId,
      claim: frame.claim,
      statusCode,
      durationMs,
      error,
      errorKind,
      responseBody,
      requestHeaders: headers,
      retryAfterSeconds,
    });
  }

  /** POST …/results, retried a few times while the server is unreachable; a 409 means it is sent again. */
  private async report(result: Record<string, unknown>): Promise<void> {
    for (let i = 0; i < 5; i++) {
      try {
        const res = await api(this.base, this.apiKey, 'POST', this.endpoint.resultsUrl, result);
        if (res.status === 204) return;
        if (res.status === 409 || res.status === 404) return; // the server re-sends, or the delivery is gone
        process.stderr.write(`linkwire: reporting ${result.deliveryId} failed: ${res.json?.detail ?? res.status}\n`);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500 * (i + 1)));
      }
    }
    process.stderr.write(`linkwire: could not report ${result.deliveryId}; the server sends it again when its lease ends\n`);
  }
}
