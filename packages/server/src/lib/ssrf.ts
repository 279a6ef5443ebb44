import { promises as dns } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';
import type { Config } from '../config.js';
import { ipv6Bytes, parseCidr } from './cidr.js';

// The SSRF guard. Two checks, one rule set:
// - checkTargetUrl() when an endpoint is created or its URL changed: a clear 400 for the user;
// - createGuardedLookup()/createGuardedConnector() when the delivery engine connects: DNS can change
//   between the two (rebinding), so the socket dials only addresses checked a microsecond earlier.
//
// Literal IPs are compared as numbers, never as text: WHATWG URL parsing already turns 2130706433,
// 0x7f.1, 0177.0.0.1 and 127.1 into 127.0.0.1, and IPv6 addresses that carry an IPv4 address
// (IPv4-mapped, NAT64, 6to4) are unwrapped here and judged by the IPv4 address they reach.

export interface TargetPolicy {
  /** Dev mode: http:// and loopback targets are allowed. */
  dev: boolean;
  /** LINKWIRE_ALLOW_PRIVATE_TARGETS as a BlockList used as an allow list: always allowed, whatever range they sit in. */
  allowList: BlockList;
}

export type TargetCheck = { ok: true } | { ok: false; reason: string; field?: string };

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Hostname → every address it resolves to. Injectable so tests never need the network. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** Thrown (passed to the lookup callback) when a connection would reach a blocked address. */
export class SsrfBlockedError extends Error {
  readonly code = 'ESSRF';
  constructor(
    readonly address: string,
    readonly range: string,
    readonly hostname?: string,
  ) {
    const via = hostname && hostname !== address ? ` (resolved from ${hostname})` : '';
    super(`Refused to connect to ${address}${via}: ${range} is blocked by the SSRF guard (allow it with LINKWIRE_ALLOW_PRIVATE_TARGETS)`);
    this.name = 'SsrfBlockedError';
  }
}

interface Rule {
  cidr: string;
  label: string;
  list: BlockList;
}

function rule(cidr: string, label: string): Rule {
  const [address, prefix] = cidr.split('/') as [string, string];
  const list = new BlockList();
  list.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return { cidr, label, list };
}

// IANA special-purpose registries (RFC 6890 and successors): nothing a public webhook lives on.
const V4_RULES: Rule[] = [
  rule('0.0.0.0/8', '"this network"'),
  rule('10.0.0.0/8', 'private network'),
  rule('100.64.0.0/10', 'carrier-grade NAT'),
  rule('127.0.0.0/8', 'loopback'),
  rule('169.254.0.0/16', 'link-local (cloud metadata)'),
  rule('172.16.0.0/12', 'private network'),
  rule('192.0.0.0/24', 'IETF protocol assignments'),
  rule('192.0.2.0/24', 'documentation (TEST-NET-1)'),
  rule('192.88.99.0/24', '6to4 relay anycast'),
  rule('192.168.0.0/16', 'private network'),
  rule('198.18.0.0/15', 'benchmarking'),
  rule('198.51.100.0/24', 'documentation (TEST-NET-2)'),
  rule('203.0.113.0/24', 'documentation (TEST-NET-3)'),
  rule('224.0.0.0/4', 'multicast'),
  rule('255.255.255.255/32', 'broadcast'),
  rule('240.0.0.0/4', 'reserved'),
];

// First match wins, so the specific entries come before the ranges that contain them.
const V6_RULES: Rule[] = [
  rule('::/128', 'unspecified'),
  rule('::1/128', 'loopback'),
  rule('::/96', 'IPv4-compatible (deprecated)'),
  rule('64:ff9b:1::/48', 'local-use NAT64'),
  rule('100::/64', 'discard-only'),
  rule('2001:db8::/32', 'documentation'),
  rule('2001::/32', 'Teredo'),
  rule('fc00::/7', 'unique local'),
  rule('fe80::/10', 'link-local'),
  rule('fec0::/10', 'site-local (deprecated)'),
  rule('ff00::/8', 'multicast'),
];

const LOOPBACK = new Set(['127.0.0.0/8', '::1/128']);
const V4_LOOPBACK = V4_RULES.find((r) => r.cidr === '127.0.0.0/8')!;

