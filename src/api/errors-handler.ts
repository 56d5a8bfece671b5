import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatPath } from '../config.js';
import { DependencyUnavailableError, NotFoundError, ValidationError } from '../errors.js';
import { isRedisClientRefusal } from '../runtime/redis-clients.js';

/**
 * The one place that turns errors into responses (design.md: "Bad requests get 400 with the
 * field named"): ValidationError and schema failures → 400 `{error, field}`, NotFoundError →
 * 404, other client errors fastify raises (bad JSON, wrong content type) keep their status,
 * the store or Redis not answering → 503 `{error, dependency}` (the outage itself is logged once
 * by the connection's state tracker, not per request), anything else → 500 `{error: 'internal'}`
 * with the detail in the log only.
 */

interface SchemaIssue {
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `since` from `/since`, `filter.keywords[0]` from `/filter/keywords/0`, plus a missing or extra key. */
export function fieldOfSchemaIssue(issue: SchemaIssue): string {
  const parts = issue.instancePath.split('/').filter(Boolean);
  const extra = issue.params.missingProperty ?? issue.params.additionalProperty;
  if (typeof extra === 'string') parts.push(extra);
  return formatPath(parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part))) || 'body';
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation?.length) {
      const issue = error.validation[0] as SchemaIssue;
      const field = fieldOfSchemaIssue(issue);
      const reason = issue.params.additionalProperty ? 'unknown key' : (issue.message ?? 'invalid');
      return reply.code(400).send({ error: `${field}: ${reason}`, field });
    }
    if (error instanceof ValidationError) return reply.code(400).send({ error: error.message, field: error.field });
    if (error instanceof NotFoundError) return reply.code(404).send({ error: error.message });
    if (error instanceof DependencyUnavailableError) return reply.code(503).send({ error: error.message, dependency: error.dependency });
    if (isRedisClientRefusal(error)) return reply.code(503).send({ error: `redis unavailable: ${(error as Error).message}; retry later`, dependency: 'redis' });
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own 400s are about the body as a whole (not JSON, empty with a JSON type).
      return reply.code(error.statusCode).send(error.statusCode === 400 ? { error: error.message, field: 'body' } : { error: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal' });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
}

/**
 * Fastify's `frameworkErrors` option: errors its router raises before any route or hook runs,
 * which the error handler above never sees. A path with bad percent-encoding (`/v1/events/%FF`)
 * gets the project's 400 `{error, field}` instead of Fastify's own body.
 */
export function handleFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply.code(400).send({ error: 'path: not valid percent-encoding (a "%" must be followed by two hex digits of UTF-8)', field: 'path' });
    return;
  }
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 400;
  void reply.code(status).send(status === 400 ? { error: error.message, field: 'path' } : { error: error.message });
}
