import { type Compilable, CompiledQuery, type Kysely, type QueryResult, SqliteAdapter } from 'kysely';

// Hot statements built with Kysely once, then re-run as SQL text.
//
// Building and compiling Kysely's operation tree (freeze, transformNodeImpl, visitNode, the
// CamelCasePlugin's snake-casing) cost 10–16 % of busy time on the delivery drain and the click
// path, for statements whose text never changes: only their parameters do. Measured with
// bench/micro/sql-hot-paths.ts (SQLite, 4 before/after pairs, CPU µs): drain 43–64 → 33–47 per
// delivery (claims of 256), 141–202 → 114–137 (claims of 8); emitMany 434–588 → 268–369 per event
// (1 per transaction), 53–81 → 46–60 (64 per transaction). runCompiled() builds a
// statement once per database adapter and key, keeps its SQL text, and afterwards runs
// CompiledQuery.raw(text, params). Results still go through the plugins' transformResult (Kysely's
// executor applies it to every query, raw or built), so rows keep their camelCase property names.
//
// Rules for callers:
// - Everything that varies between calls goes in `params`, in the order the compiled statement
//   has them; the key names everything else that shapes the text (chunk size, optional clauses).
//   The first compile checks that the parameters come out equal to `params`, in that order, so a
//   wrong order or a value Kysely inlined into the text fails loudly at once.
// - Variable-length lists go through fixed chunk sizes (ladderChunks, inListChunks) so that a few
//   texts cover every length; db/index.ts keeps SQLite's prepared statements by text, so few texts
//   also means the statement cache always hits.
//
// Texts are kept per database adapter (one per Kysely instance; its transactions share it), so a
// SQLite and a PostgreSQL database open in the same process (tests) never share texts.

/** A Kysely instance or a transaction. */
export type QueryRunner = Pick<Kysely<any>, 'executeQuery' | 'getExecutor'>;

/** What build() returns: a query builder, or a raw `sql` template compiled with `.compile(db)`. */
export type Buildable<R> = Compilable<R> | CompiledQuery<R>;

/** The usual ladder: 256 rows/ids at most per statement, 5 texts per statement shape. */
export const LADDER = [256, 64, 16, 4, 1] as const;
/**
 * For multi-row VALUES, which cannot be padded: powers of two, so a batch of n rows takes at most
 * log2(n) + 1 statements (27 click events: 16 + 8 + 2 + 1, instead of 16 + 4 + 4 + 1 + 1 + 1 with
 * LADDER). Each statement has a fixed cost (~10 µs through Kysely on SQLite), and click batches
 * under load are 20–40 rows (bench redirects: 4 013 batches, 11 440 events INSERTs with LADDER).
 */
export const VALUES_LADDER = [256, 128, 64, 32, 16, 8, 4, 2, 1] as const;

const textsByAdapter = new WeakMap<object, Map<string, string>>();

/** The SQL text of `key` on this database, if compiled already (tests). */
export function compiledText(db: QueryRunner, key: string): string | undefined {
  return textsByAdapter.get(db.getExecutor().adapter)?.get(key);
}

/**
 * Runs the statement `key` with `params`. The first call on a database runs `build()` and checks
 * that its compiled parameters equal `params`; later calls only bind the new parameters.
 */
export async function runCompiled<R>(db: QueryRunner, key: string, params: unknown[], build: () => Buildable<R>): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(compiledTextFor(db, key, params, build), params));
}

/** The SQL text of `key` on this database, compiled (and its parameters checked) on first use. */
function compiledTextFor(db: QueryRunner, key: string, params: unknown[], build: () => Buildable<unknown>): string {
  const adapter = db.getExecutor().adapter;
  let texts = textsByAdapter.get(adapter);
  if (!texts) {
    texts = new Map();
    textsByAdapter.set(adapter, texts);
  }
  let text = texts.get(key);
  if (text === undefined) {
    const built = build();
    const compiled = 'compile' in built ? built.compile() : built;
    const got = compiled.parameters;
    if (got.length !== params.length || got.some((v, i) => v !== params[i])) {
      throw new Error(
        `compiled statement ${key}: its parameters do not match the ones passed (compiled ${got.length}, passed ${params.length}); ` +
          'pass every value in the order the statement uses them',
      );
    }
    // On PostgreSQL a named prepared statement (db/index.ts); SQLite's are kept by text anyway.
    text = adapter instanceof SqliteAdapter ? compiled.sql : PREPARED + compiled.sql;
    texts.set(key, text);
  }
  return text;
}

