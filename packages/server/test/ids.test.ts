import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasPrefix, newId } from '../src/lib/ids.js';

describe('ids', () => {
  it('are the prefix, an underscore and 26 Crockford base32 characters, the first ten the creation time', () => {
    const before = Date.now();
    const id = newId('att');
    assert.match(id, /^att_[0-9a-hjkmnp-tv-z]{26}$/);
    assert.ok(hasPrefix(id, 'att'));
    let ms = 0;
    for (const c of id.slice(4, 14)) ms = ms * 32 + '0123456789abcdefghjkmnpqrstvwxyz'.indexOf(c);
    assert.ok(ms >= before && ms <= Date.now(), `time part ${ms} is the minting time`);
  });

  it('sort in creation order and never repeat, also many to a millisecond', () => {
    const ids = Array.from({ length: 100_000 }, () => newId('dlv'));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });
});
