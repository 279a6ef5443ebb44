// Server-rendered public pages: one HTML document, inline CSS, no client JavaScript. Themes are
// sets of CSS custom properties, so a theme is data and every page shares one stylesheet.

import type { Theme } from '../links/profile.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

const THEME_VARS: Record<Theme, string> = {
  light:
    '--bg:#f6f7fb;--bg2:#eef0f7;--card:#ffffff;--text:#16181d;--muted:#5b6170;--accent:#4f46e5;--accent-text:#ffffff;--border:#e3e6ee;--head:#16181d;--head-muted:#5b6170',
  dark: '--bg:#0f1115;--bg2:#171a21;--card:#1b1f27;--text:#f2f4f8;--muted:#9aa3b2;--accent:#8b93ff;--accent-text:#0f1115;--border:#2a303b;--head:#f2f4f8;--head-muted:#9aa3b2',
  sunset:
    '--bg:#ff9a62;--bg2:#e0457b;--card:rgba(255,255,255,.92);--text:#2b1020;--muted:#6e3a4d;--accent:#c2185b;--accent-text:#ffffff;--border:rgba(255,255,255,.5);--head:#ffffff;--head-muted:rgba(255,255,255,.85)',
  ocean:
    '--bg:#0f4c81;--bg2:#13a3b5;--card:rgba(255,255,255,.93);--text:#0b2a45;--muted:#3d5a73;--accent:#0f6fb3;--accent-text:#ffffff;--border:rgba(255,255,255,.45);--head:#ffffff;--head-muted:rgba(255,255,255,.8)',
  forest:
    '--bg:#1f3d2b;--bg2:#3f7a4f;--card:#f4f1e8;--text:#1c2a1f;--muted:#51624f;--accent:#2f6b3f;--accent-text:#ffffff;--border:#d9d3c2;--head:#f4f1e8;--head-muted:rgba(244,241,232,.8)',
};

const CSS = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;min-height:100vh;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--text);background:linear-gradient(160deg,var(--bg),var(--bg2));background-attachment:fixed}
main{max-width:560px;margin:0 auto;padding:40px 18px 56px}
header{text-align:center;margin-bottom:28px}
.avatar{width:96px;height:96px;border-radius:50%;object-fit:cover;border:3px solid var(--card);box-shadow:0 4px 18px rgba(0,0,0,.15);background:var(--card)}
.initial{display:inline-flex;align-items:center;justify-content:center;font-size:40px;font-weight:700;color:var(--accent)}
header h1{font-size:1.45rem;margin:14px 0 4px;letter-spacing:-.01em;color:var(--head)}
.handle{color:var(--head-muted);font-size:.9rem;margin:0}
.bio{margin:10px auto 0;max-width:440px;color:var(--head);opacity:.92;white-space:pre-line}
ul{list-style:none;padding:0;margin:0;display:grid;gap:12px}
a.link{display:flex;align-items:center;gap:12px;min-height:58px;padding:10px 16px;border-radius:14px;background:var(--card);color:var(--text);text-decoration:none;font-weight:600;border:1px solid var(--border);box-shadow:0 2px 10px rgba(0,0,0,.06);transition:transform .12s ease,box-shadow .12s ease}
a.link:hover,a.link:focus-visible{transform:translateY(-2px);box-shadow:0 6px 18px rgba(0,0,0,.12);outline:none}
a.link:focus-visible{border-color:var(--accent)}
.thumb{width:40px;height:40px;border-radius:10px;object-fit:cover;flex:none}
.label{flex:1;text-align:center;overflow-wrap:anywhere}
.spacer{width:40px;flex:none}
.product{flex-direction:column;align-items:stretch;text-align:left;padding:14px}
.product .thumb{width:100%;height:auto;aspect-ratio:16/9;border-radius:10px}
.product .row{display:flex;align-items:center;justify-content:space-between;gap:10px;min-height:36px}
.badge{font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.06em;padding:3px 8px;border-radius:999px;background:var(--accent);color:var(--accent-text)}
.widget{padding:18px 16px;border-radius:14px;background:var(--card);border:1px solid var(--border)}
.widget h2{font-size:1.05rem;margin:0 0 10px}
.widget form{display:flex;gap:8px;flex-wrap:wrap}
.widget input{flex:1 1 200px;min-width:0;font:inherit;padding:11px 12px;border-radius:10px;border:1px solid var(--border);background:#fff;color:#16181d}
.widget button{font:inherit;font-weight:700;padding:11px 16px;border-radius:10px;border:0;background:var(--accent);color:var(--accent-text);cursor:pointer}
.widget-link{margin:12px 0 0}.widget-link a{color:inherit;font-weight:600}
.notice{margin:10px 0 0;font-size:.92rem;color:var(--muted)}
.notice.ok{color:var(--accent);font-weight:600}
.empty{text-align:center;color:var(--head-muted)}
footer{margin-top:36px;text-align:center;font-size:.8rem;color:var(--head-muted)}
footer a{color:inherit}
.message{text-align:center;padding-top:18vh}
.message h1{font-size:2rem;margin:0 0 8px}
.message h1{color:var(--head)}.message p{color:var(--head-muted)}`;

function layout(opts: { title: string; theme: Theme; description?: string; body: string; noindex?: boolean }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(opts.title)}</title>${opts.description ? `<meta name="description" content="${e(opts.description)}">` : ''}${opts.noindex ? '<meta name="robots" content="noindex">' : ''}
<meta property="og:title" content="${e(opts.title)}"><meta name="theme-color" content="${THEME_VARS[opts.theme].match(/--bg:([^;]+)/)![1]}">
<style>:root{${THEME_VARS[opts.theme]}}${CSS}</style></head>
<body>${opts.body}</body></html>`;
}