/**
 * runCompiled() for hot statements that return many rows: each row comes back as an array of its
 * columns in SELECT/RETURNING order, not as an object. better-sqlite3 builds a row object property
 * by property and the CamelCasePlugin then copies it into another; with arrays neither happens.
 * Measured on the SQLite claim (128 rows of 7 columns, envelope included): 13.5–15.1 µs per row
 * with objects, 9.9 µs with arrays, the statement itself unchanged. On PostgreSQL node-postgres
 * returns arrays too (rowMode 'array', db/index.ts), so callers read one shape on both engines.
 */
export async function runCompiledArrays(
  db: QueryRunner & Pick<Kysely<any>, 'withoutPlugins'>,
  key: string,
  params: unknown[],
  build: () => Buildable<unknown>,
): Promise<unknown[][]> {
  let plain = plainRunners.get(db);
  if (plain === undefined) {
    plain = db.withoutPlugins();
    plainRunners.set(db, plain);
  }
  const text = compiledTextFor(db, key, params, build);
  return (await plain.executeQuery<unknown[]>(CompiledQuery.raw(ARRAY_ROWS + text, params))).rows;
}

/**
 * A statement whose text starts with this comment returns its rows as arrays: the SQLite statement
 * cache (db/index.ts) prepares it in better-sqlite3's raw mode; on PostgreSQL it runs as a named
 * prepared statement with node-postgres's rowMode 'array'.
 */
export const ARRAY_ROWS = '/* rows as arrays */ ';

/** On PostgreSQL, a statement whose text starts with this comment runs as a named prepared statement (db/index.ts). */
export const PREPARED = '/* prepared */ ';

/** Plugin-less twins of the Kysely instances and transactions runCompiledArrays ran on. */
const plainRunners = new WeakMap<object, Kysely<any>>();

/** The chunk size for `remaining` items: the largest ladder size that fits (ladder descending, ending in 1). */
function fitting(ladder: readonly number[], remaining: number): number {
  for (const n of ladder) if (n <= remaining) return n;
  return 1;
}

/**
 * Splits `items` into chunks whose lengths are ladder sizes (largest first), e.g. 257 → 256 + 1
 * with the default ladder. For multi-row VALUES, where every row must appear exactly once.
 */
export function* ladderChunks<T>(items: readonly T[], ladder: readonly number[] = VALUES_LADDER): Generator<T[]> {
  let i = 0;
  while (i < items.length) {
    const size = fitting(ladder, items.length - i);
    yield items.slice(i, i + size);
    i += size;
  }
}

/**
 * Chunks for an `IN (…)` list: chunks of the largest ladder size, and the rest padded up to the
 * smallest ladder size that holds it by repeating its last item (a duplicate in an IN list changes
 * nothing), e.g. 5 → 16 ids, 257 → 256 + 1. Padding instead of splitting keeps any list of up to
 * ladder[0] ids one statement (splitting 255 ids would take 12); the cost is a few more bound
 * parameters.
 */
export function* inListChunks<T>(items: readonly T[], ladder: readonly number[] = LADDER): Generator<T[]> {
  const max = ladder[0]!;
  let i = 0;
  while (i < items.length) {
    const remaining = items.length - i;
    if (remaining >= max) {
      yield items.slice(i, i + max);
      i += max;
      continue;
    }
    let size = max;
    for (const n of ladder) if (n >= remaining) size = n;
    const chunk = items.slice(i);
    const last = chunk[chunk.length - 1]!;
    while (chunk.length < size) chunk.push(last);
    yield chunk;
    i = items.length;
  }
}
