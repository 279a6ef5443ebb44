// Text helpers the renderers share: make user text well-formed and printable, and cut it to a
// service's limit without splitting a character.

/** Control characters (but tab and newline) and lone surrogates out: they render as garbage, and
 * JSON escapes each control character to 6 bytes, which would defeat the byte budgets. */
export function clean(text: string): string {
  return wellFormed(text).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

/**
 * At most `max` UTF-16 code units (what JavaScript's and the services' length limits count; a code
 * point never counts for more than its units, so this is within a code-point limit too), ending in
 * "…" when cut, never in half a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // a high surrogate would lose its pair
  return `${text.slice(0, end)}…`;
}

/** Whether the JSON of `value` fits in `maxBytes` of UTF-8. */
export function fitsBytes(value: unknown, maxBytes: number): boolean {
  return Buffer.byteLength(JSON.stringify(value)) <= maxBytes;
}

/** String.prototype.toWellFormed (Node 20+, not in this TypeScript lib): lone surrogates → U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
