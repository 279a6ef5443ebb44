import type { FastifyRequest } from 'fastify';
import type { Tx } from '../db/transaction.js';
import { newId } from '../lib/ids.js';

/** Who made a change: a signed-in user, an API key, or the system itself (a scheduler, the CLI). */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string;
  email?: string | null;
}

export interface AuditEntry {
  /** `<target>.<verb>`: `member.invited`, `webhook.created`, `webhook.secret_rotated`, `domain.removed`, … */
  action: string;
  target: { type: string; id: string };
  /** field → {from, to}; never a secret, key, token or full IP (callers pass masked values). */
  changes?: Record<string, { from: unknown; to: unknown }> | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'system' };

/** The actor behind an authenticated /api/v1 request (set by the auth hook, accounts/auth.ts). */
export function actorOf(req: FastifyRequest): Actor {
  return req.actor ?? SYSTEM_ACTOR;
}

/** Writes one audit row inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(tx: Tx, accountId: string, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('auditLog')
    .values({
      id: newId('aud'),
      accountId,
      at: Date.now(),
      actorType: actor.type,
      actorId: actor.id,
      actorEmail: actor.email ?? null,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      changes: entry.changes ? JSON.stringify(entry.changes) : null,
    })
    .execute();
}
