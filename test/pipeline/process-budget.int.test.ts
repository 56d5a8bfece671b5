import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { WebhookClient } from '../../src/notify/deliver-webhook.js';
import { createAnalysisPool, type AnalysisPool } from '../../src/runtime/analysis-pool.js';
import { contentHash } from '../../src/sources/content-revision.js';
import { getArticle, insertDiscoveredArticles, saveFetchedContent } from '../../src/store/article-store.js';
import { closeQueues, createQueues, type Queues } from '../../jobs/queues.js';
import { enqueueProcess } from '../../workers/enqueue.js';
import { createProcessWorker } from '../../workers/process-worker.js';
import { waitFor } from '../support/cli.js';
import { startPipelineHarness, type PipelineHarness } from '../support/pipeline-harness.js';

const TS_THREAD = new URL('../support/ts-thread.mjs', import.meta.url);

/**
 * The process worker with an analysis pool whose threads never finish (the test thread spins on
 * any real input) and a 1.5 s budget: the job must fail once, with the reason on the article.
 */
describe('process stage: an analysis over its time budget', () => {
  let harness: PipelineHarness;
  let queues: Queues;
  let pool: AnalysisPool;
  let prefix: string;

  beforeAll(async () => {
    harness = await startPipelineHarness();
    prefix = harness.redis.prefix();
    queues = createQueues(harness.connection, prefix);
    pool = createAnalysisPool(TS_THREAD, { size: 1, budgetMs: 1_500, workerData: { tsEntry: new URL('../runtime/support/test-thread.ts', import.meta.url).href } });
  });

  afterAll(async () => {
    await pool?.close();
    await closeQueues(queues);
    await harness?.close();
  });

  it('fails the article once as PROCESS_TIMEOUT, recorded, without a retry', async () => {
    const url = 'https://news.example/world/endless-story';
    const [{ id }] = await insertDiscoveredArticles(harness.db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = '<html><body><p>Any page: the test thread never answers.</p></body></html>';
    await saveFetchedContent(harness.db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });

    const config = parseConfig({}, {});
    const logger = createLogger('silent');
    const webhooks = new WebhookClient({ allowPrivateNetworks: false });
    const worker = createProcessWorker({ config, db: harness.db, queues, fetcher: harness.fetcher, webhooks, logger, connection: harness.connection, prefix, analyze: pool.analyze, analysisConcurrency: pool.size });
    const failed: Job[] = [];
    worker.on('failed', (job) => job && failed.push(job));
    try {
      await enqueueProcess(queues, id, 1);
      const job = await waitFor('the process job to fail', async () => {
        const current = await queues.process.getJob(`process-${id}-r1`);
        return current && (await current.getState()) === 'failed' ? current : null;
      }, 20_000, 200);
      expect(job.failedReason).toMatch(/^PROCESS_TIMEOUT/);
      expect(job.attemptsMade).toBe(1);
      // Failed for good: no retry is waiting in the queue.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(failed).toHaveLength(1);
      expect(await queues.process.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
      expect(await getArticle(harness.db, id)).toMatchObject({ status: 'failed', errorCode: 'PROCESS_TIMEOUT' });
    } finally {
      await worker.close(true);
      await webhooks.close();
    }
  }, 40_000);
});
