import { Redis } from 'ioredis';
import { parseConfig } from '../../src/config.js';
import { Fetcher } from '../../src/fetch/fetcher.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { startTestRedis, type TestRedis } from './redis.js';

/** The parts the pipeline stages run on, real and local: Redis, an in-memory PGlite store, a fetcher. */
export interface PipelineHarness {
  redis: TestRedis;
  connection: Redis;
  db: Database;
  fetcher: Fetcher;
  close: () => Promise<void>;
}

/** Politeness is loosened (50 requests a second) so that tests are not paced like a real host. */
export async function startPipelineHarness(): Promise<PipelineHarness> {
  const redis = await startTestRedis();
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const db = await openStore('pglite://memory');
  const fetcher = new Fetcher(parseConfig({ fetch: { perHost: { rps: 50, concurrency: 4 } } }, {}).fetch, { redis: connection, keyPrefix: redis.prefix(), allowPrivateNetworks: true });
  return {
    redis,
    connection,
    db,
    fetcher,
    close: async () => {
      await fetcher.close();
      connection.disconnect();
      await db.close();
      await redis.stop();
    },
  };
}
