import type { AppContext } from '../context.js';
import type { DomainsTable } from '../db/schema.domains.js';
import type { Tx } from '../db/transaction.js';
import { validationError } from '../http/errors.js';
import { normaliseHostname } from './hostname.js';

// What links/ needs of domains (a leaf: links/service.ts imports it, and domains/service.ts imports links/).

/** The instance's own hostname (from LINKWIRE_PUBLIC_URL): never a custom domain. */
export function instanceHost(ctx: AppContext): string {
  return new URL(ctx.config.publicUrl).hostname.toLowerCase();
}

/** The account's domain by hostname (for links: `domain` on creation), or a 400 naming the field. */
export async function domainForLink(ctx: AppContext, tx: Tx, accountId: string, hostnameInput: string): Promise<DomainsTable> {
  const normal = normaliseHostname(hostnameInput, instanceHost(ctx));
  const hostname = 'hostname' in normal ? normal.hostname : hostnameInput.toLowerCase();
  const d = await tx
    .selectFrom('domains')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('hostname', '=', hostname)
    .where('releasedAt', 'is', null)
    .executeTakeFirst();
  if (!d) throw validationError([{ field: 'domain', message: `is not one of your domains (add it with POST /api/v1/domains)` }]);
  if (d.purpose === 'profile')
    throw validationError([{ field: 'domain', message: 'serves only the profile (purpose "profile"); short links need "short_links" or "both"' }]);
  return d;
}
