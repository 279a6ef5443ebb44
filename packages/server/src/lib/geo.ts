import type { FastifyRequest } from 'fastify';

// Country headers set by CDNs and proxies; trusted only when LINKWIRE_TRUST_PROXY=1.
const COUNTRY_HEADERS = ['cf-ipcountry', 'x-vercel-ip-country', 'cloudfront-viewer-country', 'x-country-code'];

export function countryFromProxyHeaders(req: FastifyRequest): string | null {
  for (const name of COUNTRY_HEADERS) {
    const value = req.headers[name];
    const code = Array.isArray(value) ? value[0] : value;
    // "XX" and "T1" (Tor) are Cloudflare's "unknown" markers.
    if (code && /^[A-Za-z]{2}$/.test(code) && !['XX', 'T1'].includes(code.toUpperCase())) return code.toUpperCase();
  }
  return null;
}
