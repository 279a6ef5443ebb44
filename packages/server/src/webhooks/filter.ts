import { type FieldError, validationError } from '../http/errors.js';

// Endpoint filters: a small JSON operator language in the style of Convoy and Outpost, compiled
// once into a closure tree (fan-out caches the result per filter text, so a click pays only the
// closure calls, not the parsing).
//
//   {"type": "link.click", "data.linkId": {"$in": ["lnk_1", "lnk_2"]}}
//   {"$or": [{"data.country": "FR"}, {"data.utm.source": {"$startsWith": "news"}}]}
//
// Keys are dotted paths into the envelope ({id, type, timestamp, accountId, data}) or the logical
// operators $and / $or (arrays of filters) and $not (a filter). A path maps to a literal (implicit
// $eq) or to an operator object; several operators in one object must all hold.

export type Envelope = { id?: string; type: string; timestamp?: string; accountId?: string; data: unknown };
export type FilterPredicate = (envelope: Envelope) => boolean;

export const FILTER_LIMITS = {
  /** Nesting of $and/$or/$not, the top-level object being depth 1. */
  maxDepth: 5,
  /** Path operators in the whole filter (an implicit $eq counts as one). */
  maxConditions: 50,
  /** Bytes of the filter's JSON text. */
  maxBytes: 4096,
} as const;

export const FIELD_OPERATORS = ['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$startsWith'] as const;
type FieldOperator = (typeof FIELD_OPERATORS)[number];
const LOGICAL = new Set(['$and', '$or', '$not']);

type Literal = string | number | boolean | null;
const isLiteral = (v: unknown): v is Literal => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

const MISSING = Symbol('missing');
function getter(path: string): (envelope: Envelope) => unknown {
  const parts = path.split('.');
  return (envelope) => {
    let value: unknown = envelope;
    for (const part of parts) {
      if (!isPlainObject(value) || !Object.hasOwn(value, part)) return MISSING;
      value = value[part];
    }
    return value;
  };
}

// Ordering compares like with like: a number with a number, a string with a string (ISO times
// compare correctly as strings). Anything else does not match rather than coercing.
function ordered(value: unknown, bound: number | string, test: (a: number | string, b: number | string) => boolean): boolean {
  return typeof value === typeof bound && test(value as number | string, bound);
}

class Compiler {
  errors: FieldError[] = [];
  conditions = 0;

  fail(field: string, message: string): FilterPredicate {
    this.errors.push({ field, message });
    return () => false;
  }

  invalid(field: string, message: string): null {
    this.errors.push({ field, message });
    return null;
  }

