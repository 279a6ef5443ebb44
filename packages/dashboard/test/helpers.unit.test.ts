import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, normalizeField, qs, readCookie } from '../src/api.ts';
import { linePath, niceMax } from '../src/charts-math.ts';
import { ctr, duration, fillDays, fromDatetimeLocal, groupByFamily, percent, relative, toDatetimeLocal } from '../src/format.ts';
import { move, reorderPatches } from '../src/order.ts';
import { checkFilter, urlWarning } from '../src/validate.ts';

describe('api helpers', () => {
  it('reads the CSRF cookie among others, URL-decoded', () => {
    assert.equal(readCookie('lw_csrf', 'a=1; lw_csrf=abc%2Fdef; lw_session=x'), 'abc/def');
    assert.equal(readCookie('lw_csrf', 'lw_csrf_other=1'), null);
  });
  it('normalizes problem field paths to form field names', () => {
    assert.equal(normalizeField('body.url'), 'url');
    assert.equal(normalizeField('/filter/data.country'), 'filter.data.country');
    assert.equal(normalizeField('events.0'), 'events.0');
  });
  it('maps problem errors to per-field messages, first one wins', () => {
    const err = new ApiError(
      {
        status: 400,
        title: 'Validation failed',
        detail: 'Invalid body',
        errors: [
          { field: 'url', message: 'must be https' },
          { field: 'url', message: 'second' },
          { field: 'body.title', message: 'is required' },
        ],
      },
      null,
    );
    assert.deepEqual(err.fieldErrors(), { url: 'must be https', title: 'is required' });
    assert.equal(err.message, 'Invalid body');
  });
  it('builds query strings without empty values', () => {
    assert.equal(qs({ status: 'failed', event: '', cursor: null, limit: 25 }), '?status=failed&limit=25');
    assert.equal(qs({}), '');
  });
});

describe('reordering', () => {
  const links = [
    { id: 'a', position: 1 },
    { id: 'b', position: 2 },
    { id: 'c', position: 3 },
    { id: 'd', position: 4 },
  ];
  it('moves an item and leaves the input untouched', () => {
    assert.deepEqual(
      move(links, 3, 0).map((l) => l.id),
      ['d', 'a', 'b', 'c'],
    );
    assert.deepEqual(
      links.map((l) => l.id),
      ['a', 'b', 'c', 'd'],
    );
    assert.equal(move(links, 0, 9), links);
  });
  it('patches only the links whose position changed, keeping the numbering base, in target order', () => {
    assert.deepEqual(reorderPatches(move(links, 3, 0)), [
      { id: 'd', position: 1 },
      { id: 'a', position: 2 },
      { id: 'b', position: 3 },
      { id: 'c', position: 4 },
    ]);
    assert.deepEqual(reorderPatches(move(links, 1, 2)), [
      { id: 'c', position: 2 },
      { id: 'b', position: 3 },
    ]);
    assert.deepEqual(reorderPatches(links), []);
  });
  it('falls back to 0..n-1 when positions collide', () => {
    const same = [
      { id: 'x', position: 0 },
      { id: 'y', position: 0 },
    ];
    assert.deepEqual(reorderPatches(same), [{ id: 'y', position: 1 }]);
  });
});

describe('formatting', () => {
  it('computes CTR from clicks and visits', () => {
    assert.equal(ctr(5, 20), 0.25);
    assert.equal(ctr(5, 0), 0);
    assert.equal(percent(0.25), '25%');
    assert.equal(percent(0.054), '5.4%');
  });
  it('formats durations and relative times', () => {
    assert.equal(duration(12.4), '12 ms');
    assert.equal(duration(1500), '1.50 s');
    assert.equal(duration(null), '—');
    const now = Date.parse('2026-01-01T12:00:00Z');
    assert.equal(relative('2026-01-01T12:05:00Z', now), 'in 5 min');
    assert.equal(relative('2026-01-01T10:00:00Z', now), '2 h ago');
  });
  it('round-trips datetime-local values', () => {
    const iso = '2026-03-25T14:32:00.000Z';
    assert.equal(fromDatetimeLocal(toDatetimeLocal(iso)), iso);
    assert.equal(fromDatetimeLocal(''), null);
  });
  it('fills missing days with zeros', () => {
    const days = fillDays('2026-01-01', '2026-01-04', [{ date: '2026-01-02', visits: 3, clicks: 1 }]);
    assert.deepEqual(
      days.map((d) => [d.date, d.visits]),
      [
        ['2026-01-01', 0],
        ['2026-01-02', 3],
        ['2026-01-03', 0],
        ['2026-01-04', 0],
      ],
    );
  });
  it('groups event types by family in catalog order', () => {
    const groups = groupByFamily([{ type: 'link.click' }, { type: 'profile.visit' }, { type: 'link.created' }]);
    assert.deepEqual(
      groups.map(([f, evs]) => [f, evs.map((e) => e.type)]),
      [
        ['link', ['link.click', 'link.created']],
        ['profile', ['profile.visit']],
      ],
    );
  });
});

describe('charts', () => {
  it('rounds the axis up to a nice number', () => {
    assert.equal(niceMax(0), 1);
    assert.equal(niceMax(83), 100);
    assert.equal(niceMax(0.42), 0.5);
    assert.equal(niceMax(1200), 2000);
  });
  it('draws a path through every point', () => {
    assert.equal(linePath([0, 5, 10], 100, 50, 10), 'M0.0,50.0 L50.0,25.0 L100.0,0.0');
  });
});

describe('form checks', () => {
  it('accepts an empty or object filter, rejects other JSON and bad syntax', () => {
    assert.deepEqual(checkFilter(''), { value: null, error: null });
    assert.deepEqual(checkFilter('{"data.country":{"$eq":"FR"}}'), { value: { 'data.country': { $eq: 'FR' } }, error: null });
    assert.match(checkFilter('[1]').error ?? '', /JSON object/);
    assert.match(checkFilter('{"a":').error ?? '', /Not valid JSON/);
  });
  it('warns (without blocking) about non-https URLs', () => {
    assert.equal(urlWarning('https://example.com/hook'), null);
    assert.match(urlWarning('http://127.0.0.1:8080/hook') ?? '', /dev mode/);
    assert.match(urlWarning('example.com') ?? '', /not a complete URL/);
    assert.match(urlWarning('ftp://example.com') ?? '', /Only https/);
  });
});
