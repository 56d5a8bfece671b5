import type { preHandlerAsyncHookHandler } from 'fastify';
import type { Redis } from 'ioredis';
import { DependencyUnavailableError } from '../errors.js';

/**
 * For routes that add or read jobs: while the API's Redis connection is not ready the request
 * is answered 503 at once, before it changes anything in the store (a source saved but its
 * schedule not, say). A connection that drops mid-request fails its command at once too (no
 * offline queue, see runtime/redis-clients.ts); the error handler turns that into the same 503.
 */
export function requireRedis(redis: Redis): preHandlerAsyncHookHandler {
  return async () => {
    if (redis.status !== 'ready') throw new DependencyUnavailableError('redis', `redis unavailable (connection ${redis.status}); retry later`);
  };
}
