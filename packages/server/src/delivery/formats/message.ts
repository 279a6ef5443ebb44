import type { EventData, EventType } from '../../events/catalog.js';

// The neutral message of an event: a title, a one-line summary and labelled fields, built by one
// pure function per event type from the catalog's fields. slack.ts, discord.ts and teams.ts turn it
// into each service's payload within that service's limits. Text here is the user's raw text:
// escaping (mentions, markup) is each renderer's job, because each service parses differently.

export interface MessageField {
  label: string;
  value: string;
}

export interface Message {
  /** Short, plain: Slack's header, Discord's embed title, the card's first TextBlock. */
  title: string;
  /** One or a few sentences; `*…*` marks what is emphasised (each renderer maps it). */
  summary: string;
  fields: MessageField[];
  /** Where the title links to (the link's URL), when there is one. */
  url: string | null;
}

/** An event as the renderers see it: the envelope's type and data, and where the dashboard is. */
export interface RenderInput<T extends EventType = EventType> {
  type: T;
  data: EventData<T>;
  /** The instance's dashboard, linked from every message. */
  dashboardUrl: string;
}

const field = (label: string, value: string | number | null | undefined): MessageField[] =>
  value === null || value === undefined || value === '' ? [] : [{ label, value: String(value) }];

const SOURCE_LABEL = { profile: 'profile page', short_link: 'short link', qr: 'QR code' } as const;

type Builders = { [T in EventType]: (data: EventData<T>) => Message };

