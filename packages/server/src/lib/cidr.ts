import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface Cidr {
  /** The network address as ipaddr.js prints it, e.g. "10.0.0.0" or "fd00::". */
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * "10.0.0.0/8" or "fd00::/8" → its parts; null for anything else (a bare address, a prefix out of
 * range, IPv4 not in four-part decimal). The one CIDR parser: config.ts validates
 * LINKWIRE_ALLOW_PRIVATE_TARGETS with it and the SSRF guard builds its allow list with it, so the
 * two cannot disagree on what a CIDR means.
 */
export function parseCidr(text: string): Cidr | null {
  const valid = text.includes(':') ? ipaddr.IPv6.isValidCIDR(text) : ipaddr.IPv4.isValidCIDRFourPartDecimal(text);
  if (!valid) return null;
  const [addr, prefix] = ipaddr.parseCIDR(text);
  return { address: addr.toString(), prefix, family: addr.kind() };
}

/** "2001:db8::1" (a zone index allowed, a trailing dotted quad too) → its 16 bytes; null when it is not IPv6. */
export function ipv6Bytes(text: string): Uint8Array | null {
  const zone = text.indexOf('%');
  const ip = zone >= 0 ? text.slice(0, zone) : text;
  if (isIP(ip) !== 6) return null;
  return Uint8Array.from(ipaddr.IPv6.parse(ip).toByteArray());
}
