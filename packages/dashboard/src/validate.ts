// Client-side form checks (pure; unit-tested). The server validates again and has the last word.

export function checkFilter(text: string): { value: unknown; error: string | null } {
  const t = text.trim();
  if (!t) return { value: null, error: null };
  try {
    const v = JSON.parse(t);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { value: v, error: 'A filter is a JSON object, like {"data.country": {"$eq": "FR"}}.' };
    return { value: v, error: null };
  } catch (err) {
    return { value: undefined, error: `Not valid JSON: ${(err as Error).message}` };
  }
}

export function urlWarning(url: string): string | null {
  const u = url.trim();
  if (!u) return null;
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return 'This is not a complete URL (it needs https:// and a host).';
  }
  if (parsed.protocol === 'http:') return 'Linkwire requires https:// endpoints unless the server runs in dev mode; the server will decide.';
  if (parsed.protocol !== 'https:') return 'Only https:// URLs can receive webhooks.';
  return null;
}
