import type { ZodType, ZodTypeDef } from 'zod';
import { validationErrorFromZod } from './errors-handler.js';

/**
 * Validates a request body with the zod schema the rest of chronicle uses for the same thing
 * (a source in the config file, a re-ingest job), so that the API accepts exactly what the
 * config and the queues accept; the first problem becomes a 400 naming its field.
 */
export function parseBody<Output, Input>(schema: ZodType<Output, ZodTypeDef, Input>, body: unknown): Output {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw validationErrorFromZod(result.error);
  return result.data;
}
