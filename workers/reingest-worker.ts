import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { JOB_NAMES, reingestPayload, type ReingestPayload } from '../jobs/queues.js';
import { errorCode } from '../src/errors.js';
import { jobLogger } from '../src/log.js';
import { fetchArticle } from '../src/pipeline/fetch-article.js';
import { processArticle } from '../src/pipeline/process-article.js';
import { canonicalizeUrl } from '../src/sources/canonical-url.js';
import { getArticleByCanonicalUrl, selectArticleIds } from '../src/store/article-store.js';
import { countDeliveries } from '../src/store/delivery-store.js';
import { getSource } from '../src/store/source-store.js';
import { enqueueDeliveries } from './enqueue.js';
import { runIngestJob } from './ingest-job.js';
import type { WorkerContext } from './worker-context.js';

export interface ReingestProgress {
  total: number;
  done: number;
  failed: number;
  eventsCreated: number;
  deliveries: number;
}

/**
 * Manual re-ingest: re-runs `process` from the stored HTML (or `fetch` first with refetch) for
 * the chosen articles, reporting counts as job progress. Dedup against the store makes it
 * idempotent: events already known are not created again and page nobody. One bad article is
 * counted and logged; it never fails the run.
 */
export function createReingestWorker(context: WorkerContext): Worker {
  return new Worker(
    'reingest',
    async (job: Job) => {
      // One-URL ingest shares this queue (manual work, one job at a time): ingest-job.ts.
      if (job.name === JOB_NAMES.ingest) return runIngestJob(context, job);
      const request: ReingestPayload = reingestPayload.parse(job.data);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name });
      // A typo would otherwise select nothing and report success (the API answers 400 for the
      // same; the CLI cannot know: it never opens the store, so the job says it).
      if (request.sourceId && !(await getSource(context.db, request.sourceId))) throw new UnrecoverableError(`no source ${request.sourceId}`);
      if (request.url && !(await getArticleByCanonicalUrl(context.db, canonicalizeUrl(request.url)))) {
        throw new UnrecoverableError(`no stored article at ${request.url} (to fetch a page no source lists: chronicle ingest URL)`);
      }
      const ids = await selectArticleIds(context.db, {
        sourceId: request.sourceId,
        canonicalUrl: request.url ? canonicalizeUrl(request.url) : undefined,
        since: request.since ? new Date(request.since) : undefined,
        withRaw: !request.refetch,
      });
      const progress: ReingestProgress = { total: ids.length, done: 0, failed: 0, eventsCreated: 0, deliveries: 0 };
      await job.updateProgress({ ...progress });
      for (const articleId of ids) {
        try {
          if (request.refetch) await fetchArticle(context.db, context.fetcher, articleId, { logger });
          const outcome = await processArticle(context.db, articleId, logger, { recentDays: context.config.notify.recentDays, analyze: context.analyze });
          await enqueueDeliveries(context.queues, outcome.deliveryBatches);
          if (outcome.status === 'failed') progress.failed += 1;
          progress.eventsCreated += outcome.createdEventIds.length;
          progress.deliveries += countDeliveries(outcome.deliveryBatches);
        } catch (error) {
          progress.failed += 1;
          logger.warn({ articleId, code: errorCode(error) }, `re-ingest of one article failed: ${(error as Error).message}`);
        }
        progress.done += 1;
        await job.updateProgress({ ...progress });
      }
      logger.info(progress, 're-ingest finished');
      return progress;
    },
    { connection: context.connection, prefix: context.prefix, concurrency: 1 },
  );
}
