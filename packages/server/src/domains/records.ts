import { createHmac } from 'node:crypto';
import type { DomainOptions } from '../config.js';
import { isApex } from './hostname.js';

// The DNS records a user is told to set, and the ownership token they carry.

export const CHALLENGE_LABEL = '_linkwire-challenge';
export const TOKEN_PREFIX = 'lw-verify=';

export type RecordType = 'TXT' | 'CNAME' | 'A' | 'AAAA';

export interface ExpectedRecord {
  type: RecordType;
  name: string;
  value: string;
  /** 'ownership' (proves the account controls the zone) or 'routing' (sends traffic here). */
  purpose: 'ownership' | 'routing';
}

/**
 * The token of (account, hostname): an HMAC under the master key, so it cannot be guessed, and an
 * account that wants a hostname held by another can be told its TXT value before anything is stored.
 */
export function ownershipToken(masterKey: Buffer, accountId: string, hostname: string): string {
  return TOKEN_PREFIX + createHmac('sha256', masterKey).update(`domain-ownership\0${accountId}\0${hostname}`).digest('base64url');
}

/** TXT ownership always; routing: CNAME for a subdomain when a target is configured, else A/AAAA. */
export function expectedRecords(options: Pick<DomainOptions, 'cnameTarget' | 'ipv4' | 'ipv6'>, hostname: string, token: string): ExpectedRecord[] {
  const records: ExpectedRecord[] = [{ type: 'TXT', name: `${CHALLENGE_LABEL}.${hostname}`, value: token, purpose: 'ownership' }];
  const addresses = options.ipv4.length + options.ipv6.length > 0;
  if (options.cnameTarget && (!isApex(hostname) || !addresses)) {
    records.push({ type: 'CNAME', name: hostname, value: options.cnameTarget, purpose: 'routing' });
  } else {
    for (const ip of options.ipv4) records.push({ type: 'A', name: hostname, value: ip, purpose: 'routing' });
    for (const ip of options.ipv6) records.push({ type: 'AAAA', name: hostname, value: ip, purpose: 'routing' });
  }
  return records;
}
