import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps.js';
import { withTimeout } from './with-timeout.js';

/** A store that does not answer within this long counts as down: probes have short timeouts. */
const STORE_CHECK_TIMEOUT_MS = 2_000;

const healthSchema = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, error: { type: 'string' } },
  required: ['status'],
} as const;

export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness: the store answers (no token needed)', security: [], response: { 200: healthSchema, 503: healthSchema } } },
    async (request, reply) => {
      try {
        await withTimeout(deps.db.query('select 1'), STORE_CHECK_TIMEOUT_MS, 'store');
        return { status: 'ok' };
      } catch (error) {
        request.log.warn({ err: error }, 'health check: store does not answer');
        return reply.code(503).send({ status: 'unavailable', error: 'store does not answer' });
      }
    },
  );
}
