import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';

/** The server's CLI from source; tests run it under tsx, so no build is needed. */
export const SERVER_CLI = fileURLToPath(new URL('../../server/src/cli.ts', import.meta.url));

export interface SpawnNodeOptions {
  /** CLI arguments (default `['start']`; e.g. `['start', '--role', 'worker']`). */
  args?: string[];
  /** Set over `baseEnv`. PORT is always 0; HOST defaults to 127.0.0.1, LOG_LEVEL to info (it must keep info lines). */
  env?: Record<string, string | undefined>;
  /** The environment the node starts from (default: this process's). The bench passes a minimal one. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The CLI to run (default SERVER_CLI). A `.ts` CLI runs under tsx; the bench passes dist/cli.js. */
  cli?: string;
  /** Node flags before the CLI (`--cpu-prof`, …). */
  nodeArgs?: string[];
  /**
   * Append the node's stdout and stderr to this file instead of piping them here: the bench does
   * so that a measured node writes its log straight to disk, with no reader in this process.
   */
  logFile?: string;
  /** How long to wait for the "linkwire listening" line (default 30 s). */
  timeoutMs?: number;
}

export interface SpawnedNode {
  child: ChildProcess;
  pid: number;
  /** From the node's own "linkwire listening" log line, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** What the node wrote so far, stdout and stderr (the last 1 MB when piped; the log file otherwise). */
  output(): string;
  /** Resolves once the process has exited (at once if it has). */
  exited(): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves with the exit code (null if killed by a signal). */
  stop(graceMs?: number): Promise<number | null>;
}

const OUTPUT_LIMIT = 1 << 20;
const LISTENING = 'linkwire listening';

// Nodes must not outlive the process that started them, even when it fails (an uncaught error,
// a SIGTERM from a runner): whatever is still running then is SIGKILLed, by pid. The signal is
// then raised again, so the process still ends the way it would have without these handlers.
const running = new Set<ChildProcess>();
let guarded = false;
function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}
function guardExit(): void {
  if (guarded) return;
  guarded = true;
  process.once('exit', killRunning);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killRunning();
      process.kill(process.pid, signal);
    });
  }
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The URL in a "linkwire listening" JSON log line, or null for any other line. */
export function listeningUrl(line: string): string | null {
  if (!line.includes(LISTENING)) return null;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === LISTENING && typeof entry.url === 'string' ? entry.url : null;
  } catch {
    return null;
  }
}

/**
 * Starts `linkwire start` on a port of its own choosing (PORT=0) and resolves once the node's own
 * "linkwire listening" line names its URL. Picking a free port first and passing it in raced with
 * the parallel suite: another test's node took the port between the pick and the listen, answered
 * /healthz for ours (which had died of EADDRINUSE), and took its requests (in CI the click crash
 * test sent all 924 clicks to the wrong process, none in flight at its SIGSTOP). Rejects with the
 * node's output when it exits first or stays silent for `timeoutMs`.
 */
export async function spawnNode(opts: SpawnNodeOptions = {}): Promise<SpawnedNode> {
  const env: NodeJS.ProcessEnv = { HOST: '127.0.0.1', LOG_LEVEL: 'info', ...(opts.baseEnv ?? process.env), ...opts.env, PORT: '0' };
  if (!['trace', 'debug', 'info'].includes(env.LOG_LEVEL || 'info'))
    throw new Error(`spawnNode: LOG_LEVEL=${env.LOG_LEVEL} would hide the "${LISTENING}" line`);
  const cli = opts.cli ?? SERVER_CLI;
  const nodeArgs = [...(opts.nodeArgs ?? []), ...(cli.endsWith('.ts') ? ['--import', 'tsx'] : [])];
  const fd = opts.logFile ? openSync(opts.logFile, 'a') : null;
  const child = spawn(process.execPath, [...nodeArgs, cli, ...(opts.args ?? ['start'])], {
    env,
    stdio: fd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
  });
  if (fd !== null) closeSync(fd);
  guardExit();
  running.add(child);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void gone.then(() => running.delete(child));

  let piped = '';
  const output = () => (opts.logFile ? readText(opts.logFile) : piped);
  const url = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, found?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(found as string);
    };
    const onExit = (code: number | null, signal: string | null) => finish(new Error(`node exited (${code ?? signal}) before it was listening:\n${output()}`));
    child.once('exit', onExit);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`node did not log "${LISTENING}" within ${opts.timeoutMs ?? 30_000} ms:\n${output()}`));
    }, opts.timeoutMs ?? 30_000);
    // Lines are looked at whole: a chunk can end mid-line (and mid-character).
    const decoder = new StringDecoder('utf8');
    let partial = '';
    const scan = (chunk: Buffer) => {
      partial += decoder.write(chunk);
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const found = listeningUrl(line);
        if (found) return finish(null, found);
      }
    };
    let poll: NodeJS.Timeout | undefined;
    if (opts.logFile) {
      const file = opts.logFile;
      let offset = 0;
      poll = setInterval(() => {
        const chunk = readFrom(file, offset);
        offset += chunk.length;
        scan(chunk);
      }, 20);
    } else {
      const collect = (chunk: Buffer) => {
        piped += chunk.toString('utf8');
        if (piped.length > OUTPUT_LIMIT) piped = piped.slice(-OUTPUT_LIMIT);
      };
      child.stderr?.on('data', collect);
      child.stdout?.on('data', (chunk: Buffer) => {
        collect(chunk);
        if (!settled) scan(chunk);
      });
    }
  });

  return {
    child,
    pid: child.pid ?? 0,
    url,
    output,
    exited: () => (hasExited(child) ? Promise.resolve() : gone),
    async stop(graceMs = 10_000) {
      if (!hasExited(child)) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await gone;
        clearTimeout(timer);
      }
      return child.exitCode;
    },
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The bytes of `file` from `offset` to its current end. */
function readFrom(file: string, offset: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    for (let at = offset; ; ) {
      const buffer = Buffer.alloc(64 * 1024);
      const n = readSync(fd, buffer, 0, buffer.length, at);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      at += n;
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}
