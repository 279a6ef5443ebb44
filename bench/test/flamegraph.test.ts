/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { launchChromium } from '@linkwire/test-kit/browser';
import { flameTree, writeFlameGraph } from '../lib/flamegraph.js';
import type { CpuProfile } from '../lib/profile.js';

/**
 * A small profile as `node --cpu-prof` writes it: (root) → main → { claim → SQL, send → writev },
 * plus (garbage collector) and (idle). timeDeltas[i] is the time since sample i−1 (µs).
 */
function sampleProfile(): CpuProfile {
  const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0 });
  const ours = 'file:///srv/linkwire/packages/server/dist/delivery/';
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 7] },
    { id: 2, callFrame: frame('loop', `${ours}dispatcher.js`, 10), children: [3, 4] },
    { id: 3, callFrame: frame('executeQuery', 'file:///srv/linkwire/node_modules/kysely/dist/esm/dialect/sqlite/sqlite-driver.js', 59) },
    { id: 4, callFrame: frame('send', `${ours}sender.js`, 134), children: [5] },
    { id: 5, callFrame: frame('writev') },
    { id: 6, callFrame: frame('(garbage collector)') },
    { id: 7, callFrame: frame('(idle)') },
  ];
  // Self time per node, in samples of 1 ms: loop 1, SQL 4, send 1, writev 2, GC 2, idle 10.
  const order = [2, 3, 3, 3, 3, 4, 5, 5, 6, 6, ...Array(10).fill(7)];
  return { nodes, startTime: 0, endTime: 21_000, samples: [...order, 7], timeDeltas: [0, ...order.map(() => 1_000)] };
}

describe('bench flame graphs (lib/flamegraph.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'linkwire-flame-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the call tree with totals from the samples, idle left out, frames named and categorised', () => {
    const tree = flameTree(sampleProfile());
    assert.equal(tree.name, 'all busy time');
    assert.equal(tree.value, 10, 'busy ms: everything but the 10 ms idle');
    const [loop, gc] = tree.children;
    assert.equal(loop!.name, 'loop ours:delivery/dispatcher.js:11');
    assert.equal(loop!.value, 8);
    assert.equal(loop!.category, 'Linkwire code (packages/server)');
    assert.deepEqual(
      loop!.children.map((c) => [c.name, c.value, c.category]),
      [
        ['executeQuery kysely/dialect/sqlite:60', 4, 'SQL execution (better-sqlite3 native: prepare + step + commit)'],
        ['send ours:delivery/sender.js:135', 3, 'Linkwire code (packages/server)'],
      ],
    );
    // A native frame that does not say what it is takes its caller's category.
    assert.deepEqual([loop!.children[1]!.children[0]!.name, loop!.children[1]!.children[0]!.category], ['writev', 'Linkwire code (packages/server)']);
    assert.deepEqual([gc!.name, gc!.value, gc!.category], ['(garbage collector)', 2, 'GC']);
  });

  it('writes a self-contained page that draws the graph in a browser, offline', async () => {
    const profile = join(dir, 'CPU.test.cpuprofile');
    writeFileSync(profile, JSON.stringify(sampleProfile()));
    const page = writeFlameGraph(profile, 'sample </script> profile');
    assert.equal(page, join(dir, 'CPU.test.html'));
    const html = readFileSync(page, 'utf8');
    assert.doesNotMatch(html, /<script[^>]+src=/, 'no external scripts');
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      await tab.goto(`file://${page}`);
      await tab.waitForSelector('#chart svg rect');
      assert.deepEqual(errors, []);
      assert.equal(await tab.locator('h1').textContent(), 'sample </script> profile');
      // One frame per node with time: root, loop, SQL, send, writev, GC.
      await tab.waitForFunction(() => document.querySelectorAll('#chart svg g.frame').length === 6);
      const names = await tab.locator('#chart svg g.frame title').allTextContents();
      assert.ok(
        names.some((t) => t.startsWith('executeQuery kysely/dialect/sqlite:60 — 4.0 ms (40.0 %)')),
        names.join('\n'),
      );
      // Searching highlights the matching frame (the chart's own highlight colour) and only it.
      await tab.fill('#search', 'writev');
      const highlighted = () =>
        tab.evaluate(() =>
          [...document.querySelectorAll('#chart svg g.frame')]
            .filter((g) => /^#e600e6$|^rgb\(230, 0, 230\)$/i.test(g.querySelector('rect')?.getAttribute('fill') ?? ''))
            .map((g) => g.querySelector('title')?.textContent?.split(' — ')[0]),
        );
      await tab.waitForFunction(() => [...document.querySelectorAll('#chart svg g.frame rect')].some((r) => /e600e6/i.test(r.getAttribute('fill') ?? '')));
      assert.deepEqual(await highlighted(), ['writev']);
    } finally {
      await browser.close();
    }
  });
});
