import type { EndpointFormat } from '../../db/schema.js';
import { isEventType } from '../../events/catalog.js';
import { renderDiscord } from './discord.js';
import { type DigestItem, digestOf, type Message, messageOf } from './message.js';
import { renderSlack } from './slack.js';
import { renderTeams } from './teams.js';

// The seam between the delivery engine and the chat renderers: an envelope (or a burst of them)
// in, the request body of the endpoint's format out.

export type ChatFormat = Exclude<EndpointFormat, 'standard'>;
export const CHAT_FORMATS: readonly ChatFormat[] = ['slack', 'discord', 'teams'];
export const ENDPOINT_FORMATS = ['standard', 'slack', 'discord', 'teams'] as const satisfies readonly EndpointFormat[];

export function isChatFormat(format: string): format is ChatFormat {
  return (CHAT_FORMATS as readonly string[]).includes(format);
}

const RENDERERS: Record<ChatFormat, (message: Message, dashboardUrl: string) => Record<string, unknown>> = {
  slack: renderSlack,
  discord: renderDiscord,
  teams: renderTeams,
};

export interface Envelope {
  id: string;
  type: string;
  timestamp: string;
  data: unknown;
}

function messageOfEnvelope(envelope: Envelope): Message {
  if (!isEventType(envelope.type)) return { title: `Linkwire event ${envelope.type}`, summary: `A ${envelope.type} event.`, fields: [], url: null };
  return messageOf({ type: envelope.type, data: envelope.data as never, dashboardUrl: '' });
}

/** The body for one event, or for several folded into a digest. */
export function renderChat(format: ChatFormat, envelopes: Envelope[], dashboardUrl: string): string {
  const message =
    envelopes.length === 1
      ? messageOfEnvelope(envelopes[0]!)
      : digestOf(envelopes.map((e): DigestItem => ({ type: isEventType(e.type) ? e.type : 'link.click', data: e.data, at: Date.parse(e.timestamp) || 0 })));
  return JSON.stringify(RENDERERS[format](message, dashboardUrl));
}
