import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { describeError } from '../runtime/connection-state.js';
import type { Database } from '../store/database.js';
import type { ApiDeps } from './api-deps.js';
import { healthSchema } from './api-schemas.js';
import { withTimeout } from './with-timeout.js';

/**
 * A dependency that does not answer within this long counts as down. Probes (Kubernetes,
 * Docker, load balancers) give up after 1–10 s: the whole answer stays well inside that.
 */
const STORE_CHECK_TIMEOUT_MS = 2_000;
const REDIS_CHECK_TIMEOUT_MS = 1_000;

export interface DependencyCheck {
  ok: boolean;
  /** How long the check took, in milliseconds. */
  ms: number;
  error?: string;
}

async function timed(work: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await work();
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, ms: Math.round(performance.now() - started), error: describeError(error) };
  }
}

export function checkStore(db: Database): Promise<DependencyCheck> {
  return timed(() => withTimeout(db.query('select 1'), STORE_CHECK_TIMEOUT_MS, 'store'));
}

/** A connection that is not ready is down at once: a PING would only wait for it. */
export function checkRedis(redis: Redis): Promise<DependencyCheck> {
  return timed(async () => {
    if (redis.status !== 'ready') throw new Error(`not connected (${redis.status})`);
    await withTimeout(redis.ping(), REDIS_CHECK_TIMEOUT_MS, 'redis');
  });
}

export function registerHealthRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Health of the store and Redis: 200 when both answer, else 503 naming the one that does not (no token needed)',
        security: [],
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      // Both checks at once, each bounded: the answer comes within the longer timeout.
      const [store, redis] = await Promise.all([checkStore(deps.db), checkRedis(deps.redis)]);
      const ok = store.ok && redis.ok;
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', store, redis });
    },
  );
}
