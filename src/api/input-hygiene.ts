import type { FastifyInstance } from 'fastify';
import { formatPath } from '../config.js';
import { ValidationError } from '../errors.js';
import { hasInvalidCodePoints } from '../text-hygiene.js';

/**
 * Every request's path parameters, query and JSON body are checked, before schema validation,
 * for code points no text may hold (NUL, other C0 controls, lone surrogates, U+FFFE/U+FFFF; see
 * text-hygiene.ts): a NUL in `q`, `source` or an id reached PostgreSQL and answered 500. The
 * request is refused with 400 naming the field; a caller can fix it, so nothing is stripped.
 */
export function installInputHygiene(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = firstInvalidField(request.params, []) ?? firstInvalidField(request.query, []) ?? firstInvalidField(request.body, []);
    if (field !== null) throw new ValidationError(field || 'body', 'contains a NUL or another character that is not allowed in text');
  });
}

/** The path (`filter.keywords[3]`) of the first string, or key, holding an invalid code point. */
export function firstInvalidField(value: unknown, path: (string | number)[]): string | null {
  if (typeof value === 'string') return hasInvalidCodePoints(value) ? formatPath(path) : null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = firstInvalidField(value[index], [...path, index]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (hasInvalidCodePoints(key)) return formatPath([...path, key]);
      const found = firstInvalidField(child, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}
