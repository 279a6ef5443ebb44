import type { AppContext } from '../context.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Set by the /api/v1 auth hook; empty on public routes. */
    accountId: string;
    /** How the request authenticated. */
    authKind: 'api_key' | 'session' | null;
  }
  interface FastifyContextConfig {
    /** Routes under /api/v1 that need no authentication (sign-up, login). */
    public?: boolean;
  }
}
