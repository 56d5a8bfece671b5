import { DelayedError, Worker, type Job } from 'bullmq';
import { discoverPayload } from '../jobs/queues.js';
import { jobLogger } from '../src/log.js';
import { pollSource, type PollOutcome } from '../src/pipeline/poll-source.js';
import { enqueueFetches, enqueueRefetches } from './enqueue.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Polls one source; a failed poll is recorded on the source, not thrown (the schedule retries).
 * A poll the host is not ready for is parked until it is.
 */
export function createDiscoverWorker(context: WorkerContext, concurrency = 4): Worker {
  return new Worker(
    'discover',
    async (job: Job, token?: string) => {
      const { sourceId } = discoverPayload.parse(job.data);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }).child({ sourceId });
      const outcome: PollOutcome = await pollSource(context.db, context.fetcher, sourceId, { logger, allowPrivateNetworks: context.config.security.allowPrivateNetworks });
      if (outcome.status === 'deferred' && token) {
        // The host asked us to wait or is busy: try this poll again then, not at the next tick.
        await job.moveToDelayed(Date.now() + (outcome.retryAfterMs ?? 1_000), token);
        throw new DelayedError();
      }
      await enqueueFetches(context.queues, outcome.newArticles.map((article) => article.id));
      await enqueueRefetches(context.queues, outcome.changedArticles.map((article) => article.id));
      const counts = { items: outcome.itemCount, newArticles: outcome.newArticles.length, changedArticles: outcome.changedArticles.length };
      logger.info({ status: outcome.status, ...counts }, 'source polled');
      return { status: outcome.status, reason: outcome.reason, ...counts };
    },
    { connection: context.connection, prefix: context.prefix, concurrency },
  );
}
