import { startMatchKeyPurge } from './apps/sdk.js';
import { startAutoDisable } from './delivery/auto-disable.js';
import { Dispatcher } from './delivery/dispatcher.js';
import { startListenIdleSweep } from './delivery/listen.js';
import { startRetention } from './delivery/retention.js';
import { startLinkExpiry } from './links/expiry.js';
import type { BackgroundStarter } from './context.js';
import { startTlsAskIfConfigured } from './domains/tls-ask.js';
import { startDomainChecks, startHostReload } from './domains/worker.js';
import { startAuditRetention } from './audit/retention.js';
import { startInviteExpiry } from './teams/expiry.js';

// The background services each role runs. A new one is added here, in the role it belongs to.

/** Run by `--role api` and `all`. */
export const API_SERVICES: BackgroundStarter[] = [(ctx) => startLinkExpiry(ctx), (ctx) => startHostReload(ctx), (ctx) => startTlsAskIfConfigured(ctx)];

/** Run by `--role worker` and `all`. */
export const WORKER_SERVICES: BackgroundStarter[] = [
  (ctx) => new Dispatcher(ctx),
  (ctx) => startRetention(ctx),
  (ctx) => startAutoDisable(ctx),
  (ctx) => startListenIdleSweep(ctx),
  (ctx) => startMatchKeyPurge(ctx),
  (ctx) => startDomainChecks(ctx),
  (ctx) => startInviteExpiry(ctx),
  (ctx) => startAuditRetention(ctx),
];
