import type { Permission, Role } from '../accounts/permissions.js';
import type { Actor } from '../audit/record.js';
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
    /** Who is acting, for the audit log (audit/record.ts); null on public routes. */
    actor: Actor | null;
    /** The caller's membership in `accountId` (a session's user, or an API key's creator); null on public routes. */
    member: { id: string; role: Role; userId: string | null } | null;
  }
  interface FastifyContextConfig {
    /** Routes under /api/v1 that need no authentication (sign-up, login). */
    public?: boolean;
    /** What the caller's role must allow (accounts/permissions.ts); every non-public /api/v1 route names one. */
    permission?: Permission;
  }
}
