// Handles are the first path segment of public pages (`/{handle}`), so they must never shadow a
// route of the product, now or soon.
export const RESERVED_HANDLES = new Set([
  'api',
  'l',
  'q',
  'dashboard',
  'healthz',
  'metrics',
  'static',
  'assets',
  'public',
  'admin',
  'login',
  'logout',
  'signup',
  'register',
  'settings',
  'account',
  'accounts',
  'webhooks',
  'webhook',
  'docs',
  'help',
  'support',
  'about',
  'terms',
  'privacy',
  'blog',
  'status',
  'favicon.ico',
  'robots.txt',
  'sitemap.xml',
  'www',
  'mail',
  'root',
  'linkwire',
  'app',
  'auth',
  'oauth',
  'new',
  'null',
  'undefined',
  '.well-known',
  'security',
  'pricing',
  'billing',
  'events',
  'qr',
  's',
  'u',
  'p',
]);

export const HANDLE_RULE = '3–30 characters: lowercase letters, digits, "_" or "-", starting with a letter or digit';
const HANDLE_RE = /^[a-z0-9][a-z0-9_-]{2,29}$/;

export function handleProblem(handle: string): string | null {
  if (!HANDLE_RE.test(handle)) return `must be ${HANDLE_RULE}`;
  if (RESERVED_HANDLES.has(handle)) return `"${handle}" is reserved; choose another handle`;
  return null;
}
