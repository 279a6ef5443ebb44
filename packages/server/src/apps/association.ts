import type { AppContext } from '../context.js';
import type { AppsTable } from '../db/schema.apps.js';
import type { Tx } from '../db/transaction.js';
import { validationError } from '../http/errors.js';
import { parseApp } from './model.js';

// The association files of PRODUCT.md §11, generated from the apps and their links.
//
// On the instance host, components are the exact paths of each app's links (/l/{slug}, /q/{slug}),
// never "/l/*": every account shares /l/ there, and iOS gives a URL to the FIRST details entry
// whose components match, so a wildcard would hand every account's short links to one app. The
// price is Apple's CDN: a new app link opens the app only once the CDN has re-fetched the file
// (within about a day); until then the click takes the store/interstitial route of
// apps/routing.ts, which still delivers the deep link through a token.
// On a verified custom domain only one account's links live, so its iOS app covers "/*" there
// (PRODUCT.md §11): new links open the app at once, and a web-only link the app receives is
// answered 404 by the app API's open, on which the app opens it in the browser. With several iOS
// apps on one domain a wildcard would again pick one of them, so each keeps its exact paths (the
// domain's own links at /{slug}, the account's domain-less ones at /l/{slug}, both at /q/{slug}).
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

function build(apps: AppsTable[], pathsByApp: Map<string, string[]>): AssociationFiles {
  const details: AppleAppSiteAssociation['applinks']['details'] = [];
  const assetLinks: AssetLinks = [];
  for (const row of apps) {
    const { ios, android } = parseApp(row);
    const paths = pathsByApp.get(row.id) ?? [];
    if (ios && paths.length > 0) details.push({ appIDs: [`${ios.teamId}.${ios.bundleId}`], components: paths.map((p) => ({ '/': p })) });
    if (android)
      assetLinks.push({
        relation: ['delegate_permission/common.handle_all_urls'],
        target: { namespace: 'android_app', package_name: android.packageName, sha256_cert_fingerprints: android.sha256CertFingerprints },
      });
  }
  return { appleAppSiteAssociation: { applinks: { details } }, assetLinks };
}

const addPaths = (map: Map<string, string[]>, appId: string, paths: string[]) => map.set(appId, [...(map.get(appId) ?? []), ...paths]);

/** The instance host's paths of the app links: the domain-less links (a domain's links are not served at /l/ there). */
async function appLinkPaths(db: Tx | AppContext['db'], accountId: string | undefined): Promise<Map<string, string[]>> {
  let q = db.selectFrom('links').select(['appId', 'slug']).where('appId', 'is not', null).where('domainId', 'is', null);
  if (accountId) q = q.where('accountId', '=', accountId);
  const rows = await q.orderBy('slug').execute();
  const map = new Map<string, string[]>();
  for (const r of rows) addPaths(map, r.appId!, [`/l/${r.slug}`, `/q/${r.slug}`]);
  return map;
}

/** A verified custom domain's files: its account's apps, "/*" for a single iOS app, else exact paths (see above). */
async function domainAssociationFiles(db: Tx | AppContext['db'], accountId: string, domainId: string): Promise<AssociationFiles> {
  const apps = await db.selectFrom('apps').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
  const links = await db
    .selectFrom('links')
    .select(['appId', 'slug', 'domainId'])
    .where('accountId', '=', accountId)
    .where('appId', 'is not', null)
    .where((eb) => eb.or([eb('domainId', '=', domainId), eb('domainId', 'is', null)]))
    .orderBy('slug')
    .execute();
  const paths = new Map<string, string[]>();
  for (const l of links) addPaths(paths, l.appId!, l.domainId ? [`/${l.slug}`, `/q/${l.slug}`] : [`/l/${l.slug}`, `/q/${l.slug}`]);
  const iosApps = apps.filter((a) => parseApp(a).ios && paths.has(a.id));
  if (iosApps.length === 1) paths.set(iosApps[0]!.id, ['/*']);
  return build(apps, paths);
}

/** One account's files, optionally with `replaced` in place of (or added to) its stored row: the size check of a create or update. */
export async function accountAssociationFiles(_ctx: AppContext, db: Tx | AppContext['db'], accountId: string, replaced?: AppsTable): Promise<AssociationFiles> {
  const apps = await db.selectFrom('apps').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
  if (replaced) {
    const i = apps.findIndex((a) => a.id === replaced.id);
    if (i >= 0) apps[i] = replaced;
    else apps.push(replaced);
  }
  return build(apps, await appLinkPaths(db, accountId));
}

/**
 * The association files served on `host`. With `accountId` and `domainId` (a verified custom
 * domain: host routing tells apps/routes.ts which) the files list that account's apps for that
 * domain; without them (the instance host, shared by every account) they list every app that has
 * at least one domain-less app link, with its links' exact paths.
 */
export async function associationFiles(
  ctx: AppContext,
  opts: { host: string; accountId?: string; domainId?: string },
  db: Tx | AppContext['db'] = ctx.db,
): Promise<AssociationFiles> {
  if (opts.accountId && opts.domainId) return domainAssociationFiles(db, opts.accountId, opts.domainId);
  if (opts.accountId) return accountAssociationFiles(ctx, db, opts.accountId);
  const paths = await appLinkPaths(db, undefined);
  const ids = [...paths.keys()];
  const apps = ids.length ? await db.selectFrom('apps').selectAll().where('id', 'in', ids).orderBy('id').execute() : [];
  return build(apps, paths);
}

/**
 * Inside the transaction that wrote an app link: the file of the host it is served on (the
 * instance host, shared by every account, or its custom domain) must stay under 128 KB, else a
 * 400 naming `app` and the transaction rolls back. On the instance host each app link adds two
 * exact paths (about 2 × (12 + slug length) bytes), so some 3 000 links fill the file; reading
 * them all costs a few milliseconds, and the limit itself bounds how many there can be.
 */
export async function checkLinkAssociationSize(ctx: AppContext, tx: Tx, accountId: string, domainId: string | null): Promise<void> {
  const files = await associationFiles(ctx, domainId ? { host: '', accountId, domainId } : { host: '' }, tx);
  const bytes = Buffer.byteLength(JSON.stringify(files.appleAppSiteAssociation));
  if (bytes > ASSOCIATION_MAX_BYTES)
    throw validationError([
      {
        field: 'app',
        message: `would make ${domainId ? 'the domain' : "this instance's host"}'s apple-app-site-association ${bytes} bytes, over the ${ASSOCIATION_MAX_BYTES}-byte (128 KB) limit Apple enforces (Universal Links would stop for every link on it)${domainId ? '' : '; serve app links on a custom domain, where one iOS app covers "/*"'}`,
      },
    ]);
}
