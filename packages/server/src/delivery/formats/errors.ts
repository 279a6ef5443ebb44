import type { ChatFormat } from './index.js';

// Each chat service's permanent errors (notes/integrations-tooling.md §2b): answers that no retry
// can change. `mark`: the message itself was refused (a bad payload): the delivery fails at once
// and the endpoint shows the reason, but stays enabled (other events may render fine). `disable`:
// the destination is gone or refuses us: the endpoint is disabled like on 410 (webhook.disabled).
// Discord's dead webhooks must stop at once: 10 000 invalid requests in 10 minutes get the
// sending IP banned by Cloudflare, for every customer's Discord deliveries.

export interface PermanentError {
  action: 'mark' | 'disable';
  reason: string;
}

const SLACK_MARK = new Set(['invalid_payload', 'no_text', 'too_many_attachments', 'user_not_found', 'msg_blocks_too_long', 'invalid_blocks']);
const SLACK_DISABLE = new Set([
  'channel_not_found',
  'channel_is_archived',
  'no_service',
  'no_service_id',
  'no_team',
  'team_disabled',
  'invalid_token',
  'no_active_hooks',
  'action_prohibited',
  'posting_to_general_channel_denied',
]);

function discordCode(body: string | null): number | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as { code?: unknown };
    return typeof parsed.code === 'number' ? parsed.code : null;
  } catch {
    return null;
  }
}

/** The verdict for a failed attempt's status and response body, or null: retry as usual. */
export function permanentError(format: ChatFormat, statusCode: number | null, body: string | null): PermanentError | null {
  if (statusCode === null || statusCode === 429 || statusCode >= 500) return null;
  if (format === 'slack') {
    const code = (body ?? '').trim().slice(0, 100);
    if (SLACK_MARK.has(code)) return { action: 'mark', reason: `Slack refused the message: ${code}` };
    if (SLACK_DISABLE.has(code)) return { action: 'disable', reason: `Slack: ${code} (the webhook URL no longer posts anywhere)` };
    if (statusCode === 404 || statusCode === 410) return { action: 'disable', reason: `Slack answered ${statusCode}` };
    if (statusCode === 400) return { action: 'mark', reason: `Slack refused the message (400${code ? `: ${code}` : ''})` };
    return null;
  }
  if (format === 'discord') {
    const code = discordCode(body);
    if (code === 10015) return { action: 'disable', reason: 'Discord: Unknown Webhook (10015): the webhook was deleted' };
    if (code === 50027) return { action: 'disable', reason: 'Discord: Invalid Webhook Token (50027)' };
    if (statusCode === 401 || statusCode === 403 || statusCode === 404) return { action: 'disable', reason: `Discord answered ${statusCode}` };
    if (statusCode === 400) return { action: 'mark', reason: `Discord refused the message (400${code !== null ? `, code ${code}` : ''})` };
    return null;
  }
  // Teams Workflows: 400 is a card the flow refused; 401/403/404 a flow deleted, turned off or a bad signature in the URL.
  if (statusCode === 400 || statusCode === 413) return { action: 'mark', reason: `Teams refused the message (${statusCode})` };
  if (statusCode === 401 || statusCode === 403 || statusCode === 404)
    return { action: 'disable', reason: `Teams answered ${statusCode} (the workflow is gone or its URL is no longer valid)` };
  return null;
}

/** What the endpoint's owner must learn from one failed attempt, beyond the retry ladder. */
export interface DestinationVerdict {
  /** mark: fail now, show the reason; disable: like 410; delete: a no-code subscription whose target is gone. */
  action: 'mark' | 'disable' | 'delete';
  reason: string;
}

/**
 * The verdict for an attempt to an endpoint of this format and source, or null (the usual rules
 * of retry.ts apply). A no-code tool answers 410 when its Zap or scenario was turned off: the
 * subscription is deleted, not disabled, and no webhook.disabled is emitted (the user did nothing
 * wrong); Zapier creates a new one when the Zap is turned on again.
 */
export function destinationVerdict(
  endpoint: { format: string; source: string },
  result: { ok: boolean; statusCode: number | null; responseBody: string | null },
): DestinationVerdict | null {
  if (result.ok) return null;
  if (endpoint.source !== 'api' && result.statusCode === 410) {
    return { action: 'delete', reason: `The ${endpoint.source} subscription answered 410 Gone (turned off there): deleted` };
  }
  if (endpoint.format === 'slack' || endpoint.format === 'discord' || endpoint.format === 'teams') {
    return permanentError(endpoint.format, result.statusCode, result.responseBody);
  }
  return null;
}
