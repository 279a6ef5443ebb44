// Hono receiver on Node. Run: LINKWIRE_WEBHOOK_SECRET=whsec_... node --import tsx examples/hono.ts
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type WebhookVariables, webhookMiddleware } from '@linkwire/webhooks/hono';

const app = new Hono<{ Variables: WebhookVariables }>();

app.post('/webhooks', webhookMiddleware(process.env.LINKWIRE_WEBHOOK_SECRET ?? ''), (c) => {
  const event = c.get('webhook');
  if (event.type === 'profile.visit') console.log('visit from', event.data.country);
  return c.json({ received: event.type });
});

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
