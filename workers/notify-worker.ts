import { Worker, type Job } from 'bullmq';
import { notifyPayload, WEBHOOK_BACKOFF, WEBHOOK_RETRY_SCHEDULE_MS } from '../jobs/queues.js';
import { DeliveryError } from '../src/errors.js';
import { jobLogger, type Logger } from '../src/log.js';
import { getDeliveriesToSend, recordAttempts, type AttemptOutcome, type DeliveryToSend } from '../src/store/delivery-store.js';
import { waitOutStoreOutage } from './wait-out-store-outage.js';
import type { WorkerContext } from './worker-context.js';

/** Standard Webhooks' schedule: the n-th retry waits the n-th entry (the last one repeats). */
export function webhookBackoffMs(attemptsMade: number): number {
  return WEBHOOK_RETRY_SCHEDULE_MS[Math.min(Math.max(attemptsMade - 1, 0), WEBHOOK_RETRY_SCHEDULE_MS.length - 1)];
}

/**
 * Outbound delivery: one job per batch (the deliveries one article's processing recorded for one
 * endpoint) or per replayed delivery. A batch's deliveries are read in one query, POSTed one
 * after another in the order recorded, and their attempts logged in one statement; a delivery
 * that already succeeded (a retry of a batch, a job queued twice) is not sent again. When any
 * failed, the job fails and BullMQ retries it on the Standard Webhooks schedule: each retry
 * sends only what has not succeeded, so every delivery gets an attempt per try of its job.
 */
export function createNotifyWorker(context: WorkerContext, concurrency = context.concurrency?.notify ?? 8): Worker {
  return new Worker(
    'notify',
    waitOutStoreOutage(async (job: Job) => {
      const payload = notifyPayload.parse(job.data);
      const ids = 'deliveryId' in payload ? [payload.deliveryId] : payload.deliveryIds;
      const toSend = (await getDeliveriesToSend(context.db, ids)).filter(({ delivery }) => delivery.status !== 'succeeded');
      if (toSend.length === 0) return { status: 'skipped' };
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const logger = jobLogger(context.logger, { id: job.id, name: job.name });
      const outcomes: ({ deliveryId: string } & AttemptOutcome)[] = [];
      let firstError: Error | null = null;
      for (const item of toSend) {
        const outcome = await sendOne(context, item, final, logger);
        if (!outcome) continue;
        outcomes.push(outcome);
        if (!outcome.succeeded) firstError ??= new DeliveryError(outcome.error ?? 'delivery failed', { statusCode: outcome.statusCode ?? undefined });
      }
      await recordAttempts(context.db, outcomes);
      const delivered = outcomes.filter((outcome) => outcome.succeeded).length;
      if (delivered > 0) logger.info({ url: toSend[0].webhook?.url, delivered, failed: outcomes.length - delivered }, 'webhooks delivered');
      if (firstError) throw firstError;
      return { status: 'delivered', delivered };
    }),
    {
      connection: context.connection,
      prefix: context.prefix,
      concurrency,
      settings: { backoffStrategy: (attemptsMade: number, type?: string) => (type === WEBHOOK_BACKOFF ? webhookBackoffMs(attemptsMade) : 5_000) },
    },
  );
}

/** One POST and what to log of it; null when its endpoint was deleted (nothing to send). */
async function sendOne(context: WorkerContext, { delivery, webhook }: DeliveryToSend, final: boolean, logger: Logger): Promise<({ deliveryId: string } & AttemptOutcome) | null> {
  if (!webhook) return null;
  const started = performance.now();
  try {
    const result = await context.webhooks.deliver(webhook, delivery.id, JSON.stringify(delivery.payload));
    return { deliveryId: delivery.id, statusCode: result.statusCode, error: null, durationMs: result.durationMs, succeeded: true, final: true };
  } catch (error) {
    const statusCode = error instanceof DeliveryError ? error.statusCode : null;
    logger.warn({ url: webhook.url, deliveryId: delivery.id, statusCode, final }, `webhook delivery failed: ${(error as Error).message}`);
    return { deliveryId: delivery.id, statusCode, error: (error as Error).message, durationMs: performance.now() - started, succeeded: false, final };
  }
}
