import type { Job } from 'bullmq';
import { ingestPayload } from '../jobs/queues.js';
import { jobLogger } from '../src/log.js';
import { ingestUrl, type IngestedUrl } from '../src/pipeline/ingest-url.js';
import { enqueueDeliveries } from './enqueue.js';
import type { WorkerContext } from './worker-context.js';

export interface IngestProgress {
  total: number;
  done: number;
  failed: number;
}

/** The job's return value: one entry per URL, in the order given (deliveries stay internal). */
export type IngestResult = { urls: Omit<IngestedUrl, 'deliveryBatches'>[] } & IngestProgress;

/**
 * `chronicle ingest` and `POST /v1/ingest`: the pages one by one, each fetched and processed
 * here (as a re-ingest with --refetch does), its deliveries queued as the process stage's are.
 * One bad URL is counted and reported; it never fails the others.
 */
export async function runIngestJob(context: WorkerContext, job: Job): Promise<IngestResult> {
  const { urls } = ingestPayload.parse(job.data);
  const logger = jobLogger(context.logger, { id: job.id, name: job.name });
  const progress: IngestProgress = { total: urls.length, done: 0, failed: 0 };
  const results: IngestResult['urls'] = [];
  await job.updateProgress({ ...progress });
  for (const url of urls) {
    const { deliveryBatches, ...result } = await ingestUrl(context.db, context.fetcher, url, { logger, recentDays: context.config.notify.recentDays });
    await enqueueDeliveries(context.queues, deliveryBatches);
    results.push(result);
    if (result.status === 'failed') progress.failed += 1;
    progress.done += 1;
    await job.updateProgress({ ...progress });
  }
  logger.info(progress, 'ingest finished');
  return { ...progress, urls: results };
}
