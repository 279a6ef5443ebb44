// Colour scheme: follows the OS (prefers-color-scheme) unless the user picks light or dark.
export type Scheme = 'system' | 'light' | 'dark';
const KEY = 'lw-color-scheme';

export function savedScheme(): Scheme {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function applyScheme(s: Scheme): void {
  const root = document.documentElement;
  if (s === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', s);
  try {
    if (s === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, s);
  } catch {
    /* storage disabled: the choice lasts for this page only */
  }
}

export function nextScheme(s: Scheme): Scheme {
  return s === 'system' ? 'light' : s === 'light' ? 'dark' : 'system';
}
