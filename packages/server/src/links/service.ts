import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import type { EventData } from '../events/catalog.js';
import { conflict, notFound, validationError } from '../http/errors.js';
import { newId } from '../lib/ids.js';
import { domainForLink } from '../domains/for-link.js';
import { forgetLink, forgetSlug } from './lookup.js';
import { checkLinkAssociationSize } from '../apps/association.js';
import type { LinksTable, LinkType } from '../db/schema.links.js';

// Links: CRUD with positions kept dense (0..n-1 per account), instance-wide unique slugs, and an
// event in the same transaction as every change (link.created / link.updated / link.deleted).

export const SLUG_RULE = '3–64 characters: letters, digits, "_" or "-"';
/** The slugs a link can have; the routes that map a path onto a slug test it too (web/fast-redirect.ts, domains/routing.ts). */
export const SLUG_RE = /^[A-Za-z0-9_-]{3,64}$/;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 62^7 ≈ 3.5e12 slugs: a collision is rare enough that a few retries always find a free one.
const GENERATED_SLUG_LENGTH = 7;

export function generateSlug(): string {
  let slug = '';
  for (let i = 0; i < GENERATED_SLUG_LENGTH; i++) slug += BASE62[randomInt(62)];
  return slug;
}

/** http(s) only: a javascript: or data: URL on a public page would run in the visitor's browser. */
export const httpUrl = z
  .string({ message: 'must be a string' })
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
      } catch {
        return false;
      }
    },
    { message: 'must be an absolute http:// or https:// URL' },
  );

const slugField = z.string({ message: 'must be a string' }).regex(SLUG_RE, `must be ${SLUG_RULE}`);
const isoTime = z.iso.datetime({ message: 'must be an ISO 8601 time such as 2026-03-31T23:59:00Z', offset: true });

