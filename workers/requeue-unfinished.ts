import type { Database } from '../src/store/database.js';
import { countDeliveries, listPendingDeliveryBatches } from '../src/store/delivery-store.js';
import { enqueueDeliveries, enqueueFetches, enqueueProcess } from './enqueue.js';
import type { Queues } from '../jobs/queues.js';

/**
 * Nothing is lost when a process dies between a store commit and the enqueue that follows it:
 * at start, work the store says is unfinished is queued again under the same job ids (a job
 * still queued is not added twice; a finished one left its mark in the store).
 */
export async function requeueUnfinishedWork(db: Database, queues: Queues): Promise<{ fetches: number; processes: number; deliveries: number }> {
  const { rows: pending } = await db.query<{ id: string }>(`select id from articles where status = 'pending' order by created_at`);
  await enqueueFetches(queues, pending.map((row) => row.id));
  const { rows: fetched } = await db.query<{ id: string; revision: number }>(`select id, revision from articles where status = 'fetched' order by created_at`);
  for (const row of fetched) await enqueueProcess(queues, row.id, Number(row.revision));
  const batches = await listPendingDeliveryBatches(db);
  await enqueueDeliveries(queues, batches);
  return { fetches: pending.length, processes: fetched.length, deliveries: countDeliveries(batches) };
}
