import { dirname, resolve } from 'node:path';
import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import type { Logger } from '../src/log.js';
import { buildApi } from '../src/api/server.js';
import { checkApiToken } from '../src/api/token-policy.js';
import { Fetcher } from '../src/fetch/fetcher.js';
import { WebhookClient } from '../src/notify/deliver-webhook.js';
import { createAnalysisPool } from '../src/runtime/analysis-pool.js';
import { stageConcurrency } from '../src/runtime/stage-concurrency.js';
import { ConnectionState } from '../src/runtime/connection-state.js';
import { resolveRedis } from '../src/runtime/embedded-redis.js';
import { createApiRedis, createWorkerRedis, isRedisConnectionError, trackRedis } from '../src/runtime/redis-clients.js';
import type { Database } from '../src/store/database.js';
import { openStore } from '../src/store/store.js';
import { listSources, syncConfigSources, type SourceInput } from '../src/store/source-store.js';
import { listWebhooks, syncConfigWebhooks, type WebhookInput } from '../src/store/webhook-store.js';
import { closeQueues, createQueues, removeQueuedFetches, QUEUE_NAMES, type QueueName, type Queues } from '../jobs/queues.js';
import { pollDueSourcesNow, syncSourceSchedulers } from '../jobs/schedulers.js';
import { createDiscoverWorker } from './discover-worker.js';
import { createFetchWorker } from './fetch-worker.js';
import { createNotifyWorker } from './notify-worker.js';
import { createProcessWorker } from './process-worker.js';
import { createReingestWorker } from './reingest-worker.js';
import { requeueUnfinishedWork } from './requeue-unfinished.js';
import type { WorkerContext } from './worker-context.js';

export interface ServiceOptions {
  config: Config;
  logger: Logger;
  /** `start`: everything in one process; `worker`: only the named queues' processors. */
  role: 'start' | 'worker';
  queues?: readonly QueueName[];
  /**
   * The built entry of the process stage's worker threads (dist/analysis-thread.js). Without it
   * (the service run from its TypeScript sources) articles are analysed in-process.
   */
  analysisThread?: URL;
}

export interface RunningService {
  api?: FastifyInstance;
  redisUrl: string;
  /** Sources and webhooks in the store at start (the config's and those created through the API). */
  counts?: { sources: number; webhooks: number };
  stop: () => Promise<void>;
}

const HOST_SLOT_WAIT_MS = 5_000;

/** A worker still busy after this long is closed by force: its job goes back to the queue. */
const WORKER_CLOSE_GRACE_MS = 6_000;

const WORKER_FACTORIES: Record<QueueName, (context: WorkerContext) => Worker> = {
  discover: createDiscoverWorker,
  fetch: createFetchWorker,
  process: createProcessWorker,
  notify: createNotifyWorker,
  reingest: createReingestWorker,
};

/** Where the embedded store and Redis keep their files: beside a pglite store, else ./data. */
function dataDirectory(config: Config): string {
  const url = config.store.url;
  return url.startsWith('pglite://') && url !== 'pglite://memory' ? dirname(resolve(url.slice('pglite://'.length))) : resolve('data');
}

