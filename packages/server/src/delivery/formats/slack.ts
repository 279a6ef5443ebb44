import type { Message } from './message.js';
import { clean, truncate } from './text.js';

// Slack incoming webhooks: a top-level `text` always (the notification and the fallback; without
// it Slack answers 400 no_text), plus Block Kit blocks: a header, a section with the summary and
// fields, a context with the dashboard link. Limits (docs.slack.dev Block Kit reference): header
// text 150, section text 3000, ≤ 10 fields of ≤ 2000, ≤ 50 blocks; `text` is kept ≤ 3000 too.

export const SLACK_LIMITS = { text: 3000, header: 150, sectionText: 3000, fields: 10, fieldText: 2000, blocks: 50, contextElements: 10 } as const;

/**
 * Slack parses `<…>` as links and mentions (`<!channel>`, `<!here>`, `<@U123>`) and `&` starts an
 * entity: escaping the three (Slack's documented escaping) leaves user text unable to mention
 * anyone. `*…*` from the Message stays bold.
 */
export function slackEscape(text: string): string {
  return clean(text).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function renderSlack(message: Message, dashboardUrl: string): Record<string, unknown> {
  const title = truncate(clean(message.title), SLACK_LIMITS.header);
  const text = truncate(slackEscape(message.summary), SLACK_LIMITS.text);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: title, emoji: true } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(slackEscape(message.summary), SLACK_LIMITS.sectionText) },
      ...(message.fields.length > 0
        ? {
            fields: message.fields.slice(0, SLACK_LIMITS.fields).map((f) => ({
              type: 'mrkdwn',
              text: truncate(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, SLACK_LIMITS.fieldText),
            })),
          }
        : {}),
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`<${slackEscape(dashboardUrl)}|Open the Linkwire dashboard>`, SLACK_LIMITS.sectionText) }] },
  ];
  return { text, blocks };
}
