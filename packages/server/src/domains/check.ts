import { request } from 'node:http';
import { judgeAddress, type TargetPolicy } from '../lib/ssrf.js';
import { type DnsResolver, dnsErrorCode } from './dns.js';
import type { ExpectedRecord } from './records.js';

// One check of a domain's records: DNS only, no database. Ownership (the TXT record) and routing
// (CNAME or A/AAAA) are judged separately; when DNS routing fails, the challenge file served through
// whatever proxy is in front (/.well-known/linkwire-challenge/<id>) proves both at once.

export type CheckReason =
  | 'txt_missing'
  | 'txt_mismatch'
  | 'cname_missing'
  | 'cname_wrong_target'
  | 'a_missing'
  | 'a_wrong_ip'
  | 'aaaa_missing'
  | 'aaaa_wrong_ip'
  | 'proxied'
  | 'nxdomain'
  | 'dns_timeout'
  | 'dns_servfail'
  | 'dns_error';

export interface CheckedRecord {
  type: ExpectedRecord['type'];
  name: string;
  purpose: ExpectedRecord['purpose'];
  expected: string;
  /** What DNS answered (records joined with ", "), or null when it answered nothing. */
  found: string | null;
  status: 'ok' | 'failed';
  reason: CheckReason | null;
}

export interface CheckResult {
  outcome: 'pass' | 'fail';
  /** The first failing record's reason (ownership first), or 'proxied' when the HTTP file passed. */
  reason: CheckReason | null;
  /** How ownership was proven when the check passed. */
  method: 'dns_txt' | 'http' | null;
  records: CheckedRecord[];
}

const clean = (name: string) => name.toLowerCase().replace(/\.$/, '');

function lookupReason(err: unknown, missing: CheckReason): CheckReason {
  switch (dnsErrorCode(err)) {
    case 'ENOTFOUND':
      return 'nxdomain';
    case 'ENODATA':
      return missing;
    case 'ETIMEOUT':
      return 'dns_timeout';
    case 'ESERVFAIL':
      return 'dns_servfail';
    default:
      return 'dns_error';
  }
}

async function checkRecord(dns: DnsResolver, record: ExpectedRecord): Promise<CheckedRecord> {
  const base = { type: record.type, name: record.name, purpose: record.purpose, expected: record.value };
  const kind = record.type.toLowerCase() as 'txt' | 'cname' | 'a' | 'aaaa';
  let found: string[];
  try {
    if (record.type === 'TXT') found = (await dns.resolveTxt(record.name)).map((chunks) => chunks.join(''));
    else if (record.type === 'CNAME') found = (await dns.resolveCname(record.name)).map(clean);
    else if (record.type === 'A') found = await dns.resolve4(record.name);
    else found = await dns.resolve6(record.name);
  } catch (err) {
    // An ownership name that does not exist is a TXT record not set yet, not a missing domain.
    const reason = lookupReason(err, `${kind}_missing` as CheckReason);
    return { ...base, found: null, status: 'failed', reason: record.type === 'TXT' && reason === 'nxdomain' ? 'txt_missing' : reason };
  }
  const expected = record.type === 'CNAME' ? clean(record.value) : record.value;
  const shown = found.length ? found.join(', ') : null;
  if (found.includes(expected)) return { ...base, found: shown, status: 'ok', reason: null };
  if (record.type === 'TXT') {
    const ours = found.filter((v) => v.startsWith('lw-verify='));
    return { ...base, found: shown, status: 'failed', reason: ours.length ? 'txt_mismatch' : 'txt_missing' };
  }
  const wrong = record.type === 'CNAME' ? 'cname_wrong_target' : (`${kind}_wrong_ip` as CheckReason);
  return { ...base, found: shown, status: 'failed', reason: found.length ? wrong : (`${kind}_missing` as CheckReason) };
}

export interface CheckDeps {
  dns: DnsResolver;
  targetPolicy: TargetPolicy;
  /** The port the challenge file is fetched on (80 in production). */
  challengePort: number;
}

/** Checks every expected record; falls back to the challenge file over HTTP when DNS routing fails. */
export async function checkDomain(
  deps: CheckDeps,
  domain: { id: string; hostname: string; ownershipToken: string },
  expected: ExpectedRecord[],
): Promise<CheckResult> {
  const records = await Promise.all(expected.map((r) => checkRecord(deps.dns, r)));
  const failed = (purpose: ExpectedRecord['purpose']) => records.find((r) => r.purpose === purpose && r.status === 'failed');
  const ownership = failed('ownership');
  // A/AAAA: one matching address of the configured set is enough to route here.
  const routingRecords = records.filter((r) => r.purpose === 'routing');
  const routingOk =
    routingRecords.length === 0 ||
    routingRecords.every((r) => r.status === 'ok') ||
    (routingRecords[0]!.type !== 'CNAME' && routingRecords.some((r) => r.status === 'ok'));
  if (!ownership && routingOk) return { outcome: 'pass', reason: null, method: 'dns_txt', records };
  if (await challengeFileServed(deps, domain)) return { outcome: 'pass', reason: 'proxied', method: 'http', records };
  const reason = (ownership ?? routingRecords.find((r) => r.status === 'failed'))!.reason;
  return { outcome: 'fail', reason, method: null, records };
}

/**
 * GET http://<hostname>/.well-known/linkwire-challenge/<id> at the address our resolver gives for the
 * hostname (never the system's), refused when the address is one the SSRF guard blocks.
 */
async function challengeFileServed(deps: CheckDeps, domain: { id: string; hostname: string; ownershipToken: string }): Promise<boolean> {
  let address: string | undefined;
  try {
    address = (await deps.dns.resolve4(domain.hostname))[0];
  } catch {
    return false;
  }
  if (!address || judgeAddress(deps.targetPolicy, address).blocked) return false;
  return new Promise((resolve) => {
    const req = request(
      { host: address, port: deps.challengePort, path: `/.well-known/linkwire-challenge/${domain.id}`, headers: { host: domain.hostname }, timeout: 5_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 1024) body += chunk;
        });
        res.on('end', () => resolve(res.statusCode === 200 && body.trim() === domain.ownershipToken));
        res.on('error', () => resolve(false));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
