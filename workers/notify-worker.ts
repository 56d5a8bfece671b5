import { Worker, type Job } from 'bullmq';
import { notifyPayload, WEBHOOK_BACKOFF, WEBHOOK_RETRY_SCHEDULE_MS } from '../jobs/queues.js';
import { DeliveryError } from '../src/errors.js';
import { jobLogger } from '../src/log.js';
import { getDeliveryToSend, recordAttempt } from '../src/store/delivery-store.js';
import { waitOutStoreOutage } from './wait-out-store-outage.js';
import type { WorkerContext } from './worker-context.js';

/** Standard Webhooks' schedule: the n-th retry waits the n-th entry (the last one repeats). */
export function webhookBackoffMs(attemptsMade: number): number {
  return WEBHOOK_RETRY_SCHEDULE_MS[Math.min(Math.max(attemptsMade - 1, 0), WEBHOOK_RETRY_SCHEDULE_MS.length - 1)];
}

/** Outbound delivery: one job per (event, endpoint); every attempt is logged in the store. */
export function createNotifyWorker(context: WorkerContext, concurrency = context.concurrency?.notify ?? 8): Worker {
  return new Worker(
    'notify',
    waitOutStoreOutage(async (job: Job) => {
      const { deliveryId } = notifyPayload.parse(job.data);
      const toSend = await getDeliveryToSend(context.db, deliveryId);
      if (!toSend || toSend.delivery.status === 'succeeded') return { status: 'skipped' };
      const { delivery, webhook } = toSend;
      if (!webhook) return { status: 'skipped', reason: 'endpoint deleted' };
      const logger = jobLogger(context.logger, { id: job.id, name: job.name }, webhook.url).child({ deliveryId });
      const started = performance.now();
      try {
        const result = await context.webhooks.deliver(webhook, delivery.id, JSON.stringify(delivery.payload));
        await recordAttempt(context.db, deliveryId, { statusCode: result.statusCode, error: null, durationMs: result.durationMs, succeeded: true, final: true });
        logger.info({ statusCode: result.statusCode, type: delivery.type }, 'webhook delivered');
        return { status: 'delivered', statusCode: result.statusCode };
      } catch (error) {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const statusCode = error instanceof DeliveryError ? error.statusCode : null;
        await recordAttempt(context.db, deliveryId, { statusCode, error: (error as Error).message, durationMs: performance.now() - started, succeeded: false, final });
        logger.warn({ statusCode, final }, `webhook delivery failed: ${(error as Error).message}`);
        throw error;
      }
    }),
    {
      connection: context.connection,
      prefix: context.prefix,
      concurrency,
      settings: { backoffStrategy: (attemptsMade: number, type?: string) => (type === WEBHOOK_BACKOFF ? webhookBackoffMs(attemptsMade) : 5_000) },
    },
  );
}
