// Generates docs/events.md from the event catalog (src/events/catalog.ts), the single source.
// `npm run docs:events` rewrites the file; test/events-doc.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESCRIPTIONS, EVENT_TYPES, EXAMPLES, type EventType, dataJsonSchema, familyOf } from '../src/events/catalog.js';

export const EVENTS_DOC_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/events.md');

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  if (s.type === 'object' && s.properties) return 'object';
  if (s.type === 'object') return 'object (map)';
  return s.type ?? 'any';
}

function describe(s: JsonSchema): string {
  return s.description ?? s.anyOf?.find((x) => x.description)?.description ?? '';
}

function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name;
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    rows.push(`| \`${path}\` | ${typeOf(prop)} | ${required} | ${describe(prop).replace(/\|/g, '\\|')} |`);
    if (prop.type === 'object' && prop.properties) rows.push(...fieldRows(prop, `${path}.`));
  }
  return rows;
}

export function renderEventsDoc(): string {
  const out: string[] = [
    '# Events',
    '',
    '<!-- Generated from packages/server/src/events/catalog.ts by `npm run docs:events`. Do not edit by hand. -->',
    '',
    'Every webhook body is an envelope in the Standard Webhooks shape:',
    '',
    '```json',
    '{"id": "evt_…", "type": "link.click", "timestamp": "2026-03-25T14:32:01.123Z", "accountId": "acc_…", "data": {…}}',
    '```',
    '',
    'The `webhook-id` header equals `id` and is the same on every retry: use it to deduplicate.',
    'Each event is written in the same database transaction as the change that caused it. The',
    'machine-readable form of this page (with JSON Schemas) is `GET /api/v1/event-types`.',
    '',
    '| type | when |',
    '|---|---|',
    ...EVENT_TYPES.map((t) => `| [\`${t}\`](#${t.replace(/[^a-z0-9_-]/g, '')}) | ${DESCRIPTIONS[t]} |`),
    '',
  ];
  let family = '';
  for (const type of EVENT_TYPES as readonly EventType[]) {
    if (familyOf(type) !== family) {
      family = familyOf(type);
      out.push(`## ${family}`, '');
    }
    const schema = dataJsonSchema(type) as JsonSchema;
    out.push(
      `### ${type}`,
      '',
      DESCRIPTIONS[type],
      '',
      '| field | type | required | description |',
      '|---|---|---|---|',
      ...fieldRows(schema),
      '',
      'Example `data`:',
      '',
      '```json',
      JSON.stringify(EXAMPLES[type], null, 2),
      '```',
      '',
    );
  }
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(EVENTS_DOC_PATH, renderEventsDoc());
  console.log(`wrote ${EVENTS_DOC_PATH}`);
}
