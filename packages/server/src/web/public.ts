import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { followAppLink } from '../apps/routing.js';
import { AppError } from '../http/errors.js';
import { redirectHeaders, sendClickNotRecorded, sendDomainRedirect } from '../http/redirect.js';
import { Problem, problems } from '../http/schemas.js';
import { parse } from '../http/validation.js';
import type { GeoResolver } from '../lib/geo.js';
import { type ClickSource, clickOf, effectiveSource } from '../links/clicks.js';
import { findRedirectTarget, isExpired } from '../links/lookup.js';
import { publicProfile } from '../links/profile.js';
import { SubscribeBody, subscribe, widgetTarget } from '../links/widgets.js';
import { describeVisitor, isBotRequest } from '../links/visitor.js';
import { SESSION_COOKIE } from '../accounts/auth.js';
import { handleProblem } from '../accounts/handles.js';
import { linkServedOn } from '../domains/hosts.js';
import { accountForSession } from '../accounts/service.js';
import { renderMessage, renderProfile } from './render.js';
import { HandleParams, html, redirectResponses, SlugParams, Subscriber, WidgetParams } from './schemas.js';

export * from './schemas.js';

const problemsOf429 = problems(429);

const SUBSCRIBE_MESSAGES: Record<string, string> = {
  ok: 'Thanks! You are subscribed.',
  invalid_email: 'That does not look like an email address; please check it.',
  rate_limited: 'Too many sign-ups from this device; try again in a minute.',
};

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/**
 * Public pages at the root: the profile page (/{handle}), its subscribe form, short links (/l/{slug})
 * and QR targets (/q/{slug}). Static routes (/api, /dashboard, /healthz, /metrics) win over
 * /:handle in Fastify's router, and handles cannot take a reserved name (accounts/handles.ts).
 */
