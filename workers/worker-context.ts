import type { ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import type { Fetcher } from '../src/fetch/fetcher.js';
import type { Database } from '../src/store/database.js';
import type { Queues } from '../jobs/queues.js';

/** What every processor is given: the frozen config, the store, the queues, the fetcher. */
export interface WorkerContext {
  config: Config;
  db: Database;
  queues: Queues;
  fetcher: Fetcher;
  logger: Logger;
  connection: ConnectionOptions;
  prefix: string;
}
