// Flame graphs of V8 .cpuprofile files (`npm run bench -- --profile` writes one per thread): one
// self-contained HTML page per profile, drawn by d3-flame-graph, that opens offline (d3, the chart
// and the data are inlined). Frames are coloured by the same categories as the text breakdown of
// profile.ts (SQL, HTTP client, HMAC, GC, our code, …); click a frame to zoom, type to search.
//
//   node --import tsx bench/lib/flamegraph.ts <file.cpuprofile | dir> [...]   → <file>.html beside each
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuProfile, frameCategory, frameFile, profilesIn, selfTimes } from './profile.js';

/** One frame of the graph: its total time (itself and what it called), in ms. */
export interface FlameNode {
  name: string;
  value: number;
  category: string;
  children: FlameNode[];
}

/**
 * The profile's call tree with times from its samples: each node's `value` is its self time plus
 * its children's. Idle time is left out (the graph shows where busy time went); `(program)` and
 * `(garbage collector)` stay, as frames under the root.
 */
export function flameTree(prof: CpuProfile): FlameNode {
  const self = selfTimes(prof);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const hasParent = new Set(prof.nodes.flatMap((n) => n.children ?? []));
  const build = (id: number, callerCategory: string): FlameNode | null => {
    const node = byId.get(id);
    if (!node) return null;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)') return null;
    const file = frameFile(node.callFrame.url);
    // A native frame that does not say what it is (writev under undici) takes its caller's colour.
    const category = fn === '(root)' ? 'root' : (frameCategory(file, fn, node.callFrame.url) ?? callerCategory);
    const children = (node.children ?? []).map((c) => build(c, category)).filter((c): c is FlameNode => c !== null && c.value > 0);
    children.sort((a, b) => b.value - a.value);
    const ownMs = (self.get(id) ?? 0) / 1000;
    const where = node.callFrame.url ? ` ${file}:${node.callFrame.lineNumber + 1}` : '';
    return {
      name: fn === '(root)' ? 'all busy time' : `${fn}${where}`,
      value: ownMs + children.reduce((sum, c) => sum + c.value, 0),
      category,
      children,
    };
  };
  const roots = prof.nodes.filter((n) => !hasParent.has(n.id)).map((n) => build(n.id, 'native, caller unknown'));
  const root = roots.find((r) => r !== null);
  return root ?? { name: 'all busy time', value: 0, category: 'root', children: [] };
}

// Hues per category family; frames of the same family share a colour so SQL, HTTP and GC read at a glance.
const PALETTE: Array<[RegExp, string]> = [
  [/^SQL/, '#4e79a7'],
  [/^Kysely/, '#76b7b2'],
  [/^HTTP client/, '#f28e2b'],
  [/^sockets/, '#ffbe7d'],
  [/^HTTP server/, '#e15759'],
  [/^HMAC/, '#b07aa1'],
  [/^JSON/, '#ff9da7'],
  [/^GC/, '#9c9c9c'],
  [/^native/, '#bab0ac'],
  [/^Linkwire/, '#59a14f'],
  [/^metrics|^logging/, '#edc948'],
  [/^root/, '#d4d4d4'],
];

// Neither package exports its browser bundle's path: find the dist folder by the entry it exports.
const require = createRequire(import.meta.url);
const asset = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');

/** The page for one profile: title, totals, a legend, a search box and the chart. */
export function flameGraphHtml(tree: FlameNode, title: string): string {
  const legend = PALETTE.filter(([re]) => re.source !== '^root')
    .map(([re, colour]) => `<span><i style="background:${colour}"></i>${re.source.replace(/\^|\\/g, '').replace('|', ' / ')}</span>`)
    .join('');
  // `</script>` inside the inlined data or a frame name would end the script element early.
  const json = JSON.stringify(tree).replace(/</g, '\\u003c');
  const palette = JSON.stringify(PALETTE.map(([re, colour]) => [re.source, colour]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} — flame graph</title>
<style>${asset('d3-flame-graph', 'd3-flamegraph.css')}
body{font:14px system-ui,sans-serif;margin:24px;color:#222}h1{font-size:18px;margin:0 0 4px}
.meta{color:#555;margin-bottom:12px}.legend span{margin-right:14px;white-space:nowrap}
.legend i{display:inline-block;width:11px;height:11px;margin-right:4px;border-radius:2px;vertical-align:-1px}
input{font:inherit;padding:4px 8px;width:260px;margin:12px 0}#details{min-height:20px;color:#333}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<div class="meta">${tree.value.toFixed(0)} ms of busy time sampled; width is time, callers below their callees. Click a frame to zoom, click the bottom frame to zoom out.</div>
<div class="legend">${legend}</div>
<input id="search" placeholder="highlight frames matching…" aria-label="Search frames">
<div id="chart"></div><div id="details"></div>
<script>${asset('d3', 'd3.min.js')}</script>
<script>${asset('d3-flame-graph', 'd3-flamegraph.umd.min.js')}</script>
<script>
const data = ${json};
const palette = ${palette}.map(([re, colour]) => [new RegExp(re), colour]);
const total = data.value || 1;
const chart = flamegraph.default()
  .width(Math.max(960, document.body.clientWidth - 48))
  .cellHeight(18)
  .minFrameSize(2)
  .setColorMapper((d, original) => (d.highlight ? original : (palette.find(([re]) => re.test(d.data.category)) || [null, '#c7c7c7'])[1]))
  .setLabelHandler((d) => d.data.name + ' — ' + d.data.value.toFixed(1) + ' ms (' + (100 * d.data.value / total).toFixed(1) + ' %), ' + d.data.category)
  .setDetailsElement(document.getElementById('details'));
d3.select('#chart').datum(data).call(chart);
document.getElementById('search').addEventListener('input', (e) => chart.search(e.target.value));
</script>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/** Writes `<profile>.html` beside a .cpuprofile and returns its path. */
export function writeFlameGraph(profilePath: string, title = basename(profilePath)): string {
  const prof = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const out = profilePath.replace(/\.cpuprofile$/, '') + '.html';
  writeFileSync(out, flameGraphHtml(flameTree(prof), title));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = profilesIn(process.argv.slice(2));
  if (files.length === 0) {
    console.error('usage: node --import tsx bench/lib/flamegraph.ts <file.cpuprofile | dir> [...]');
    process.exit(1);
  }
  for (const f of files) console.log(writeFlameGraph(f));
}
