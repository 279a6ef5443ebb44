import { z } from 'zod';

// Cursor pagination over time-sortable ids: the cursor is the last id of the page, base64url-encoded
// so clients treat it as opaque.

export const limitParam = z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20);
export const cursorParam = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const id = Buffer.from(v, 'base64url').toString('utf8');
    if (!/^[a-z]+_[0-9a-z]{26}$/.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'is not a cursor returned by this API' });
      return z.NEVER;
    }
    return id;
  });

export const encodeCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

/** Fetch limit+1 rows; this trims to `limit` and says whether there is a next page. */
export function page<T extends { id: string }, V>(rows: T[], limit: number, view: (row: T) => V): { data: V[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return { data: slice.map(view), nextCursor: more ? encodeCursor(slice[slice.length - 1]!.id) : null };
}
