import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { fetchPayload } from '../jobs/queues.js';
import { isHostWait, PermanentFetchError } from '../src/errors.js';
import { jobLogger } from '../src/log.js';
import { fetchArticle } from '../src/pipeline/fetch-article.js';
import { getArticle } from '../src/store/article-store.js';
import { enqueueProcess } from './enqueue.js';
import { waitOutStoreOutage } from './wait-out-store-outage.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Network I/O: many jobs in flight per process (politeness per host is the fetcher's, in Redis).
 * 4xx other than 408/429 fail the job at once; 5xx and network errors retry with backoff.
 */
export function createFetchWorker(context: WorkerContext, concurrency = context.concurrency?.fetch ?? 8): Worker {
  return new Worker(
    'fetch',
    waitOutStoreOutage(async (job: Job, token?: string) => {
      const { articleId } = fetchPayload.parse(job.data);
      const article = await getArticle(context.db, articleId);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }, article?.url);
      try {
        const outcome = await fetchArticle(context.db, context.fetcher, articleId, { logger, article });
        if (outcome.status === 'fetched') await enqueueProcess(context.queues, articleId, outcome.revision);
        logger.info({ status: outcome.status, revision: outcome.revision }, 'article fetched');
        return outcome;
      } catch (error) {
        if (error instanceof PermanentFetchError) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        if (isHostWait(error) && token) {
          // A job that waited for its host while its source was deleted ends here rather than
          // being parked again: the deletion removed the queued jobs, not the ones in flight.
          if (!(await getArticle(context.db, articleId))) return { status: 'skipped', reason: 'article no longer exists', revision: 0 };
          // Nothing was sent: the host is blocked (Retry-After) or busy. Park this job alone,
          // without spending an attempt; worker.rateLimit() would stall every other host too.
          await job.moveToDelayed(Date.now() + (error.retryAfterMs ?? 1_000), token);
          throw new DelayedError();
        }
        throw error;
      }
    }),
    { connection: context.connection, prefix: context.prefix, concurrency },
  );
}

