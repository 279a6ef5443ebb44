import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../src/http/errors.js';
import { EXAMPLES } from '../src/events/catalog.js';
import { compileFilter, type Envelope, FILTER_LIMITS, filterErrors } from '../src/webhooks/filter.js';

const click: Envelope = { id: 'evt_1', type: 'link.click', timestamp: '2026-03-25T14:32:01.123Z', accountId: 'acc_1', data: EXAMPLES['link.click'] };

// A small seeded generator (mulberry32): property tests that fail reproduce with the same seed.
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const COUNTRIES = ['FR', 'DE', 'US', null];
const LINKS = ['lnk_1', 'lnk_2', 'lnk_3'];
function randomEnvelope(r: () => number): Envelope {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const data: Record<string, unknown> = {
    linkId: pick(LINKS),
    country: pick(COUNTRIES),
    clicks: Math.floor(r() * 20) - 5,
    utm: { source: pick(['newsletter', 'news', 'x', null]) },
  };
  if (r() < 0.3) delete data.country;
  return { id: 'evt_x', type: pick(['link.click', 'profile.visit']), data };
}
function randomValue(r: () => number): string | number | null {
  const k = r();
  if (k < 0.4) return [...LINKS, 'FR', 'DE'][Math.floor(r() * 5)]!;
  if (k < 0.9) return Math.floor(r() * 20) - 5;
  return null;
}
const PATHS = ['data.linkId', 'data.country', 'data.clicks', 'data.utm.source', 'type', 'data.missing'];

function errorsOf(json: unknown): Array<{ field: string; message: string }> {
  try {
    compileFilter(json);
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.status, 400);
    return err.extra.errors ?? [];
  }
  assert.fail('expected the filter to be refused');
}

describe('filters: matching', () => {
  it('implicit $eq on top-level and nested paths; all keys must hold', () => {
    assert.equal(compileFilter({ type: 'link.click' })(click), true);
    assert.equal(compileFilter({ 'data.country': 'FR' })(click), true);
    assert.equal(compileFilter({ 'data.country': 'DE' })(click), false);
    assert.equal(compileFilter({ type: 'link.click', 'data.linkId': { $in: [click.data && (click.data as any).linkId, 'lnk_2'] } })(click), true);
    assert.equal(compileFilter({ type: 'link.click', 'data.linkId': { $in: ['lnk_1', 'lnk_2'] } })(click), false);
    assert.equal(compileFilter({ 'data.utm.source': 'newsletter' })(click), (click.data as any).utm.source === 'newsletter');
    assert.equal(compileFilter({})(click), true, 'an empty filter accepts everything');
  });

  it('every operator, with the example each docs entry shows', () => {
    const e: Envelope = { type: 'link.click', timestamp: '2026-03-25T14:32:01.123Z', data: { country: 'FR', n: 7, tags: null, utm: { source: 'newsletter' } } };
    const cases: Array<[unknown, boolean]> = [
      [{ 'data.country': { $eq: 'FR' } }, true],
      [{ 'data.country': { $ne: 'FR' } }, false],
      [{ 'data.country': { $in: ['FR', 'BE'] } }, true],
      [{ 'data.country': { $nin: ['FR', 'BE'] } }, false],
      [{ 'data.n': { $gt: 7 } }, false],
      [{ 'data.n': { $gte: 7 } }, true],
      [{ 'data.n': { $lt: 10, $gt: 5 } }, true],
      [{ 'data.n': { $lte: 6 } }, false],
      [{ timestamp: { $gte: '2026-03-01T00:00:00Z' } }, true],
      [{ 'data.n': { $gt: '5' } }, false],
      [{ 'data.tags': { $exists: true } }, true],
      [{ 'data.nope': { $exists: false } }, true],
      [{ 'data.utm.source': { $startsWith: 'news' } }, true],
      [{ 'data.n': { $startsWith: '7' } }, false],
      [{ $and: [{ type: 'link.click' }, { 'data.country': 'FR' }] }, true],
      [{ $or: [{ 'data.country': 'DE' }, { 'data.n': 7 }] }, true],
      [{ $not: { 'data.country': 'FR' } }, false],
      [{ 'data.tags': null }, true],
    ];
    for (const [filter, expected] of cases) assert.equal(compileFilter(filter)(e), expected, JSON.stringify(filter));
  });
});