export async function publicRoutes(instance: FastifyInstance, opts: { geoOf: GeoResolver }) {
  const app = instance.withTypeProvider<ZodTypeProvider>();
  const ctx = app.ctx;
  const recorder = ctx.clickRecorder;
  // app.close() (SIGTERM in server.ts, close() in tests) flushes waiting clicks before the database closes.
  app.addHook('onClose', async () => recorder.close());
  const { geoOf } = opts;

  const follow = async (req: FastifyRequest, reply: FastifyReply, source: ClickSource, widget?: { handle: string; widgetId: string }) => {
    const { slug } = req.params as { slug: string };
    const now = Date.now();
    // On a custom host (domains/routing.ts) only that domain's links, and its account's, are served.
    const domain = ctx.hosts.ofRequest.get(req.raw);
    // There, /{slug} is first the domain's own link, then the account's domain-less one (its profile's /l/ buttons).
    const found = widget
      ? await widgetTarget(ctx, widget.handle, widget.widgetId)
      : ((domain ? await findRedirectTarget(ctx, slug, now, domain.domainId) : null) ?? (await findRedirectTarget(ctx, slug, now)));
    const link = found && (widget || linkServedOn(found, domain)) ? found : null;
    if (!link) {
      if (domain?.notFoundUrl) return sendDomainRedirect(reply, domain.notFoundUrl);
      // Only misses count (http/rate-limits.ts): a link that exists costs nothing extra.
      await app.rateLimits.check('notFound', req);
      return sendHtml(reply, 404, renderMessage({ title: 'Link not found', message: 'This link does not exist. Check the address and try again.' }));
    }
    if (isExpired(link, now)) {
      return sendHtml(
        reply,
        410,
        renderMessage({ title: 'This link has expired', message: 'The owner set this link to stop working after a date, and that date has passed.' }),
      );
    }
    if (link.appId)
      return followAppLink(ctx, req, reply, { link, source, visitor: () => describeVisitor(ctx, req, geoOf(req), now), now, domain: domain?.hostname });
    // Bots (previews, crawlers) are redirected but neither counted nor announced.
    if (!isBotRequest(req)) {
      try {
        const visitor = describeVisitor(ctx, req, geoOf(req), now);
        await recorder.record(clickOf(link, effectiveSource(source, req.query), visitor, now, domain?.hostname));
      } catch (err) {
        req.log.warn({ err, slug }, 'click not recorded; not redirecting');
        return sendClickNotRecorded(reply);
      }
    }
    return reply.code(302).headers(redirectHeaders(link.url)).send();
  };
  const pub = { security: [], tags: ['public'] };
  app.get(
    '/l/:slug',
    {
      schema: {
        ...pub,
        operationId: 'followShortLink',
        summary: 'A short link: records the click, then redirects',
        params: SlugParams,
        response: redirectResponses,
      },
    },
    (req, reply) => follow(req, reply, 'short_link'),
  );
  app.get(
    '/q/:slug',
    {
      schema: {
        ...pub,
        operationId: 'followQrCode',
        summary: 'A QR code’s target: records the scan, then redirects',
        params: SlugParams,
        response: redirectResponses,
      },
    },
    (req, reply) => follow(req, reply, 'qr'),
  );

  app.get(
    '/:handle/w/:widgetId',
    {
      schema: {
        ...pub,
        operationId: 'followWidgetLink',
        summary: 'A widget’s link on the profile page: records a link.click of type "widget", then redirects',
        params: WidgetParams,
        response: redirectResponses,
      },
    },
    (req, reply) => follow(req, reply, 'profile', req.params),
  );

  app.get(
    '/:handle',
    {
      schema: {
        ...pub,
        operationId: 'profilePage',
        summary: 'The public profile page (HTML, no JavaScript); records a visit',
        params: HandleParams,
        response: { 200: html('The profile page'), 404: html('No such profile (an HTML page)'), ...problemsOf429 },
      },
    },
    async (req, reply) => {
      const { handle } = req.params;
      const now = Date.now();
      // A name no account can have (/favicon.ico and /robots.txt, which browsers and crawlers ask
      // for on their own) is not found without a query, and does not count against the limit.
      const possible = handleProblem(handle.toLowerCase()) === null;
      const profile = possible ? await publicProfile(ctx, handle, now) : null;
      if (!profile) {
        if (possible) await app.rateLimits.check('notFound', req);
        return sendHtml(reply, 404, renderMessage({ title: 'Page not found', message: `There is no Linkwire page called "${handle}".` }));
      }
      const q = req.query as Record<string, unknown>;
      const notice =
        typeof q.subscribed === 'string' && typeof q.w === 'string' && q.subscribed in SUBSCRIBE_MESSAGES
          ? { widgetId: q.w, ok: q.subscribed === 'ok', message: SUBSCRIBE_MESSAGES[q.subscribed]! }
          : undefined;
      // The redirect back from the subscribe form is the same visitor, not a new visit; the owner's
      // own live preview in the dashboard (?preview=1 with their session) is not a visit at all.
      if (!notice && !isBotRequest(req) && !(q.preview === '1' && (await isOwnerSession(req, profile.id)))) {
        try {
          await recorder.record({ kind: 'visit', accountId: profile.id, handle: profile.handle, visitor: describeVisitor(ctx, req, geoOf(req), now), at: now });
        } catch (err) {
          // The visitor still gets the page; the failure is logged (and visible in the 5xx-free metrics gap).
          req.log.warn({ err, handle }, 'profile visit not recorded');
        }
      }
      return sendHtml(reply, 200, renderProfile({ ...profile, notice }));
    },
  );

  // The body is validated here, not by the route schema: a browser form that fails gets a redirect
  // back with a message, never a 400. openapi.ts documents both body types.
  app.post(
    '/:handle/subscribe',
    {
      schema: {
        ...pub,
        operationId: 'subscribe',
        summary: 'Sign up to a mailing-list widget (JSON, or the page’s HTML form)',
        params: HandleParams,
        response: {
          200: Subscriber.describe('Already subscribed (JSON body)'),
          201: Subscriber.describe('Subscribed (JSON body)'),
          303: z.null().describe('Form body: back to the profile page with the outcome in ?subscribed='),
          400: { description: 'Invalid JSON body', content: { 'application/problem+json': { schema: Problem } } },
          404: { description: 'No such profile or widget', content: { 'application/problem+json': { schema: Problem }, 'text/html': { schema: z.string() } } },
          ...problemsOf429,
        },
      },
    },
    async (req, reply) => {
      const { handle } = req.params;
      const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      // Sign-ups count against the limit once the body is valid (http/rate-limits.ts: 5 a minute
      // per visitor and widget); a mistyped address does not use one up.
      if (!isForm) {
        const input = parse(SubscribeBody, req.body);
        await app.rateLimits.check('subscribe', req);
        const result = await subscribe(ctx, handle, input);
        return reply.code(result.created ? 201 : 200).send(result.subscriber);
      }
      // A browser form: answer with a redirect back to the page and a message next to the widget.
      const body = (req.body ?? {}) as Record<string, unknown>;
      const widgetId = typeof body.widgetId === 'string' ? body.widgetId : '';
      const back = (outcome: string) =>
        reply
          .code(303)
          .header('location', `/${encodeURIComponent(handle)}?subscribed=${outcome}&w=${encodeURIComponent(widgetId)}#w-${encodeURIComponent(widgetId)}`)
          .send();
      const parsed = SubscribeBody.safeParse({ widgetId, email: typeof body.email === 'string' ? body.email.trim() : body.email });
      if (!parsed.success) return back('invalid_email');
      try {
        await app.rateLimits.check('subscribe', req);
        await subscribe(ctx, handle, parsed.data);
        return back('ok');
      } catch (err) {
        if (err instanceof AppError && err.status === 429) return back('rate_limited');
        if (err instanceof AppError && err.status === 404)
          return sendHtml(reply, 404, renderMessage({ title: 'Not found', message: 'This sign-up form no longer exists.' }));
        throw err;
      }
    },
  );
}

async function isOwnerSession(req: FastifyRequest, accountId: string): Promise<boolean> {
  const token = req.cookies[SESSION_COOKIE];
  return token !== undefined && (await accountForSession(req.server.ctx, token)) === accountId;
}
