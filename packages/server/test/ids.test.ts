import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { idTimePrefix, newId } from '../src/lib/ids.js';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const decode = (time: string) => [...time].reduce((ms, c) => ms * 32 + CROCKFORD.indexOf(c), 0);

describe('ids', () => {
  it('are the prefix, an underscore and 26 Crockford base32 characters, the first ten the creation time', () => {
    const before = Date.now();
    const id = newId('att');
    assert.match(id, /^att_[0-9a-hjkmnp-tv-z]{26}$/);
    const ms = decode(id.slice(4, 14));
    assert.ok(ms >= before && ms <= Date.now(), `time part ${ms} is the minting time`);
    assert.equal(id.slice(4, 14), idTimePrefix(ms), 'newId writes the time part with idTimePrefix');
  });

  it('sort in creation order and never repeat, also many to a millisecond', () => {
    const ids = Array.from({ length: 100_000 }, () => newId('dlv'));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('idTimePrefix is big-endian base32 of the epoch milliseconds, ten characters', () => {
    assert.equal(idTimePrefix(0), '0000000000');
    assert.equal(idTimePrefix(31), '000000000z');
    assert.equal(idTimePrefix(32), '0000000010');
    // 2026-03-25T14:32:01.123Z
    assert.equal(idTimePrefix(Date.UTC(2026, 2, 25, 14, 32, 1, 123)), '01kmjphnv3');
    assert.equal(idTimePrefix(2 ** 50 - 1), 'zzzzzzzzzz');
  });

  it('idTimePrefix orders as the times do, so "older than T" is an id range', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 50 - 1 }), fc.nat({ max: 2 ** 50 - 1 }), (a, b) => {
        const [pa, pb] = [idTimePrefix(a), idTimePrefix(b)];
        assert.equal(decode(pa), a);
        assert.equal(pa < pb ? -1 : pa > pb ? 1 : 0, Math.sign(a - b));
      }),
    );
  });

  it('the prefix at T sorts after every id minted before T and before every id minted from T on', () => {
    const t = Date.now();
    const id = newId('dlv');
    const idMs = decode(id.slice(4, 14));
    assert.ok(`dlv_${idTimePrefix(idMs)}` <= id);
    assert.ok(`dlv_${idTimePrefix(idMs + 1)}` > id);
    assert.ok(`dlv_${idTimePrefix(t - 1)}` < id);
  });
});
