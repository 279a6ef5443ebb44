import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

// Checks for committed files that a script generates (schema snapshots, docs/events.md, the SDK's
// event types): a stale file fails with the command that regenerates it and a line diff, not with
// two whole files side by side.

/** A line diff of `expected` → `actual`: changed lines with `-`/`+`, two lines of context around them. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Longest common subsequence table, from the end (snapshots are a few hundred lines).
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: { kind: ' ' | '-' | '+'; line: string; at: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++]!, at: j++ });
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', line: a[i++]!, at: j });
    else ops.push({ kind: '+', line: b[j]!, at: j++ });
  }
  const keep = new Set<number>();
  ops.forEach((op, k) => {
    if (op.kind !== ' ') for (let c = k - 2; c <= k + 2; c++) keep.add(c);
  });
  const out: string[] = [];
  let last = -1;
  ops.forEach((op, k) => {
    if (!keep.has(k)) return;
    if (k !== last + 1) out.push(`@@ line ${op.at + 1} @@`);
    out.push(`${op.kind} ${op.line}`);
    last = k;
  });
  return out.join('\n');
}

/** Fails unless the file at `path` equals `fresh`, naming the file, the fix and the changed lines. */
export function assertUpToDate(path: string, fresh: string, message: { what: string; fix: string; sides: string }): void {
  const committed = readFileSync(path, 'utf8');
  if (committed === fresh) return;
  assert.fail(`${message.what} ${relative(REPO_ROOT, path)}.\n${message.fix}\n(${message.sides})\n${lineDiff(committed, fresh)}`);
}
