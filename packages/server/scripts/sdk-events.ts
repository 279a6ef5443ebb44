// Generates the SDK's event types, packages/sdk/src/events.generated.ts, from the event catalog
// (src/events/catalog.ts), the single source: EVENT_TYPES, one interface per `data` shape with the
// zod `.describe()` texts as doc comments, and EventDataMap. `npm run gen:sdk-events` rewrites
// the file; test/sdk-catalog.test.ts fails when it is stale, so a renamed field fails a test
// instead of a receiver.
//
// The SDK has zero dependencies and must not import the server, so it gets plain TypeScript, not
// zod. The types are derived from z.toJSONSchema (io: 'output', what is sent) — the same JSON
// Schemas GET /api/v1/event-types and docs/events.md show — rather than by walking zod's internal
// definitions, which change between zod versions. A JSON Schema construct the walker does not know
// stops generation with its path instead of producing a loose type.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DATA_SCHEMAS, DESCRIPTIONS, EVENT_TYPES, type EventType } from '../src/events/catalog.js';

export const SDK_EVENTS_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../sdk/src/events.generated.ts');

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  [key: string]: unknown;
}

/** The catalog parts the SDK types are made of (a parameter, so a test can render a changed catalog). */
export interface SdkCatalog {
  types: readonly EventType[];
  schemas: Record<EventType, z.ZodType>;
  descriptions: Record<EventType, string>;
}

const SERVER_CATALOG: SdkCatalog = { types: EVENT_TYPES, schemas: DATA_SCHEMAS, descriptions: DESCRIPTIONS };

/**
 * Interface names that differ from the default (`link.click` → LinkClickData): types with one
 * shape share one interface, under the names the SDK has always exported.
 */
const SHARED_INTERFACES: Partial<Record<EventType, string>> = {
  'account.upgraded': 'PlanChangeData',
  'account.downgraded': 'PlanChangeData',
  'team.member_added': 'TeamMemberData',
  'team.member_removed': 'TeamMemberRemovedData',
};

/**
 * Field shapes exported under a name of their own (receivers import them), each taken from one field
 * of the catalog. Every field of the same shape is then written with the name.
 */
// `item`: the shape of the field's array items.
const NAMED_SHAPES: { name: string; from: EventType; field: string; item?: true }[] = [
  { name: 'Device', from: 'profile.visit', field: 'device' },
  { name: 'Plan', from: 'account.upgraded', field: 'fromPlan' },
  { name: 'Utm', from: 'profile.visit', field: 'utm' },
  { name: 'Changes', from: 'link.updated', field: 'changes' },
  { name: 'DomainRecord', from: 'domain.added', field: 'records', item: true },
  { name: 'DomainCheckedRecord', from: 'domain.misconfigured', field: 'records', item: true },
];

const pascalCase = (type: string) =>
  type
    .split(/[._]/)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

export function interfaceName(type: EventType): string {
  return SHARED_INTERFACES[type] ?? `${pascalCase(type)}Data`;
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output' }) as JsonSchema;
  return rest;
}

/** The shape of a schema without its own description: what two fields must share to share a name. */
const shapeKey = (s: JsonSchema) => {
  const { description: _d, ...shape } = s;
  return JSON.stringify(shape);
};

const docText = (s: JsonSchema): string | undefined => s.description ?? s.anyOf?.find((x) => x.description)?.description;

function docComment(text: string | undefined, indent: string): string[] {
  if (!text) return [];
  return [`${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */`];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const literal = (v: unknown) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v));
const propertyKey = (name: string) => (IDENTIFIER.test(name) ? name : literal(name));

class Renderer {
  private readonly named = new Map<string, string>();

  constructor(namedShapes: { name: string; schema: JsonSchema }[]) {
    for (const { name, schema } of namedShapes) this.named.set(shapeKey(schema), name);
  }

