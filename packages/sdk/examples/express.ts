// Express receiver. Run: LINKWIRE_WEBHOOK_SECRET=whsec_... node --import tsx examples/express.ts
import express from 'express';
import { webhookMiddleware } from '@linkwire/webhooks/express';

const app = express();
app.post(
  '/webhooks',
  express.raw({ type: 'application/json' }), // raw bytes: the signature covers them exactly
  webhookMiddleware(process.env.LINKWIRE_WEBHOOK_SECRET ?? ''),
  (req, res) => {
    const event = req.webhook!;
    if (event.type === 'link.click') console.log('click on', event.data.url);
    res.json({ received: event.type });
  },
);

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`);
});
