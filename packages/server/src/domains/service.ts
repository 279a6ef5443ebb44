import { z } from 'zod';
import type { Actor } from '../audit/record.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/record.js';
import type { AppContext } from '../context.js';
import type { DomainChecksTable, DomainPurpose, DomainsTable } from '../db/schema.domains.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { AppError, conflict, limitReached, notFound, tooManyRequests, validationError } from '../http/errors.js';
import { page } from '../http/pagination.js';
import { newId } from '../lib/ids.js';
import { httpUrl } from '../links/service.js';
import { type CheckResult, checkDomain } from './check.js';
import { normaliseHostname } from './hostname.js';
import { instanceHost } from './for-link.js';
import { announceDomainChange } from './hosts.js';
import { expectedRecords, ownershipToken } from './records.js';
import { CHECK_LEASE_MS, GIVE_UP_AFTER_MS, MANUAL_CHECK_EVERY_MS, MISCONFIGURED_AFTER_FAILURES, pendingDelay, RECHECK_EVERY_MS } from './schedule.js';

// Custom domains: add (with the takeover rule), list, read, remove, check. Every change writes its
// event and audit row in its own transaction; nothing is deleted without the owner asking.

export const PURPOSES = ['short_links', 'profile', 'both'] as const;

export const CreateDomainBody = z.strictObject({
  hostname: z.string({ message: 'must be a string' }).min(1, 'is required').max(300, 'must be at most 300 characters'),
  purpose: z.enum(PURPOSES, { message: 'must be "short_links", "profile" or "both"' }).optional(),
  rootUrl: httpUrl.nullable().optional(),
  notFoundUrl: httpUrl.nullable().optional(),
});
export type CreateDomainInput = z.output<typeof CreateDomainBody>;

/** What can change after a domain is added: how it routes. The hostname cannot (add another domain). */
export const UpdateDomainBody = z
  .strictObject({
    purpose: CreateDomainBody.shape.purpose,
    rootUrl: CreateDomainBody.shape.rootUrl,
    notFoundUrl: CreateDomainBody.shape.notFoundUrl,
  })
  .refine((b) => b.purpose !== undefined || b.rootUrl !== undefined || b.notFoundUrl !== undefined, {
    message: 'give at least one of purpose, rootUrl, notFoundUrl',
  });
export type UpdateDomainInput = z.output<typeof UpdateDomainBody>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface DomainRecordView {
  type: 'TXT' | 'CNAME' | 'A' | 'AAAA';
  name: string;
  value: string;
  purpose: 'ownership' | 'routing';
  /** From the last check: ok, failed, or pending (never checked). */
  status: 'ok' | 'failed' | 'pending';
  reason: string | null;
  found: string | null;
}

function recordsOf(ctx: AppContext, d: Pick<DomainsTable, 'hostname' | 'ownershipToken'>) {
  return expectedRecords(ctx.config.domains, d.hostname, d.ownershipToken);
}

