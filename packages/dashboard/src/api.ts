// Thin fetch wrapper for the Linkwire REST API (session cookie + double-submit CSRF header).

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: number | null;
  constructor(problem: Problem, retryAfter: number | null) {
    super(problem.detail || problem.title || `Request failed (${problem.status})`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
  /** Per-field messages keyed by the field name (`body.url`, `/url` and `url` all become `url`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = normalizeField(e.field);
      if (!(key in out)) out[key] = e.message;
    }
    return out;
  }
}

export function normalizeField(field: string): string {
  return field
    .replace(/^(body|querystring|params)[./]/, '')
    .replace(/^\//, '')
    .replace(/\//g, '.');
}

export function readCookie(name: string, cookie = typeof document === 'undefined' ? '' : document.cookie): string | null {
  for (const part of cookie.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return null;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
/** Called whenever the API answers 401 (session expired or logged out elsewhere). */
export function onUnauthorized(fn: Listener): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method)) {
    const csrf = readCookie('lw_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError({ status: 0, title: 'Network error', detail: 'Could not reach the Linkwire server. Check your connection and try again.' }, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const p = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
    const problem: Problem = {
      type: p.type,
      title: p.title ?? res.statusText,
      status: p.status ?? res.status,
      detail: p.detail ?? (text && !json ? text.slice(0, 300) : undefined),
      errors: Array.isArray(p.errors) ? p.errors : undefined,
    };
    const ra = res.headers.get('retry-after');
    const retryAfter = ra && /^\d+$/.test(ra) ? Number(ra) : null;
    const err = new ApiError(problem, retryAfter);
    if (res.status === 401 && !path.endsWith('/login') && !path.endsWith('/signup')) {
      for (const fn of unauthorizedListeners) fn();
    }
    throw err;
  }
  return json as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = (path: string) => api<void>('DELETE', path);

export function qs(params: Record<string, string | number | null | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const p = err.problem;
    return p.detail || p.title || err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

// ---- API types (the REST contract: docs/api.md) ----

export type Plan = 'free' | 'pro' | 'business' | string;

export interface Account {
  id: string;
  email: string;
  handle: string;
  plan: Plan;
  createdAt?: string;
  limits?: { endpoints: number | null; deliveries24h: number | null; testSends1h: number | null };
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export type Theme = 'light' | 'dark' | 'sunset' | 'ocean' | 'forest';
export const THEMES: Theme[] = ['light', 'dark', 'sunset', 'ocean', 'forest'];

export interface Profile {
  handle: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: Theme;
  url: string;
}

export interface Link {
  id: string;
  slug: string;
  url: string;
  title: string;
  type: 'link' | 'product';
  position: number;
  thumbnailUrl: string | null;
  expiresAt: string | null;
  shortUrl: string;
  qrUrl: string;
  clicks: number;
  createdAt: string;
  updatedAt?: string;
}

export interface Widget {
  id: string;
  kind: 'mailing_list';
  title: string;
  campaignId: string | null;
  createdAt: string;
}

export interface Subscriber {
  id: string;
  email: string;
  widgetId: string;
  campaignId: string | null;
  createdAt: string;
}

export interface Analytics {
  from: string;
  to: string;
  visits: number;
  clicks: number;
  ctr: number;
  topLinks: { linkId: string; title: string; clicks: number }[];
  countries: { country: string | null; count: number }[];
  referrers: { referer: string | null; count: number }[];
  perDay: { date: string; visits: number; clicks: number }[];
}

export type EndpointStatus = 'active' | 'failing' | 'disabled';

export interface Endpoint {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  filter: unknown;
  timeoutMs: number;
  headers: Record<string, string> | null;
  enabled: boolean;
  status: EndpointStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
  secret?: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'quota_exceeded' | 'cancelled';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'quota_exceeded', 'cancelled'];

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attempt {
  attempt: number;
  startedAt: string;
  durationMs: number | null;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
  requestHeaders?: Record<string, string> | null;
}

export interface DeliveryDetail extends Delivery {
  payload: unknown;
  attempts: Attempt[];
}

export interface Usage {
  endpoints: { used: number; limit: number | null };
  deliveries24h: { used: number; limit: number | null };
  testSends1h: { used: number; limit: number | null };
}

export interface EventType {
  type: string;
  description: string;
  schema?: unknown;
  example?: unknown;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