/** The parts of the configuration the guard depends on. */
export function targetPolicy(config: Pick<Config, 'dev' | 'allowPrivateTargets'>): TargetPolicy {
  const allowList = new BlockList();
  for (const text of config.allowPrivateTargets) {
    const cidr = parseCidr(text);
    if (cidr) allowList.addSubnet(cidr.address, cidr.prefix, cidr.family); // config.ts refuses the rest
  }
  return { dev: config.dev, allowList };
}

const v4At = (b: Uint8Array, i: number) => `${b[i]}.${b[i + 1]}.${b[i + 2]}.${b[i + 3]}`;
const zero = (b: Uint8Array, from: number, to: number) => b.subarray(from, to).every((x) => x === 0);

/**
 * The IPv4 address an IPv6 address delivers to, for the prefixes that embed one:
 * ::ffff:0:0/96 (mapped), ::ffff:0:0:0/96 (SIIT), 64:ff9b::/96 (NAT64), 2002::/16 (6to4).
 */
export function embeddedIpv4(bytes: Uint8Array): { v4: string; via: string } | null {
  if (zero(bytes, 0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return { v4: v4At(bytes, 12), via: 'IPv4-mapped ::ffff:0:0/96' };
  if (zero(bytes, 0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zero(bytes, 10, 12))
    return { v4: v4At(bytes, 12), via: 'IPv4-translated ::ffff:0:0:0/96' };
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zero(bytes, 4, 12))
    return { v4: v4At(bytes, 12), via: 'NAT64 64:ff9b::/96' };
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return { v4: v4At(bytes, 2), via: '6to4 2002::/16' };
  return null;
}

interface Verdict {
  blocked: boolean;
  /** e.g. "127.0.0.0/8 (loopback)" or "::ffff:0:0/96 → 10.0.0.0/8 (private network)". */
  range?: string;
}

function allowed(policy: TargetPolicy, address: string, family: 4 | 6): boolean {
  return policy.allowList.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function judgeV4(policy: TargetPolicy, ip: string): Verdict {
  if (allowed(policy, ip, 4)) return { blocked: false };
  const hit = V4_RULES.find((r) => r.list.check(ip, 'ipv4'));
  if (!hit) return { blocked: false };
  if (policy.dev && LOOPBACK.has(hit.cidr)) return { blocked: false };
  return { blocked: true, range: `${hit.cidr} (${hit.label})` };
}

/** Is this literal address one the guard refuses under `policy`? */
export function judgeAddress(policy: TargetPolicy, address: string): Verdict {
  const family = isIP(address);
  if (family === 4) return judgeV4(policy, address);
  const bytes = ipv6Bytes(address);
  if (family !== 6 || !bytes) return { blocked: true, range: 'not an IP address' };
  const ip = address.toLowerCase().split('%')[0]!;
  if (allowed(policy, ip, 6)) return { blocked: false };
  const embedded = embeddedIpv4(bytes);
  if (embedded) {
    const inner = judgeV4(policy, embedded.v4);
    return inner.blocked ? { blocked: true, range: `${embedded.via} carrying ${embedded.v4}, in ${inner.range}` } : { blocked: false };
  }
  const hit = V6_RULES.find((r) => r.list.check(ip, 'ipv6'));
  if (!hit) return { blocked: false };
  if (policy.dev && LOOPBACK.has(hit.cidr)) return { blocked: false };
  return { blocked: true, range: `${hit.cidr} (${hit.label})` };
}

/** Names that are private by definition, whatever they resolve to today. */
function reservedName(host: string): string | null {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost names';
  if (host.endsWith('.local')) return '.local (mDNS) names';
  if (host.endsWith('.internal')) return '.internal names';
  return null;
}

const refuse = (reason: string): TargetCheck => ({ ok: false, reason, field: 'url' });

/**
 * The creation/update-time check of a webhook URL. Resolves the host and checks every address;
 * the connect-time guard repeats the address check, since DNS answers change.
 */
export async function checkTargetUrl(url: string, policy: TargetPolicy, resolve: Resolver = systemResolver): Promise<TargetCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('must be an absolute URL such as https://example.com/webhooks');
  }
  if (parsed.protocol !== 'https:' && !(policy.dev && parsed.protocol === 'http:')) {
    return refuse(policy.dev ? 'must use https:// or http://' : 'must use https:// (http:// is allowed only in dev mode, LINKWIRE_DEV=1)');
  }
  if (parsed.username || parsed.password) return refuse('must not contain credentials (user:password@); send them with custom headers instead');
  // URL keeps IPv6 hosts in brackets and a trailing dot on names; neither changes where we connect.
  const host = parsed.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (!host) return refuse('must have a host');

  if (isIP(host)) {
    const verdict = judgeAddress(policy, host);
    return verdict.blocked ? refuse(`points at ${host}, in ${verdict.range}, which webhooks may not reach`) : { ok: true };
  }

  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return refuse(`host "${host}" does not resolve (${code})`);
  }
  if (addresses.length === 0) return refuse(`host "${host}" does not resolve`);
  const named = reservedName(host);
  for (const { address } of addresses) {
    const verdict = judgeAddress(policy, address);
    if (verdict.blocked) return refuse(`host "${host}" resolves to ${address}, in ${verdict.range}, which webhooks may not reach`);
  }
  // A reserved name is accepted only when every address it has is explicitly allowed (dev-mode
  // loopback or LINKWIRE_ALLOW_PRIVATE_TARGETS); otherwise it is refused even if it resolves to a
  // public address today, because such names are meant to stay inside a network.
  if (named && !addresses.every(({ address }) => isExplicitlyAllowed(policy, address))) {
    return refuse(`${named} are private and cannot be webhook targets`);
  }
  return { ok: true };
}

