import type { Message } from './message.js';
import { clean, truncate } from './text.js';

// Discord webhooks: `content` (≤ 2000) plus one embed (title 256, description 4096, ≤ 25 fields of
// name 256 / value 1024, footer 2048, all embeds together ≤ 6000 characters, or 400 Bad Request),
// and `allowed_mentions: {parse: []}` so nothing in the message pings anyone (developers/resources/
// message.mdx). The sender adds `?wait=true` so a refused message is an error, not a silent 204.

export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
} as const;

/**
 * Defence in depth beside allowed_mentions: a zero-width space after `@` in @everyone/@here and in
 * user/role mention syntax, so even a client that ignored allowed_mentions would not ping.
 */
export function discordEscape(text: string): string {
  return clean(text)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

export function renderDiscord(message: Message, dashboardUrl: string): Record<string, unknown> {
  // Budgets summing to ≤ 6000 whatever the input: title 256 + description 2000 + footer 100 +
  // 10 fields × (100 + 300) = 6356 is too much, so fields are cut to 10 × (80 + 280) = 3600.
  const title = truncate(discordEscape(message.title), DISCORD_LIMITS.title);
  const description = truncate(discordEscape(message.summary), 2000);
  const fields = message.fields.slice(0, 10).map((f) => ({
    name: truncate(discordEscape(f.label), 80) || '—',
    value: truncate(discordEscape(f.value), 280) || '—',
    inline: true,
  }));
  const embed: Record<string, unknown> = {
    title,
    description,
    ...(message.url && /^https?:\/\//.test(message.url) && message.url.length <= 2000 ? { url: message.url } : {}),
    fields,
    footer: { text: truncate(`Linkwire · ${clean(dashboardUrl)}`, 100) },
  };
  return {
    content: truncate(discordEscape(message.title), DISCORD_LIMITS.content),
    embeds: [embed],
    allowed_mentions: { parse: [] },
  };
}
