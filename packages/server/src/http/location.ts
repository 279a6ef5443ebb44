// What goes in a Location header. A link's URL is stored as its owner typed it, and may hold
// characters an HTTP header cannot carry (https://example.com/日本): node:http refuses those with
// ERR_INVALID_CHAR, which made such a redirect a 500. The URL is sent as the WHATWG URL
// serialisation instead (percent-encoded path and query, punycode host), which is what a browser
// would request for it; a URL of printable ASCII, nearly every one, is sent unchanged.

const NOT_PRINTABLE_ASCII = /[^\x21-\x7e]/;

export function locationOf(url: string): string {
  if (!NOT_PRINTABLE_ASCII.test(url)) return url;
  try {
    return new URL(url).href;
  } catch {
    // Stored URLs were validated as absolute URLs; one that no longer parses is sent encoded as a whole.
    return encodeURI(url);
  }
}
