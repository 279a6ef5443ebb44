import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext, BackgroundService } from '../context.js';
import type { AppsTable, DeeplinkTokensTable } from '../db/schema.apps.js';
import { inTransaction, type Tx } from '../db/transaction.js';
import { AppError, notFound, unauthorized } from '../http/errors.js';
import { problems } from '../http/schemas.js';
import { startPeriodic } from '../lib/periodic.js';
import { parseApp } from './model.js';
import { DeepLinkPayload, DeferredResult, SdkClaimBody, SdkDeferredBody, SdkOpenBody } from './schemas.js';
import { appForKey } from './service.js';
import { matchKey, tokenHashOf } from './tokens.js';

// The app-side API (PRODUCT.md §11): called from inside the app with its publishable key in
// X-Linkwire-App-Key. The routes are public for the session/API-key hook and check the key here; a
// key can do nothing but these three calls for its own app. Rate-limited per key and client.

export const APP_KEY_HEADER = 'x-linkwire-app-key';

declare module 'fastify' {
  interface FastifyRequest {
    /** The app behind X-Linkwire-App-Key, set by the sdk routes' preHandler. */
    sdkApp?: AppsTable;
  }
}

const gone = (detail: string) => new AppError(410, 'token_expired', 'Token expired', detail);
const alreadyClaimed = () =>
  new AppError(409, 'already_claimed', 'Already claimed', 'This token was claimed by another install; a token opens one install only.');

function payloadOf(t: Pick<DeeplinkTokensTable, 'linkId' | 'path' | 'params' | 'destUrl'>) {
  return { linkId: t.linkId, path: t.path, params: JSON.parse(t.params) as Record<string, string>, url: t.destUrl };
}

const iso = (ms: number) => new Date(ms).toISOString();

async function emitClaim(
  ctx: AppContext,
  tx: Tx,
  t: DeeplinkTokensTable,
  installId: string,
  method: 'install_referrer' | 'pasteboard' | 'probabilistic',
  now: number,
) {
  await ctx.outbox.emit(
    tx,
    t.accountId,
    'link.claim',
    {
      tokenId: t.id,
      linkId: t.linkId,
      appId: t.appId,
      platform: t.platform,
      destUrl: t.destUrl,
      deepLinkPath: t.path,
      method,
      clickedAt: iso(t.createdAt),
      claimedAt: iso(now),
      secondsToClaim: Math.round((now - t.createdAt) / 1000),
      installId,
    },
    { now },
  );
}

