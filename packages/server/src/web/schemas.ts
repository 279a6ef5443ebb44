// Schemas of the public pages (web/public.ts). They are documented minimally: what an integrator
// links to (short links, QR targets, the profile page, the subscribe form), with the HTML answers
// people see named as text/html. The redirect path's schemas cost no serialisation (a 302 has no body).
import { z } from 'zod';
import { problems } from '../http/schemas.js';

export { SubscribeBody } from '../links/widgets.js';
export { Subscriber } from '../links/schemas.js';

export const SlugParams = z.strictObject({ slug: z.string() });
export const HandleParams = z.strictObject({ handle: z.string() });
export const WidgetParams = z.strictObject({ handle: z.string(), widgetId: z.string() });

export const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/** The answers of /l/{slug} and /q/{slug}. */
export const redirectResponses = {
  200: html('App links only (docs/deep-links.md): the iOS “Get the app” page, the iPad probe, or a bot’s preview'),
  302: z
    .null()
    .describe('Redirect to the link’s URL (Location), or for an app link on Android to the Play Store; counted as a click unless the user agent is a bot'),
  404: html('No such link (an HTML page)'),
  410: html('The link has expired (an HTML page)'),
  ...problems(429),
  503: {
    description: 'The click could not be recorded; retry after Retry-After',
    content: { 'application/problem+json': { schema: z.record(z.string(), z.unknown()) } },
  },
};
