// The chat format a pasted URL most likely wants (PRODUCT.md §12: suggested, never guessed
// silently: the user sees it selected and can change it).

export type ChatFormat = 'slack' | 'discord' | 'teams';

export function suggestFormat(url: string): ChatFormat | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (host === 'hooks.slack.com' && u.pathname.startsWith('/services/')) return 'slack';
  if ((host === 'discord.com' || host === 'discordapp.com' || host.endsWith('.discord.com')) && u.pathname.startsWith('/api/webhooks/')) return 'discord';
  if (host.endsWith('.logic.azure.com') || host.endsWith('.powerplatform.com') || host === 'api.powerautomate.com') return 'teams';
  return null;
}

export const FORMAT_LABELS: Record<ChatFormat, string> = { slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams' };
