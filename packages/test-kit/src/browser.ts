// Headless Chromium for the browser tests (the dashboard end-to-end test, the bench's flame-graph
// page), driven by playwright-core. Which Chromium, in order:
//   1. CHROMIUM_PATH, when set (it must exist: a wrong setting fails instead of being ignored);
//   2. the system's /usr/bin/chromium, when present;
//   3. the one `npm install` brought: @sparticuz/chromium 143 (MIT; a headless-shell build with
//      its own fonts). 143.0.4 is the last release whose engines range (>=20.11) includes Node 20;
//      from 147 it needs Node >=22.17, ours is >=20.18. Playwright's own browser download was
//      rejected: it is a separate step after `npm install` that a fresh machine does not run.
// The package ships Chromium brotli-compressed (≈ 65 MB) and inflates it to 197 MB on first use,
// into os.tmpdir() by default, where parallel test files (and other checkouts on the machine)
// would write the same /tmp/chromium at once. Here it is inflated once per installed version into
// node_modules/.cache, in a child process with its own TMPDIR, then renamed into place: a reader
// never sees a half-written binary, and two files racing both get a complete one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags for a test browser: no sandbox (containers, root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface ChromiumBinary {
  path: string;
  /** Where it came from, for messages: CHROMIUM_PATH, the system, or npm. */
  source: 'CHROMIUM_PATH' | 'system' | 'npm';
  /** Environment for the browser process (the npm build's fonts). */
  env: Record<string, string>;
}

/** The Chromium to launch (see the order above); inflates the npm one on first use. */
export function findChromium(): ChromiumBinary {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return { path: configured, source: 'CHROMIUM_PATH', env: {} };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { path: SYSTEM_CHROMIUM, source: 'system', env: {} };
  const dir = npmChromiumDir();
  return { path: join(dir, 'chromium'), source: 'npm', env: { FONTCONFIG_FILE: join(dir, 'fonts.conf') } };
}

/** Launches headless Chromium with CHROMIUM_ARGS; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const binary = findChromium();
  try {
    return await chromium.launch({ executablePath: binary.path, args: CHROMIUM_ARGS, env: { ...process.env, ...binary.env } });
  } catch (err) {
    throw new Error(`could not launch Chromium (${binary.source}: ${binary.path})${missingLibraries(binary.path)}: ${(err as Error).message}`);
  }
}

/** The inflated @sparticuz/chromium of the installed version: node_modules/.cache/linkwire-chromium/<version>. */
function npmChromiumDir(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its entry points: its folder is found from the CommonJS one (build/cjs/index.cjs).
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = dirname(dirname(dirname(entry)));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cache = join(dirname(dirname(packageDir)), '.cache', 'linkwire-chromium');
  const dir = join(cache, version);
  if (existsSync(join(dir, 'chromium'))) return dir;

  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(join(cache, `${version}.inflating-`));
  try {
    // executablePath() inflates into os.tmpdir(): the binary, the fonts and SwiftShader's GL
    // libraries side by side, which is where Chromium looks for them.
    const script = `const { default: c } = await import(${JSON.stringify(pathToFileURL(entry).href)}); await c.executablePath();`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' });
    if (run.status !== 0 || !existsSync(join(staging, 'chromium'))) {
      throw new Error(`inflating @sparticuz/chromium ${version} failed (${run.status}): ${run.stderr || run.stdout}`);
    }
    // The package's own fonts.conf names /tmp/fonts; this one adds its fonts to the system's.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(staging, dir);
    } catch (err) {
      // Another process renamed its copy into place first: use that one.
      if (!existsSync(join(dir, 'chromium'))) throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** " (missing libraries: …)" when the binary's shared libraries are not all installed. */
function missingLibraries(binary: string): string {
  const ldd = spawnSync('ldd', [binary], { encoding: 'utf8' });
  const missing = (ldd.stdout ?? '')
    .split('\n')
    .filter((line) => line.includes('not found'))
    .map((line) => line.trim().split(' ')[0]);
  return missing.length ? ` (missing libraries: ${missing.join(', ')})` : '';
}