  /** The TypeScript type of `s`; `top` is true for a named shape's own declaration. */
  type(s: JsonSchema, path: string, top = false): string {
    const name = top ? undefined : this.named.get(shapeKey(s));
    if (name) return name;
    const union = s.anyOf ?? s.oneOf;
    if (union) return this.union(union.map((m, i) => this.type(m, `${path}|${i}`)));
    if (s.enum) return this.union(s.enum.map(literal));
    if ('const' in s) return literal(s.const);
    if (Array.isArray(s.type)) return this.union(s.type.map((t) => this.type({ ...s, type: t, description: undefined }, path)));
    switch (s.type) {
      case undefined:
        if (Object.keys(s).every((k) => k === 'description')) return 'unknown';
        break;
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array':
        if (s.items && !('prefixItems' in s)) {
          const item = this.type(s.items, `${path}[]`);
          return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
        }
        break;
      case 'object':
        if (s.properties) return `{ ${this.fields(s, path).join(' ').replace(/;$/, '')} }`;
        if (typeof s.additionalProperties === 'object' && (!s.propertyNames || s.propertyNames.type === 'string')) {
          return `Record<string, ${this.type(s.additionalProperties, `${path}{}`)}>`;
        }
        break;
    }
    throw new Error(`sdk-events: no TypeScript rendering for the JSON Schema at ${path}: ${JSON.stringify(s)}`);
  }

  /** `name: type;` per property (`name?:` when not required); with `indent`, one per line with doc comments. */
  fields(s: JsonSchema, path: string, indent?: string): string[] {
    const out: string[] = [];
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      const line = `${propertyKey(key)}${s.required?.includes(key) ? '' : '?'}: ${this.type(prop, `${path}.${key}`)};`;
      if (indent === undefined) out.push(line);
      else out.push(...docComment(docText(prop), indent), `${indent}${line}`);
    }
    return out;
  }

  private union(members: string[]): string {
    return [...new Set(members)].join(' | ');
  }
}

export function renderSdkEvents(catalog: SdkCatalog = SERVER_CATALOG): string {
  const schemas = new Map(catalog.types.map((t) => [t, jsonSchemaOf(catalog.schemas[t])]));
  const namedShapes = NAMED_SHAPES.map(({ name, from, field, item }) => {
    const prop = schemas.get(from)?.properties?.[field];
    const schema = item ? prop?.items : prop;
    if (!schema) throw new Error(`sdk-events: ${name} is taken from ${from}.${field}, which the catalog no longer has`);
    return { name, schema };
  });
  const r = new Renderer(namedShapes);

  const out: string[] = [
    '// Generated from packages/server/src/events/catalog.ts by packages/server/scripts/sdk-events.ts — do not',
    '// edit; run `npm run gen:sdk-events`. packages/server/test/sdk-catalog.test.ts fails when it is stale.',
    '',
    '/** Every event type a Linkwire server of this version sends. */',
    'export const EVENT_TYPES = [',
    ...catalog.types.map((t) => `  ${literal(t)},`),
    '] as const;',
    '',
    'export type EventType = (typeof EVENT_TYPES)[number];',
    '',
  ];
  for (const { name, schema } of namedShapes) {
    const type = r.type(schema, name, true);
    out.push(...docComment(docText(schema), ''));
    if (type.startsWith('{ ')) out.push(`export interface ${name} {`, ...r.fields(schema, name, '  '), '}', '');
    else out.push(`export type ${name} = ${type};`, '');
  }

  // One interface per data shape, in catalog order of its first type.
  const byInterface = new Map<string, EventType[]>();
  for (const t of catalog.types) byInterface.set(interfaceName(t), [...(byInterface.get(interfaceName(t)) ?? []), t]);
  for (const [name, types] of byInterface) {
    const schema = schemas.get(types[0]!)!;
    for (const other of types.slice(1)) {
      if (shapeKey(schemas.get(other)!) !== shapeKey(schema)) {
        throw new Error(`sdk-events: ${types.join(', ')} share ${name} but ${other}'s data differs from ${types[0]}'s: name it apart in SHARED_INTERFACES`);
      }
    }
    if (schema.type !== 'object' || !schema.properties) throw new Error(`sdk-events: the data of ${types[0]} is not an object`);
    const doc = types.length === 1 ? `\`${types[0]}\`: ${catalog.descriptions[types[0]!]}` : `The data of ${types.map((t) => `\`${t}\``).join(', ')}.`;
    out.push(...docComment(doc, ''), `export interface ${name} {`, ...r.fields(schema, types[0]!, '  '), '}', '');
  }

  out.push('/** The `data` of each event type. */', 'export interface EventDataMap {');
  for (const t of catalog.types) out.push(...docComment(catalog.descriptions[t], '  '), `  ${literal(t)}: ${interfaceName(t)};`);
  out.push('}', '');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SDK_EVENTS_PATH, renderSdkEvents());
  console.log(`wrote ${SDK_EVENTS_PATH}`);
}
