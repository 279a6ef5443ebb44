// The reference client of Linkwire's app-side API (PRODUCT.md §11, docs/deep-links.md), for
// JavaScript apps (React Native, Expo) and as the contract native SDKs follow. It only talks HTTP
// with `fetch`; reading the Play install referrer or the clipboard is the app's job (the platform
// modules differ), and the client takes the strings they return.

export interface AppClientOptions {
  /** The Linkwire instance, e.g. "https://lnk.example.com". */
  baseUrl: string;
  /** The app's publishable key (pk_app_…). */
  appKey: string;
  /** The app's own random per-install id (generate a UUID on first launch and keep it); never an advertising id. */
  installId: string;
  platform: 'ios' | 'android';
  appVersion?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** What a link opens in the app. */
export interface DeepLink {
  linkId: string;
  /** The in-app path (the link's app.path), e.g. "/album/7". */
  path: string;
  params: Record<string, string>;
  /** The link's web URL: open it in the browser when the app has no screen for `path`. */
  url: string;
}

export interface DeferredResult {
  matched: boolean;
  reason: 'matched' | 'no_candidate' | 'ambiguous' | 'disabled';
  link: DeepLink | null;
}

/** A failure the app should log or retry (bad key, rate limit, server or network error). */
export class LinkwireAppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'LinkwireAppError';
  }
}

/** The clipboard text the iOS "Get the app" page copies: `lw:` and the token. */
const PASTEBOARD_RE = /^lw:([A-Za-z0-9_-]{16,64})$/;

export interface AppClient {
  /** The app was opened by a URL (Universal Link, App Link, scheme): its deep link, or null when it is not one of this app's links. */
  handleUrl(url: string, opts?: { firstOpen?: boolean }): Promise<DeepLink | null>;
  /** First open on Android: pass the Play install referrer string; null when it carries no Linkwire token or the token is spent. */
  claimInstallReferrer(referrer: string): Promise<DeepLink | null>;
  /** First open on iOS: pass the clipboard text (read after UIPasteControl or detectPatterns); null unless it is a Linkwire token. */
  claimPasteboard(text: string): Promise<DeepLink | null>;
  /** First open with no token: the server answers only when the app enabled probabilistic matching (never on iOS). */
  deferred(): Promise<DeferredResult>;
}

export function configure(options: AppClientOptions): AppClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(route: string, body: Record<string, unknown>, absent: number[] = []): Promise<T | null> {
    let res: Response;
    try {
      res = await doFetch(`${base}/api/v1/sdk/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-linkwire-app-key': options.appKey },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw new LinkwireAppError(0, 'network', `Could not reach ${base}: ${(err as Error).message}`);
    }
    if (res.ok) return (await res.json()) as T;
    const problem = (await res.json().catch(() => ({}))) as { type?: string; detail?: string };
    // 404 (not this app's link or token), 409 (claimed by another install), 410 (expired): no deep link.
    if (absent.includes(res.status)) return null;
    throw new LinkwireAppError(res.status, problem.type ?? 'unknown', problem.detail ?? `HTTP ${res.status}`);
  }

  const claim = (token: string) => call<DeepLink>('claim', { token, installId: options.installId }, [404, 409, 410]);

  return {
    handleUrl: (url, opts = {}) =>
      call<DeepLink>(
        'open',
        {
          url,
          installId: options.installId,
          platform: options.platform,
          firstOpen: opts.firstOpen ?? false,
          ...(options.appVersion ? { appVersion: options.appVersion } : {}),
        },
        [404],
      ),
    async claimInstallReferrer(referrer) {
      const token = new URLSearchParams(referrer).get('lw_token');
      return token ? claim(token) : null;
    },
    async claimPasteboard(text) {
      const match = PASTEBOARD_RE.exec(text.trim());
      return match ? claim(match[1]!) : null;
    },
    async deferred() {
      const res = await call<{ matched: boolean; reason: DeferredResult['reason'] } & Partial<DeepLink>>('deferred', {
        platform: options.platform,
        installId: options.installId,
      });
      const r = res!;
      return {
        matched: r.matched,
        reason: r.reason,
        link: r.matched && r.linkId ? { linkId: r.linkId, path: r.path!, params: r.params ?? {}, url: r.url! } : null,
      };
    },
  };
}
