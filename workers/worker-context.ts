import type { ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { Fetcher } from '../src/fetch/fetcher.js';
import type { WebhookClient } from '../src/notify/deliver-webhook.js';
import type { Analyze } from '../src/pipeline/analyze-article.js';
import type { StageConcurrency } from '../src/runtime/stage-concurrency.js';
import type { Database } from '../src/store/database.js';
import type { Queues } from '../jobs/queues.js';

/**
 * What every processor is given: the frozen config, the store, the queues, and the two ways out
 * (the fetcher and the webhook client), both built from `security.allowPrivateNetworks`.
 */
export interface WorkerContext {
  config: Config;
  db: Database;
  queues: Queues;
  fetcher: Fetcher;
  webhooks: WebhookClient;
  logger: Logger;
  connection: ConnectionOptions;
  prefix: string;
  /** The process stage's analysis: a worker-thread pool in the built service, in-process otherwise. */
  analyze?: Analyze;
  /** How many articles are analysed at once (the pool's threads). */
  analysisConcurrency?: number;
  /** Jobs at once per stage (the config's `workers`, defaulting from the cores); each worker has its own fallback. */
  concurrency?: StageConcurrency;
}