async function lastCheck(db: AppContext['db'] | Tx, domainId: string): Promise<DomainChecksTable | undefined> {
  return db.selectFrom('domainChecks').selectAll().where('domainId', '=', domainId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

function toView(ctx: AppContext, d: DomainsTable, last: DomainChecksTable | undefined) {
  const checked = last ? (JSON.parse(last.records) as CheckResult['records']) : [];
  const records: DomainRecordView[] = recordsOf(ctx, d).map((r) => {
    const seen = checked.find((c) => c.type === r.type && c.name === r.name && c.expected === r.value);
    return { ...r, status: seen ? seen.status : 'pending', reason: seen?.reason ?? null, found: seen?.found ?? null };
  });
  return {
    id: d.id,
    hostname: d.hostname,
    purpose: d.purpose,
    status: d.status,
    records,
    rootUrl: d.rootUrl,
    notFoundUrl: d.notFoundUrl,
    verifiedAt: iso(d.verifiedAt),
    verifyMethod: d.verifyMethod as 'dns_txt' | 'http' | null,
    lastCheckedAt: iso(d.lastCheckedAt),
    nextCheckAt: iso(d.nextCheckAt),
    checkCount: d.checkCount,
    lastReason: d.lastReason,
    challengeUrl: `http://${d.hostname}/.well-known/linkwire-challenge/${d.id}`,
    createdAt: iso(d.createdAt)!,
  };
}
export type DomainView = ReturnType<typeof toView>;

async function findDomain(db: AppContext['db'] | Tx, accountId: string, id: string): Promise<DomainsTable> {
  const row = await db
    .selectFrom('domains')
    .selectAll()
    .where('id', '=', id)
    .where('accountId', '=', accountId)
    .where('releasedAt', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Domain', id);
  return row;
}

/** After a committed change: this process's host map now, the others' by NOTIFY (PostgreSQL) or within a minute. */
async function refreshHosts(ctx: AppContext): Promise<void> {
  try {
    await ctx.hosts.reload(ctx.db);
  } catch (err) {
    ctx.log.warn({ err }, 'host map not reloaded after a domain change; the next reload picks it up');
  }
}

export async function addDomain(ctx: AppContext, accountId: string, actor: Actor, input: CreateDomainInput): Promise<DomainView> {
  const normal = normaliseHostname(input.hostname, instanceHost(ctx));
  if (!('hostname' in normal)) throw validationError([{ field: 'hostname', message: normal.rule }]);
  const { hostname } = normal;
  const now = Date.now();
  const token = ownershipToken(ctx.masterKey, accountId, hostname);
  const records = expectedRecords(ctx.config.domains, hostname, token);

  const holder = await ctx.db.selectFrom('domains').selectAll().where('hostname', '=', hostname).where('releasedAt', 'is', null).executeTakeFirst();
  if (holder?.accountId === accountId) throw conflict(`"${hostname}" is already one of your domains (${holder.id}).`, 'hostname');
  // Held by another account: the claim succeeds only if this account's TXT record is there now.
  let proof: CheckResult | null = null;
  if (holder) {
    proof = await checkDomain(
      checkDeps(ctx),
      { id: holder.id, hostname, ownershipToken: token },
      records.filter((r) => r.purpose === 'ownership'),
    );
    if (proof.outcome !== 'pass' || proof.method !== 'dns_txt') {
      const txt = records[0]!;
      throw new AppError(
        409,
        'domain_held',
        'Hostname held by another account',
        `"${hostname}" is registered by another account. To claim it, prove you control its DNS: set TXT ${txt.name} = "${txt.value}", then add it again.`,
        { errors: [{ field: 'hostname', message: 'is held by another account; set the TXT record shown in `records` to claim it' }], records },
      );
    }
  }

  const domain = await inTransaction(ctx.db, async (tx) => {
    const account = await tx.selectFrom('accounts').select('plan').where('id', '=', accountId).executeTakeFirstOrThrow();
    const limit = ctx.plans.limitsOf(account.plan).domains;
    if (limit !== null) {
      const { n } = await tx
        .selectFrom('domains')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('accountId', '=', accountId)
        .where('releasedAt', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(n) >= limit) {
        throw limitReached({
          status: 403,
          limit: 'domains',
          max: limit,
          detail:
            limit === 0
              ? 'Custom domains are a Pro feature: upgrade to the pro or business plan to add one.'
              : `Your plan allows ${limit} custom domain${limit === 1 ? '' : 's'}; remove one or upgrade.`,
        });
      }
    }
    if (holder && proof) await releaseToClaimant(ctx, tx, holder, now);
    const purpose: DomainPurpose = input.purpose ?? 'both';
    const row: DomainsTable = {
      id: newId('dom'),
      accountId,
      hostname,
      purpose,
      status: proof ? 'verified' : 'pending',
      ownershipToken: token,
      rootUrl: input.rootUrl ?? null,
      notFoundUrl: input.notFoundUrl ?? null,
      verifiedAt: proof ? now : null,
      verifyMethod: proof ? 'dns_txt' : null,
      firstCheckedAt: proof ? now : null,
      lastCheckedAt: proof ? now : null,
      nextCheckAt: now + (proof ? RECHECK_EVERY_MS : pendingDelay(0, 0)),
      checkCount: proof ? 1 : 0,
      consecutiveFailures: 0,
      failingSince: null,
      lastReason: null,
      leaseUntil: 0,
      manualCheckAt: null,
      releasedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insertInto('domains').values(row).execute();
    if (proof) await storeCheck(tx, row.id, now, 'claim', proof);
    await ctx.outbox.emit(tx, accountId, 'domain.added', { domainId: row.id, domain: hostname, purpose, records }, { now });
    if (proof)
      await ctx.outbox.emit(
        tx,
        accountId,
        'domain.verified',
        { domainId: row.id, domain: hostname, method: 'dns_txt', verifiedAt: iso(now)!, purpose },
        { now },
      );
    await recordAudit(tx, accountId, actor, {
      action: 'domain.added',
      target: { type: 'domain', id: row.id },
      changes: {
        hostname: { from: null, to: hostname },
        purpose: { from: null, to: purpose },
        ...(holder ? { claimedFrom: { from: null, to: holder.id } } : {}),
      },
    });
    await announceDomainChange(tx, ctx.database.caps);
    return row;
  });
  await refreshHosts(ctx);
  return toView(ctx, domain, await lastCheck(ctx.db, domain.id));
}

/** The old holder's row stays (failed, released): its owner sees why, and gets domain.removed. */
async function releaseToClaimant(ctx: AppContext, tx: Tx, holder: DomainsTable, now: number): Promise<void> {
  await tx
    .updateTable('domains')
    .set({ status: 'failed', releasedAt: now, nextCheckAt: null, lastReason: 'ownership_transferred', updatedAt: now })
    .where('id', '=', holder.id)
    .execute();
  await ctx.outbox.emit(tx, holder.accountId, 'domain.removed', { domainId: holder.id, domain: holder.hostname, reason: 'ownership_transferred' }, { now });
  await recordAudit(tx, holder.accountId, SYSTEM_ACTOR, {
    action: 'domain.removed',
    target: { type: 'domain', id: holder.id },
    changes: { status: { from: holder.status, to: 'failed' }, reason: { from: null, to: 'ownership_transferred' } },
  });
}

export async function listDomains(ctx: AppContext, accountId: string, opts: { cursor?: string; limit: number }) {
  let q = ctx.db.selectFrom('domains').selectAll().where('accountId', '=', accountId).where('releasedAt', 'is', null);
  if (opts.cursor) q = q.where('id', '<', opts.cursor);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  const lasts = new Map<string, DomainChecksTable>();
  for (const r of rows.slice(0, opts.limit)) {
    const last = await lastCheck(ctx.db, r.id);
    if (last) lasts.set(r.id, last);
  }
  return page(rows, opts.limit, (r) => toView(ctx, r, lasts.get(r.id)));
}

export async function getDomain(ctx: AppContext, accountId: string, id: string): Promise<DomainView> {
  const d = await findDomain(ctx.db, accountId, id);
  return toView(ctx, d, await lastCheck(ctx.db, id));
}

/** The links on a domain, in words for a 409 ("2 links live on go.brand.com"), or null when none. */
async function linksLiving(tx: Tx, d: Pick<DomainsTable, 'id' | 'hostname'>): Promise<{ text: string; them: string } | null> {
  const { n } = await tx
    .selectFrom('links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('domainId', '=', d.id)
    .executeTakeFirstOrThrow();
  const count = Number(n);
  if (count === 0) return null;
  return { text: `${count} link${count === 1 ? ' lives' : 's live'} on ${d.hostname}`, them: count === 1 ? 'it' : 'them' };
}

/**
 * Changes how a domain routes. A domain turned to `profile` serves no short links, so that is
 * refused while links live on it (409), as deleting is: nothing stops working without the owner
 * moving it first. Audited with each field's before and after; every process's host map follows.
 */
export async function updateDomain(ctx: AppContext, accountId: string, actor: Actor, id: string, input: UpdateDomainInput): Promise<DomainView> {
  const now = Date.now();
  const updated = await inTransaction(ctx.db, async (tx) => {
    const d = await findDomain(tx, accountId, id);
    if (input.purpose === 'profile' && d.purpose !== 'profile') {
      const live = await linksLiving(tx, d);
      if (live) throw conflict(`${live.text}, and a profile domain serves no short links; move or delete ${live.them} first.`, 'purpose');
    }
    const next = {
      purpose: input.purpose ?? d.purpose,
      rootUrl: input.rootUrl === undefined ? d.rootUrl : input.rootUrl,
      notFoundUrl: input.notFoundUrl === undefined ? d.notFoundUrl : input.notFoundUrl,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['purpose', 'rootUrl', 'notFoundUrl'] as const) if (next[key] !== d[key]) changes[key] = { from: d[key], to: next[key] };
    if (Object.keys(changes).length === 0) return d;
    await tx
      .updateTable('domains')
      .set({ ...next, updatedAt: now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, accountId, actor, { action: 'domain.updated', target: { type: 'domain', id }, changes });
    await announceDomainChange(tx, ctx.database.caps);
    return { ...d, ...next, updatedAt: now };
  });
  await refreshHosts(ctx);
  return toView(ctx, updated, await lastCheck(ctx.db, id));
}

export async function deleteDomain(ctx: AppContext, accountId: string, actor: Actor, id: string): Promise<void> {
  const now = Date.now();
  await inTransaction(ctx.db, async (tx) => {
    const d = await findDomain(tx, accountId, id);
    const live = await linksLiving(tx, d);
    if (live) throw conflict(`${live.text}; delete ${live.them} first.`, 'id');
    // Links of a released (transferred) row point at it: keep that row, delete only what is unreferenced.
    await tx.deleteFrom('domains').where('id', '=', id).execute();
    await ctx.outbox.emit(tx, accountId, 'domain.removed', { domainId: id, domain: d.hostname, reason: 'deleted' }, { now });
    await recordAudit(tx, accountId, actor, {
      action: 'domain.removed',
      target: { type: 'domain', id },
      changes: { hostname: { from: d.hostname, to: null } },
    });
    await announceDomainChange(tx, ctx.database.caps);
  });
  await refreshHosts(ctx);
}

export async function listChecks(ctx: AppContext, accountId: string, id: string, opts: { cursor?: string; limit: number }) {
  await findDomain(ctx.db, accountId, id);
  let q = ctx.db.selectFrom('domainChecks').selectAll().where('domainId', '=', id);
  if (opts.cursor) q = q.where('id', '<', opts.cursor);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  return page(rows, opts.limit, (c) => ({
    id: c.id,
    at: iso(c.at)!,
    trigger: c.trigger as 'scheduled' | 'manual' | 'claim',
    outcome: c.outcome as 'pass' | 'fail',
    reason: c.reason,
    records: JSON.parse(c.records) as CheckResult['records'],
  }));
}

export function checkDeps(ctx: AppContext) {
  return { dns: ctx.dns, targetPolicy: ctx.targetPolicy, challengePort: ctx.config.domains.challengePort };
}

async function storeCheck(tx: Tx, domainId: string, at: number, trigger: string, result: CheckResult): Promise<void> {
  await tx
    .insertInto('domainChecks')
    .values({ id: newId('dck'), domainId, at, trigger, outcome: result.outcome, reason: result.reason, records: JSON.stringify(result.records) })
    .execute();
}

/** POST …/verify: one check now (≤ 1 per MANUAL_CHECK_EVERY_MS per domain), answered with the domain. */
export async function verifyNow(ctx: AppContext, accountId: string, actor: Actor, id: string): Promise<DomainView> {
  const now = Date.now();
  const d = await findDomain(ctx.db, accountId, id);
  const claimed = await ctx.db
    .updateTable('domains')
    .set({ manualCheckAt: now, leaseUntil: now + CHECK_LEASE_MS })
    .where('id', '=', id)
    .where('leaseUntil', '<=', now)
    .where((eb) => eb.or([eb('manualCheckAt', 'is', null), eb('manualCheckAt', '<=', now - MANUAL_CHECK_EVERY_MS)]))
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    const wait = d.manualCheckAt !== null ? Math.max(1, Math.ceil((d.manualCheckAt + MANUAL_CHECK_EVERY_MS - now) / 1000)) : 5;
    throw tooManyRequests(`A check of ${d.hostname} ran or is running just now; try again in ${wait} s.`, wait);
  }
  await runCheck(ctx, claimed, 'manual', actor);
  return getDomain(ctx, accountId, id);
}

/**
 * Checks one claimed domain (its lease held) and applies the result: the check row, the status
 * change and its event, in one transaction. Releases the lease.
 */
export async function runCheck(ctx: AppContext, d: DomainsTable, trigger: 'scheduled' | 'manual', actor: Actor = SYSTEM_ACTOR): Promise<CheckResult> {
  const result = await checkDomain(checkDeps(ctx), d, recordsOf(ctx, d));
  const now = Date.now();
  const changedServing = await inTransaction(ctx.db, async (tx) => {
    await storeCheck(tx, d.id, now, trigger, result);
    const next = transition(d, result, now, trigger);
    await tx
      .updateTable('domains')
      .set({ ...next.fields, lastCheckedAt: now, firstCheckedAt: d.firstCheckedAt ?? now, checkCount: d.checkCount + 1, leaseUntil: 0, updatedAt: now })
      .where('id', '=', d.id)
      .execute();
    const base = { domainId: d.id, domain: d.hostname };
    const failing = result.records.find((r) => r.status === 'failed');
    const detail = failing ? `${failing.type} ${failing.name}: expected ${failing.expected}, found ${failing.found ?? 'nothing'}` : '';
    if (next.event === 'verified')
      await ctx.outbox.emit(tx, d.accountId, 'domain.verified', { ...base, method: result.method!, verifiedAt: iso(now)!, purpose: d.purpose }, { now });
    else if (next.event === 'misconfigured')
      await ctx.outbox.emit(
        tx,
        d.accountId,
        'domain.misconfigured',
        { ...base, reason: result.reason ?? 'dns_error', detail, since: iso(d.failingSince ?? now)!, records: result.records },
        { now },
      );
    else if (next.event === 'verification_failed')
      await ctx.outbox.emit(
        tx,
        d.accountId,
        'domain.verification_failed',
        { ...base, reason: result.reason ?? 'dns_error', checks: d.checkCount + 1, firstCheckedAt: iso(d.firstCheckedAt ?? now)! },
        { now },
      );
    if (trigger === 'manual')
      await recordAudit(tx, d.accountId, actor, {
        action: 'domain.verify',
        target: { type: 'domain', id: d.id },
        changes: next.fields.status && next.fields.status !== d.status ? { status: { from: d.status, to: next.fields.status } } : null,
      });
    const changed = next.fields.status !== undefined && next.fields.status !== d.status;
    if (changed) await announceDomainChange(tx, ctx.database.caps);
    return changed;
  });
  if (changedServing) await refreshHosts(ctx);
  return result;
}

interface Transition {
  fields: Partial<Pick<DomainsTable, 'status' | 'verifiedAt' | 'verifyMethod' | 'nextCheckAt' | 'consecutiveFailures' | 'failingSince' | 'lastReason'>>;
  event: 'verified' | 'misconfigured' | 'verification_failed' | null;
}

/** The state machine of §10: pending → verified → misconfigured (3 failed daily checks) / failed (14 days). */
export function transition(d: DomainsTable, result: CheckResult, now: number, trigger: 'scheduled' | 'manual'): Transition {
  if (result.outcome === 'pass') {
    const becomesVerified = d.status !== 'verified';
    return {
      fields: {
        status: 'verified',
        verifiedAt: becomesVerified ? now : d.verifiedAt,
        verifyMethod: result.method,
        nextCheckAt: now + RECHECK_EVERY_MS,
        consecutiveFailures: 0,
        failingSince: null,
        lastReason: result.reason,
      },
      event: becomesVerified ? 'verified' : null,
    };
  }
  const failures = d.consecutiveFailures + 1;
  const failingSince = d.failingSince ?? now;
  if (d.status === 'pending') {
    // A manual check does not move the schedule forward; only scheduled ones count towards giving up.
    if (trigger === 'scheduled' && now - d.createdAt >= GIVE_UP_AFTER_MS)
      return {
        fields: { status: 'failed', nextCheckAt: null, consecutiveFailures: failures, failingSince, lastReason: result.reason },
        event: 'verification_failed',
      };
    const nextCheckAt = trigger === 'scheduled' ? now + pendingDelay(d.checkCount + 1, now - d.createdAt) : d.nextCheckAt;
    return { fields: { nextCheckAt, consecutiveFailures: failures, failingSince, lastReason: result.reason }, event: null };
  }
  if (d.status === 'failed') return { fields: { consecutiveFailures: failures, failingSince, lastReason: result.reason }, event: null };
  // verified or misconfigured: keeps serving; checked daily.
  const nextCheckAt = trigger === 'scheduled' ? now + RECHECK_EVERY_MS : d.nextCheckAt;
  if (d.status === 'verified' && failures >= MISCONFIGURED_AFTER_FAILURES && trigger === 'scheduled')
    return { fields: { status: 'misconfigured', nextCheckAt, consecutiveFailures: failures, failingSince, lastReason: result.reason }, event: 'misconfigured' };
  return { fields: { nextCheckAt, consecutiveFailures: failures, failingSince, lastReason: result.reason }, event: null };
}

/**
 * Claims due domains for one worker: `UPDATE … WHERE lease expired RETURNING` writes the lease in
 * the claiming statement, so two workers (PostgreSQL) never check one domain at once, and a crashed
 * worker's claim expires after CHECK_LEASE_MS. PostgreSQL row locks make the UPDATE re-check the
 * lease on a row another worker just claimed (READ COMMITTED), so it skips it.
 */
export async function claimDueDomains(ctx: AppContext, now: number, limit: number): Promise<DomainsTable[]> {
  const due = ctx.db
    .selectFrom('domains')
    .select('id')
    .where('nextCheckAt', 'is not', null)
    .where('nextCheckAt', '<=', now)
    .where('leaseUntil', '<=', now)
    .where('releasedAt', 'is', null)
    .orderBy('nextCheckAt')
    .limit(limit);
  return ctx.db
    .updateTable('domains')
    .set({ leaseUntil: now + CHECK_LEASE_MS })
    .where('id', 'in', ctx.database.caps.rowLocks ? due.forUpdate().skipLocked() : due)
    .where('leaseUntil', '<=', now)
    .returningAll()
    .execute();
}

/** One tick of the worker's domain checks: claim what is due, check each. */
export async function checkDueDomains(ctx: AppContext, now = Date.now(), limit = 20): Promise<number> {
  const claimed = await claimDueDomains(ctx, now, limit);
  for (const d of claimed) {
    try {
      await runCheck(ctx, d, 'scheduled');
    } catch (err) {
      ctx.log.warn({ err, domainId: d.id }, 'domain check failed; retried when its lease expires');
    }
  }
  return claimed.length;
}
