import { z } from 'zod';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import { httpUrl } from './service.js';

export const THEMES = ['light', 'dark', 'sunset', 'ocean', 'forest'] as const;
export type Theme = (typeof THEMES)[number];

export const UpdateProfileBody = z.strictObject({
  title: z.string({ message: 'must be a string' }).trim().max(100, 'must be at most 100 characters').nullable().optional(),
  bio: z.string({ message: 'must be a string' }).trim().max(500, 'must be at most 500 characters').nullable().optional(),
  avatarUrl: httpUrl.nullable().optional(),
  theme: z.enum(THEMES, { message: `must be one of ${THEMES.join(', ')}` }).optional(),
});

export interface ProfileView {
  handle: string;
  title: string | null;
  bio: string | null;
  avatarUrl: string | null;
  theme: Theme;
  url: string;
}

/** A stored theme as the API and the page show it: one written by a newer version reads as 'light'. */
export function themeOf(stored: string): Theme {
  return (THEMES as readonly string[]).includes(stored) ? (stored as Theme) : 'light';
}

export async function getProfile(ctx: AppContext, accountId: string): Promise<ProfileView> {
  const row = await ctx.db
    .selectFrom('profiles')
    .innerJoin('accounts', 'accounts.id', 'profiles.accountId')
    .select(['accounts.handle', 'profiles.title', 'profiles.bio', 'profiles.avatarUrl', 'profiles.theme'])
    .where('profiles.accountId', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('Profile');
  return { ...row, theme: themeOf(row.theme), url: `${ctx.config.publicUrl}/${row.handle}` };
}

export async function updateProfile(ctx: AppContext, accountId: string, input: z.output<typeof UpdateProfileBody>): Promise<ProfileView> {
  const now = Date.now();
  return inTransaction(ctx.db, async (tx) => {
    const before = await tx
      .selectFrom('profiles')
      .innerJoin('accounts', 'accounts.id', 'profiles.accountId')
      .select(['accounts.handle', 'profiles.title', 'profiles.bio', 'profiles.avatarUrl', 'profiles.theme'])
      .where('profiles.accountId', '=', accountId)
      .executeTakeFirst();
    if (!before) throw notFound('Profile');
    const after = { ...before };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['title', 'bio', 'avatarUrl', 'theme'] as const) {
      const value = input[key];
      if (value === undefined) continue;
      // An empty title or bio clears it.
      const next = value === '' ? null : value;
      if (next !== before[key]) {
        changes[key] = { from: before[key], to: next };
        (after as Record<string, unknown>)[key] = next;
      }
    }
    if (Object.keys(changes).length > 0) {
      await tx
        .updateTable('profiles')
        .set({ title: after.title, bio: after.bio, avatarUrl: after.avatarUrl, theme: after.theme, updatedAt: now })
        .where('accountId', '=', accountId)
        .execute();
      await ctx.outbox.emit(
        tx,
        accountId,
        'profile.updated',
        { profileCode: after.handle, title: after.title, bio: after.bio, avatarUrl: after.avatarUrl, theme: after.theme, changes },
        { now },
      );
    }
    return { ...after, theme: themeOf(after.theme), url: `${ctx.config.publicUrl}/${after.handle}` };
  });
}

/** What the public page /{handle} shows: the profile, its live links in order and its widgets. */
export async function publicProfile(ctx: AppContext, handle: string, now = Date.now()) {
  const profile = await ctx.db
    .selectFrom('accounts')
    .innerJoin('profiles', 'profiles.accountId', 'accounts.id')
    .select(['accounts.id', 'accounts.handle', 'profiles.title', 'profiles.bio', 'profiles.avatarUrl', 'profiles.theme'])
    .where('accounts.handle', '=', handle.toLowerCase())
    .executeTakeFirst();
  if (!profile) return null;
  const [links, widgets] = await Promise.all([
    ctx.db
      .selectFrom('links')
      .select(['slug', 'title', 'type', 'thumbnailUrl'])
      .where('accountId', '=', profile.id)
      .where('expiredAt', 'is', null)
      .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
      .orderBy('position')
      .execute(),
    ctx.db.selectFrom('widgets').select(['id', 'title', 'url']).where('accountId', '=', profile.id).orderBy('id').execute(),
  ]);
  return { ...profile, theme: themeOf(profile.theme), links, widgets };
}