export const LinkFields = {
  url: httpUrl,
  title: z.string({ message: 'must be a string' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  type: z.enum(['link', 'product'], { message: 'must be "link" or "product"' }),
  slug: slugField,
  position: z.number({ message: 'must be a number' }).int('must be an integer').min(0, 'must be 0 or more'),
  thumbnailUrl: httpUrl.nullable(),
  expiresAt: isoTime.nullable(),
  app: z
    .strictObject({
      appId: z.string({ message: 'must be a string' }),
      path: z
        .string({ message: 'must be a string' })
        .trim()
        .max(500, 'must be at most 500 characters')
        .regex(/^\//, 'must be an in-app path starting with "/"'),
      // At most 50 keys of 1–100 characters: the params ride in every token, payload and event.
      params: z
        .record(z.string(), z.string({ message: 'must be a string' }).max(500, 'must be at most 500 characters'), { message: 'must be an object of strings' })
        .refine((p) => Object.keys(p).length <= 50, { message: 'must have at most 50 parameters' })
        .refine((p) => Object.keys(p).every((k) => k.length >= 1 && k.length <= 100), { message: 'keys must be 1 to 100 characters' })
        .optional(),
      forceWeb: z.boolean({ message: 'must be true or false' }).optional(),
    })
    .nullable(),
};

export const CreateLinkBody = z.strictObject({
  url: LinkFields.url,
  title: LinkFields.title,
  type: LinkFields.type.optional(),
  slug: LinkFields.slug.optional(),
  position: LinkFields.position.optional(),
  thumbnailUrl: LinkFields.thumbnailUrl.optional(),
  expiresAt: LinkFields.expiresAt.optional(),
  app: LinkFields.app.optional(),
  domain: z.string({ message: 'must be a string' }).optional().describe('a custom domain of yours (hostname): the link is served at https://<domain>/<slug>'),
});
export const UpdateLinkBody = CreateLinkBody.omit({ domain: true }).partial();
export type CreateLinkInput = z.output<typeof CreateLinkBody>;
export type UpdateLinkInput = z.output<typeof UpdateLinkBody>;

export interface LinkView {
  id: string;
  slug: string;
  url: string;
  title: string;
  type: LinkType;
  position: number;
  thumbnailUrl: string | null;
  expiresAt: string | null;
  shortUrl: string;
  qrUrl: string;
  /** The custom domain the link lives on, or null (the instance's /l/{slug}). */
  domain: string | null;
  clicks: number;
  createdAt: string;
  updatedAt: string;
  app: LinkApp | null;
}

export interface LinkApp {
  appId: string;
  path: string;
  params: Record<string, string>;
  forceWeb: boolean;
}

export const linkAppOf = (l: Pick<LinksTable, 'appId' | 'appPath' | 'appParams' | 'appForceWeb'>): LinkApp | null =>
  l.appId ? { appId: l.appId, path: l.appPath ?? '/', params: l.appParams ? JSON.parse(l.appParams) : {}, forceWeb: l.appForceWeb === 1 } : null;

/** The columns of a link's app settings, after checking that the app is one of the account's. */
async function appColumns(tx: Tx, accountId: string, app: CreateLinkInput['app']) {
  if (!app) return { appId: null, appPath: null, appParams: null, appForceWeb: null };
  const found = await tx.selectFrom('apps').select('id').where('id', '=', app.appId).where('accountId', '=', accountId).executeTakeFirst();
  if (!found) throw validationError([{ field: 'app.appId', message: `no app with id "${app.appId}" exists in this account` }]);
  return { appId: app.appId, appPath: app.path, appParams: JSON.stringify(app.params ?? {}), appForceWeb: app.forceWeb ? 1 : 0 };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// A link on a custom domain is /{slug} there (and /q/{slug} for its QR code), same scheme as the instance.
const domainOrigin = (ctx: AppContext, domainId: string | null | undefined) => {
  const hostname = domainId ? ctx.hosts.hostnameOf(domainId) : undefined;
  return hostname ? `${new URL(ctx.config.publicUrl).protocol}//${hostname}` : null;
};
export const shortUrlOf = (ctx: AppContext, slug: string, domainId?: string | null) => {
  const origin = domainOrigin(ctx, domainId);
  return origin ? `${origin}/${slug}` : `${ctx.config.publicUrl}/l/${slug}`;
};
export const qrUrlOf = (ctx: AppContext, slug: string, domainId?: string | null) => `${domainOrigin(ctx, domainId) ?? ctx.config.publicUrl}/q/${slug}`;

export function toLinkView(ctx: AppContext, l: LinksTable): LinkView {
  return {
    id: l.id,
    slug: l.slug,
    url: l.url,
    title: l.title,
    type: l.type,
    position: l.position,
    thumbnailUrl: l.thumbnailUrl,
    expiresAt: iso(l.expiresAt),
    shortUrl: shortUrlOf(ctx, l.slug, l.domainId),
    qrUrl: qrUrlOf(ctx, l.slug, l.domainId),
    domain: l.domainId ? (ctx.hosts.hostnameOf(l.domainId) ?? null) : null,
    clicks: Number(l.clicks),
    createdAt: iso(l.createdAt)!,
    updatedAt: iso(l.updatedAt)!,
    app: linkAppOf(l),
  };
}

function linkEventData(ctx: AppContext, l: LinksTable): EventData<'link.created'> {
  return {
    linkId: l.id,
    title: l.title,
    url: l.url,
    position: l.position,
    thumbnailUrl: l.thumbnailUrl,
    type: l.type,
    slug: l.slug,
    shortUrl: shortUrlOf(ctx, l.slug, l.domainId),
    expiresAt: iso(l.expiresAt),
  };
}

// Slugs are unique per domain (015_slugs_per_domain): among the domain-less links, or on one domain.
async function slugTaken(tx: Tx, slug: string, domainId: string | null): Promise<boolean> {
  const q = tx.selectFrom('links').select('id').where('slug', '=', slug);
  return !!(await q.where('domainId', domainId === null ? 'is' : '=', domainId).executeTakeFirst());
}

const slugConflict = (slug: string, hostname: string | null) =>
  conflict(
    `The slug "${slug}" is already taken ${hostname ? `on ${hostname}` : 'on this instance (/l/)'}; choose another or omit it to get a generated one.`,
    'slug',
  );

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(String(e?.message));
}

/**
 * Moves positions so that the account's links stay 0..n-1, and emits link.updated (changes:
 * position) for every link whose position moved as a consequence: a receiver mirroring the page
 * stays in order without re-reading it.
 */
async function renumber(ctx: AppContext, tx: Tx, accountId: string, order: LinksTable[], now: number, skipId?: string): Promise<void> {
  for (let i = 0; i < order.length; i++) {
    const link = order[i]!;
    if (link.position === i) continue;
    const from = link.position;
    await tx.updateTable('links').set({ position: i, updatedAt: now }).where('id', '=', link.id).execute();
    link.position = i;
    link.updatedAt = now;
    if (link.id !== skipId)
      await ctx.outbox.emit(tx, accountId, 'link.updated', { ...linkEventData(ctx, link), changes: { position: { from, to: i } } }, { now });
  }
}

async function accountLinks(tx: Tx, accountId: string): Promise<LinksTable[]> {
  return tx.selectFrom('links').selectAll().where('accountId', '=', accountId).orderBy('position').orderBy('id').execute();
}

export async function createLink(ctx: AppContext, accountId: string, input: CreateLinkInput): Promise<LinkView> {
  const now = Date.now();
  // The link's domain, for the slug's cache entry and the conflict's wording.
  let domainId: string | null = null;
  let conflictHost: string | null = null;
  try {
    const view = await inTransaction(ctx.db, async (tx) => {
      const domain = input.domain === undefined ? null : await domainForLink(ctx, tx, accountId, input.domain);
      domainId = domain?.id ?? null;
      conflictHost = domain?.hostname ?? null;
      let slug = input.slug;
      if (slug) {
        if (await slugTaken(tx, slug, domainId)) throw slugConflict(slug, conflictHost);
      } else {
        do slug = generateSlug();
        while (await slugTaken(tx, slug, domainId));
      }
      const others = await accountLinks(tx, accountId);
      const position = Math.min(input.position ?? others.length, others.length);
      const link: LinksTable = {
        id: newId('lnk'),
        accountId,
        slug,
        url: input.url,
        title: input.title,
        type: input.type ?? 'link',
        position,
        thumbnailUrl: input.thumbnailUrl ?? null,
        expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
        expiredAt: null,
        clicks: 0,
        createdAt: now,
        updatedAt: now,
        ...(input.app ? await appColumns(tx, accountId, input.app) : {}),
        ...(domain ? { domainId: domain.id } : {}),
      };
      await tx.insertInto('links').values(link).execute();
      if (link.appId) await checkLinkAssociationSize(ctx, tx, accountId, link.domainId ?? null);
      await ctx.outbox.emit(tx, accountId, 'link.created', linkEventData(ctx, link), { now });
      const order = [...others];
      order.splice(position, 0, link);
      await renumber(ctx, tx, accountId, order, now, link.id);
      return toLinkView(ctx, link);
    });
    forgetSlug(ctx, view.slug, domainId);
    return view;
  } catch (err) {
    // Two concurrent requests for the same free slug: the unique index decides.
    if (input.slug && isUniqueViolation(err)) throw slugConflict(input.slug, conflictHost);
    throw err;
  }
}

export async function getLink(ctx: AppContext, accountId: string, id: string): Promise<LinkView> {
  const link = await ctx.db.selectFrom('links').selectAll().where('id', '=', id).where('accountId', '=', accountId).executeTakeFirst();
  if (!link) throw notFound('Link', id);
  return toLinkView(ctx, link);
}

export async function listLinks(ctx: AppContext, accountId: string, opts: { cursor?: string; limit: number }) {
  // Position order; the cursor is the last link id of the previous page (positions are dense, so
  // the page resumes after that link's position).
  let after = -1;
  if (opts.cursor) {
    const last = await ctx.db.selectFrom('links').select('position').where('id', '=', opts.cursor).where('accountId', '=', accountId).executeTakeFirst();
    if (last) after = last.position;
  }
  const rows = await ctx.db
    .selectFrom('links')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('position', '>', after)
    .orderBy('position')
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
  return rows;
}

export async function updateLink(ctx: AppContext, accountId: string, id: string, input: UpdateLinkInput): Promise<LinkView> {
  const now = Date.now();
  // The link's domain, for the slug's cache entry and the conflict's wording.
  let domainId: string | null = null;
  let conflictHost: string | null = null;
  try {
    const view = await inTransaction(ctx.db, async (tx) => {
      const order = await accountLinks(tx, accountId);
      const index = order.findIndex((l) => l.id === id);
      if (index < 0) throw notFound('Link', id);
      const before = order[index]!;
      domainId = before.domainId ?? null;
      conflictHost = domainId ? (ctx.hosts.hostnameOf(domainId) ?? null) : null;
      const after: LinksTable = { ...before };
      if (input.url !== undefined) after.url = input.url;
      if (input.title !== undefined) after.title = input.title;
      if (input.type !== undefined) after.type = input.type;
      if (input.thumbnailUrl !== undefined) after.thumbnailUrl = input.thumbnailUrl;
      if (input.expiresAt !== undefined) {
        after.expiresAt = input.expiresAt === null ? null : Date.parse(input.expiresAt);
        // A new expiry re-arms the scheduler (and an expired link becomes live again).
        if (after.expiresAt !== before.expiresAt) after.expiredAt = null;
      }
      if (input.slug !== undefined && input.slug !== before.slug) {
        if (await slugTaken(tx, input.slug, domainId)) throw slugConflict(input.slug, conflictHost);
        after.slug = input.slug;
      }
      if (input.position !== undefined) after.position = Math.min(input.position, order.length - 1);
      if (input.app !== undefined) Object.assign(after, await appColumns(tx, accountId, input.app));

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ['url', 'title', 'type', 'slug', 'position', 'thumbnailUrl', 'expiresAt'] as const) {
        if (before[key] !== after[key]) {
          changes[key] = key === 'expiresAt' ? { from: iso(before.expiresAt), to: iso(after.expiresAt) } : { from: before[key], to: after[key] };
        }
      }
      const appBefore = linkAppOf(before);
      const appAfter = linkAppOf(after);
      if (JSON.stringify(appBefore) !== JSON.stringify(appAfter)) changes.app = { from: appBefore, to: appAfter };
      if (Object.keys(changes).length === 0) return toLinkView(ctx, before);
      after.updatedAt = now;
      await tx
        .updateTable('links')
        .set({
          url: after.url,
          title: after.title,
          type: after.type,
          slug: after.slug,
          position: after.position,
          thumbnailUrl: after.thumbnailUrl,
          expiresAt: after.expiresAt,
          expiredAt: after.expiredAt,
          updatedAt: now,
          ...(changes.app
            ? { appId: after.appId ?? null, appPath: after.appPath ?? null, appParams: after.appParams ?? null, appForceWeb: after.appForceWeb ?? null }
            : {}),
        })
        .where('id', '=', id)
        .execute();
      // A new app link, or an app link's new slug, adds paths to its host's association file.
      if (after.appId && (changes.app || changes.slug)) await checkLinkAssociationSize(ctx, tx, accountId, domainId);
      await ctx.outbox.emit(tx, accountId, 'link.updated', { ...linkEventData(ctx, after), changes }, { now });
      if (changes.position) {
        const rest = order.filter((l) => l.id !== id);
        rest.splice(after.position, 0, after);
        // `after` already sits at its new position; renumber only moves (and announces) the others.
        await renumber(ctx, tx, accountId, rest, now, id);
      }
      return toLinkView(ctx, after);
    });
    forgetSlug(ctx, view.slug, domainId);
    return view;
  } catch (err) {
    if (input.slug && isUniqueViolation(err)) throw slugConflict(input.slug, conflictHost);
    throw err;
  } finally {
    // The old slug may have been renamed away or the URL changed: drop any cached resolution.
    forgetLink(ctx, id);
  }
}

export async function deleteLink(ctx: AppContext, accountId: string, id: string): Promise<void> {
  const now = Date.now();
  await inTransaction(ctx.db, async (tx) => {
    const order = await accountLinks(tx, accountId);
    const link = order.find((l) => l.id === id);
    if (!link) throw notFound('Link', id);
    await tx.deleteFrom('links').where('id', '=', id).execute();
    await ctx.outbox.emit(tx, accountId, 'link.deleted', { linkId: id, slug: link.slug, title: link.title, deletedAt: iso(now)! }, { now });
    await renumber(
      ctx,
      tx,
      accountId,
      order.filter((l) => l.id !== id),
      now,
    );
  });
  forgetLink(ctx, id);
}