const BUILDERS: Builders = {
  'profile.visit': (d) => ({
    title: `👀 Visit to @${d.profileCode}`,
    summary: `Someone opened your profile *@${d.profileCode}*.`,
    fields: [...field('Country', d.country), ...field('Device', d.device), ...field('Referrer', d.referer), ...field('Campaign', d.utm.campaign)],
    url: null,
  }),
  'link.click': (d) => ({
    title: `🔗 Click on ${d.title}`,
    summary: `Someone clicked *${d.title}* from your ${SOURCE_LABEL[d.source]}.`,
    fields: [
      ...field('Link', d.url),
      ...field('Country', d.country),
      ...field('Device', d.device),
      ...field('Referrer', d.referer),
      ...field('Campaign', d.utm.campaign),
    ],
    url: d.url,
  }),
  'qr.scanned': (d) => ({
    title: `📷 QR code scanned: ${d.title}`,
    summary: `The QR code of *${d.title}* was scanned.`,
    fields: [...field('Link', d.url), ...field('Country', d.country), ...field('Device', d.device)],
    url: d.url,
  }),
  'subscriber.new': (d) => ({
    title: `✉️ New subscriber: ${d.widgetTitle}`,
    summary: `*${d.email}* signed up through *${d.widgetTitle}*.`,
    fields: [...field('Email', d.email), ...field('Campaign', d.campaignId)],
    url: null,
  }),
  'link.created': (d) => ({
    title: `➕ Link created: ${d.title}`,
    summary: `The link *${d.title}* was created.`,
    fields: [...field('URL', d.url), ...field('Short link', d.shortUrl)],
    url: d.url,
  }),
  'link.updated': (d) => ({
    title: `✏️ Link updated: ${d.title}`,
    summary: `The link *${d.title}* was edited (${Object.keys(d.changes).join(', ') || 'no visible change'}).`,
    fields: [...field('URL', d.url), ...field('Changed', Object.keys(d.changes).join(', '))],
    url: d.url,
  }),
  'link.deleted': (d) => ({ title: `🗑️ Link deleted: ${d.title}`, summary: `The link *${d.title}* was deleted.`, fields: field('Slug', d.slug), url: null }),
  'link.expired': (d) => ({
    title: `⌛ Link expired: ${d.title}`,
    summary: `The link *${d.title}* reached its expiry.`,
    fields: field('URL', d.url),
    url: d.url,
  }),
  'profile.updated': (d) => ({
    title: `✏️ Profile updated: @${d.profileCode}`,
    summary: `Your profile *@${d.profileCode}* was edited (${Object.keys(d.changes).join(', ') || 'no visible change'}).`,
    fields: [...field('Title', d.title), ...field('Theme', d.theme)],
    url: null,
  }),
  'analytics.milestone': (d) => ({
    title: `🎉 ${d.value.toLocaleString('en-US')} ${d.metric}`,
    summary: `${d.linkId ? 'A link' : 'Your profile'} reached *${d.threshold.toLocaleString('en-US')} ${d.metric}*.`,
    fields: [...field('Metric', d.metric), ...field('Value', d.value), ...field('Link', d.linkId)],
    url: null,
  }),
  'api.key_created': (d) => ({
    title: `🔑 API key created: ${d.name}`,
    summary: `The API key *${d.name}* was created.`,
    fields: field('Prefix', d.prefix),
    url: null,
  }),
  'security.login_failed': (d) => ({
    title: '⚠️ Failed login',
    summary: `A login as *${d.email}* failed (${d.reason.replaceAll('_', ' ')}).`,
    fields: [...field('Email', d.email), ...field('Country', d.country)],
    url: null,
  }),
  'account.upgraded': (d) => ({ title: '⬆️ Plan upgraded', summary: `The plan changed from *${d.fromPlan}* to *${d.toPlan}*.`, fields: [], url: null }),
  'account.downgraded': (d) => ({ title: '⬇️ Plan downgraded', summary: `The plan changed from *${d.fromPlan}* to *${d.toPlan}*.`, fields: [], url: null }),
  'team.member_added': (d) => ({
    title: `👋 Member added: ${d.email}`,
    summary: `*${d.email}* joined as ${d.role}.`,
    fields: field('Role', d.role),
    url: null,
  }),
  'team.member_removed': (d) => ({
    title: `👋 Member removed: ${d.email}`,
    summary: `*${d.email}* (${d.role}) was removed.`,
    fields: field('Role', d.role),
    url: null,
  }),
  'team.member_joined': (d) => ({
    title: `🤝 Member joined: ${d.email}`,
    summary: `*${d.email}* accepted the invite and joined as ${d.role}.`,
    fields: field('Role', d.role),
    url: null,
  }),
  'team.member_role_changed': (d) => ({
    title: `🔁 Role changed: ${d.email}`,
    summary: `*${d.email}* is now ${d.toRole} (was ${d.fromRole}).`,
    fields: field('Role', d.toRole),
    url: null,
  }),
  'api.key_revoked': (d) => ({
    title: `🔑 API key revoked: ${d.name}`,
    summary: d.reason === 'member_removed' ? `The key *${d.name}* was revoked with its member.` : `The key *${d.name}* was revoked.`,
    fields: [],
    url: null,
  }),
  'domain.verified': (d) => ({ title: `✅ Domain verified: ${d.domain}`, summary: `The custom domain *${d.domain}* is verified.`, fields: [], url: null }),
  'domain.added': (d) => ({
    title: `🌐 Domain added: ${d.domain}`,
    summary: `The custom domain *${d.domain}* was added; set its ${d.records.length} DNS records to verify it.`,
    fields: [],
    url: null,
  }),
  'domain.misconfigured': (d) => ({
    title: `⚠️ Domain misconfigured: ${d.domain}`,
    summary: `*${d.domain}* failed its daily checks (${d.reason}); it keeps serving while you fix its records.`,
    fields: field('Detail', d.detail),
    url: null,
  }),
  'domain.verification_failed': (d) => ({
    title: `❌ Domain not verified: ${d.domain}`,
    summary: `*${d.domain}* could not be verified after ${d.checks} checks (${d.reason}).`,
    fields: [],
    url: null,
  }),
  'domain.removed': (d) => ({
    title: `🗑️ Domain removed: ${d.domain}`,
    summary: d.reason === 'ownership_transferred' ? `Another account proved ownership of *${d.domain}*.` : `The custom domain *${d.domain}* was removed.`,
    fields: [],
    url: null,
  }),
  'integration.connected': (d) => ({
    title: `🔌 ${d.integration} connected`,
    summary: `The *${d.integration}* integration is connected.`,
    fields: [],
    url: null,
  }),
  'integration.disconnected': (d) => ({
    title: `🔌 ${d.integration} disconnected`,
    summary: `The *${d.integration}* integration was removed (${d.reason}).`,
    fields: [],
    url: null,
  }),
  'link.token_created': (d) => ({
    title: '📱 Deep-link token created',
    summary: `A claim token was created for ${d.platform}.`,
    fields: field('Destination', d.destUrl),
    url: null,
  }),
  'link.claim': (d) => ({
    title: '📱 Deep link claimed',
    summary: `The ${d.platform} app claimed a link.`,
    fields: field('Destination', d.destUrl),
    url: null,
  }),
  'link.app_open': (d) => ({
    title: '📱 App opened from a link',
    summary: `A link opened the ${d.platform} app.`,
    fields: field('Destination', d.destUrl),
    url: null,
  }),
  'link.deferred_claim_attempt': (d) => ({
    title: '📱 Deferred deep-link claim',
    summary: `A new ${d.platform} install tried to claim a link.`,
    fields: field('Destination', d.destUrl),
    url: null,
  }),
  'webhook.disabled': (d) => ({
    title: '⛔ Webhook endpoint disabled',
    summary: `An endpoint was disabled: ${d.reason}`,
    fields: field('URL', d.url),
    url: null,
  }),
};

