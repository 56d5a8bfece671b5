import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';
import type { Queryable } from '../store/database.js';
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
/**
 * Stage durations come from the jobs BullMQ keeps after completion (in Redis, whichever process
 * ran them): the last 200 per stage, a sample big enough for a 99th percentile to mean something
 * and small enough to read at every scrape.
 */
const STAGES = ['discover', 'fetch', 'process', 'notify'] as const;
const STAGE_SAMPLE = 200;
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

  new Gauge({
    name: 'chronicle_article_failures',
    help: 'Articles whose fetch or processing failed, by error code (HTTP_404, ROBOTS_DISALLOWED, TIMEOUT…)',
    labelNames: ['code'],
    registers: [registry],
    async collect() {
      this.reset();
      const { rows } = await db.query<{ code: string; count: unknown }>(
        `select coalesce(error_code, 'UNKNOWN') as code, count(*) as count from articles where status = 'failed' group by 1`,
      );
      for (const row of rows) this.set({ code: row.code }, Number(row.count));
    },
  });

  new Gauge({
    name: 'chronicle_webhook_deliveries',
    help: 'Webhook deliveries by status (pending ones are still being tried)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const { rows } = await db.query<{ status: string; count: unknown }>('select status, count(*) as count from deliveries group by status');
      const byStatus = new Map(rows.map((row) => [row.status, Number(row.count)]));
      for (const status of ['pending', 'succeeded', 'failed']) this.set({ status }, byStatus.get(status) ?? 0);
    },
  });

  new Gauge({
    name: 'chronicle_stage_duration_seconds',
    help: `How long the last ${STAGE_SAMPLE} completed jobs of each stage took to run (quantiles; BullMQ's processedOn to finishedOn)`,
    labelNames: ['stage', 'quantile'],
    registers: [registry],
    async collect() {
      this.reset();
      const results = await Promise.allSettled(
        STAGES.map(async (stage) => ({ stage, jobs: await withTimeout(queues[stage].getJobs(['completed'], 0, STAGE_SAMPLE - 1), QUEUE_COUNT_TIMEOUT_MS, `queue ${stage}`) })),
      );
      for (const result of results) {
        if (result.status === 'rejected') continue;
        const seconds = result.value.jobs
          .flatMap((job) => (job?.processedOn && job.finishedOn ? [(job.finishedOn - job.processedOn) / 1000] : []))
          .sort((a, b) => a - b);
        if (seconds.length === 0) continue;
        for (const quantile of [0.5, 0.9, 0.99]) this.set({ stage: result.value.stage, quantile: String(quantile) }, seconds[Math.min(seconds.length - 1, Math.floor(quantile * seconds.length))]);
      }
    },
  });

  // Collectors of our own (a name and get()), which is all the registry calls at scrape time;
  // prom-client's types only know its own classes.
  registry.registerMetric(deliveryAttemptMetric(db) as unknown as Metric);
  registry.registerMetric(deliveryDurationMetric(db) as unknown as Metric);
  return registry;
}

/*
 * Delivery attempts are read from the store (delivery_attempts), like the gauges above: the
 * notify workers may run in other processes, whose counters this process cannot see. The table
 * keeps every attempt, so its counts only grow (deleting an endpoint deletes its attempts, which
 * Prometheus reads as a counter reset).
 */

/** `chronicle_webhook_delivery_attempts_total{outcome}`: succeeded (2xx) or failed. */
function deliveryAttemptMetric(db: Queryable) {
  const name = 'chronicle_webhook_delivery_attempts_total';
  return {
    name,
    help: 'Webhook delivery attempts by outcome (succeeded: a 2xx answer)',
    type: 'counter',
    aggregator: 'sum',
    async get() {
      const { rows } = await db.query<{ succeeded: unknown; failed: unknown }>(
        `select count(*) filter (where status_code between 200 and 299) as succeeded,
                count(*) filter (where status_code is null or status_code not between 200 and 299) as failed
         from delivery_attempts`,
      );
      return {
        name,
        help: this.help,
        type: this.type,
        aggregator: this.aggregator,
        values: [
          { labels: { outcome: 'succeeded' }, value: Number(rows[0]?.succeeded ?? 0) },
          { labels: { outcome: 'failed' }, value: Number(rows[0]?.failed ?? 0) },
        ],
      };
    },
  };
}

/** Upper bounds in seconds: a receiver answers in tens of milliseconds; the delivery timeout is 15 s. */
const DELIVERY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `chronicle_webhook_delivery_duration_seconds`: a histogram of every attempt's duration. */
function deliveryDurationMetric(db: Queryable) {
  const name = 'chronicle_webhook_delivery_duration_seconds';
  return {
    name,
    help: 'Duration of webhook delivery attempts',
    type: 'histogram',
    aggregator: 'sum',
    async get() {
      const filters = DELIVERY_BUCKETS.map((bound, index) => `count(*) filter (where duration_ms <= ${bound * 1000}) as b${index}`).join(', ');
      const { rows } = await db.query<Record<string, unknown>>(`select ${filters}, count(*) as total, coalesce(sum(duration_ms), 0) as sum_ms from delivery_attempts`);
      const row = rows[0] ?? {};
      const buckets = DELIVERY_BUCKETS.map((bound, index) => ({ metricName: `${name}_bucket`, labels: { le: bound }, value: Number(row[`b${index}`] ?? 0) }));
      return {
        name,
        help: this.help,
        type: this.type,
        aggregator: this.aggregator,
        values: [
          ...buckets,
          { metricName: `${name}_bucket`, labels: { le: '+Inf' }, value: Number(row.total ?? 0) },
          { metricName: `${name}_sum`, labels: {}, value: Number(row.sum_ms ?? 0) / 1000 },
          { metricName: `${name}_count`, labels: {}, value: Number(row.total ?? 0) },
        ],
      };
    },
  };
}

/**
 * HTTP requests by route and status, counted in this process (the only one that serves the
 * API). The route is the pattern (`/v1/events/:id`), never the URL: ids and tokens stay out.
 */
function installRequestMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Counter({ name: 'chronicle_http_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'chronicle_http_request_duration_seconds',
    help: 'HTTP request durations by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}

export function registerMetricsRoute(app: FastifyInstance, deps: ApiDeps): void {
  const registry = createMetricsRegistry(deps);
  installRequestMetrics(app, registry);
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)', produces: ['text/plain'], response: { 200: { type: 'string' } } } },
    async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  );
}