/** The single-use claim: only an unclaimed, unexpired token is taken, whatever runs concurrently. */
async function take(tx: Tx, id: string, installId: string, method: string, now: number): Promise<boolean> {
  const result = await tx
    .updateTable('deeplinkTokens')
    .set({ claimedAt: now, installId, claimMethod: method, matchKey: null })
    .where('id', '=', id)
    .where('claimedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function claimToken(ctx: AppContext, app: AppsTable, input: { token: string; installId: string }, now = Date.now()) {
  return inTransaction(ctx.db, async (tx) => {
    const t = await tx
      .selectFrom('deeplinkTokens')
      .selectAll()
      .where('tokenHash', '=', tokenHashOf(input.token))
      .where('appId', '=', app.id)
      .executeTakeFirst();
    if (!t) throw notFound('Token');
    if (await take(tx, t.id, input.installId, t.channel, now)) {
      await emitClaim(ctx, tx, t, input.installId, t.channel, now);
      return payloadOf(t);
    }
    // Lost or never had it: re-read what the winning claim wrote.
    const after = await tx.selectFrom('deeplinkTokens').select(['claimedAt', 'installId']).where('id', '=', t.id).executeTakeFirstOrThrow();
    if (after.claimedAt !== null && after.installId === input.installId) return payloadOf(t); // the same install asking again
    if (after.claimedAt !== null) throw alreadyClaimed();
    throw gone(`The token expired at ${iso(t.expiresAt)} (the app's window is ${app.deferredWindowMinutes} minutes).`);
  });
}

export async function openLink(ctx: AppContext, app: AppsTable, input: SdkOpenInput, now = Date.now()) {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw new AppError(400, 'validation_failed', 'Your request has invalid fields', 'url: must be an absolute URL', {
      errors: [{ field: 'url', message: 'must be an absolute URL' }],
    });
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const raw = segments.length === 2 && (segments[0] === 'l' || segments[0] === 'q') ? segments[1]! : segments.length === 1 ? segments[0]! : null;
  // A malformed escape (%E0%A4%A) cannot be a slug: the same 404 as any other URL that is not a link.
  const slug = raw === null ? null : safeDecode(raw);
  // Slugs are unique per domain: the URL's host says which of the account's links it is (its
  // domain's, else the domain-less one, as host routing resolves it).
  const host = ctx.hosts.get(url.hostname.toLowerCase());
  const domainId = host?.accountId === app.accountId ? host.domainId : null;
  const candidates = slug
    ? await ctx.db
        .selectFrom('links')
        .select(['id', 'url', 'appId', 'appPath', 'appParams', 'domainId'])
        .where('slug', '=', slug)
        .where('accountId', '=', app.accountId)
        .execute()
    : [];
  const link = candidates.find((l) => domainId !== null && l.domainId === domainId) ?? candidates.find((l) => !l.domainId);
  // Another account's link, or a web-only link: the app should open it in the browser.
  if (!link || link.appId !== app.id) throw notFound('App link');
  const { ios, android } = parseApp(app);
  const platform = input.platform ?? (ios && !android ? 'ios' : android && !ios ? 'android' : 'unknown');
  const source = url.protocol !== 'http:' && url.protocol !== 'https:' ? 'uri_scheme' : platform === 'android' ? 'app_link' : 'universal_link';
  const payload = {
    linkId: link.id,
    path: link.appPath ?? '/',
    params: link.appParams ? (JSON.parse(link.appParams) as Record<string, string>) : {},
    url: link.url,
  };
  await inTransaction(ctx.db, (tx) =>
    ctx.outbox.emit(
      tx,
      app.accountId,
      'link.app_open',
      {
        linkId: link.id,
        appId: app.id,
        platform,
        destUrl: link.url,
        deepLinkPath: payload.path,
        source,
        firstOpen: input.firstOpen ?? false,
        installId: input.installId,
        appVersion: input.appVersion ?? null,
      },
      { now },
    ),
  );
  return payload;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

type SdkOpenInput = { url: string; installId: string; firstOpen?: boolean; platform?: 'ios' | 'android'; appVersion?: string };

export async function deferredMatch(ctx: AppContext, app: AppsTable, ip: string, input: { platform: 'ios' | 'android'; installId: string }, now = Date.now()) {
  return inTransaction(ctx.db, async (tx) => {
    const attempt = async (reason: 'matched' | 'no_candidate' | 'ambiguous' | 'disabled', t?: DeeplinkTokensTable) =>
      ctx.outbox.emit(
        tx,
        app.accountId,
        'link.deferred_claim_attempt',
        {
          appId: app.id,
          platform: input.platform,
          matched: reason === 'matched',
          method: 'probabilistic',
          confidence: reason === 'matched' ? 'unique' : null,
          linkId: t?.linkId ?? null,
          destUrl: t?.destUrl ?? null,
          tokenId: t?.id ?? null,
          reason,
          installId: input.installId,
        },
        { now },
      );
    // Never on iOS: Apple's developer agreement forbids deriving a device identity from device or
    // network data (developer.apple.com/news/?id=8h0btjq7), and iCloud Private Relay defeats it.
    if (app.deferredProbabilistic !== 1 || input.platform === 'ios') {
      await attempt('disabled');
      return { matched: false, reason: 'disabled' as const };
    }
    // Today's and yesterday's key: a window (at most 24 h) crosses one midnight at most.
    const keys = [matchKey(ctx.clientHashes, app.id, ip, input.platform, now), matchKey(ctx.clientHashes, app.id, ip, input.platform, now - 86_400_000)];
    const candidates = await tx
      .selectFrom('deeplinkTokens')
      .selectAll()
      .where('appId', '=', app.id)
      .where('matchKey', 'in', keys)
      .where('platform', '=', input.platform)
      .where('claimedAt', 'is', null)
      .where('expiresAt', '>', now)
      .limit(2)
      .execute();
    if (candidates.length !== 1) {
      const reason = candidates.length === 0 ? ('no_candidate' as const) : ('ambiguous' as const);
      await attempt(reason);
      return { matched: false as const, reason };
    }
    const t = candidates[0]!;
    if (!(await take(tx, t.id, input.installId, 'probabilistic', now))) {
      await attempt('no_candidate');
      return { matched: false, reason: 'no_candidate' as const };
    }
    await emitClaim(ctx, tx, t, input.installId, 'probabilistic', now);
    await attempt('matched', t);
    return { matched: true, reason: 'matched' as const, ...payloadOf(t) };
  });
}

/** The app API under /api/v1/sdk. */
export async function sdkRoutes(instance: FastifyInstance) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const config = { public: true } as const;
  const tags = ['sdk'];
  const security = [{ appKey: [] }];
  const preHandler = async (req: FastifyRequest) => {
    await app.rateLimits.check('sdk', req);
    const key = req.headers[APP_KEY_HEADER];
    const found = typeof key === 'string' ? await appForKey(ctx, key) : undefined;
    if (!found) throw unauthorized('Send the app’s publishable key in X-Linkwire-App-Key (pk_app_…; GET /api/v1/apps/{id} shows its prefix).');
    req.sdkApp = found;
  };
  const errors = problems(400, 401, 404, 429);

  app.post(
    '/sdk/open',
    {
      config,
      preHandler,
      schema: {
        operationId: 'sdkOpen',
        summary: 'The app was opened by a link (Universal Link, App Link, URI scheme); emits link.app_open',
        tags,
        security,
        body: SdkOpenBody,
        response: { 200: DeepLinkPayload, ...errors },
      },
    },
    async (req) => openLink(ctx, req.sdkApp!, req.body),
  );
  app.post(
    '/sdk/claim',
    {
      config,
      preHandler,
      schema: {
        operationId: 'sdkClaim',
        summary: 'Claim a token from the install referrer or the clipboard (single use; the same install may ask again); emits link.claim',
        tags,
        security,
        body: SdkClaimBody,
        response: { 200: DeepLinkPayload, ...errors, ...problems(409, 410) },
      },
    },
    async (req) => claimToken(ctx, req.sdkApp!, req.body),
  );
  app.post(
    '/sdk/deferred',
    {
      config,
      preHandler,
      schema: {
        operationId: 'sdkDeferred',
        summary: 'A first open without a token: probabilistic match when the app enabled it (unique candidates only); emits link.deferred_claim_attempt',
        tags,
        security,
        body: SdkDeferredBody,
        response: { 200: DeferredResult, ...errors },
      },
    },
    async (req) => deferredMatch(ctx, req.sdkApp!, req.ip, req.body),
  );
}

/** Expired tokens are kept this long (a late claim gets 410, not 404, and claims stay auditable), then deleted. */
export const TOKEN_RETENTION_MS = 30 * 86_400_000;

/**
 * The worker's tidy-up (every minute): probabilistic match keys live only as long as their
 * window, and tokens are deleted TOKEN_RETENTION_MS after they expired.
 */
export async function purgeDeeplinkTokens(ctx: Pick<AppContext, 'db'>, now = Date.now()): Promise<{ matchKeys: number; deleted: number }> {
  const cleared = await ctx.db
    .updateTable('deeplinkTokens')
    .set({ matchKey: null })
    .where('matchKey', 'is not', null)
    .where('expiresAt', '<=', now)
    .executeTakeFirst();
  const deleted = await ctx.db
    .deleteFrom('deeplinkTokens')
    .where('expiresAt', '<=', now - TOKEN_RETENTION_MS)
    .executeTakeFirst();
  return { matchKeys: Number(cleared.numUpdatedRows), deleted: Number(deleted.numDeletedRows) };
}

export const MATCH_KEY_PURGE_MS = 60_000;

export function startMatchKeyPurge(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'deeplink-match-purge', MATCH_KEY_PURGE_MS, MATCH_KEY_PURGE_MS, () => purgeDeeplinkTokens(ctx));
}
