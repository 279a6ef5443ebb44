import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DedupeStore, createDeduper, createMemoryStore } from '../src/index.js';

describe('createDeduper', () => {
  test('first claim wins, duplicates are refused, TTL expiry lets it through again', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    const dedupe = createDeduper({ store, ttlSeconds: 60 });
    assert.equal(await dedupe.claim('evt_1'), true);
    assert.equal(await dedupe.claim('evt_1'), false);
    assert.equal(await dedupe.claim('evt_2'), true);
    now = 59_999;
    assert.equal(await dedupe.claim('evt_1'), false);
    now = 60_000;
    assert.equal(await dedupe.claim('evt_1'), true);
  });

  test('expired keys are swept, so memory is bounded by the TTL', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now });
    const dedupe = createDeduper({ store, ttlSeconds: 1 });
    for (let i = 0; i < 100; i++) await dedupe.claim(`evt_${i}`);
    assert.equal(store.size, 100);
    now = 5_000;
    await dedupe.claim('evt_new');
    assert.equal(store.size, 1);
  });

  test('release lets a failed delivery be processed on retry', async () => {
    const dedupe = createDeduper({ store: createMemoryStore() });
    assert.equal(await dedupe.claim('evt_1'), true);
    await dedupe.release('evt_1');
    assert.equal(await dedupe.claim('evt_1'), true);
  });

  test('concurrent duplicates: exactly one claim succeeds', async () => {
    const dedupe = createDeduper({ store: createMemoryStore() });
    const results = await Promise.all(Array.from({ length: 10 }, () => dedupe.claim('evt_same')));
    assert.equal(results.filter(Boolean).length, 1);
  });

  test('custom stores get the prefixed key and the TTL', async () => {
    const calls: Array<[string, number]> = [];
    const store: DedupeStore = {
      async setIfAbsent(key, ttl) {
        calls.push([key, ttl]);
        return true;
      },
    };
    const dedupe = createDeduper({ store });
    await dedupe.claim('evt_9');
    await dedupe.release('evt_9'); // no delete(): a no-op, not a crash
    assert.deepEqual(calls, [['linkwire:webhook:evt_9', 72 * 3600]]);
  });
});
