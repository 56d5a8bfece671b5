import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { processPayload } from '../jobs/queues.js';
import { ChronicleError, DependencyUnavailableError, errorCode } from '../src/errors.js';
import { jobLogger } from '../src/log.js';
import { processArticle } from '../src/pipeline/process-article.js';
import { getArticleWithRaw, recordArticleFailure } from '../src/store/article-store.js';
import { countDeliveries } from '../src/store/delivery-store.js';
import { enqueueDeliveries } from './enqueue.js';
import { waitOutStoreOutage } from './wait-out-store-outage.js';
import type { WorkerContext } from './worker-context.js';

/**
 * CPU work (extraction, dating) in the analysis thread pool, then dedup and one store
 * transaction here; deliveries queued after commit. As many jobs at once as the pool has
 * threads. A permanent failure (the analysis over its time or memory budget) was recorded on
 * the article: the job fails once, without retries. Twice as many jobs as threads by default
 * (stage-concurrency.ts): a thread analyses the next article while this one's transaction runs.
 */
export function createProcessWorker(context: WorkerContext, concurrency = context.concurrency?.process ?? context.analysisConcurrency ?? 1): Worker {
  return new Worker(
    'process',
    waitOutStoreOutage(async (job: Job) => {
      const { articleId } = processPayload.parse(job.data);
      // One read of the article and its bytes per job: the log names its URL, the stage uses both.
      const loaded = await getArticleWithRaw(context.db, articleId);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }, loaded?.article.url);
      let outcome;
      try {
        outcome = await processArticle(context.db, articleId, logger, { recentDays: context.config.notify.recentDays, analyze: context.analyze, loaded });
      } catch (error) {
        // A permanent failure (over the analysis budget) is already recorded on the article.
        if (error instanceof ChronicleError && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        await recordLastAttemptFailure(context, job, articleId, error);
        throw error;
      }
      await enqueueDeliveries(context.queues, outcome.deliveryBatches);
      logger.info(
        { status: outcome.status, events: outcome.events, created: outcome.createdEventIds.length, updated: outcome.updatedEventIds.length },
        outcome.reason ?? 'article processed',
      );
      return { status: outcome.status, reason: outcome.reason, created: outcome.createdEventIds.length, deliveries: countDeliveries(outcome.deliveryBatches) };
    }),
    { connection: context.connection, prefix: context.prefix, concurrency },
  );
}

/**
 * The last attempt's failure is kept on the article: without it the article stayed `fetched`
 * with no error, and `requeueUnfinishedWork` queued it again (to fail again) at every start.
 */
async function recordLastAttemptFailure(context: WorkerContext, job: Job, articleId: string, error: unknown): Promise<void> {
  // A store outage spends no attempt (the job waits it out, wait-out-store-outage.ts): not a failure.
  if (error instanceof DependencyUnavailableError || job.attemptsMade + 1 < (job.opts.attempts ?? 1)) return;
  const message = `processing failed ${job.opts.attempts ?? 1} times: ${(error as Error).message}`;
  await recordArticleFailure(context.db, articleId, errorCode(error) === 'INTERNAL' ? 'PROCESS_FAILED' : errorCode(error), message).catch((recordError: unknown) => {
    context.logger.warn({ err: recordError, articleId }, 'could not record the failure of an article');
  });
}