describe('filters: properties over random envelopes', () => {
  const N = 400;
  it('$in equals an $or of $eq; $nin equals $not $in; $ne equals $not $eq', () => {
    const r = rng(42);
    for (let i = 0; i < N; i++) {
      const path = PATHS[Math.floor(r() * PATHS.length)]!;
      const values = Array.from({ length: 1 + Math.floor(r() * 3) }, () => randomValue(r));
      const env = randomEnvelope(r);
      const inOp = compileFilter({ [path]: { $in: values } })(env);
      assert.equal(inOp, compileFilter({ $or: values.map((v) => ({ [path]: v })) })(env));
      assert.equal(compileFilter({ [path]: { $nin: values } })(env), compileFilter({ $not: { [path]: { $in: values } } })(env));
      assert.equal(compileFilter({ [path]: { $ne: values[0] } })(env), !compileFilter({ [path]: { $eq: values[0] } })(env));
    }
  });

  it('on numbers: $gt is the complement of $lte, $gte of $lt; $and and $or follow De Morgan', () => {
    const r = rng(7);
    for (let i = 0; i < N; i++) {
      const env = randomEnvelope(r);
      const bound = Math.floor(r() * 20) - 5;
      assert.equal(compileFilter({ 'data.clicks': { $gt: bound } })(env), !compileFilter({ 'data.clicks': { $lte: bound } })(env));
      assert.equal(compileFilter({ 'data.clicks': { $gte: bound } })(env), !compileFilter({ 'data.clicks': { $lt: bound } })(env));
      const a = { 'data.country': randomValue(r) };
      const b = { 'data.linkId': { $in: [randomValue(r), randomValue(r)] } };
      assert.equal(compileFilter({ $not: { $and: [a, b] } })(env), compileFilter({ $or: [{ $not: a }, { $not: b }] })(env));
      assert.equal(compileFilter({ $and: [a, b] })(env), compileFilter({ ...a, ...b })(env));
    }
  });

  it('$exists true and false partition every envelope; a missing field never equals null', () => {
    const r = rng(99);
    for (let i = 0; i < N; i++) {
      const env = randomEnvelope(r);
      const present = compileFilter({ 'data.country': { $exists: true } })(env);
      assert.notEqual(present, compileFilter({ 'data.country': { $exists: false } })(env));
      assert.equal(present, Object.hasOwn(env.data as object, 'country'));
      if (!present) assert.equal(compileFilter({ 'data.country': null })(env), false);
    }
  });
});

describe('filters: validation names the bad part', () => {
  it('points into nested operators', () => {
    assert.deepEqual(errorsOf({ $and: [{ type: 'link.click' }, { 'data.country': { $in: 'FR' } }] }), [
      { field: 'filter.$and.1.data.country.$in', message: 'must be an array' },
    ]);
    assert.deepEqual(
      errorsOf({ 'data.n': { $gt: true, $regex: 'x' }, $xor: [], 'bad path!': 1 }).map((e) => e.field),
      ['filter.data.n.$gt', 'filter.data.n.$regex', 'filter.$xor', 'filter.bad path!'],
    );
    assert.deepEqual(
      errorsOf({ 'data.country': { $in: ['FR', { x: 1 }] } }).map((e) => e.field),
      ['filter.data.country.$in.1'],
    );
    assert.deepEqual(
      errorsOf({ $or: [] }).map((e) => e.field),
      ['filter.$or'],
    );
    assert.deepEqual(
      errorsOf({ $not: 'x' }).map((e) => e.field),
      ['filter.$not'],
    );
    assert.deepEqual(
      errorsOf({ 'data.country': ['FR'] }).map((e) => e.field),
      ['filter.data.country'],
    );
    assert.deepEqual(
      errorsOf({ 'data.country': {} }).map((e) => e.field),
      ['filter.data.country'],
    );
    assert.deepEqual(
      errorsOf({ 'data.x': { $exists: 'yes' }, 'data.y': { $startsWith: 3 } }).map((e) => e.field),
      ['filter.data.x.$exists', 'filter.data.y.$startsWith'],
    );
    assert.deepEqual(
      errorsOf(['type']).map((e) => e.field),
      ['filter'],
    );
  });

  it('enforces depth, condition count and size limits', () => {
    let deep: Record<string, unknown> = { type: 'link.click' };
    for (let i = 0; i < FILTER_LIMITS.maxDepth; i++) deep = { $not: deep };
    assert.match(errorsOf(deep)[0]!.message, /nested too deeply/);
    let ok: Record<string, unknown> = { type: 'link.click' };
    for (let i = 0; i < FILTER_LIMITS.maxDepth - 1; i++) ok = { $not: ok };
    assert.deepEqual(filterErrors(ok), []);

    const many = Object.fromEntries(Array.from({ length: FILTER_LIMITS.maxConditions + 1 }, (_, i) => [`data.f${i}`, i]));
    assert.match(errorsOf(many)[0]!.message, /at most 50/);
    const fifty = Object.fromEntries(Array.from({ length: FILTER_LIMITS.maxConditions }, (_, i) => [`data.f${i}`, i]));
    assert.deepEqual(filterErrors(fifty), []);

    const big = { 'data.linkId': { $in: Array.from({ length: 500 }, (_, i) => `lnk_${i}`) } };
    assert.match(errorsOf(big)[0]!.message, /at most 4096 bytes/);
  });
});