  filter(node: unknown, field: string, depth: number): FilterPredicate {
    if (!isPlainObject(node)) return this.fail(field, 'must be an object of conditions, e.g. {"type": "link.click"}');
    if (depth > FILTER_LIMITS.maxDepth) return this.fail(field, `is nested too deeply (at most ${FILTER_LIMITS.maxDepth} levels of $and/$or/$not)`);
    const parts: FilterPredicate[] = [];
    for (const [key, value] of Object.entries(node)) {
      const at = `${field}.${key}`;
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0) {
          parts.push(this.fail(at, 'must be a non-empty array of filters'));
          continue;
        }
        const subs = value.map((sub, i) => this.filter(sub, `${at}.${i}`, depth + 1));
        parts.push(key === '$and' ? (e) => subs.every((p) => p(e)) : (e) => subs.some((p) => p(e)));
      } else if (key === '$not') {
        const sub = this.filter(value, at, depth + 1);
        parts.push((e) => !sub(e));
      } else if (key.startsWith('$')) {
        parts.push(this.fail(at, `is not an operator here (logical operators are ${[...LOGICAL].join(', ')}; field operators go inside a path's object)`));
      } else if (!PATH.test(key) || key.length > 200) {
        parts.push(this.fail(at, 'must be a dotted path such as "type" or "data.utm.source"'));
      } else {
        parts.push(this.path(key, value, at));
      }
    }
    if (parts.length === 1) return parts[0]!;
    return (e) => parts.every((p) => p(e));
  }

  path(path: string, spec: unknown, field: string): FilterPredicate {
    const get = getter(path);
    if (isLiteral(spec)) {
      this.conditions++;
      return (e) => get(e) === spec;
    }
    if (Array.isArray(spec)) return this.fail(field, 'must be a value or an operator object; to match one of several values use {"$in": [...]}');
    if (!isPlainObject(spec)) return this.fail(field, 'must be a string, number, boolean, null or an operator object');
    const ops = Object.entries(spec);
    if (ops.length === 0) return this.fail(field, `must not be empty: use one of ${FIELD_OPERATORS.join(', ')}`);
    const tests: Array<(value: unknown) => boolean> = [];
    for (const [op, arg] of ops) {
      const at = `${field}.${op}`;
      if (!(FIELD_OPERATORS as readonly string[]).includes(op)) {
        this.fail(at, `is not a known operator (use one of ${FIELD_OPERATORS.join(', ')})`);
        continue;
      }
      this.conditions++;
      const test = this.operator(op as FieldOperator, arg, at);
      if (test) tests.push(test);
    }
    return (e) => {
      const value = get(e);
      return tests.every((t) => t(value));
    };
  }

  operator(op: FieldOperator, arg: unknown, at: string): ((value: unknown) => boolean) | null {
    switch (op) {
      case '$eq':
      case '$ne': {
        if (!isLiteral(arg)) return this.invalid(at, 'must be a string, number, boolean or null');
        return op === '$eq' ? (v) => v === arg : (v) => v !== arg;
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(arg)) return this.invalid(at, 'must be an array');
        const bad = arg.findIndex((x) => !isLiteral(x));
        if (bad >= 0) return this.invalid(`${at}.${bad}`, 'must be a string, number, boolean or null');
        const set = new Set<unknown>(arg);
        return op === '$in' ? (v) => set.has(v) : (v) => !set.has(v);
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (!(typeof arg === 'string' || (typeof arg === 'number' && Number.isFinite(arg)))) return this.invalid(at, 'must be a number or a string');
        if (op === '$gt') return (v) => ordered(v, arg, (a, b) => a > b);
        if (op === '$gte') return (v) => ordered(v, arg, (a, b) => a >= b);
        if (op === '$lt') return (v) => ordered(v, arg, (a, b) => a < b);
        return (v) => ordered(v, arg, (a, b) => a <= b);
      }
      case '$exists': {
        if (typeof arg !== 'boolean') return this.invalid(at, 'must be true or false');
        return arg ? (v) => v !== MISSING : (v) => v === MISSING;
      }
      case '$startsWith': {
        if (typeof arg !== 'string') return this.invalid(at, 'must be a string');
        return (v) => typeof v === 'string' && v.startsWith(arg);
      }
    }
  }
}

/** Validates a filter and returns its field errors (empty when valid). `field` prefixes every path. */
export function filterErrors(json: unknown, field = 'filter'): FieldError[] {
  return compile(json, field).errors;
}

function compile(json: unknown, field: string): { predicate: FilterPredicate; errors: FieldError[] } {
  let text: string | undefined;
  try {
    text = JSON.stringify(json);
  } catch {
    text = undefined;
  }
  if (text === undefined) return { predicate: () => false, errors: [{ field, message: 'must be a JSON object' }] };
  if (Buffer.byteLength(text) > FILTER_LIMITS.maxBytes) {
    return { predicate: () => false, errors: [{ field, message: `must be at most ${FILTER_LIMITS.maxBytes} bytes of JSON` }] };
  }
  const compiler = new Compiler();
  const predicate = compiler.filter(json, field, 1);
  if (compiler.conditions > FILTER_LIMITS.maxConditions) {
    compiler.errors.push({ field, message: `has ${compiler.conditions} conditions; at most ${FILTER_LIMITS.maxConditions} are allowed` });
  }
  return { predicate, errors: compiler.errors };
}

/** Validates and compiles a filter into a predicate over envelopes; throws a 400 naming the bad parts. */
export function compileFilter(json: unknown, field = 'filter'): FilterPredicate {
  const { predicate, errors } = compile(json, field);
  if (errors.length > 0) throw validationError(errors);
  return predicate;
}
