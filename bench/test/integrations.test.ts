import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busiestWindow } from '../scenarios/integrations.js';

describe('busiestWindow (bench integrations)', () => {
  it('counts the most arrivals in any window of the given length, the end excluded', () => {
    // A burst of 2, then one a second: the GCRA of delivery/chat-rate.ts.
    const times = [0, 5, 1_000, 2_000, 3_000];
    assert.equal(busiestWindow(times, 1_000), 2, '[0, 1000) holds 0 and 5; 1 000 starts the next window');
    assert.equal(busiestWindow([0, 5, 998, 2_000], 1_000), 3, 'a message 2 ms early shares a window with the burst');
    assert.equal(busiestWindow(times, 10_000), 5);
    assert.equal(busiestWindow([3_000, 0, 5], 1_000), 2, 'order does not matter');
    assert.equal(busiestWindow([], 1_000), 0);
  });
});
