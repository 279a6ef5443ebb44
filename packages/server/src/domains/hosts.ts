import type { IncomingMessage } from 'node:http';
import { type Kysely, sql } from 'kysely';
import type { Capabilities } from '../db/capabilities.js';
import type { DomainPurpose, DomainStatus } from '../db/schema.domains.js';
import type { DB } from '../db/schema.js';
import type { Tx } from '../db/transaction.js';

/** The PostgreSQL channel a committed domain change is announced on: every process reloads its hosts. */
export const DOMAINS_CHANNEL = 'linkwire_domains';

/** What serving a request on a custom host needs, from memory. */
export interface HostEntry {
  domainId: string;
  accountId: string;
  hostname: string;
  handle: string;
  status: DomainStatus;
  purpose: DomainPurpose;
  ownershipToken: string;
  rootUrl: string | null;
  notFoundUrl: string | null;
}

/**
 * May this short link be followed on this host? The instance's host serves links without a domain;
 * a custom host serves its own links and, for the profile's buttons, its account's links without one
 * — never another account's.
 */
export function linkServedOn(link: { accountId: string; domainId?: string | null }, entry: HostEntry | undefined): boolean {
  if (!entry) return !link.domainId;
  return link.domainId === entry.domainId || (!link.domainId && link.accountId === entry.accountId);
}

/** Verified domains serve; misconfigured ones too (a DNS blip does no harm). Pending/failed serve only the challenge. */
export const isServing = (entry: HostEntry) => entry.status === 'verified' || entry.status === 'misconfigured';

/**
 * The per-process map of custom hosts (`ctx.hosts`): the routing hook and the TLS ask endpoint read
 * it synchronously, so neither waits on the database and a database blip keeps the last map (a
 * failed reload is logged, the old map stays). Reloaded whole — a few thousand rows at most — after
 * every change made here, on NOTIFY from other processes (PostgreSQL), and every minute.
 */
export class HostCache {
  private byHost = new Map<string, HostEntry>();
  private byId = new Map<string, HostEntry>();
  /** The custom host a request arrived on, set by the routing hook (domains/routing.ts). */
  readonly ofRequest = new WeakMap<IncomingMessage, HostEntry>();
  loaded = false;
  /** Reloads started / the latest one applied: a slow reload never overwrites a newer map. */
  private started = 0;
  private applied = 0;

  get(hostname: string): HostEntry | undefined {
    return this.byHost.get(hostname);
  }

  /** The hostname of a domain (a link's shortUrl), or undefined when it is not held any more. */
  hostnameOf(domainId: string): string | undefined {
    return this.byId.get(domainId)?.hostname;
  }

  async reload(db: Kysely<DB>): Promise<void> {
    // Reloads overlap (the minute's, a NOTIFY's, a local change's): one that read the table before
    // a change must not land after one that read it after, or the change is lost until the next.
    const generation = ++this.started;
    const rows = await db
      .selectFrom('domains')
      .innerJoin('accounts', 'accounts.id', 'domains.accountId')
      .select([
        'domains.id as domainId',
        'domains.accountId',
        'domains.hostname',
        'accounts.handle',
        'domains.status',
        'domains.purpose',
        'domains.ownershipToken',
        'domains.rootUrl',
        'domains.notFoundUrl',
      ])
      .where('domains.releasedAt', 'is', null)
      .execute();
    if (generation < this.applied) return;
    this.applied = generation;
    this.byHost = new Map(rows.map((r) => [r.hostname, r]));
    this.byId = new Map(rows.map((r) => [r.domainId, r]));
    this.loaded = true;
  }

  /** How many hosts the TLS endpoint would allow (for tests and logs). */
  get size(): number {
    return this.byHost.size;
  }
}

/** Inside the transaction of a change: on PostgreSQL the notification is delivered at commit, to every process. */
export async function announceDomainChange(tx: Tx, caps: Capabilities): Promise<void> {
  if (caps.listenNotify) await sql`SELECT pg_notify(${DOMAINS_CHANNEL}, '')`.execute(tx);
}
