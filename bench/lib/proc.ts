// Child processes: forking TypeScript helpers, health polling, /proc readings. Linkwire nodes are
// started by the test kit's spawnNode (lib/linkwire.ts), which kills what it started on exit too.
// Every child is registered so that the harness kills what it started, and only that, on exit.
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './stats.js';

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kill every child this process started (by pid, SIGKILL). Used on exit and on Ctrl-C. */
export function killAllChildren(): void {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  children.clear();
}
process.once('exit', killAllChildren);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    killAllChildren();
    process.exit(130);
  });
}

/** Fork a TypeScript module of the bench with an IPC channel (tsx loader). */
export function forkTs(file: string, args: string[] = []): ChildProcess {
  return track(
    fork(file, args, {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

/** Last `n` non-empty lines of a log file (for error reports). */
export function tail(file: string, n = 5): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).slice(-n).join(' | ');
  } catch {
    return '';
  }
}

export function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Poll `url` until it answers 200, the child dies, or the timeout passes. */
export async function waitHttpOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`exited with ${child.exitCode ?? child.signalCode} before ${url} was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** SIGTERM, then SIGKILL after graceMs. Resolves once the child has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (exited(child)) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    if (!exited(child)) child.kill('SIGKILL');
  }, graceMs);
  await done;
  clearTimeout(timer);
}

/** Resident memory of a pid in MB: current (VmRSS) and peak (VmHWM), from /proc. */
export function memoryMb(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user+system) consumed so far by a pid, from /proc/<pid>/stat (USER_HZ = 100). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Measures the CPU share of a pid over a window, in % of one core. */
export class CpuMeter {
  private readonly cpu0: number;
  private readonly t0 = Date.now();
  constructor(private readonly pid: number) {
    this.cpu0 = cpuSeconds(pid);
  }
  percent(): number {
    const secs = (Date.now() - this.t0) / 1000;
    return secs > 0 ? ((cpuSeconds(this.pid) - this.cpu0) / secs) * 100 : Number.NaN;
  }
}
