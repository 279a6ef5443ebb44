import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { DeeplinkTokensTable } from '../db/schema.apps.js';
import { redirectHeaders, sendClickNotRecorded } from '../http/redirect.js';
import { newId } from '../lib/ids.js';
import { type ClickSource, type ClickToken, clickOf, effectiveSource } from '../links/clicks.js';
import type { RedirectTarget } from '../links/lookup.js';
import { parseAgent, type Visitor } from '../links/visitor.js';
import { parseApp } from './model.js';
import { renderInterstitial, renderPlatformProbe, renderPreview } from './pages.js';
import { matchKey, newToken, TOKEN_PREFIX } from './tokens.js';

// Platform routing of /l/{slug} and /q/{slug} for a link with app settings (PRODUCT.md §11). The
// request only arrives when the app did not open the link itself (Universal Link / App Link), so a
// mobile visitor probably lacks the app: Android goes to the Play Store with a token in the
// install referrer, iOS gets a page whose "Get the app" copies the token and opens the App Store,
// everything else follows the web URL. Bots get a preview page and are not counted.

export type Platform = 'ios' | 'android' | 'desktop' | 'bot' | 'probe';

/**
 * iPadOS 13+ Safari sends a Macintosh user agent, so a Mac Safari agent cannot be told from an iPad
 * on the server: it gets a tiny probe page that asks `navigator.maxTouchPoints` and comes back with
 * `?lw_platform=ios` or `desktop`. Chrome, Firefox and Edge on a Mac name themselves and skip it.
 */
export function platformOf(ua: string, query: Record<string, unknown>): Platform {
  if (parseAgent(ua).bot) return 'bot';
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) return 'ios';
  if (/\bAndroid\b/.test(ua)) return 'android';
  if (/\bMacintosh\b/.test(ua) && /\bSafari\//.test(ua) && !/\b(Chrome|Chromium|CriOS|Firefox|FxiOS|Edg)\//.test(ua)) {
    if (query.lw_platform === 'ios') return 'ios';
    if (query.lw_platform === 'desktop') return 'desktop';
    return 'probe';
  }
  return 'desktop';
}

const page = (reply: FastifyReply, html: string) =>
  reply
    .code(200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    // Inline style and script only; nothing is loaded from anywhere.
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    )
    .header('referrer-policy', 'no-referrer')
    .send(html);

/**
 * Answers a click on an app link (called by web/public.ts `follow` for a link whose appId is set):
 * records the click (and, for a store redirect, the token and link.token_created in the same batch
 * transaction) and answers with the platform's route.
 */
export async function followAppLink(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { link: RedirectTarget; source: ClickSource; visitor: () => Visitor; now: number /** the custom domain it was followed on */; domain?: string },
) {
  const { link, now } = opts;
  // On a custom domain link.click names it, as for web links (web/public.ts).
  const query = (req.query ?? {}) as Record<string, unknown>;
  const source = effectiveSource(opts.source, query);
  const ua = req.headers['user-agent'] ?? '';
  const platform = platformOf(ua, query);
  if (platform === 'bot') return page(reply, renderPreview({ title: link.title, url: link.url }));
  if (platform === 'probe') return page(reply, renderPlatformProbe({ webUrl: link.url }));

  const row = await ctx.db.selectFrom('apps').selectAll().where('id', '=', link.appId!).executeTakeFirst();
  const app = row ? parseApp(row) : null;
  const web = async () => {
    try {
      await ctx.clickRecorder.record(clickOf(link, source, opts.visitor(), now, opts.domain));
    } catch (err) {
      req.log.warn({ err, slug: link.slug }, 'click not recorded; not redirecting');
      return sendClickNotRecorded(reply);
    }
    return reply.code(302).headers(redirectHeaders(link.url)).send();
  };
  if (!app || link.appForceWeb === 1 || platform === 'desktop') return web();
  if (platform === 'android' && !app.android) return web();
  if (platform === 'ios' && !app.ios) return web();

  const { token, hash } = newToken();
  const expiresAt = now + app.row.deferredWindowMinutes * 60_000;
  let storeUrl: string;
  if (platform === 'android') {
    const android = app.android!;
    const play = new URL(android.playStoreUrl ?? `https://play.google.com/store/apps/details?id=${encodeURIComponent(android.packageName)}`);
    play.searchParams.set('referrer', `lw_token=${token}&utm_source=linkwire&utm_campaign=${link.slug}`);
    storeUrl = play.toString();
  } else {
    storeUrl = `https://apps.apple.com/app/id${app.ios!.appStoreId}`;
  }
  const visitor = opts.visitor();
  const tokenRow: DeeplinkTokensTable = {
    id: newId('tok'),
    accountId: link.accountId,
    appId: app.row.id,
    linkId: link.id,
    tokenHash: hash,
    platform,
    channel: platform === 'android' ? 'install_referrer' : 'pasteboard',
    destUrl: link.url,
    path: link.appPath ?? '/',
    params: link.appParams ?? '{}',
    // Android only: on iOS matching is off whatever the app says (Apple forbids fingerprinting; apps/sdk.ts).
    matchKey: app.row.deferredProbabilistic === 1 && platform === 'android' ? matchKey(ctx.clientHashes, app.row.id, req.ip, platform, now) : null,
    createdAt: now,
    expiresAt,
    claimedAt: null,
    claimMethod: null,
    installId: null,
  };
  const clickToken: ClickToken = {
    row: tokenRow,
    event: {
      tokenId: tokenRow.id,
      linkId: link.id,
      slug: link.slug,
      domain: req.hostname,
      appId: app.row.id,
      platform,
      destUrl: link.url,
      deepLinkPath: tokenRow.path,
      channel: tokenRow.channel,
      // The token is a credential: the event names the store page, not the referrer carrying it.
      storeUrl: platform === 'android' ? storeUrl.replace(/([?&]referrer=)[^&]*/, '$1…') : storeUrl,
      expiresAt: new Date(expiresAt).toISOString(),
      country: visitor.country,
      device: visitor.device,
    },
  };
  try {
    await ctx.clickRecorder.record(clickOf(link, source, visitor, now, opts.domain, clickToken));
  } catch (err) {
    req.log.warn({ err, slug: link.slug }, 'click not recorded; not redirecting');
    return sendClickNotRecorded(reply);
  }
  if (platform === 'android')
    return reply.code(302).header('location', storeUrl).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
  return page(reply, renderInterstitial({ title: link.title, appName: app.row.name, storeUrl, webUrl: link.url, clipboardText: `${TOKEN_PREFIX}${token}` }));
}
