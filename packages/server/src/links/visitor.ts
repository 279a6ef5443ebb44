import Bowser from 'bowser';
import { isbot } from 'isbot';
import type { AppContext } from '../context.js';
import type { EventData } from '../events/catalog.js';
import type { ClientRequest, GeoInfo } from '../lib/geo.js';

/** The visitor fields shared by profile.visit and link.click (never the IP address). */
export type Visitor = Pick<EventData<'profile.visit'>, 'referer' | 'country' | 'city' | 'device' | 'browser' | 'os' | 'utm' | 'visitorId'>;

type Device = Visitor['device'];
interface Agent {
  device: Device;
  browser: string | null;
  os: string | null;
  bot: boolean;
}

// Parsing a user agent costs ~36 µs with bowser plus ~9 µs with isbot (measured); real traffic
// repeats a few hundred agents, so a bounded map turns that into a lookup on the redirect hot path.
const agents = new Map<string, Agent>();
const MAX_AGENTS = 5_000;

export function parseAgent(ua: string): Agent {
  const hit = agents.get(ua);
  if (hit) return hit;
  let agent: Agent;
  if (isbot(ua)) {
    agent = { device: 'other', browser: null, os: null, bot: true };
  } else if (!ua) {
    agent = { device: 'other', browser: null, os: null, bot: false };
  } else {
    const parsed = Bowser.parse(ua);
    const type = parsed.platform.type;
    const device: Device = type === 'mobile' || type === 'tablet' || type === 'desktop' ? type : 'other';
    agent = { device, browser: parsed.browser.name ?? null, os: parsed.os.name ?? null, bot: false };
  }
  if (agents.size >= MAX_AGENTS) agents.clear();
  agents.set(ua, agent);
  return agent;
}

export function isBotRequest(req: Pick<ClientRequest, 'headers'>): boolean {
  return parseAgent(req.headers['user-agent'] ?? '').bot;
}

/** Origin and path only: a referrer's query string may carry tokens or personal data. */
export function cleanReferer(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return (u.origin + u.pathname).slice(0, 500);
  } catch {
    return null;
  }
}

function utmOf(query: unknown): Visitor['utm'] {
  const q = (query ?? {}) as Record<string, unknown>;
  const pick = (name: string) => {
    const v = q[`utm_${name}`];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s.length > 0 ? s.slice(0, 200) : null;
  };
  return { source: pick('source'), medium: pick('medium'), campaign: pick('campaign'), term: pick('term'), content: pick('content') };
}

export function describeVisitor(ctx: Pick<AppContext, 'clientHashes'>, req: ClientRequest, geo: GeoInfo, now = Date.now()): Visitor {
  const agent = parseAgent(req.headers['user-agent'] ?? '');
  return {
    referer: cleanReferer(req.headers.referer),
    country: geo.country,
    city: geo.city,
    device: agent.device,
    browser: agent.browser,
    os: agent.os,
    utm: utmOf(req.query),
    visitorId: `v_${ctx.clientHashes.of('visitor', req.ip, now)}`,
  };
}