function isExplicitlyAllowed(policy: TargetPolicy, address: string): boolean {
  const family = isIP(address) as 4 | 6;
  if (allowed(policy, address, family)) return true;
  if (!policy.dev) return false;
  const bytes = family === 6 ? ipv6Bytes(address) : null;
  const v4 = family === 4 ? address : bytes ? embeddedIpv4(bytes)?.v4 : undefined;
  if (v4) return V4_LOOPBACK.list.check(v4, 'ipv4');
  return address === '::1';
}

/**
 * A `net.LookupFunction` for undici's `connect: { lookup }`: resolves, checks every address and
 * fails with SsrfBlockedError (code ESSRF) if any is blocked, so the socket only ever dials
 * addresses that were checked. Literal IPs skip DNS. Honours `options.all`.
 */
export function createGuardedLookup(policy: TargetPolicy, resolve: Resolver = systemResolver): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number | string } | number | undefined, callback: (...args: unknown[]) => void) => {
    const all = typeof options === 'object' && options !== null && options.all === true;
    const wanted =
      typeof options === 'number' ? options : typeof options === 'object' && options !== null ? Number(String(options.family ?? 0).replace('IPv', '')) : 0;
    const host = hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host);
    const addressesPromise: Promise<ResolvedAddress[]> = literal ? Promise.resolve([{ address: host, family: literal }]) : resolve(host);
    addressesPromise.then(
      (resolved) => {
        const addresses = wanted === 4 || wanted === 6 ? resolved.filter((a) => a.family === wanted) : resolved;
        if (addresses.length === 0) {
          const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', hostname: host });
          return callback(err);
        }
        for (const { address } of addresses) {
          const verdict = judgeAddress(policy, address);
          if (verdict.blocked) return callback(new SsrfBlockedError(address, verdict.range ?? 'blocked range', host));
        }
        if (all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (err: unknown) => callback(err),
    );
  }) as LookupFunction;
}

/**
 * An undici `connect` function that applies the guard to every connection: Node's net.connect
 * never calls `lookup` for a literal IP host, so literal IPs are judged here, and hostnames go
 * through createGuardedLookup. Use as `new Agent({ connect: createGuardedConnector(policy, {timeout}) })`.
 */
export function createGuardedConnector(
  policy: TargetPolicy,
  options: buildConnector.BuildOptions = {},
  resolve: Resolver = systemResolver,
): buildConnector.connector {
  const base = buildConnector({ ...options, lookup: createGuardedLookup(policy, resolve) } as buildConnector.BuildOptions);
  return (opts, callback) => {
    const host = opts.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const verdict = judgeAddress(policy, host);
      if (verdict.blocked) {
        callback(new SsrfBlockedError(host, verdict.range ?? 'blocked range'), null);
        return;
      }
    }
    base(opts, callback);
  };
}
