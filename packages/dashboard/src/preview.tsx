import { Icon } from './ui';

/** Live preview of the public profile page in a phone frame. `version` forces a reload. */
export function ProfilePreview({ url, version }: { url: string; version: number }) {
  // ?preview=1 asks the server not to count this as a visit.
  const src = `${url}${url.includes('?') ? '&' : '?'}preview=1&v=${version}`;
  return (
    <aside class="preview" aria-label="Live preview of your public page">
      <div class="preview-head">
        <span class="muted small">Live preview</span>
        <a class="small" href={url} target="_blank" rel="noreferrer">
          Open page <Icon name="external" size={14} />
        </a>
      </div>
      <div class="phone">
        <iframe key={version} src={src} title="Public profile preview" loading="lazy" />
      </div>
    </aside>
  );
}

/** Path of the public page, same-origin so the iframe is allowed by frame-src 'self'. */
export function publicPath(handle: string, url?: string | null): string {
  if (url) {
    try {
      const u = new URL(url, location.origin);
      // The dashboard and public pages are served by the same process: framing the path keeps the
      // iframe same-origin even when LINKWIRE_PUBLIC_URL names another host (localhost vs 127.0.0.1).
      return u.pathname;
    } catch {
      /* fall through */
    }
  }
  return `/${encodeURIComponent(handle)}`;
}