export interface PageLink {
  slug: string;
  title: string;
  type: 'link' | 'product';
  thumbnailUrl: string | null;
}

/** A widget link's text: "More at <host>". */
function linkLabel(url: string): string {
  try {
    return `More at ${new URL(url).host}`;
  } catch {
    return 'More';
  }
}

export interface PageWidget {
  id: string;
  title: string;
  url?: string | null;
}

export interface ProfilePage {
  handle: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: Theme;
  links: PageLink[];
  widgets: PageWidget[];
  /** Set after a form sign-up redirected back: which widget, and how it went. */
  notice?: { widgetId: string; ok: boolean; message: string };
}

export function renderProfile(p: ProfilePage): string {
  const name = p.title || `@${p.handle}`;
  const avatar = p.avatarUrl
    ? `<img class="avatar" src="${e(p.avatarUrl)}" alt="" width="96" height="96">`
    : `<span class="avatar initial" aria-hidden="true">${e(name.replace(/^@/, '').slice(0, 1).toUpperCase())}</span>`;
  const links = p.links.map((l) => {
    // Clicks from this page go through the short link with a marker, so link.click says source "profile".
    const href = `/l/${encodeURIComponent(l.slug)}?src=profile`;
    const thumb = l.thumbnailUrl ? `<img class="thumb" src="${e(l.thumbnailUrl)}" alt="" loading="lazy">` : '';
    if (l.type === 'product') {
      return `<li><a class="link product" href="${href}" rel="noopener">${thumb}<span class="row"><span>${e(l.title)}</span><span class="badge">Shop</span></span></a></li>`;
    }
    return `<li><a class="link" href="${href}" rel="noopener">${thumb || '<span class="spacer"></span>'}<span class="label">${e(l.title)}</span><span class="spacer"></span></a></li>`;
  });
  const widgets = p.widgets.map((w) => {
    const notice = p.notice && p.notice.widgetId === w.id ? `<p class="notice${p.notice.ok ? ' ok' : ''}" role="status">${e(p.notice.message)}</p>` : '';
    return `<li><section class="widget" id="w-${e(w.id)}"><h2>${e(w.title)}</h2>
<form method="post" action="/${e(p.handle)}/subscribe"><input type="hidden" name="widgetId" value="${e(w.id)}">
<input type="email" name="email" required maxlength="254" placeholder="you@example.com" aria-label="Email address" autocomplete="email">
<button type="submit">Subscribe</button></form>${notice}${w.url ? `<p class="widget-link"><a href="/${e(p.handle)}/w/${e(w.id)}" rel="noopener">${e(linkLabel(w.url))}</a></p>` : ''}</section></li>`;
  });
  const items = [...links, ...widgets];
  const body = `<main><header>${avatar}<h1>${e(name)}</h1><p class="handle">@${e(p.handle)}</p>${p.bio ? `<p class="bio">${e(p.bio)}</p>` : ''}</header>
${items.length ? `<ul>${items.join('\n')}</ul>` : '<p class="empty">Nothing here yet.</p>'}
<footer>Made with Linkwire</footer></main>`;
  return layout({ title: name, theme: p.theme, description: p.bio ?? `Links of @${p.handle}`, body });
}

export function renderMessage(opts: { title: string; message: string; theme?: Theme }): string {
  return layout({
    title: opts.title,
    theme: opts.theme ?? 'light',
    noindex: true,
    body: `<main class="message"><h1>${e(opts.title)}</h1><p>${e(opts.message)}</p><footer>Linkwire</footer></main>`,
  });
}
