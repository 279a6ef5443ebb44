import type { Compilable } from 'kysely';
import type { AppContext } from '../context.js';
import { ladderChunks, runCompiled } from '../db/compiled.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { utcDay } from '../lib/privacy.js';
import type { EventData } from '../events/catalog.js';
import type { EventInput } from '../events/emit.js';
import type { DeeplinkTokensTable } from '../db/schema.apps.js';
import type { RedirectTarget } from './lookup.js';
import { checkMilestones } from './milestones.js';
import type { Visitor } from './visitor.js';

// Clicks and visits: recorded with group commit, counted incrementally.

export type ClickSource = 'profile' | 'short_link' | 'qr';

/** A deep-link token made by a click (apps/routing.ts): its row and event are written in the click's batch transaction. */
export interface ClickToken {
  row: DeeplinkTokensTable;
  event: EventData<'link.token_created'>;
}

export type Interaction =
  | { kind: 'visit'; accountId: string; handle: string; visitor: Visitor; at: number }
  | {
      kind: 'click';
      link: RedirectTarget;
      source: ClickSource;
      visitor: Visitor;
      at: number;
      token?: ClickToken;
      /** the custom domain it was followed on */
      domain?: string;
    };

/** A short link followed from the profile page says so with ?src=profile (the page's own hrefs). */
export function effectiveSource(source: ClickSource, query: unknown): ClickSource {
  const src = (query as Record<string, unknown> | undefined)?.src;
  return source === 'short_link' && src === 'profile' ? 'profile' : source;
}

/** The click the recorder makes durable before the 302; `domain`: the custom domain it was followed on. */
export function clickOf(link: RedirectTarget, source: ClickSource, visitor: Visitor, at: number, domain: string | undefined, token?: ClickToken): Interaction {
  return { kind: 'click', link, source, visitor, at, ...(token ? { token } : {}), ...(domain ? { domain } : {}) };
}

interface Waiter {
  interaction: Interaction;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class RecorderClosedError extends Error {
  constructor() {
    super('The click recorder is shutting down');
    this.name = 'RecorderClosedError';
  }
}

/**
 * Group commit for the redirect and profile-page hot paths. A request hands its click or visit to
 * record() and waits; the recorder writes everything waiting in ONE transaction (events through
 * ctx.outbox.emitMany(), link/profile counters, daily rollups, milestones) and only then resolves
 * the promises, so a 302 is never sent for a click that is not durable. If the transaction fails,
 * every waiter of that batch gets the error (the route answers 503, never a redirect without a
 * record).
 *
 * Batching: when idle, the first record opens a window of two setImmediate hops (two I/O polls:
 * every request parsed in them joins); while a batch commits, new records queue and are written as
 * the next batch the moment the commit returns, so under load the batch size follows the commit
 * time on its own. MAX_BATCH = 256 bounds one transaction (~4 ms of writeBatch at 16 µs per click)
 * so that API writers are not starved.
 *
 * Today (2026-12-01, 2-core bench VM, 32 connections): 27 424 redirects/s = 0.43× a bare node:http
 * 302 (median 0.35× over eight runs), 27.5–28.9 clicks per commit; writeBatch costs 16 µs CPU per
 * click, 9.3 µs of it SQLite and 5 µs of that the COMMIT (bench/micro/click-batch.ts). Where the
 * rest of the ~36 µs per click goes: bench/README.md#redirect-path.
 *
 * Tried instead:
 *   one transaction per click (MAX_BATCH = 1): 297 redirects/s, p50 150 ms, against 1 637/s
 *     grouped (autocannon -c 50, first version);
 *   a 2 ms timer as the window: 2 257–2 494/s (the process idle up to 2 ms a batch) against
 *     6 005–6 518/s with setImmediate (--quick);
 *   one, or three, setImmediate hops: one gave 0.29× / 0.28× against 0.35× / 0.31× for two; three
 *     gave the same rate as two.
 */
export class ClickRecorder {
  static readonly MAX_BATCH = 256;

  private buffer: Waiter[] = [];
  private timer: NodeJS.Immediate | null = null;
  private running: Promise<void> | null = null;
  private refusing = false;
  /** Sizes of committed batches, for tests and metrics. */
  readonly batchSizes: number[] = [];

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'metrics' | 'log' | 'outbox' | 'thresholds'>) {}

  /** True once close() began: records are refused from then on. */
  get closed(): boolean {
    return this.refusing;
  }

  record(interaction: Interaction): Promise<void> {
    if (this.refusing) return Promise.reject(new RecorderClosedError());
    return new Promise<void>((resolve, reject) => {
      this.buffer.push({ interaction, resolve, reject });
      if (this.running) return; // the running loop takes it as soon as the current batch commits
      if (this.buffer.length >= ClickRecorder.MAX_BATCH) this.start();
      else
        this.timer ??= setImmediate(() => {
          this.timer = setImmediate(() => this.start());
        });
    });
  }

