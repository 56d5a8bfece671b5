import { DelayedError, Worker, type Job } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, discoverPayload, JOB_NAMES } from '../jobs/queues.js';
import { sourceIntervalMs } from '../src/config.js';
import { getSource } from '../src/store/source-store.js';
import { jobLogger } from '../src/log.js';
import { pollSource, type PollOutcome } from '../src/pipeline/poll-source.js';
import { enqueueFetches, enqueueRefetches } from './enqueue.js';
import { waitOutStoreOutage } from './wait-out-store-outage.js';
import type { WorkerContext } from './worker-context.js';

/**
 * Polls one source; a failed poll is recorded on the source, not thrown (the schedule retries).
 * A poll the host is not ready for is parked until it is.
 */
export function createDiscoverWorker(context: WorkerContext, concurrency = context.concurrency?.discover ?? 4): Worker {
  return new Worker(
    'discover',
    waitOutStoreOutage(async (job: Job, token?: string) => {
      const { sourceId } = discoverPayload.parse(job.data);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }).child({ sourceId });
      const outcome: PollOutcome = await pollSource(context.db, context.fetcher, sourceId, {
        logger,
        maxItemsPerPoll: context.config.discover.maxItemsPerPoll,
      });
      if (outcome.status === 'deferred' && token) {
        // The host asked us to wait or is busy: try this poll again then, not at the next tick.
        await job.moveToDelayed(Date.now() + (outcome.retryAfterMs ?? 1_000), token);
        throw new DelayedError();
      }
      await enqueueFetches(context.queues, outcome.newArticles.map((article) => article.id));
      await enqueueRefetches(context.queues, outcome.changedArticles.map((article) => article.id));
      if (outcome.itemsLeft) await pollAgainSoon(context, sourceId);
      const counts = { items: outcome.itemCount, newArticles: outcome.newArticles.length, changedArticles: outcome.changedArticles.length, itemsLeft: outcome.itemsLeft ?? 0 };
      logger.info({ status: outcome.status, ...counts }, 'source polled');
      return { status: outcome.status, reason: outcome.reason, ...counts };
    }),
    { connection: context.connection, prefix: context.prefix, concurrency },
  );
}

/**
 * A poll that left items for later (`discover.maxItemsPerPoll`) is followed by another within a
 * minute rather than at the source's next tick (which may be hours away): by then the fetches
 * queued by this poll are well under way. One such job per source and minute.
 */
const POLL_AGAIN_SOON_MS = 60_000;

async function pollAgainSoon(context: WorkerContext, sourceId: string): Promise<void> {
  const source = await getSource(context.db, sourceId);
  if (!source || (!source.cron && sourceIntervalMs(source) <= POLL_AGAIN_SOON_MS)) return;
  const at = Date.now() + POLL_AGAIN_SOON_MS;
  await context.queues.discover.add(JOB_NAMES.discover, { sourceId }, { ...DEFAULT_JOB_OPTIONS.discover, delay: POLL_AGAIN_SOON_MS, jobId: `poll-more-${sourceId}-${Math.floor(at / 60_000)}` });
}
