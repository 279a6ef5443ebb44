// Summarises V8 .cpuprofile files (written by `node --cpu-prof`, see `npm run bench -- --profile`)
// without external tools: self time per function, per file/package, and per category
// (HTTP client, HTTP server, HMAC/crypto, SQL driver, Kysely, JSON, logging, our code, GC, …).
//
//   node --import tsx bench/lib/profile.ts <file.cpuprofile | dir> [...] [--top 25] [--json]
//
// Self time comes from `samples` + `timeDeltas` (µs), not `hitCount`, so it is real time.
// Native frames without a script URL (V8 builtins and C++ bindings such as Hmac.digest or
// Database.prepare) are named by function where that is unambiguous (JSON.parse/stringify, HMAC),
// and otherwise charged to the nearest JavaScript caller's file: "better-sqlite3 statement.run"
// then counts as SQL, "writev" under undici counts as HTTP client. Idle time is excluded from the
// percentages. C++ callbacks of addons (better-sqlite3's prepare/all/run) get no frame of their own
// in V8 profiles: their time is the self time of the JS caller (Kysely's SqliteDriver.executeQuery),
// counted here as "SQL execution". Each hot function also lists the Linkwire functions
// (packages/server/dist) nearest above it in the stack. `(program)` (native work V8 cannot attribute: libuv, syscalls, the parser of
// llhttp's wasm…) and `(garbage collector)` are reported as their own rows.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Breakdown {
  files: string[];
  /** Sampled wall time, ms. */
  totalMs: number;
  idleMs: number;
  /** Non-idle time, ms: the denominator of every percentage. */
  busyMs: number;
  categories: { name: string; ms: number; pct: number }[];
  byFile: { name: string; ms: number; pct: number }[];
  byFunction: { name: string; ms: number; pct: number; callers?: string }[];
}

const REPO_MARK = '/packages/server/dist/';

/** `node_modules/<pkg>` (scoped too), `ours:<file>`, `node:<module>`, or the URL. */
function fileKey(url: string): string {
  if (!url) return '(native)';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + 14).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    // Kysely: keep the sub-area (plugin/camel-case, query-compiler, operation-node, …) visible.
    if (pkg === 'kysely') return `kysely/${rest.slice(3, rest.length - 1).join('/') || rest.at(-1)}`;
    return pkg ?? u;
  }
  const ours = u.indexOf(REPO_MARK);
  if (ours >= 0) return `ours:${u.slice(ours + REPO_MARK.length)}`;
  if (u.startsWith('node:')) return u;
  return u;
}

