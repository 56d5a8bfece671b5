import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { z } from 'zod';
import { httpUrl } from '../src/config.js';

/**
 * The contracts between stages: queue names, payload schemas and default job options. A job
 * carries ids, never documents: raw HTML and results live in the store, so any stage can be
 * re-run from what is kept.
 */
export const QUEUE_NAMES = ['discover', 'fetch', 'process', 'notify', 'reingest'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const discoverPayload = z.object({ sourceId: z.string().min(1) });
export const fetchPayload = z.object({ articleId: z.string().min(1) });
export const processPayload = z.object({ articleId: z.string().min(1) });
/**
 * A notify job sends one delivery (a replay, or one queued before batches) or a batch: the
 * deliveries one article's processing recorded for one endpoint, in order.
 */
export const notifyPayload = z.union([
  z.object({ deliveryId: z.string().min(1) }),
  z.object({ deliveryIds: z.array(z.string().min(1)).min(1) }),
]);
export const reingestPayload = z
  .object({
    all: z.boolean().optional(),
    sourceId: z.string().min(1).optional(),
    url: httpUrl.optional(),
    since: z.string().date().optional(),
    refetch: z.boolean().default(false),
  })
  .refine((value) => [value.all, value.sourceId, value.url].filter(Boolean).length === 1, {
    message: 'give exactly one of all, sourceId or url',
    path: ['all'],
  });

/**
 * One-URL ingest: pages no source lists, fetched and processed in the job. It runs on the
 * `reingest` queue (manual work, one job at a time) under its own job name.
 */
export const INGEST_MAX_URLS = 100;
export const ingestPayload = z
  .object({
    urls: z
      .array(z.string().url().refine((url) => /^https?:\/\//i.test(url), 'must be an http(s) URL'))
      .min(1)
      .max(INGEST_MAX_URLS),
  })
  .strict();

export type DiscoverPayload = z.infer<typeof discoverPayload>;
export type FetchPayload = z.infer<typeof fetchPayload>;
export type ProcessPayload = z.infer<typeof processPayload>;
export type NotifyPayload = z.infer<typeof notifyPayload>;
export type ReingestPayload = z.infer<typeof reingestPayload>;
export type IngestPayload = z.infer<typeof ingestPayload>;

/** Job names: one per queue, named after what the job does. */
export const JOB_NAMES = { discover: 'discover-source', fetch: 'fetch-article', process: 'process-article', notify: 'deliver-webhook', reingest: 'reingest', ingest: 'ingest-urls' } as const;

/**
 * Standard Webhooks' retry schedule after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h (https://www.standardwebhooks.com, "Retry schedule").
 */
export const WEBHOOK_RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const WEBHOOK_BACKOFF = 'standard-webhooks';

/** Kept finished jobs are bounded by age and count so that Redis does not grow without end. */
const keepCompleted = { age: 24 * 3600, count: 1000 };
const keepFailed = { age: 7 * 24 * 3600, count: 5000 };

export const DEFAULT_JOB_OPTIONS: Record<QueueName, DefaultJobOptions> = {
  // A failed poll is recorded on its source and the schedule polls again: no BullMQ retries.
  discover: { attempts: 1, removeOnComplete: { age: 3600, count: 200 }, removeOnFail: keepFailed },
  fetch: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: keepCompleted, removeOnFail: keepFailed },
  process: { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, removeOnComplete: keepCompleted, removeOnFail: keepFailed },
  notify: {
    attempts: WEBHOOK_RETRY_SCHEDULE_MS.length + 1,
    backoff: { type: WEBHOOK_BACKOFF },
    removeOnComplete: keepCompleted,
    removeOnFail: keepFailed,
  },
  reingest: { attempts: 1, removeOnComplete: { age: 7 * 24 * 3600, count: 100 }, removeOnFail: keepFailed },
};

export type Queues = Record<QueueName, Queue>;

/** A first fetch's job id: re-adding the same work is a no-op while it is still queued. */
export function fetchJobId(articleId: string): string {
  return `fetch-${articleId}`;
}

/**
 * Removes queued first fetches (waiting, delayed or prioritised) of articles that are gone, e.g.
 * with their deleted source. A job already running cannot be removed; it finds no article and
 * does nothing. In chunks of 100, so that 100,000 ids do not become 100,000 commands in flight at once
 * (the API's connection times commands out after a few seconds: see redis-clients.ts).
 */
export async function removeQueuedFetches(queues: Queues, articleIds: readonly string[]): Promise<number> {
  const CHUNK = 100;
  let removed = 0;
  for (let start = 0; start < articleIds.length; start += CHUNK) {
    const results = await Promise.all(
      articleIds.slice(start, start + CHUNK).map((id) => queues.fetch.remove(fetchJobId(id)).catch(() => 0)),
    );
    removed += results.reduce<number>((sum, result) => sum + Number(result), 0);
  }
  return removed;
}

/** `onError` hears connection errors, which a Queue without a listener would print to the console. */
export function createQueues(connection: ConnectionOptions, prefix: string, onError?: (queue: QueueName, error: Error) => void): Queues {
  const entries = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS[name] });
    queue.on('error', (error) => onError?.(name, error));
    return [name, queue];
  });
  return Object.fromEntries(entries) as Queues;
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}
