import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Capabilities } from '../db/capabilities.js';
import type { DB } from '../db/schema.js';
import { LISTEN_BASE } from './listen.js';

// Taking back a dead worker's claims at once instead of after the lease (90 s).
//
// Every claim names its holder (deliveries.claimed_by). A holder id made here carries what proves
// its process gone: `host:pid:start:boot:random`, start being the process's start time (in clock
// ticks since boot, /proc/<pid>/stat) and boot the kernel's boot id. A worker sweeps the
// holders of in-flight claims when it starts and every `sweepMs` after, and hands back (due now)
// the claims of every holder it can prove gone:
// - on this host (SQLite: the same data directory, so the same machine): the holder's pid is not
//   running, or runs a process started at another time (the pid was reused: a container restarted
//   gives the new process the old one's pid), or the machine rebooted since (another boot id);
// - on PostgreSQL, on any host: each worker holds a session-level advisory lock keyed by its id on
//   a connection of its own; PostgreSQL drops the lock when that session ends (a killed process's
//   socket closes). A lock this worker can take is a holder gone. After a database restart every
//   session is gone at once, so a worker sweeps only `graceMs` after its own lock session came
//   back: the live workers have re-taken theirs by then (they retry every second).
// A holder that cannot be proved gone (another host on SQLite, an id of another form, a pid alive)
// keeps its claims until the lease ends: the lease stays the last resort. Taking back a live
// worker's claims by mistake costs a duplicate send (at-least-once), never a lost delivery.

/** The advisory-lock class of worker sessions (pg_try_advisory_lock(int4, int4)): "LW". */
const LOCK_CLASS = 0x4c57;

/** This machine's boot id, shortened; '' where the kernel does not say (then only the pid decides). */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().replaceAll('-', '').slice(0, 12);
  } catch {
    return '';
  }
}

/** When process `pid` started (clock ticks since boot, field 22 of /proc/<pid>/stat); '' when unknown. */
export function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** A holder id for this process: `host:pid:start:boot:random`. */
export function newHolderId(): string {
  return `${hostname()}:${process.pid}:${processStart(process.pid)}:${bootId()}:${randomBytes(4).toString('hex')}`;
}

interface Holder {
  host: string;
  pid: number;
  start: string;
  boot: string;
}

function parseHolder(id: string): Holder | null {
  const parts = id.split(':');
  if (parts.length !== 5) return null;
  const pid = Number(parts[1]);
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  return { host: parts[0]!, pid, start: parts[2]!, boot: parts[3]! };
}

function pidRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, as another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `id`'s process is provably gone from this host (see the rules above). */
export function holderGoneFromThisHost(id: string): boolean {
  const h = parseHolder(id);
  if (!h || h.host !== hostname()) return false;
  const boot = bootId();
  if (h.boot && boot && h.boot !== boot) return true;
  if (!pidRunning(h.pid)) return true;
  const start = processStart(h.pid);
  return h.start !== '' && start !== '' && start !== h.start;
}

/** The engine facts the sweep's statements depend on. */
export type TakeoverCaps = Pick<Capabilities, 'concurrentWorkers' | 'deliveryQueue'>;

/** Holders of claims in flight (not listen streams' claims, not held deliveries). */
export async function claimHolders(db: Kysely<DB>, caps: TakeoverCaps, now: number): Promise<string[]> {
  // PostgreSQL finds the rows in flight through the queue (db/delivery-queue.ts), where each waits
  // at its lease's end: `deliveries` has no index on status or due time there (migration 017).
  // SQLite folds the lease into next_attempt_at and walks deliveries_due_idx.
  const rows = caps.deliveryQueue
    ? await sql<{ claimedBy: string }>`
        SELECT DISTINCT d.claimed_by FROM delivery_queue q JOIN deliveries d ON d.id = q.id
        WHERE q.next_attempt_at > ${now} AND q.next_attempt_at < ${LISTEN_BASE}
          AND d.status = 'pending' AND d.next_attempt_at < ${LISTEN_BASE} AND d.claimed_by IS NOT NULL AND d.lease_until > ${now}`.execute(db)
    : await sql<{ claimedBy: string }>`
        SELECT DISTINCT claimed_by FROM deliveries
        WHERE status = 'pending' AND next_attempt_at < ${LISTEN_BASE} AND claimed_by IS NOT NULL
          AND next_attempt_at > ${now}`.execute(db);
  return rows.rows.map((r) => r.claimedBy);
}

