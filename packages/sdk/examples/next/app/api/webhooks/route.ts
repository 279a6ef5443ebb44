// Next.js App Router: app/api/webhooks/route.ts. Works on the Node.js and the Edge runtime.
import { withWebhook } from '@linkwire/webhooks/next';

export const POST = withWebhook(process.env.LINKWIRE_WEBHOOK_SECRET ?? '', async (event) => {
  switch (event.type) {
    case 'link.expired':
      console.log('expired:', event.data.slug);
      break;
    default:
      break;
  }
  return Response.json({ received: event.type });
});
