import { Resolver } from 'node:dns/promises';
import type { DomainOptions } from '../config.js';

/**
 * The one way domain checks read DNS. The default asks LINKWIRE_DNS_SERVERS (or the system's
 * resolvers) through node:dns; tests replace `ctx.dns` or point the servers at a loopback server.
 * Failures are node:dns errors whose `code` names them (ENOTFOUND, ENODATA, ETIMEOUT, ESERVFAIL…).
 */
export interface DnsResolver {
  resolveTxt(name: string): Promise<string[][]>;
  resolveCname(name: string): Promise<string[]>;
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
}

export function createDnsResolver(options: Pick<DomainOptions, 'dnsServers' | 'dnsTimeoutMs'>): DnsResolver {
  // tries: 1 — the timeout is the whole budget of a query, not per try; the scheduler retries later.
  const resolver = new Resolver({ timeout: options.dnsTimeoutMs, tries: 1 });
  if (options.dnsServers.length) resolver.setServers(options.dnsServers);
  return {
    resolveTxt: (name) => resolver.resolveTxt(name),
    resolveCname: (name) => resolver.resolveCname(name),
    resolve4: (name) => resolver.resolve4(name),
    resolve6: (name) => resolver.resolve6(name),
  };
}

/** The DNS error code of a failed lookup ('ENOTFOUND', 'ENODATA', 'ETIMEOUT', …), or 'EUNKNOWN'. */
export function dnsErrorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}
