// Builds the dashboard into dist/: index.html + app.<hash>.js + app.<hash>.css (+ .gz copies).
// Hashed names let the server cache assets for a year; index.html is served with no-cache.
import { mkdir, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const watch = process.argv.includes('--watch');

const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 20.5 14.5 15M17.5 12 23 6.5M12 12.5a4 4 0 0 1 5.6 0l1.9 1.9a4 4 0 0 1 0 5.6l-1.4 1.4a4 4 0 0 1-5.6 0" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/></svg>`;

function html(js, css) {
  // No inline script or style: the server sends a strict CSP (script-src 'self').
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Linkwire dashboard</title>
<base href="/dashboard/">
<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/${css}">
<script type="module" src="/dashboard/${js}"></script>
</head>
<body>
<div id="app"><div class="boot" role="status" aria-live="polite"><span class="spinner" aria-hidden="true"></span><span>Loading Linkwire…</span></div></div>
<noscript><p class="boot">The Linkwire dashboard needs JavaScript enabled.</p></noscript>
</body>
</html>
`;
}

async function writeIndex(metafile) {
  const outputs = Object.keys(metafile.outputs).map((p) => p.split('/').pop());
  const js = outputs.find((f) => /^app\.[A-Z0-9]+\.js$/i.test(f));
  const css = outputs.find((f) => /^app\.[A-Z0-9]+\.css$/i.test(f));
  if (!js || !css) throw new Error(`build produced no app js/css: ${outputs.join(', ')}`);
  // Remove stale hashed files from earlier (watch) builds.
  for (const f of await readdir(dist)) {
    if (/^app\./.test(f) && !outputs.some((o) => f === o || f === `${o}.gz`)) await rm(join(dist, f));
  }
  await writeFile(join(dist, 'index.html'), html(js, css));
  await writeFile(join(dist, 'favicon.svg'), favicon);
  for (const f of [js, css, 'index.html', 'favicon.svg']) {
    const buf = await readFile(join(dist, f));
    await writeFile(join(dist, `${f}.gz`), gzipSync(buf, { level: 9 }));
  }
  return { js, css };
}

const options = {
  entryPoints: { app: join(root, 'src/main.tsx') },
  outdir: dist,
  bundle: true,
  format: 'esm',
  splitting: false,
  minify: !watch,
  sourcemap: watch ? 'inline' : false,
  target: ['chrome110', 'firefox115', 'safari16'],
  entryNames: '[name].[hash]',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': watch ? '"development"' : '"production"' },
};

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

if (watch) {
  const ctx = await esbuild.context({
    ...options,
    plugins: [
      {
        name: 'index-html',
        setup(build) {
          build.onEnd(async (result) => {
            if (result.errors.length === 0 && result.metafile) {
              const { js } = await writeIndex(result.metafile);
              console.log(`[dashboard] rebuilt ${js}`);
            }
          });
        },
      },
    ],
  });
  await ctx.watch();
  console.log('[dashboard] watching src/ …');
} else {
  const result = await esbuild.build(options);
  const { js, css } = await writeIndex(result.metafile);
  const gz = async (f) => (await readFile(join(dist, `${f}.gz`))).length;
  console.log(`[dashboard] dist/${js} (${(await gz(js)) / 1000} kB gz), dist/${css} (${(await gz(css)) / 1000} kB gz)`);
}
