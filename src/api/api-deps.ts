import type { Redis } from 'ioredis';
import type { Queues } from '../../jobs/queues.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/database.js';

/** What the API is built from; `chronicle start` passes the same objects the workers use. */
export interface ApiDeps {
  config: Config;
  db: Database;
  queues: Queues;
  /**
   * The Redis connection `queues` use, with a fail-fast policy (no offline queue): /healthz
   * pings it, and routes that add or read jobs answer 503 at once while it is not ready.
   */
  redis: Redis;
  logger: Logger;
  /** Called after a source is created or deleted, so that the schedulers follow. */
  onSourcesChanged?: () => Promise<void>;
}