function category(file: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC';
  if (fn === '(program)') return 'native, unattributed ((program): libuv, syscalls, V8)';
  if (fn === '(idle)') return 'idle';
  if (fn === '(root)') return 'idle';
  if (/^node:internal\/(modules|bootstrap|fs|url)/.test(file) || file === 'node:fs' || file === 'node:path') return 'module loading, fs, url (mostly start-up)';
  if (file.startsWith('wasm://')) return 'HTTP client (undici/llhttp)';
  // better-sqlite3's prepare()/all()/run() are C++ callbacks: V8 gives them no frame of their own,
  // their time (SQLite parsing, planning, stepping, WAL commit) lands in the JS caller, which is
  // Kysely's driver method. Count that as SQL execution, not as Kysely.
  if (file === 'kysely/dialect/sqlite' && /^(executeQuery|streamQuery)$/.test(fn)) return 'SQL execution (better-sqlite3 native: prepare + step + commit)';
  if (file.startsWith('kysely/plugin/camel-case')) return 'Kysely CamelCasePlugin';
  if (file.startsWith('kysely')) return 'Kysely JS (query building, compile, result mapping)';
  if (file === 'better-sqlite3' || file === 'pg' || file.startsWith('pg-') || file === 'pgpass') return 'SQL driver (better-sqlite3 / pg)';
  if (file === 'undici' || file.includes('deps/undici') || file.includes('llhttp')) return 'HTTP client (undici/llhttp)';
  if (
    ['fastify', 'find-my-way', 'avvio', 'light-my-request', '@fastify/cookie', '@fastify/formbody', 'fast-json-stringify', 'fast-querystring'].includes(file) ||
    file.startsWith('@fastify/')
  )
    return 'HTTP server (Fastify)';
  if (/^node:(_http|http|internal\/http)/.test(file)) return 'HTTP server (node:http)';
  if (/^node:(net|stream|internal\/streams|internal\/stream_base|internal\/net|dns|internal\/dns|tls|_tls)/.test(file)) return 'sockets/streams (node:net)';
  if (/^node:(crypto|internal\/crypto)/.test(file)) return 'HMAC / crypto';
  if (
    file === 'pino' ||
    file.startsWith('pino') ||
    file === 'sonic-boom' ||
    file === 'thread-stream' ||
    file === 'fast-redact' ||
    file === 'quick-format-unescaped'
  )
    return 'logging (pino)';
  if (file === 'prom-client' || file === 'tdigest' || file === 'bintrees') return 'metrics (prom-client)';
  if (file === 'isbot' || file === 'bowser' || file === 'maxmind' || file === 'mmdb-lib') return 'click parsing (isbot/bowser/maxmind)';
  if (file.startsWith('ours:')) return 'Linkwire code (packages/server)';
  if (file.startsWith('node:internal/process/task_queues') || file.startsWith('node:internal/timers') || file === 'node:timers')
    return 'promises/timers (node internals)';
  if (file.startsWith('node:')) return 'other node internals';
  if (file === '(native)') return 'native, caller unknown';
  return `other packages (${file})`;
}