export function messageOf(input: RenderInput): Message {
  return (BUILDERS[input.type] as (data: unknown) => Message)(input.data);
}

/** Singular and plural label per type, for digests ("37 clicks"). */
const NOUNS: Partial<Record<EventType, [string, string]>> = {
  'link.click': ['click', 'clicks'],
  'profile.visit': ['profile visit', 'profile visits'],
  'qr.scanned': ['QR scan', 'QR scans'],
  'subscriber.new': ['new subscriber', 'new subscribers'],
};

/** What a digest needs of each folded event. */
export interface DigestItem {
  type: EventType;
  data: unknown;
  /** Event time, ms. */
  at: number;
}

function plural(type: EventType, n: number): string {
  const noun = NOUNS[type] ?? [`${type} event`, `${type} events`];
  return n === 1 ? noun[0] : noun[1];
}

function span(items: DigestItem[]): string {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const i of items) {
    min = Math.min(min, i.at);
    max = Math.max(max, i.at);
  }
  const minutes = Math.ceil((max - min) / 60_000);
  return minutes <= 1 ? 'in the last minute' : `in the last ${minutes} minutes`;
}

/**
 * One message for a burst: counts per type, and for clicks and scans per link title, biggest first
 * ("37 clicks on *Spring sale*, 4 on *Summer*"), plus the top countries.
 */
export function digestOf(items: DigestItem[]): Message {
  const byType = new Map<EventType, DigestItem[]>();
  for (const item of items) byType.set(item.type, [...(byType.get(item.type) ?? []), item]);
  const lines: string[] = [];
  const countries = new Map<string, number>();
  for (const [type, group] of byType) {
    const titles = new Map<string, number>();
    for (const item of group) {
      const data = item.data as { title?: unknown; country?: unknown };
      if (typeof data.title === 'string') titles.set(data.title, (titles.get(data.title) ?? 0) + 1);
      if (typeof data.country === 'string') countries.set(data.country, (countries.get(data.country) ?? 0) + 1);
    }
    if (titles.size > 0) {
      const top = [...titles].sort((a, b) => b[1] - a[1]);
      const parts = top.slice(0, 5).map(([title, n], i) => (i === 0 ? `${n} ${plural(type, n)} on *${title}*` : `${n} on *${title}*`));
      if (top.length > 5) parts.push(`${top.slice(5).reduce((s, [, n]) => s + n, 0)} on ${top.length - 5} other links`);
      lines.push(parts.join(', '));
    } else {
      lines.push(`${group.length} ${plural(type, group.length)}`);
    }
  }
  const topCountries = [...countries].sort((a, b) => b[1] - a[1]).slice(0, 5);
  return {
    title: `📊 ${items.length} events ${span(items)}`,
    summary: `${lines.join('; ')} ${span(items)}.`,
    fields: topCountries.length > 0 ? [{ label: 'Top countries', value: topCountries.map(([c, n]) => `${c} ${n}`).join(', ') }] : [],
    url: null,
  };
}
