import type { Queues } from '../../jobs/queues.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Database } from '../store/database.js';

/** What the API is built from; `chronicle start` passes the same objects the workers use. */
export interface ApiDeps {
  config: Config;
  db: Database;
  queues: Queues;
  logger: Logger;
  /** Called after a source is created or deleted, so that the schedulers follow. */
  onSourcesChanged?: () => Promise<void>;
}
