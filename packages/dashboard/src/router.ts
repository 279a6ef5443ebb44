// A 40-line History API router for paths under /dashboard/.
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/dashboard';

export function currentPath(): string {
  const p = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return p === '' ? '/' : p;
}

const listeners = new Set<() => void>();
function emit() {
  for (const fn of listeners) fn();
}
addEventListener('popstate', emit);

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const url = BASE + path;
  if (url === location.pathname + location.search) return;
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  emit();
  scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const fn = () => setPath(currentPath());
    listeners.add(fn);
    return () => void listeners.delete(fn);
  }, []);
  return path;
}

/** `match('/webhooks/:id', '/webhooks/wh_1')` → `{id: 'wh_1'}`, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const seg = a[i] as string;
    const val = b[i] as string;
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
}

/** Click handler for in-app anchors: keeps modifier-clicks (new tab) working. */
export function linkClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.currentTarget as HTMLAnchorElement | null) ?? null;
  const href = a?.getAttribute('href');
  if (!href || !href.startsWith(BASE)) return;
  e.preventDefault();
  navigate(href.slice(BASE.length) || '/');
}