/** Self time per profile node id, µs, from the samples. */
export function selfTimes(prof: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  for (let i = 0; i < prof.samples.length; i++) {
    const id = prof.samples[i] as number;
    // timeDeltas[i] is the time since the previous sample; charge it to the sample that ends it.
    const dt = Math.max(0, prof.timeDeltas[i + 1] ?? 0);
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  return self;
}

/** A frame's file as the breakdown names it: `node_modules/<pkg>`, `ours:<file>`, `node:<module>`. */
export const frameFile = fileKey;

/**
 * A frame's category (the breakdown's rows), for colouring flame graphs; null for a native frame
 * that does not say what it is (its time belongs to the caller's category, as in summarise()).
 */
export function frameCategory(file: string, fn: string, url: string): string | null {
  if (url) return category(file, fn);
  if (fn === '(garbage collector)' || fn === '(program)') return category(file, fn);
  return nativeCategory(fn);
}

/** Native frame names that say what they are regardless of the caller. */
function nativeCategory(fn: string): string | null {
  if (fn === 'stringify' || fn === 'parse' || fn === 'JSONParse' || fn === 'JSONStringify') return 'JSON (parse/stringify)';
  if (/^(digest|createHmac|Hmac|HmacImpl|timingSafeEqual|randomBytes|randomFillSync|createHash|Hash|update)$/.test(fn)) return 'HMAC / crypto';
  return null;
}

export function summarise(files: string[], top = 25): Breakdown {
  const cat = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  /** function → (nearest caller outside its own file → µs): who is behind a hot function. */
  const callers = new Map<string, Map<string, number>>();
  let totalUs = 0;
  let idleUs = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const f of files) {
    const prof = JSON.parse(readFileSync(f, 'utf8')) as CpuProfile;
    const byId = new Map<number, ProfileNode>();
    const parent = new Map<number, number>();
    for (const n of prof.nodes) {
      byId.set(n.id, n);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    const self = selfTimes(prof);
    for (const [id, us] of self) {
      const node = byId.get(id);
      if (!node) continue;
      totalUs += us;
      const fn = node.callFrame.functionName || '(anonymous)';
      let file = fileKey(node.callFrame.url);
      let c: string;
      if (fn === '(idle)' || fn === '(root)') {
        idleUs += us;
        continue;
      }
      if (fn === '(garbage collector)' || fn === '(program)') c = category(file, fn);
      else if (!node.callFrame.url) {
        // A builtin or C++ binding: name it when it says what it is, else charge its JS caller.
        const own = nativeCategory(fn);
        let p = parent.get(id);
        let callerFile = '(native)';
        while (p !== undefined) {
          const pn = byId.get(p);
          if (pn?.callFrame.url) {
            callerFile = fileKey(pn.callFrame.url);
            break;
          }
          p = parent.get(p);
        }
        file = callerFile;
        c = own ?? category(callerFile, fn);
      } else c = category(file, fn);
      add(cat, c, us);
      add(byFile, file, us);
      const where = node.callFrame.url ? `${file}:${node.callFrame.lineNumber + 1}` : `native ← ${file}`;
      const key = `${fn} (${where})`;
      add(byFn, key, us);
      let p = parent.get(id);
      const ownUrl = node.callFrame.url;
      while (p !== undefined) {
        const pn = byId.get(p);
        if (pn?.callFrame.url && pn.callFrame.url !== ownUrl && pn.callFrame.url.includes(REPO_MARK)) break;
        p = parent.get(p);
      }
      const pn = p === undefined ? undefined : byId.get(p);
      if (pn) {
        const m = callers.get(key) ?? new Map<string, number>();
        add(m, `${pn.callFrame.functionName || '(anonymous)'} (${fileKey(pn.callFrame.url)}:${pn.callFrame.lineNumber + 1})`, us);
        callers.set(key, m);
      }
    }
  }
  const busyUs = totalUs - idleUs;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, pct: busyUs > 0 ? (us / busyUs) * 100 : 0 }));
  return {
    files,
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    categories: rows(cat, 100),
    byFile: rows(byFile, top),
    byFunction: rows(byFn, top).map((r) => {
      const m = callers.get(r.name);
      if (!m) return r;
      const sum = [...m.values()].reduce((a, b) => a + b, 0);
      const callersText = [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([k, v]) => `${k} ${((v / sum) * 100).toFixed(0)}%`)
        .join(', ');
      return { ...r, callers: callersText };
    }),
  };
}

export function profilesIn(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!statSync(p).isDirectory()) out.push(p);
    else
      for (const f of readdirSync(p).sort()) {
        const path = join(p, f);
        if (statSync(path).isDirectory()) out.push(...profilesIn([path]));
        else if (f.endsWith('.cpuprofile')) out.push(path);
      }
  }
  return out;
}

export function formatBreakdown(b: Breakdown, title: string): string {
  const line = (r: { name: string; ms: number; pct: number; callers?: string }) =>
    `  ${r.pct.toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}${r.callers ? `\n                        ← our code: ${r.callers}` : ''}`;
  return [
    `${title}: ${b.files.map((f) => `${basename(dirname(f))}/${basename(f)}`).join(', ')}`,
    `  busy ${b.busyMs.toFixed(0)} ms of ${b.totalMs.toFixed(0)} ms sampled (idle ${b.idleMs.toFixed(0)} ms); % of busy time`,
    ' by category:',
    ...b.categories.map(line),
    ' by file / package (self time):',
    ...b.byFile.map(line),
    ' by function (self time):',
    ...b.byFunction.map(line),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  let top = 25;
  let json = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = Number(args[++i]);
    else if (args[i] === '--json') json = true;
    else paths.push(args[i] as string);
  }
  const files = profilesIn(paths);
  if (files.length === 0) {
    console.error('usage: node --import tsx bench/lib/profile.ts <file.cpuprofile | dir> [...] [--top N] [--json]');
    process.exit(2);
  }
  const b = summarise(files, top);
  console.log(json ? JSON.stringify(b, null, 2) : formatBreakdown(b, 'profile'));
}
