// Tables of 011_domains (domains/ reads and writes them).

export type DomainPurpose = 'short_links' | 'profile' | 'both';
export type DomainStatus = 'pending' | 'verified' | 'misconfigured' | 'failed';

export interface DomainsTable {
  id: string;
  accountId: string;
  /** Normalised: lower case, IDNA (punycode), no trailing dot, no port. */
  hostname: string;
  purpose: DomainPurpose;
  status: DomainStatus;
  /** `lw-verify=…`: the value of TXT _linkwire-challenge.<hostname>. */
  ownershipToken: string;
  rootUrl: string | null;
  notFoundUrl: string | null;
  verifiedAt: number | null;
  /** 'dns_txt' or 'http' (the challenge file, for proxied DNS). */
  verifyMethod: string | null;
  firstCheckedAt: number | null;
  lastCheckedAt: number | null;
  /** Null: no scheduled check (failed, or released). */
  nextCheckAt: number | null;
  checkCount: number;
  /** Failed checks in a row since the last passing one. */
  consecutiveFailures: number;
  failingSince: number | null;
  lastReason: string | null;
  /** A check in progress holds the domain until then (0: free). */
  leaseUntil: number;
  /** The last "check now" (POST …/verify), for its rate limit. */
  manualCheckAt: number | null;
  /** Set when another account proved ownership: the row stays, the hostname is free again. */
  releasedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface DomainChecksTable {
  id: string;
  domainId: string;
  at: number;
  /** 'scheduled' (the worker) or 'manual' (POST …/verify) or 'claim' (adding a held hostname). */
  trigger: string;
  /** 'pass' or 'fail'. */
  outcome: string;
  reason: string | null;
  /** JSON: [{type, name, expected, found, status, reason}]. */
  records: string;
}

export interface DomainTables {
  domains: DomainsTable;
  domainChecks: DomainChecksTable;
}
