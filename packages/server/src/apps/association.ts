import type { AppContext } from '../context.js';
import type { AppsTable } from '../db/schema.apps.js';
import type { Tx } from '../db/transaction.js';
import { parseApp } from './model.js';

// The association files of PRODUCT.md §11, generated from the apps and their links.
//
// Components are the exact paths of each app's links (/l/{slug}, /q/{slug}), never "/l/*":
// on the instance host every account shares /l/, and iOS gives a URL to the FIRST details entry
// whose components match, so a wildcard would hand every account's short links to one app. The
// same exact-path rule applies to an account's own domain, so that its web-only links keep
// opening in the browser. The price is Apple's CDN: a new app link opens the app only once the CDN
// has re-fetched the file (within about a day); until then the click takes the store/interstitial
// route of apps/routing.ts, which still delivers the deep link through a token.
// Android's file lists the package and fingerprints only (paths live in the app's manifest).

/** Apple's limit for apple-app-site-association (App Search Programming Guide); Google's is the same order. */
export const ASSOCIATION_MAX_BYTES = 128 * 1024;

export interface AppleAppSiteAssociation {
  applinks: { details: Array<{ appIDs: string[]; components: Array<{ '/': string; comment?: string }> }> };
}
export type AssetLinks = Array<{
  relation: ['delegate_permission/common.handle_all_urls'];
  target: { namespace: 'android_app'; package_name: string; sha256_cert_fingerprints: string[] };
}>;
export interface AssociationFiles {
  appleAppSiteAssociation: AppleAppSiteAssociation;
  assetLinks: AssetLinks;
}

function build(apps: AppsTable[], slugsByApp: Map<string, string[]>): AssociationFiles {
  const details: AppleAppSiteAssociation['applinks']['details'] = [];
  const assetLinks: AssetLinks = [];
  for (const row of apps) {
    const { ios, android } = parseApp(row);
    const slugs = slugsByApp.get(row.id) ?? [];
    if (ios && slugs.length > 0)
      details.push({ appIDs: [`${ios.teamId}.${ios.bundleId}`], components: slugs.flatMap((s) => [{ '/': `/l/${s}` }, { '/': `/q/${s}` }]) });
    if (android)
      assetLinks.push({
        relation: ['delegate_permission/common.handle_all_urls'],
        target: { namespace: 'android_app', package_name: android.packageName, sha256_cert_fingerprints: android.sha256CertFingerprints },
      });
  }
  return { appleAppSiteAssociation: { applinks: { details } }, assetLinks };
}

async function appLinkSlugs(db: Tx | AppContext['db'], accountId: string | undefined): Promise<Map<string, string[]>> {
  let q = db.selectFrom('links').select(['appId', 'slug']).where('appId', 'is not', null);
  if (accountId) q = q.where('accountId', '=', accountId);
  const rows = await q.orderBy('slug').execute();
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.appId!, [...(map.get(r.appId!) ?? []), r.slug]);
  return map;
}

/** One account's files, optionally with `replaced` in place of (or added to) its stored row: the size check of a create or update. */
export async function accountAssociationFiles(_ctx: AppContext, db: Tx | AppContext['db'], accountId: string, replaced?: AppsTable): Promise<AssociationFiles> {
  const apps = await db.selectFrom('apps').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
  if (replaced) {
    const i = apps.findIndex((a) => a.id === replaced.id);
    if (i >= 0) apps[i] = replaced;
    else apps.push(replaced);
  }
  return build(apps, await appLinkSlugs(db, accountId));
}

/**
 * The association files served on `host`. With `accountId` (a verified custom domain: host routing
 * passes the domain's account) the files list that account's apps; without it (the instance host,
 * shared by every account) they list every app that has at least one app link, with its links'
 * exact paths. `host` is not used to pick apps today; it is part of the signature so that the
 * custom-domain routing can call this one function for any host.
 */
export async function associationFiles(ctx: AppContext, opts: { host: string; accountId?: string }): Promise<AssociationFiles> {
  if (opts.accountId) return accountAssociationFiles(ctx, ctx.db, opts.accountId);
  const slugs = await appLinkSlugs(ctx.db, undefined);
  const ids = [...slugs.keys()];
  const apps = ids.length ? await ctx.db.selectFrom('apps').selectAll().where('id', 'in', ids).orderBy('id').execute() : [];
  return build(apps, slugs);
}
