// Request and response schemas of the domains routes (domains/routes.ts).
import { z } from 'zod';
import { cursorParam, limitParam } from '../http/pagination.js';
import { IsoTime, Page } from '../http/schemas.js';

export { CreateDomainBody, UpdateDomainBody } from './service.js';

export const IdParams = z.strictObject({ id: z.string() });
export const ListQuery = z.strictObject({ cursor: cursorParam, limit: limitParam });

const recordType = z.enum(['TXT', 'CNAME', 'A', 'AAAA']);
const recordPurpose = z.enum(['ownership', 'routing']).describe('ownership: proves you control the zone; routing: sends traffic here');

export const Domain = z
  .object({
    id: z.string(),
    hostname: z.string().describe('normalised: lower case, IDNA (punycode), no trailing dot'),
    purpose: z.enum(['short_links', 'profile', 'both']),
    status: z.enum(['pending', 'verified', 'misconfigured', 'failed']),
    records: z.array(
      z.object({
        type: recordType,
        name: z.string(),
        value: z.string().describe('what to set'),
        purpose: recordPurpose,
        status: z.enum(['ok', 'failed', 'pending']).describe('from the last check; pending: not checked yet'),
        reason: z.string().nullable(),
        found: z.string().nullable().describe('what DNS answered at the last check'),
      }),
    ),
    rootUrl: z.string().nullable().describe('where / goes when the domain does not serve the profile'),
    notFoundUrl: z.string().nullable().describe('where an unknown slug goes (else a 404 page)'),
    verifiedAt: IsoTime.nullable(),
    verifyMethod: z.enum(['dns_txt', 'http']).nullable(),
    lastCheckedAt: IsoTime.nullable(),
    nextCheckAt: IsoTime.nullable().describe('null: no scheduled check (failed)'),
    checkCount: z.number().int(),
    lastReason: z.string().nullable(),
    challengeUrl: z.string().describe('the HTTP fallback for proxied DNS: must answer the TXT value'),
    createdAt: IsoTime,
  })
  .meta({ id: 'Domain' });
export const DomainPage = Page(Domain).meta({ id: 'DomainPage' });

export const DomainCheck = z
  .object({
    id: z.string(),
    at: IsoTime,
    trigger: z.enum(['scheduled', 'manual', 'claim']),
    outcome: z.enum(['pass', 'fail']),
    reason: z.string().nullable().describe('txt_missing, txt_mismatch, cname_missing, cname_wrong_target, a_wrong_ip, proxied, nxdomain, dns_timeout, …'),
    records: z.array(
      z.object({
        type: recordType,
        name: z.string(),
        purpose: recordPurpose,
        expected: z.string(),
        found: z.string().nullable(),
        status: z.enum(['ok', 'failed']),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'DomainCheck' });
export const DomainCheckPage = Page(DomainCheck).meta({ id: 'DomainCheckPage' });
