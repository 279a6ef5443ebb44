import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
 * that crosses 1 000 WAL pages, on the committing connection, so every few seconds one click
 * batch or results flush also copied the WAL into the database file and fsynced it, blocking the
 * event loop. Measured at 1 000 clicks/s with an endpoint (the latency scenario's load, paced clicks
 * from bench/lib/load.ts to a loopback receiver, run standalone for 10 s; 2 shared cores, 4 runs
 * alternating): click → receiver p99 25 / 23 ms with automatic checkpoints, 12 / 17 ms with none
 * on the main connection. Here a second connection runs PASSIVE checkpoints (they never block the
 * writer) every CHECKPOINT_EVERY_MS; the main connection keeps a far larger automatic threshold
 * as a fallback, so the WAL stays bounded even if this thread dies.
 *
 * The thread is plain JavaScript (eval), so it runs the same from dist and under tsx.
 */
export const CHECKPOINT_EVERY_MS = 100;
/** The main connection's own automatic checkpoint, in WAL pages: a fallback only (~40 MB). */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

// Busy is expected (a checkpoint never waits for the writer) and retried on the next tick; any other
// failure is reported to the main thread, at most once a minute, and retried too. Failing to open
// the file is reported and ends the thread. (Errors cross as text: better-sqlite3's errors lose
// their message when cloned.)
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const describe = (err) => (err && err.code ? err.code + ': ' : '') + String((err && err.message) || err);
function main() {
  let db;
  try {
    const Database = require(workerData.driver);
    db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    db.pragma('synchronous = NORMAL');
  } catch (err) {
    parentPort.postMessage({ error: describe(err) });
    parentPort.close();
    return;
  }
  let reportedAt = 0;
  const timer = setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      if (err && err.code === 'SQLITE_BUSY') return;
      const now = Date.now();
      if (now - reportedAt < 60000) return;
      reportedAt = now;
      parentPort.postMessage({ error: describe(err) });
    }
  }, workerData.everyMs);
  parentPort.on('message', () => {
    clearInterval(timer);
    try { db.close(); } catch {}
    parentPort.close();
  });
}
main();
`;

export interface Checkpointer {
  close(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs?: number;
  /** A failed checkpoint, or the thread failing to start; the fallback threshold applies meanwhile. */
  onError?: (err: Error) => void;
}

export function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const onError = opts.onError ?? (() => {});
  const worker = new Worker(THREAD_CODE, { eval: true, workerData: { file, driver, everyMs: opts.everyMs ?? CHECKPOINT_EVERY_MS } });
  // A failed checkpointer only means the fallback threshold applies: reported, never a crash.
  worker.on('error', (err) => onError(err instanceof Error && err.message ? err : new Error(`WAL checkpointer thread failed: ${String(err)}`)));
  worker.on('message', (msg: { error?: string }) => {
    if (msg.error) onError(new Error(`WAL checkpoint failed: ${msg.error}`));
  });
  worker.unref();
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  let closing: Promise<void> | null = null;
  return {
    close() {
      // A thread that already died (it failed to open the file) has nothing to close.
      closing ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        // Referenced while closing: an unreferenced worker would let the process exit mid-await.
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('close');
        setTimeout(() => void worker.terminate(), 2_000).unref();
      });
      return closing;
    },
  };
}
