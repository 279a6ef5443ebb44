// Reordering helpers for the links list (pure; unit-tested).

export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * Given the list in its new order, returns the PATCHes needed: each item gets the position that
 * the item at its new index had before (the same set of position values, redistributed), so the
 * server's numbering base is kept. Duplicate positions fall back to 0..n-1. Patches are in
 * ascending target order, which is also correct for servers with "move to index" semantics.
 */
export function reorderPatches<T extends { id: string; position: number }>(ordered: T[]): { id: string; position: number }[] {
  const sorted = ordered.map((l) => l.position).sort((a, b) => a - b);
  const unique = new Set(sorted).size === sorted.length;
  const out: { id: string; position: number }[] = [];
  ordered.forEach((l, i) => {
    const position = unique ? (sorted[i] as number) : i;
    if (l.position !== position) out.push({ id: l.id, position });
  });
  return out;
}
