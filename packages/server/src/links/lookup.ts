import type { AppContext } from '../context.js';

/** What a redirect needs about a link, with its owner's handle (the events' profileCode). */
export interface RedirectTarget {
  id: string;
  accountId: string;
  handle: string;
  slug: string;
  url: string;
  title: string;
  /** 'widget' for a widget's link (links/widgets.ts, widgetTarget()). */
  type: 'link' | 'product' | 'widget';
  expiresAt: number | null;
  expiredAt: number | null;
  /** The link's app settings (apps/routing.ts); appId is null for a web-only link. */
  appId?: string | null;
  appPath?: string | null;
  appParams?: string | null;
  appForceWeb?: number | null;
  /** The custom domain the link lives on (011_domains), or null. */
  domainId?: string | null;
}

// A tiny per-process cache of (domain, slug) → link for the redirect hot path. Without it every
// click costs one SELECT before it joins its batch; with it a hot short link costs none. Edits made
// through this process drop the entry at once (forgetLink). With several api processes on
// PostgreSQL an edit made elsewhere is seen here within TTL_MS: a redirect may follow the old URL
// for at most one second after an edit, which is the accepted staleness (expiry is re-checked
// against expiresAt on every hit, so an expired link never redirects).
const TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  target: RedirectTarget | null;
  at: number;
}

/** The per-process cache of redirect targets (`ctx.links`), keyed by slugKey(). */
export class LinkCache {
  readonly bySlug = new Map<string, Entry>();
  readonly slugById = new Map<string, string>();
}

function cacheOf(ctx: AppContext): LinkCache {
  return ctx.links;
}

// Slugs are unique per domain (015_slugs_per_domain): the instance's links are the domain-less ones.
const slugKey = (slug: string, domainId: string | null) => `${domainId ?? ''}/${slug}`;

/**
 * The link at `slug` on the custom domain `domainId`, or, with domainId null, among the links
 * without a domain (the instance's /l/{slug}).
 */
export async function findRedirectTarget(ctx: AppContext, slug: string, now = Date.now(), domainId: string | null = null): Promise<RedirectTarget | null> {
  const cached = cachedRedirectTarget(ctx, slug, now, domainId);
  if (cached !== undefined) return cached;
  const cache = cacheOf(ctx);
  const key = slugKey(slug, domainId);
  const row = await ctx.db
    .selectFrom('links')
    .innerJoin('accounts', 'accounts.id', 'links.accountId')
    .select([
      'links.id',
      'links.accountId',
      'accounts.handle',
      'links.slug',
      'links.url',
      'links.title',
      'links.type',
      'links.expiresAt',
      'links.expiredAt',
      'links.appId',
      'links.appPath',
      'links.appParams',
      'links.appForceWeb',
      'links.domainId',
    ])
    .where('links.slug', '=', slug)
    .where('links.domainId', domainId === null ? 'is' : '=', domainId)
    .executeTakeFirst();
  const target: RedirectTarget | null = row ?? null;
  if (cache.bySlug.size >= MAX_ENTRIES) {
    cache.bySlug.clear();
    cache.slugById.clear();
  }
  cache.bySlug.set(key, { target, at: now });
  if (target) cache.slugById.set(target.id, key);
  return target;
}

/**
 * What the cache knows of `slug` without a query: the target, null for a known "no such link", or
 * undefined when it has no fresh entry (then findRedirectTarget() asks the database).
 */
export function cachedRedirectTarget(
  ctx: Pick<AppContext, 'links'>,
  slug: string,
  now: number,
  domainId: string | null = null,
): RedirectTarget | null | undefined {
  const hit = ctx.links.bySlug.get(slugKey(slug, domainId));
  return hit && now - hit.at < TTL_MS ? hit.target : undefined;
}

/** Drops a link from this process's cache after it was edited or deleted here. */
export function forgetLink(ctx: AppContext, linkId: string): void {
  const cache = cacheOf(ctx);
  const key = cache.slugById.get(linkId);
  if (key !== undefined) {
    cache.bySlug.delete(key);
    cache.slugById.delete(linkId);
  }
}

/** A newly created or renamed slug must not be answered from a cached "no such link". */
export function forgetSlug(ctx: AppContext, slug: string, domainId: string | null = null): void {
  cacheOf(ctx).bySlug.delete(slugKey(slug, domainId));
}

export function isExpired(target: Pick<RedirectTarget, 'expiresAt' | 'expiredAt'>, now = Date.now()): boolean {
  return target.expiredAt !== null || (target.expiresAt !== null && target.expiresAt <= now);
}
