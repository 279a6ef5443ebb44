// Thin fetch wrapper for the Linkwire REST API (session cookie + double-submit CSRF header).

import type { components } from './api.generated';

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
export const del = <T = void>(path: string) => api<T>('DELETE', path);

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

// ---- API types: aliases of src/api.generated.ts (openapi-typescript over docs/openapi.json) ----
// Never re-declare an API field here: a narrower or UI-only type is derived from the generated one.

type Schemas = components['schemas'];

/** The client's view of an error: what the server sends (Problem), with every field but status optional,
 * because a network failure or a proxy's non-JSON answer is reported through the same shape. */
export type Problem = Partial<Pick<Schemas['Problem'], 'type' | 'title' | 'detail' | 'errors'>> & Pick<Schemas['Problem'], 'status'>;
export type FieldError = NonNullable<Schemas['Problem']['errors']>[number];

export type Plan = Schemas['Account']['plan'];
/** What the session holds: login and sign-up return Account, GET /api/v1/account adds the plan limits. */
export type Account = Schemas['Account'] & Partial<Pick<Schemas['AccountWithLimits'], 'limits' | 'role' | 'memberId' | 'userEmail'>>;
export type ApiKey = Schemas['ApiKey'];
export type ApiKeyList = Schemas['ApiKeyList'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type SignupResult = Schemas['SignupResult'];
export type LoginResult = Schemas['LoginResult'];

export type Profile = Schemas['Profile'];
export type Theme = Profile['theme'];
export const THEMES: Theme[] = ['light', 'dark', 'sunset', 'ocean', 'forest'];

export type Link = Schemas['Link'];
export type LinkPage = Schemas['LinkPage'];
export type Widget = Schemas['Widget'];
export type WidgetList = Schemas['WidgetList'];
export type Subscriber = Schemas['Subscriber'];
export type SubscriberPage = Schemas['SubscriberPage'];
export type Analytics = Schemas['Analytics'];

export type Endpoint = Schemas['Endpoint'];
export type EndpointStatus = Endpoint['status'];
export type EndpointPage = Schemas['EndpointPage'];
export type CreatedEndpoint = Schemas['CreatedEndpoint'];
export type Secret = Schemas['Secret'];
export type TestSend = Schemas['TestSend'];
export type ReplayResult = Schemas['ReplayResult'];

export type Delivery = Schemas['Delivery'];
export type DeliveryStatus = Delivery['status'];
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed', 'quota_exceeded', 'cancelled'];
export type DeliveryPage = Schemas['DeliveryPage'];
export type Attempt = Schemas['Attempt'];
export type DeliveryDetail = Schemas['DeliveryDetail'];

export type Usage = Schemas['Usage'];
export type Integration = Schemas['Integration'];
export type IntegrationPage = Schemas['IntegrationPage'];
export type EventType = Schemas['EventTypeInfo'];
export type EventTypeList = Schemas['EventTypeList'];

export type MobileApp = Schemas['App'];
export type MobileAppWithKey = Schemas['AppWithKey'];
export type MobileAppList = Schemas['AppList'];
export type AppDiagnostics = Schemas['AppDiagnostics'];
// Teams (docs/teams.md)
export type Role = Schemas['Member']['role'];
export type Member = Schemas['Member'];
export type MemberList = Schemas['MemberList'];
export type Invite = Schemas['Invite'];
export type RoleTable = Schemas['RoleTable'];
export type Workspace = Schemas['Workspace'];
export type WorkspaceList = Schemas['WorkspaceList'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditLogPage = Schemas['AuditLogPage'];
export type AcceptedInvite = Schemas['AcceptedInvite'];
export type LeftWorkspace = Schemas['LeftWorkspace'];
