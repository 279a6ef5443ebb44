import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { type CityResponse, Reader } from 'maxmind';
import type { Config } from '../config.js';

// Country headers set by CDNs and proxies; trusted only when LINKWIRE_TRUST_PROXY=1.
const COUNTRY_HEADERS = ['cf-ipcountry', 'x-vercel-ip-country', 'cloudfront-viewer-country', 'x-country-code'];

/**
 * What geo and visitor description read of a request: a FastifyRequest is one, and so is the
 * redirect fast path's own (web/fast-redirect.ts), which answers before Fastify sees the request.
 */
export interface ClientRequest {
  headers: IncomingHttpHeaders;
  /** The client's address, through trusted proxies when LINKWIRE_TRUST_PROXY=1. */
  ip: string;
  query?: unknown;
}

export function countryFromProxyHeaders(req: ClientRequest): string | null {
  for (const name of COUNTRY_HEADERS) {
    const value = req.headers[name];
    const code = Array.isArray(value) ? value[0] : value;
    // "XX" and "T1" (Tor) are Cloudflare's "unknown" markers.
    if (code && /^[A-Za-z]{2}$/.test(code) && !['XX', 'T1'].includes(code.toUpperCase())) return code.toUpperCase();
  }
  return null;
}

export interface GeoInfo {
  country: string | null;
  city: string | null;
}

export type GeoLookup = (ip: string) => GeoInfo;
export type GeoResolver = (req: ClientRequest) => GeoInfo;

const UNKNOWN: GeoInfo = { country: null, city: null };

/**
 * Opens a MaxMind .mmdb (GeoLite2/GeoIP2 Country or City) once, synchronously, so a wrong
 * LINKWIRE_GEOIP_DB stops the process at start with a clear message instead of silently
 * producing null countries. The whole file is read into memory; lookups never touch the disk.
 */
export function openGeoDatabase(path: string): GeoLookup {
  let reader: Reader<CityResponse>;
  try {
    reader = new Reader<CityResponse>(readFileSync(path));
  } catch (err) {
    throw new Error(`LINKWIRE_GEOIP_DB: cannot open the MaxMind database "${path}": ${(err as Error).message}`, { cause: err });
  }
  return (ip) => {
    let record: CityResponse | null = null;
    try {
      record = reader.get(ip);
    } catch {
      return UNKNOWN;
    }
    if (!record) return UNKNOWN;
    return { country: record.country?.iso_code ?? record.registered_country?.iso_code ?? null, city: record.city?.names?.en ?? null };
  };
}

/**
 * Where a visitor is: the proxy's country header when LINKWIRE_TRUST_PROXY=1 (the CDN knows best),
 * else the MaxMind database when LINKWIRE_GEOIP_DB is set, else unknown.
 */
export function createGeoResolver(config: Pick<Config, 'trustProxy' | 'geoipDb'>): GeoResolver {
  const lookup = config.geoipDb ? openGeoDatabase(config.geoipDb) : null;
  return (req) => {
    if (config.trustProxy) {
      const country = countryFromProxyHeaders(req);
      if (country) return { country, city: lookup ? lookup(req.ip).city : null };
    }
    return lookup ? lookup(req.ip) : UNKNOWN;
  };
}
