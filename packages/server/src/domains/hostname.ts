import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

// Hostname normalisation (PRODUCT.md §10): what a user types becomes the one form stored, compared
// and looked up on every request — lower case, IDNA to punycode, no trailing dot, no port.

export type HostnameProblem = { rule: string };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The normalised hostname, or the rule it breaks. `instanceHost` is the instance's own (refused). */
export function normaliseHostname(input: string, instanceHost: string): { hostname: string } | HostnameProblem {
  let text = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { rule: 'must be a hostname such as go.example.com, without a scheme or path' };
  if (/[/?#@\s]/.test(text)) return { rule: 'must be a hostname such as go.example.com, without a scheme or path' };
  if (text.startsWith('[') || isIP(text) || isIP(text.replace(/:\d+$/, ''))) return { rule: 'must be a hostname, not an IP address' };
  text = text.replace(/:\d+$/, '').replace(/\.$/, '');
  const ascii = domainToASCII(text);
  if (!ascii) return { rule: 'must be a valid hostname (letters, digits and "-" in dot-separated labels)' };
  const hostname = ascii.toLowerCase();
  if (isIP(hostname)) return { rule: 'must be a hostname, not an IP address' };
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) return { rule: 'must not be localhost' };
  const labels = hostname.split('.');
  if (hostname.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l)))
    return { rule: 'must be a fully qualified hostname such as go.example.com' };
  if (/^\d+$/.test(labels.at(-1)!)) return { rule: 'must be a hostname, not an IP address' };
  if (hostname === instanceHost) return { rule: "must not be this instance's own host" };
  return { hostname };
}

/** A Host header (or X-Forwarded-Host) as the host cache keys it: lower case, no port, no trailing dot. */
export function hostOfHeader(header: string | undefined): string {
  if (!header) return '';
  let host = header.split(',')[0]!.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  host = host.replace(/:\d+$/, '');
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** An apex (two labels, e.g. brand.com) cannot hold a CNAME: it is asked for A/AAAA records instead. */
export function isApex(hostname: string): boolean {
  return hostname.split('.').length === 2;
}