/**
 * Starts chronicle as numbered steps: 1. Redis (found or started), 2. the store (migrations
 * applied), 3. queues and the fetcher, 4. config sources and webhooks written to the store and
 * one Job Scheduler per source, 5. the workers, 6. work left unfinished by a dead process queued
 * again, 7. the HTTP API. `stop()` undoes it in reverse within about ten seconds.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  if (options.role === 'worker' && config.store.url.startsWith('pglite://')) {
    throw new ConfigError('store.url: a separate `chronicle worker` needs a shared store; PGlite allows one process only. Set DATABASE_URL=postgres://…');
  }
  if (options.role === 'start') {
    // Before anything connects: a weak token on a reachable address is a config error (exit 2).
    const warning = checkApiToken(config.api);
    if (warning) logger.warn(warning);
  }
  const cleanup: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanup.reverse()) await step().catch((error) => logger.error({ err: error }, 'error while stopping'));
  };
  try {
    const redis = await resolveRedis({ configuredUrl: config.redis.url, dataDir: dataDirectory(config), logger, allowStart: options.role === 'start' });
    if (redis.stop) cleanup.push(redis.stop);
    // One tracker per dependency: every connection reports to it, and it logs each change once.
    const redisState = new ConnectionState('redis', logger);
    const storeState = new ConnectionState('store', logger);
    const db: Database = await openStore(config.store.url, { logger, connection: storeState });
    cleanup.push(() => db.close());
    const connection = createWorkerRedis(redis.url);
    cleanup.push(async () => connection.disconnect());
    const reportRedisError = trackRedis(connection, redisState, (error) => logger.error({ err: error }, 'redis error'));
    const onRedisError = (what: Record<string, string>, error: Error) => {
      if (isRedisConnectionError(error)) reportRedisError(error);
      else logger.error({ ...what, err: error }, 'queue error');
    };
    const prefix = config.redis.prefix;
    const queues: Queues = createQueues(connection, prefix, (queue, error) => onRedisError({ queue }, error));
    cleanup.push(() => closeQueues(queues));
    // A job waits at most this long for its host's slot, then is parked (delayed) so that one slow
    // host does not hold every worker slot while other hosts' jobs wait behind it.
    // Both ways out take the address policy from the config; neither can be built without it.
    const { allowPrivateNetworks } = config.security;
    const fetcher = new Fetcher(config.fetch, { redis: connection, keyPrefix: prefix, logger, maxSlotWaitMs: HOST_SLOT_WAIT_MS, allowPrivateNetworks });
    cleanup.push(() => fetcher.close());
    const webhooks = new WebhookClient({ allowPrivateNetworks });
    cleanup.push(() => webhooks.close());
    const concurrency = stageConcurrency(config.workers, { inProcess: !options.analysisThread });
    const pool = options.analysisThread ? createAnalysisPool(options.analysisThread, { logger, size: concurrency.analysisThreads }) : null;
    if (pool) {
      cleanup.push(() => pool.close());
      logger.info({ threads: pool.size }, 'analysis thread pool started');
    }
    logger.info(concurrency, 'jobs at once per stage');
    const context: WorkerContext = {
      config, db, queues, fetcher, webhooks, logger, connection, prefix, analyze: pool?.analyze, analysisConcurrency: pool?.size, concurrency,
    };

    const syncSchedulers = async (on: Queues) => {
      const sources = await listSources(db);
      // One instant for both: what is due is polled now, and its scheduler starts an interval later.
      const now = Date.now();
      await syncSourceSchedulers(on.discover, sources, now);
      await pollDueSourcesNow(on.discover, sources, now);
    };
    if (options.role === 'start') {
      // Mutable copies of the frozen config for the store's inputs.
      const dropped = await syncConfigSources(db, structuredClone(config.sources) as SourceInput[]);
      if (dropped.length) logger.info({ dropped: dropped.length, removed: await removeQueuedFetches(queues, dropped) }, 'queued fetches of sources removed from the config dropped');
      await syncConfigWebhooks(db, structuredClone(config.webhooks) as WebhookInput[]);
      await syncSchedulers(queues);
    }

    const names = options.queues?.length ? options.queues : QUEUE_NAMES;
    const workers = names.map((name) => {
      const worker = WORKER_FACTORIES[name](context);
      worker.on('failed', (job, error) => logger.warn({ queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade }, `job failed: ${error.message}`));
      worker.on('error', (error) => onRedisError({ queue: name }, error));
      return worker;
    });
    cleanup.push(() => closeWorkers(workers));

    if (options.role === 'start') {
      const requeued = await requeueUnfinishedWork(db, queues);
      logger.info(requeued, 'unfinished work queued again');
      // A store outage can cut a job between its commit and its enqueue (a COMMIT whose answer
      // was lost, say): once the store is back, queue again what the store says is unfinished,
      // as at start-up. Job ids make this a no-op for work still queued.
      storeState.whenBack(() => {
        requeueUnfinishedWork(db, queues).then(
          (again) => logger.info(again, 'store back: unfinished work queued again'),
          (error) => logger.warn({ error: (error as Error).message }, 'store back: could not queue unfinished work again'),
        );
      });
      // The API adds jobs through connections of its own that fail fast while Redis is down
      // (redis-clients.ts): a request answers 503 instead of waiting for Redis to return.
      const apiRedis = createApiRedis(redis.url);
      apiRedis.on('error', (error) => onRedisError({ client: 'api' }, error));
      cleanup.push(async () => apiRedis.disconnect());
      const apiQueues = createQueues(apiRedis, prefix, (queue, error) => onRedisError({ queue }, error));
      cleanup.push(() => closeQueues(apiQueues));
      // Connected before the API listens, so that the first /healthz does not find it still connecting.
      await apiQueues.reingest.waitUntilReady();
      const api = await buildApi({ config, db, queues: apiQueues, redis: apiRedis, logger, onSourcesChanged: () => syncSchedulers(apiQueues) });
      await api.listen({ port: config.api.port, host: config.api.host });
      cleanup.push(() => api.close());
      const counts = { sources: (await listSources(db)).length, webhooks: (await listWebhooks(db)).length };
      return { api, redisUrl: redis.url, counts, stop };
    }
    return { redisUrl: redis.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Lets running jobs finish; past the grace period they are handed back to the queue. */
async function closeWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(
    workers.map(async (worker) => {
      const graceful = worker.close();
      const timedOut = await Promise.race([graceful.then(() => false), new Promise<boolean>((done) => setTimeout(() => done(true), WORKER_CLOSE_GRACE_MS).unref())]);
      if (timedOut) await worker.close(true);
    }),
  );
}