/** Hands a gone holder's claims back, due now; returns how many. */
export async function takeBack(db: Kysely<DB>, caps: TakeoverCaps, holder: string, now: number): Promise<number> {
  // On PostgreSQL the trigger deliveries_queue makes each row's queue row due now.
  const res = caps.deliveryQueue
    ? await sql`
        UPDATE deliveries d SET claimed_by = NULL, lease_until = NULL
        FROM delivery_queue q
        WHERE q.id = d.id AND q.next_attempt_at < ${LISTEN_BASE}
          AND d.status = 'pending' AND d.next_attempt_at < ${LISTEN_BASE} AND d.claimed_by = ${holder}`.execute(db)
    : await sql`
        UPDATE deliveries SET claimed_by = NULL, next_attempt_at = ${now}
        WHERE status = 'pending' AND next_attempt_at < ${LISTEN_BASE} AND claimed_by = ${holder}`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

export interface TakeoverOptions {
  db: Kysely<DB>;
  caps: TakeoverCaps;
  /** PostgreSQL only: the connection string for the lock session. */
  databaseUrl: string | null;
  holderId: string;
  log: Logger;
  /** Between sweeps (default 10 s). */
  sweepMs?: number;
  /** PostgreSQL: how long after its lock session (re)connects a worker waits before sweeping. */
  graceMs?: number;
  /** Called with the count after a sweep that handed claims back (the dispatcher claims at once). */
  onTakenBack: (count: number) => void;
}

/** A worker's takeover duty: its own lock (PostgreSQL) and the sweeps. */
export interface Takeover {
  /** Runs one sweep now; resolves to the claims handed back. */
  sweep(): Promise<number>;
  close(): Promise<void>;
}

export function startTakeover(opts: TakeoverOptions): Takeover {
  const sweepMs = opts.sweepMs ?? 10_000;
  const graceMs = opts.graceMs ?? 2_000;
  let closed = false;
  let lock: pg.Client | null = null;
  /** When the lock session last (re)connected, holding this worker's own lock. */
  let lockedAt = 0;
  let reconnect: NodeJS.Timeout | null = null;
  let sweeping: Promise<number> | null = null;

  const connectLock = async () => {
    if (closed || !opts.databaseUrl) return;
    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'linkwire-worker-lock' });
    c.on('error', (err) => {
      opts.log.warn({ err }, 'worker lock session lost; re-taking it');
      c.end().catch(() => {});
      if (lock === c) lock = null;
      scheduleReconnect();
    });
    try {
      await c.connect();
      const got = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_CLASS, opts.holderId]);
      // Taken already: a live worker whose id hashes alike. Its claims and ours then wait for the lease.
      if (!got.rows[0]?.ok)
        opts.log.warn({ holder: opts.holderId }, 'worker lock key taken by another session; crash takeover of this worker falls back to the lease');
      if (closed) {
        await c.end();
        return;
      }
      lock = c;
      lockedAt = Date.now();
    } catch (err) {
      opts.log.warn({ err }, 'could not open the worker lock session; retrying');
      c.end().catch(() => {});
      scheduleReconnect();
    }
  };
  const scheduleReconnect = () => {
    if (closed || reconnect) return;
    reconnect = setTimeout(() => {
      reconnect = null;
      void connectLock();
    }, 1_000);
  };

  const holderGone = async (holder: string): Promise<boolean> => {
    if (holder === opts.holderId || !parseHolder(holder)) return false;
    if (!opts.caps.concurrentWorkers) return holderGoneFromThisHost(holder);
    const c = lock;
    if (!c || Date.now() - lockedAt < graceMs) return false;
    const got = await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_CLASS, holder]);
    if (!got.rows[0]?.ok) return false;
    // Only a probe: the key is the dead worker's, not ours to keep.
    await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS, holder]);
    return true;
  };

  const sweepOnce = async (): Promise<number> => {
    const now = Date.now();
    let taken = 0;
    for (const holder of await claimHolders(opts.db, opts.caps, now)) {
      if (closed) break;
      if (!(await holderGone(holder))) continue;
      const n = await takeBack(opts.db, opts.caps, holder, now);
      if (n > 0) opts.log.warn({ holder, deliveries: n }, 'took back the claims of a worker that is gone (crash recovery)');
      taken += n;
    }
    if (taken > 0) opts.onTakenBack(taken);
    return taken;
  };
  const sweep = (): Promise<number> => {
    sweeping ??= sweepOnce().finally(() => {
      sweeping = null;
    });
    return sweeping;
  };
  const tick = () => {
    sweep().catch((err) => opts.log.warn({ err }, 'crash takeover sweep failed; the next one retries (the lease is the last resort)'));
  };

  const started = opts.databaseUrl ? connectLock() : Promise.resolve();
  // The first sweep: at once on SQLite, once the grace has passed after the lock session on PostgreSQL.
  let first: NodeJS.Timeout | undefined;
  void started.then(() => {
    if (closed) return;
    first = setTimeout(tick, opts.databaseUrl ? graceMs : 0);
    first.unref();
  });
  const timer = setInterval(tick, sweepMs);
  timer.unref();

  return {
    sweep: async () => {
      await started;
      return sweep();
    },
    async close() {
      closed = true;
      clearTimeout(first);
      clearInterval(timer);
      if (reconnect) clearTimeout(reconnect);
      await started;
      await sweeping?.catch(() => 0);
      const c = lock;
      lock = null;
      if (c) await c.end().catch(() => {});
    },
  };
}
