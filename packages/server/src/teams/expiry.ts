import type { AppContext, BackgroundService } from '../context.js';
import { startPeriodic } from '../lib/periodic.js';
import { expireInvites } from './service.js';

const EVERY_MS = 60_000;

/** Ends invites past LINKWIRE_INVITE_TTL once a minute (worker role): each emits team.member_removed, reason invite_expired. */
export function startInviteExpiry(ctx: AppContext): BackgroundService {
  return startPeriodic(ctx, 'invite-expiry', EVERY_MS, 5_000, () => expireInvites(ctx));
}
