import { fetchJobId, JOB_NAMES, type Queues } from '../jobs/queues.js';

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

export async function enqueueDeliveries(queues: Queues, deliveryIds: readonly string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await queues.notify.addBulk(deliveryIds.map((deliveryId) => ({ name: JOB_NAMES.notify, data: { deliveryId }, opts: { jobId: `deliver-${deliveryId}` } })));
}
