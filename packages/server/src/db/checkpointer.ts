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

const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.close();
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

export function startCheckpointer(file: string, everyMs = CHECKPOINT_EVERY_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD_CODE, { eval: true, workerData: { file, driver, everyMs } });
  // A failed checkpointer only means the fallback threshold applies; never crash the process.
  worker.on('error', () => {});
  worker.unref();
  let closing: Promise<void> | null = null;
  return {
    close() {
      closing ??= new Promise<void>((resolve) => {
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
