// Fastify receiver. Run: LINKWIRE_WEBHOOK_SECRET=whsec_... node --import tsx examples/fastify.ts
import Fastify from 'fastify';
import { webhookPlugin } from '@linkwire/webhooks/fastify';

const app = Fastify();

// The raw-body parser lives inside this plugin only; this JSON route keeps Fastify's JSON parser.
app.post('/echo', async (request) => ({ parsed: request.body }));

app.register(webhookPlugin, {
  prefix: '/webhooks',
  secret: process.env.LINKWIRE_WEBHOOK_SECRET ?? '',
  async handler(event) {
    if (event.type === 'subscriber.new') console.log('new subscriber', event.data.email);
    return { received: event.type };
  },
});

const url = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`listening on ${url}`);
