import type { ZodError, ZodType, ZodTypeDef } from 'zod';
import { formatPath } from '../config.js';
import { ValidationError } from '../errors.js';

/**
 * Validates a request body with the zod schema the rest of chronicle uses for the same thing
 * (a source or webhook in the config file, a re-ingest job), so that the API accepts exactly
 * what the config and the queues accept; the first problem becomes a 400 naming its field.
 */
export function parseBody<Output, Input>(schema: ZodType<Output, ZodTypeDef, Input>, body: unknown): Output {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationErrorFromZod(result.error);
  return result.data;
}

/** The first zod issue as a ValidationError naming its field (`filter.keywords[0]`, an unknown key). */
export function validationErrorFromZod(error: ZodError): ValidationError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys') return new ValidationError(formatPath([...issue.path, issue.keys[0]]), 'unknown key');
  return new ValidationError(formatPath(issue.path) || 'body', issue.message);
}