  /** Writes everything still waiting, then refuses new records (called on app close). */
  async close(): Promise<void> {
    this.refusing = true;
    if (!this.running && this.buffer.length) this.start();
    while (this.running) await this.running;
  }

  private start(): void {
    if (this.timer) {
      clearImmediate(this.timer);
      this.timer = null;
    }
    if (this.running) return;
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  private async loop(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, ClickRecorder.MAX_BATCH);
      try {
        await inTransaction(this.ctx.db, (tx) =>
          writeBatch(
            this.ctx,
            tx,
            batch.map((w) => w.interaction),
          ),
        );
        if (this.batchSizes.length < 10_000) this.batchSizes.push(batch.length);
        this.ctx.metrics.clickBatchSize.observe(batch.length);
        for (const w of batch) w.resolve();
      } catch (err) {
        this.ctx.log.error({ err, records: batch.length }, 'click batch failed; answering 503 to its requests');
        for (const w of batch) w.reject(err as Error);
      }
    }
  }
}

function bump<K>(map: Map<K, number>, key: K, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Events, counters, rollups and milestones of one batch, inside its transaction. */
export async function writeBatch(ctx: Pick<AppContext, 'outbox' | 'thresholds'>, tx: Tx, batch: Interaction[]): Promise<void> {
  const linkClicks = new Map<string, { accountId: string; n: number }>();
  const profile = new Map<string, { visits: number; clicks: number }>();
  const daily = new Map<string, { accountId: string; day: string; visits: number; clicks: number; profileClicks: number }>();
  const dailyLinks = new Map<string, number>();
  const countries = new Map<string, number>();
  const referers = new Map<string, number>();
  const sep = '\u0000';
  // Every event of the batch, in arrival order, written by one emitMany() (one multi-row INSERT
  // and one fan-out) instead of a few statements per event.
  const events: EventInput[] = [];
  const tokens: DeeplinkTokensTable[] = [];

  for (const it of batch) {
    const now = it.at;
    const day = utcDay(now);
    const v = it.visitor;
    const accountId = it.kind === 'visit' ? it.accountId : it.link.accountId;
    const p = profile.get(accountId) ?? { visits: 0, clicks: 0 };
    profile.set(accountId, p);
    const dKey = accountId + sep + day;
    const d = daily.get(dKey) ?? { accountId, day, visits: 0, clicks: 0, profileClicks: 0 };
    daily.set(dKey, d);
    if (it.kind === 'visit') {
      events.push({ accountId, type: 'profile.visit', data: { profileCode: it.handle, ...v }, now });
      p.visits++;
      d.visits++;
    } else {
      const l = it.link;
      if (it.source === 'qr') {
        events.push({
          accountId,
          type: 'qr.scanned',
          data: { profileCode: l.handle, linkId: l.id, title: l.title, url: l.url, slug: l.slug, country: v.country, device: v.device },
          now,
        });
      }
      events.push({
        accountId,
        type: 'link.click',
        data: {
          profileCode: l.handle,
          linkId: l.id,
          type: l.type,
          title: l.title,
          url: l.url,
          slug: l.slug,
          source: it.source,
          ...v,
          ...(it.domain ? { domain: it.domain } : {}),
        },
        now,
      });
      if (it.token) {
        tokens.push(it.token.row);
        events.push({ accountId, type: 'link.token_created', data: it.token.event, now });
      }
      // A widget's link is not a row of links: its clicks count for the profile, not for a link.
      if (l.type !== 'widget') {
        const lc = linkClicks.get(l.id) ?? { accountId, n: 0 };
        lc.n++;
        linkClicks.set(l.id, lc);
        bump(dailyLinks, accountId + sep + day + sep + l.id);
      }
      p.clicks++;
      d.clicks++;
      if (it.source === 'profile') d.profileClicks++;
    }
    // Countries and referrers describe arrivals: profile visits and clicks that did not start on
    // the profile page (a profile click's visitor was already counted by its visit).
    if (it.kind === 'visit' || it.source !== 'profile') {
      if (v.country) bump(countries, accountId + sep + day + sep + v.country);
      if (v.referer) bump(referers, accountId + sep + day + sep + v.referer);
    }
  }

  // handoff: a dispatcher in this process takes the click's deliveries from this transaction, unclaimed (events/types.ts).
  await ctx.outbox.emitMany(tx, events, { handoff: true });
  if (tokens.length > 0) await tx.insertInto('deeplinkTokens').values(tokens).execute();

  const now = batch[batch.length - 1]!.at;
  const thresholds = await ctx.thresholds.thresholdsFor(tx, [...profile.keys()]);
  // Rows are touched in key order in every statement, so two api processes on PostgreSQL
  // writing overlapping batches lock them in the same order and cannot deadlock.
  for (const linkId of [...linkClicks.keys()].sort()) {
    const { accountId, n } = linkClicks.get(linkId)!;
    const { rows } = await runCompiled(tx, 'writeBatch.links.clicks', [n, linkId], () =>
      tx
        .updateTable('links')
        .set((eb) => ({ clicks: eb('clicks', '+', n) }))
        .where('id', '=', linkId)
        .returning('clicks'),
    );
    const row = rows[0];
    if (!row) continue; // deleted since the redirect looked it up: the event and rollups still count it
    const after = Number(row.clicks);
    await checkMilestones(ctx.outbox, tx, { accountId, linkId, metric: 'clicks', before: after - n, after, thresholds: thresholds.get(accountId)!, now });
  }
  for (const accountId of [...profile.keys()].sort()) {
    const p = profile.get(accountId)!;
    const { rows } = await runCompiled(tx, 'writeBatch.profileCounters', [accountId, p.visits, p.clicks], () =>
      tx
        .insertInto('profileCounters')
        .values({ accountId, visits: p.visits, clicks: p.clicks })
        .onConflict((oc) =>
          oc.column('accountId').doUpdateSet((eb) => ({
            visits: eb('profileCounters.visits', '+', eb.ref('excluded.visits')),
            clicks: eb('profileCounters.clicks', '+', eb.ref('excluded.clicks')),
          })),
        )
        .returning('visits'),
    );
    const row = rows[0];
    if (p.visits > 0) {
      const after = Number(row!.visits);
      await checkMilestones(ctx.outbox, tx, {
        accountId,
        linkId: null,
        metric: 'visits',
        before: after - p.visits,
        after,
        thresholds: thresholds.get(accountId)!,
        now,
      });
    }
  }
  const dailyRows = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, d]) => d);
  await upsertChunks(
    tx,
    'dailyStats',
    dailyRows,
    (d) => [d.accountId, d.day, d.visits, d.clicks, d.profileClicks],
    (rows) =>
      tx
        .insertInto('dailyStats')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['accountId', 'day']).doUpdateSet((eb) => ({
            visits: eb('dailyStats.visits', '+', eb.ref('excluded.visits')),
            clicks: eb('dailyStats.clicks', '+', eb.ref('excluded.clicks')),
            profileClicks: eb('dailyStats.profileClicks', '+', eb.ref('excluded.profileClicks')),
          })),
        ),
  );
  const split = (key: string) => key.split(sep) as [string, string, string];
  await upsertChunks(
    tx,
    'dailyLinkClicks',
    [...dailyLinks.entries()].sort().map(([key, clicks]) => {
      const [accountId, day, linkId] = split(key);
      return { accountId, day, linkId, clicks };
    }),
    (r) => [r.accountId, r.day, r.linkId, r.clicks],
    (rows) =>
      tx
        .insertInto('dailyLinkClicks')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['accountId', 'day', 'linkId']).doUpdateSet((eb) => ({ clicks: eb('dailyLinkClicks.clicks', '+', eb.ref('excluded.clicks')) })),
        ),
  );
  await upsertChunks(
    tx,
    'dailyCountries',
    [...countries.entries()].sort().map(([key, count]) => {
      const [accountId, day, country] = split(key);
      return { accountId, day, country, count };
    }),
    (r) => [r.accountId, r.day, r.country, r.count],
    (rows) =>
      tx
        .insertInto('dailyCountries')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['accountId', 'day', 'country']).doUpdateSet((eb) => ({ count: eb('dailyCountries.count', '+', eb.ref('excluded.count')) })),
        ),
  );
  await upsertChunks(
    tx,
    'dailyReferers',
    [...referers.entries()].sort().map(([key, count]) => {
      const [accountId, day, referer] = split(key);
      return { accountId, day, referer, count };
    }),
    (r) => [r.accountId, r.day, r.referer, r.count],
    (rows) =>
      tx
        .insertInto('dailyReferers')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['accountId', 'day', 'referer']).doUpdateSet((eb) => ({ count: eb('dailyReferers.count', '+', eb.ref('excluded.count')) })),
        ),
  );
}

// The statements of writeBatch are built with Kysely once per dialect and shape, then reused as
// SQL text with new parameters (db/compiled.ts): building and compiling the operation tree on every
// batch was most of the "Kysely JS" share of the redirect path. Multi-row upserts go in fixed chunk
// sizes so that a handful of texts (and of prepared statements in the SQLite cache of db/index.ts,
// keyed by SQL text) cover every batch.
const CHUNK_SIZES = [64, 32, 16, 8, 4, 2, 1] as const;

async function upsertChunks<T>(
  tx: Tx,
  key: string,
  rows: readonly T[],
  paramsOf: (row: T) => unknown[],
  build: (rows: T[]) => Compilable<unknown>,
): Promise<void> {
  for (const chunk of ladderChunks(rows, CHUNK_SIZES)) {
    await runCompiled(tx, `writeBatch.${key}:${chunk.length}`, chunk.flatMap(paramsOf), () => build(chunk));
  }
}
