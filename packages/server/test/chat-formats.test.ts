import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { renderDiscord } from '../src/delivery/formats/discord.js';
import { permanentError } from '../src/delivery/formats/errors.js';
import { CHAT_FORMATS, renderChat } from '../src/delivery/formats/index.js';
import { digestOf, messageOf } from '../src/delivery/formats/message.js';
import { renderSlack } from '../src/delivery/formats/slack.js';
import { renderTeams } from '../src/delivery/formats/teams.js';
import { truncate } from '../src/delivery/formats/text.js';
import { EVENT_TYPES, EXAMPLES } from '../src/events/catalog.js';
import { discordVerdict } from './fakes/discord.js';
import { slackVerdict } from './fakes/slack.js';
import { teamsVerdict } from './fakes/teams.js';

// Every renderer, for every event type, with random user text (titles, emails, URLs, any unicode,
// huge lengths, mention syntax): always valid for the service's documented validation (the same
// rules the loopback fakes enforce), and nobody can be mentioned.

const DASHBOARD = 'https://links.example.com/dashboard';
const userText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 3000 }),
  fc.string({ unit: 'binary', minLength: 5000, maxLength: 60_000 }),
  fc.constantFrom('@everyone', '@here', '<!channel>', '<!here|here>', '<@U012AB3CD>', '<@&123456>', 'a *b* `c` &amp; <https://x|y>'),
);

/** An event of the type with every string of its example replaced by random text. */
function randomized(type: (typeof EVENT_TYPES)[number], texts: string[]) {
  let i = 0;
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return texts[i++ % texts.length];
    if (Array.isArray(v)) return v.map(swap);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [
          k,
          k === 'device' || k === 'source' || k === 'type' || k === 'metric' || k === 'reason' || k === 'fromPlan' || k === 'toPlan' ? x : swap(x),
        ]),
      );
    return v;
  };
  return swap(EXAMPLES[type]);
}

function noMentions(body: string, format: string) {
  const msg = JSON.parse(body);
  if (format === 'slack') {
    // Every string Slack parses as mrkdwn: `<` never reaches it unescaped except our own dashboard link.
    const mrkdwn = [msg.text, ...msg.blocks.flatMap((b: any) => [b.text?.type === 'mrkdwn' ? b.text.text : '', ...(b.fields ?? []).map((f: any) => f.text)])];
    for (const t of mrkdwn) assert.doesNotMatch(t, /<[!@#]/);
  }
  if (format === 'discord') {
    assert.deepEqual(msg.allowed_mentions, { parse: [] });
    assert.doesNotMatch(body, /@(everyone|here)/);
  }
}

describe('chat renderers', () => {
  it('render every event type within every documented limit, for any user text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EVENT_TYPES), fc.array(userText, { minLength: 1, maxLength: 6 }), (type, texts) => {
        const envelope = { id: 'evt_1', type, timestamp: '2026-03-25T14:32:01.123Z', data: randomized(type, texts) };
        const slack = renderChat('slack', [envelope], DASHBOARD);
        assert.deepEqual(slackVerdict(slack), { status: 200, body: 'ok' }, slack.slice(0, 500));
        const discord = renderChat('discord', [envelope], DASHBOARD);
        assert.equal(discordVerdict(discord).status, 200, JSON.stringify(discordVerdict(discord).body));
        const teams = renderChat('teams', [envelope], DASHBOARD);
        assert.equal(teamsVerdict(teams).status, 202);
        assert.ok(Buffer.byteLength(teams) <= 24 * 1024);
        for (const [format, body] of [
          ['slack', slack],
          ['discord', discord],
        ] as const)
          noMentions(body, format);
      }),
      { numRuns: 300 },
    );
  });

  it('digests of any size stay within the limits too', () => {
    fc.assert(
      fc.property(fc.array(userText, { minLength: 2, maxLength: 40 }), (titles) => {
        const envelopes = titles.map((title, i) => ({
          id: `evt_${i}`,
          type: 'link.click',
          timestamp: new Date(1_700_000_000_000 + i * 1000).toISOString(),
          data: { ...EXAMPLES['link.click'], title },
        }));
        for (const format of CHAT_FORMATS) {
          const body = renderChat(format, envelopes, DASHBOARD);
          const verdict = format === 'slack' ? slackVerdict(body) : format === 'discord' ? discordVerdict(body) : teamsVerdict(body);
          assert.ok(verdict.status < 300, `${format}: ${JSON.stringify(verdict.body)}`);
          noMentions(body, format);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('Slack always has a top-level text, Discord never pings, Teams is an Adaptive Card 1.4', () => {
    const message = messageOf({ type: 'link.click', data: { ...EXAMPLES['link.click'], title: '@everyone <!channel> Spring sale' }, dashboardUrl: DASHBOARD });
    const slack = renderSlack(message, DASHBOARD) as any;
    assert.match(slack.text, /&lt;!channel&gt; Spring sale/);
    assert.equal(slack.blocks[0].type, 'header');
    const discord = renderDiscord(message, DASHBOARD) as any;
    assert.deepEqual(discord.allowed_mentions, { parse: [] });
    assert.match(discord.content, /@\u200beveryone/);
    const teams = renderTeams(message, DASHBOARD) as any;
    assert.equal(teams.attachments[0].content.version, '1.4');
    assert.equal(teams.attachments[0].content.body[2].type, 'FactSet');
  });

  it('a digest counts clicks per link, biggest first', () => {
    const items = [
      ...Array.from({ length: 37 }, (_, i) => ({
        type: 'link.click' as const,
        data: { ...EXAMPLES['link.click'], title: 'Spring sale', country: i < 12 ? 'FR' : 'US' },
        at: 1000 + i,
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        type: 'link.click' as const,
        data: { ...EXAMPLES['link.click'], title: 'Summer', country: 'DE' },
        at: 2000 + i,
      })),
    ];
    const digest = digestOf(items);
    assert.equal(digest.summary, '37 clicks on *Spring sale*, 4 on *Summer* in the last minute.');
    assert.deepEqual(digest.fields, [{ label: 'Top countries', value: 'US 25, FR 12, DE 4' }]);
  });

  it('truncate never splits a surrogate pair and marks the cut', () => {
    assert.equal(truncate('abcdef', 4), 'abc…');
    assert.equal(truncate('ab😀cd', 4), 'ab…');
    assert.equal(truncate('short', 10), 'short');
  });

  it('classifies each service’s permanent errors', () => {
    assert.deepEqual(permanentError('slack', 400, 'no_text')?.action, 'mark');
    assert.deepEqual(permanentError('slack', 400, 'invalid_payload')?.action, 'mark');
    assert.deepEqual(permanentError('slack', 404, 'channel_not_found')?.action, 'disable');
    assert.deepEqual(permanentError('slack', 410, 'channel_is_archived')?.action, 'disable');
    assert.deepEqual(permanentError('slack', 403, 'no_service')?.action, 'disable');
    assert.equal(permanentError('slack', 500, 'rollup_error'), null);
    assert.equal(permanentError('slack', 429, 'rate_limited'), null);
    assert.deepEqual(permanentError('discord', 404, '{"code":10015,"message":"Unknown Webhook"}')?.action, 'disable');
    assert.deepEqual(permanentError('discord', 400, '{"code":50035}')?.action, 'mark');
    assert.equal(permanentError('discord', 503, null), null);
    assert.deepEqual(permanentError('teams', 400, '')?.action, 'mark');
    assert.deepEqual(permanentError('teams', 404, '')?.action, 'disable');
  });
});
