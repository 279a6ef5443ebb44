import type { Message } from './message.js';
import { clean, fitsBytes, truncate } from './text.js';

// Microsoft Teams (Workflows, "When a Teams webhook request is received"): a message with one
// Adaptive Card 1.4 attachment (the highest version every Teams client renders), a FactSet for the
// fields, an Action.OpenUrl to the dashboard. Workflows refuse messages above ~28 KB: text is bounded
// to 4 KiB and the whole envelope kept ≤ 24 KiB of UTF-8, shrinking the texts until it fits.

export const TEAMS_LIMITS = { text: 4096, envelopeBytes: 24 * 1024, facts: 10 } as const;

/** Adaptive Card TextBlocks render a Markdown subset; mentions need msteams entities, which are never set. */
const teamsText = (text: string) => clean(text);

function card(message: Message, dashboardUrl: string, cap: number): Record<string, unknown> {
  const facts = message.fields
    .slice(0, TEAMS_LIMITS.facts)
    .map((f) => ({ title: truncate(teamsText(f.label), Math.min(cap, 100)), value: truncate(teamsText(f.value), cap) }));
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', size: 'Medium', weight: 'Bolder', wrap: true, text: truncate(teamsText(message.title), Math.min(cap, 256)) },
    { type: 'TextBlock', wrap: true, text: truncate(teamsText(message.summary), cap) },
  ];
  if (facts.length > 0) body.push({ type: 'FactSet', facts });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          actions: [{ type: 'Action.OpenUrl', title: 'Open the Linkwire dashboard', url: dashboardUrl }],
        },
      },
    ],
  };
}

export function renderTeams(message: Message, dashboardUrl: string): Record<string, unknown> {
  let cap: number = TEAMS_LIMITS.text;
  let out = card(message, dashboardUrl, cap);
  // Each text ≤ cap units and ≤ 12 texts: halving converges in a few steps (≤ 3 bytes a unit once cleaned).
  while (!fitsBytes(out, TEAMS_LIMITS.envelopeBytes) && cap > 16) {
    cap = Math.floor(cap / 2);
    out = card(message, dashboardUrl, cap);
  }
  return out;
}
