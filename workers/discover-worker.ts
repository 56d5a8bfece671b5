import { Worker, type Job } from 'bullmq';
import { discoverPayload } from '../jobs/queues.js';
import { jobLogger } from '../src/log.js';
import { pollSource, type PollOutcome } from '../src/pipeline/poll-source.js';
import { enqueueFetches, enqueueRefetches } from './enqueue.js';
import type { WorkerContext } from './worker-context.js';

/** Polls one source; a failed poll is recorded on the source, not thrown (the schedule retries). */
export function createDiscoverWorker(context: WorkerContext, concurrency = 4): Worker {
  return new Worker(
    'discover',
    async (job: Job) => {
      const { sourceId } = discoverPayload.parse(job.data);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }).child({ sourceId });
      const outcome: PollOutcome = await pollSource(context.db, context.fetcher, sourceId, { logger, allowPrivateNetworks: context.config.security.allowPrivateNetworks });
      await enqueueFetches(context.queues, outcome.newArticles.map((article) => article.id));
      await enqueueRefetches(context.queues, outcome.changedArticles.map((article) => article.id));
      const counts = { items: outcome.itemCount, newArticles: outcome.newArticles.length, changedArticles: outcome.changedArticles.length };
      logger.info({ status: outcome.status, ...counts }, 'source polled');
      return { status: outcome.status, reason: outcome.reason, ...counts };
    },
    { connection: context.connection, prefix: context.prefix, concurrency },
  );
}
