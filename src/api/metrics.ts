import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { QUEUE_NAMES } from '../../jobs/queues.js';
import type { ApiDeps } from './api-deps.js';
import { describeError } from '../runtime/connection-state.js';
import { withTimeout } from './with-timeout.js';

/**
 * Prometheus metrics, read from Redis and the store at scrape time (so that any process's work
 * shows, not only this one's). A registry of our own, not prom-client's global one, so that
 * two apps in one process (tests, embedding) do not clash over metric names.
 */

const ARTICLE_STATUSES = ['pending', 'fetched', 'processed', 'failed'] as const;
/** Below Prometheus's default 10 s scrape timeout, so that the store's figures still arrive. */
const QUEUE_COUNT_TIMEOUT_MS = 3_000;

export function createMetricsRegistry({ db, queues, logger }: ApiDeps): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chronicle_' });

  new Gauge({
    name: 'chronicle_queue_jobs',
    help: 'Jobs in each BullMQ queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      const results = await Promise.allSettled(
        QUEUE_NAMES.map(async (name) => ({ name, counts: await withTimeout(queues[name].getJobCounts(), QUEUE_COUNT_TIMEOUT_MS, `queue ${name}`) })),
      );
      // A queue Redis does not answer for is left out (absent, not zero). One line per scrape, not
      // a stack trace per queue: Redis being down is logged by its connection's state tracker.
      const failed = QUEUE_NAMES.filter((_, index) => results[index].status === 'rejected');
      const firstFailure = results.find((result) => result.status === 'rejected');
      if (firstFailure) logger.warn({ queues: failed, error: describeError(firstFailure.reason) }, 'metrics: queue counts unavailable');
      for (const result of results) {
        if (result.status === 'fulfilled') for (const [state, count] of Object.entries(result.value.counts)) this.set({ queue: result.value.name, state }, count);
      }
    },
  });

  new Gauge({
    name: 'chronicle_events',
    help: 'Events in the store',
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ count: unknown }>('select count(*) as count from events');
      this.set(Number(rows[0]?.count ?? 0));
    },
  });

  new Gauge({
    name: 'chronicle_articles',
    help: 'Articles in the store by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ status: string; count: unknown }>('select status, count(*) as count from articles group by status');
      const byStatus = new Map(rows.map((row) => [row.status, Number(row.count)]));
      for (const status of ARTICLE_STATUSES) this.set({ status }, byStatus.get(status) ?? 0);
    },
  });

  new Gauge({
    name: 'chronicle_sources_failing',
    help: 'Sources whose last poll failed (consecutive failures > 0)',
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ count: unknown }>('select count(*) as count from sources where consecutive_failures > 0');
      this.set(Number(rows[0]?.count ?? 0));
    },
  });

  new Gauge({
    name: 'chronicle_sources',
    help: 'Sources in the store',
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ count: unknown }>('select count(*) as count from sources');
      this.set(Number(rows[0]?.count ?? 0));
    },
  });

  return registry;
}

export function registerMetricsRoute(app: FastifyInstance, deps: ApiDeps): void {
  const registry = createMetricsRegistry(deps);
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)', produces: ['text/plain'], response: { 200: { type: 'string' } } } },
    async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  );
}
