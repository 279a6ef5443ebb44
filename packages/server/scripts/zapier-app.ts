// Generates the Zapier app's triggers, packages/zapier-app/src/triggers.generated.js, from the event
// catalog (src/events/catalog.ts): one REST-hook trigger per event type, its `sample` the catalog
// example as an envelope and its `outputFields` flattened from the type's JSON Schema (Zapier
// flattens nested objects with `__`, so `data.utm.source` is `data__utm__source`). `npm run
// gen:zapier` rewrites the file; test/zapier-app.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataJsonSchema, DESCRIPTIONS, EVENT_TYPES, EXAMPLES, type EventType } from '../src/events/catalog.js';

export const ZAPIER_TRIGGERS_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../zapier-app/src/triggers.generated.js');

interface JsonSchema {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
}

interface OutputField {
  key: string;
  label: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
  list?: true;
}

// Fixed, so the generated file only changes when the catalog does.
const SAMPLE_ACCOUNT = 'acc_sample';
const SAMPLE_TIME = '2026-01-01T12:00:00.000Z';

/** Zapier keys are identifiers: `link.click` → `link_click`. */
export const triggerKey = (type: EventType) => type.replace(/\./g, '_');

const ACRONYMS: Record<string, string> = { id: 'ID', url: 'URL', utm: 'UTM', ip: 'IP', qr: 'QR', dns: 'DNS', api: 'API', ios: 'iOS' };

const words = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[._\s]+/)
    .filter(Boolean)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w[0]!.toUpperCase() + w.slice(1));

/** `link.click` → "Link Click"; `team.member_added` → "Team Member Added". */
export const triggerLabel = (type: EventType) => words(type).join(' ');

/** A schema without its `null` alternative (nullable fields are still the same field for Zapier). */
function nonNull(s: JsonSchema): JsonSchema {
  const members = (s.anyOf ?? []).filter((m) => m.type !== 'null');
  if (members.length === 1) return { ...members[0]!, description: s.description ?? members[0]!.description };
  if (Array.isArray(s.type)) {
    const types = s.type.filter((t) => t !== 'null');
    if (types.length === 1) return { ...s, type: types[0] };
  }
  return s;
}

function fieldType(s: JsonSchema): OutputField['type'] {
  const t = s.type ?? (s.enum ? typeof s.enum[0] : 'const' in s ? typeof s.const : undefined);
  if (t === 'string') return s.format === 'date-time' ? 'datetime' : 'string';
  if (t === 'integer' || t === 'number' || t === 'boolean') return t;
  return undefined;
}

/** The output fields of a schema's properties under `prefix`, nested objects flattened. */
function fieldsOf(schema: JsonSchema, prefix: string, labelPrefix: string[]): OutputField[] {
  const out: OutputField[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const prop = nonNull(raw);
    const key = `${prefix}__${name}`;
    const label = [...labelPrefix, ...words(name)];
    if (prop.type === 'object' && prop.properties) {
      out.push(...fieldsOf(prop, key, label));
      continue;
    }
    const field: OutputField = { key, label: label.join(' ') };
    if (prop.type === 'array') {
      field.list = true;
      const item = prop.items ? fieldType(nonNull(prop.items)) : undefined;
      if (item) field.type = item;
    } else {
      const type = fieldType(prop);
      if (type) field.type = type;
    }
    out.push(field);
  }
  return out;
}

const ENVELOPE_FIELDS: OutputField[] = [
  { key: 'id', label: 'Event ID', type: 'string' },
  { key: 'type', label: 'Event Type', type: 'string' },
  { key: 'timestamp', label: 'Timestamp', type: 'datetime' },
  { key: 'accountId', label: 'Account ID', type: 'string' },
];

export function outputFields(type: EventType): OutputField[] {
  return [...ENVELOPE_FIELDS, ...fieldsOf(dataJsonSchema(type) as JsonSchema, 'data', [])];
}

export function sampleEnvelope(type: EventType) {
  return { id: `evt_sample_${triggerKey(type)}`, type, timestamp: SAMPLE_TIME, accountId: SAMPLE_ACCOUNT, data: EXAMPLES[type] };
}

/** Zapier's description limit is 1000 characters; the catalog's are one sentence, checked anyway. */
function description(type: EventType): string {
  const text = `Triggers on \`${type}\`: ${DESCRIPTIONS[type]}`;
  if (text.length > 1000) throw new Error(`zapier-app: the description of ${type} is over Zapier's 1000 characters`);
  return text;
}

export function renderZapierTriggers(types: readonly EventType[] = EVENT_TYPES): string {
  const out = [
    '// Generated from packages/server/src/events/catalog.ts by packages/server/scripts/zapier-app.ts — do not',
    '// edit; run `npm run gen:zapier`. packages/server/test/zapier-app.test.ts fails when it is stale.',
    "import { restHookTrigger } from './rest-hook.js';",
    '',
    '/** One REST-hook trigger per event type, keyed as Zapier keys must be (`link.click` → `link_click`). */',
    'export const triggers = {',
  ];
  for (const type of types) {
    const spec = {
      key: triggerKey(type),
      type,
      noun: words(type.slice(0, type.indexOf('.'))).join(' '),
      label: triggerLabel(type),
      description: description(type),
      sample: sampleEnvelope(type),
      outputFields: outputFields(type),
    };
    out.push(`  ${spec.key}: restHookTrigger(${JSON.stringify(spec, null, 2).replace(/\n/g, '\n  ')}),`);
  }
  out.push('};', '');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ZAPIER_TRIGGERS_PATH, renderZapierTriggers());
  console.log(`wrote ${ZAPIER_TRIGGERS_PATH}`);
}
