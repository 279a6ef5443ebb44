import type { z } from 'zod';
import { type FieldError, validationError } from './errors.js';

/** zod issues → field errors that name the field and the rule, in the user's words. */
export function toFieldErrors(error: z.ZodError, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: path ? `${path}.${key}` : key, message: 'is not a known field' });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'is required';
    out.push({ field: path || '(body)', message });
  }
  return out;
}

/** Validates a request part against a strict zod schema or throws a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw validationError(toFieldErrors(result.error, prefix));
  return result.data;
}
