// Serves the route handler above without Next.js (too heavy to install for a test): a node:http to
// Fetch adapter (@hono/node-server's `serve`) calls POST with a real `Request`, as Next would.
import { serve } from '@hono/node-server';
import { POST } from './app/api/webhooks/route.js';

serve(
  {
    fetch: (req) => (new URL(req.url).pathname === '/api/webhooks' && req.method === 'POST' ? POST(req) : new Response(null, { status: 404 })),
    port: Number(process.env.PORT ?? 3000),
    hostname: '127.0.0.1',
  },
  (info) => console.log(`listening on http://127.0.0.1:${info.port}`),
);
