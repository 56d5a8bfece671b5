import { fetchJobId, JOB_NAMES, type Queues } from '../jobs/queues.js';
import type { DeliveryBatch } from '../src/store/delivery-store.js';

/**
 * Job ids make re-adding the same work a no-op while it is still queued: a crash between the
 * store commit and the enqueue is repaired by `requeueUnfinishedWork` adding the same ids again.
 */
export async function enqueueFetches(queues: Queues, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  await queues.fetch.addBulk(articleIds.map((articleId) => ({ name: JOB_NAMES.fetch, data: { articleId }, opts: { jobId: fetchJobId(articleId) } })));
}

/** A fetch of a known article the source says changed; one per (article, update time). */
export async function enqueueRefetches(queues: Queues, articleIds: readonly string[], now = Date.now()): Promise<void> {
  if (articleIds.length === 0) return;
  await queues.fetch.addBulk(articleIds.map((articleId) => ({ name: JOB_NAMES.fetch, data: { articleId }, opts: { jobId: `refetch-${articleId}-${now}` } })));
}

export async function enqueueProcess(queues: Queues, articleId: string, revision: number): Promise<void> {
  await queues.process.add(JOB_NAMES.process, { articleId }, { jobId: `process-${articleId}-r${revision}` });
}

/**
 * One job per batch (an article's deliveries to one endpoint), its id the batch's; a delivery
 * recorded alone keeps the job id and payload of one delivery.
 */
export async function enqueueDeliveries(queues: Queues, batches: readonly DeliveryBatch[]): Promise<void> {
  if (batches.length === 0) return;
  await queues.notify.addBulk(
    batches.map(({ batchId, deliveryIds }) =>
      batchId
        ? { name: JOB_NAMES.notify, data: { deliveryIds }, opts: { jobId: `deliver-${batchId}` } }
        : { name: JOB_NAMES.notify, data: { deliveryId: deliveryIds[0] }, opts: { jobId: `deliver-${deliveryIds[0]}` } },
    ),
  );
}
