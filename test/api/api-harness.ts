import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import { closeQueues, createQueues, type Queues } from '../../jobs/queues.js';
import { buildApi } from '../../src/api/server.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createApiRedis } from '../../src/runtime/redis-clients.js';
import { addMention, insertEvent, type NewEvent } from '../../src/store/event-store.js';
import { insertDiscoveredArticles } from '../../src/store/article-store.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

export const TOKEN = 'test-token-0123456789';
export const auth = { authorization: `Bearer ${TOKEN}` };

/** Real parts: an in-memory PGlite store, a Redis of the test's own, queues under a fresh prefix. */
export interface ApiHarness {
  app: FastifyInstance;
  db: Database;
  queues: Queues;
  redis: TestRedis;
  /** The API's fail-fast connection, which `queues` use (as in `chronicle start`). */
  connection: Redis;
  /** How often the API called onSourcesChanged. */
  sourcesChanged: () => number;
  /** Another app over the same store and queues with other settings (each defaults to off). */
  buildWith: (overrides: AppSettings) => Promise<FastifyInstance>;
  close: () => Promise<void>;
}

/** The settings that tests vary; everything else is the config's default. */
interface AppSettings {
  allowPrivateNetworks?: boolean;
  corsOrigins?: string[];
}

function testConfig({ allowPrivateNetworks = false, corsOrigins = [] }: AppSettings): Config {
  // An empty environment: REDIS_URL or CHRONICLE_API_TOKEN of the shell must not leak in.
  return parseConfig({ api: { token: TOKEN, cors: { origins: corsOrigins } }, security: { allowPrivateNetworks } }, {});
}

export async function startApi(options: AppSettings = {}): Promise<ApiHarness> {
  const redis = await startTestRedis();
  const db = await openStore('pglite://memory');
  const connection = createApiRedis(redis.url);
  const queues = createQueues(connection, redis.prefix());
  await queues.reingest.waitUntilReady();
  const logger = pino({ level: 'silent' });
  let changes = 0;
  const onSourcesChanged = async () => {
    changes += 1;
  };
  const apps: FastifyInstance[] = [];
  const build = async (settings: AppSettings) => {
    const app = await buildApi({ config: testConfig(settings), db, queues, redis: connection, logger, onSourcesChanged });
    apps.push(app);
    return app;
  };
  const app = await build(options);
  return {
    app,
    db,
    queues,
    redis,
    connection,
    sourcesChanged: () => changes,
    buildWith: build,
    close: async () => {
      for (const each of apps) await each.close();
      await closeQueues(queues);
      connection.disconnect();
      await db.close();
      await redis.stop();
    },
  };
}

let articleCounter = 0;

/** One stored article of `sourceId`, as discovery would record it. */
export async function seedArticle(db: Database, sourceId: string, site = 'example.org'): Promise<{ id: string; url: string }> {
  articleCounter += 1;
  const url = `https://${site}/news/${articleCounter}`;
  const [created] = await insertDiscoveredArticles(db, sourceId, [{ url, canonicalUrl: url, title: `Story ${articleCounter}`, publishedAt: '2025-11-21T08:00:00Z' }]);
  return created;
}

/** One event on `date` reported by `articleId`. */
export async function seedEvent(db: Database, articleId: string, date: string, summary: string): Promise<string> {
  const event: NewEvent = {
    date,
    granularity: 'day',
    dateStart: date,
    dateEnd: date,
    modality: 'occurred',
    summary,
    actors: ['Ukraine'],
    dateText: 'on Thursday',
    sentence: `${summary}.`,
    fingerprint: `${date}:${summary}`,
  };
  const id = await insertEvent(db, event);
  await addMention(db, id, articleId, { sentence: event.sentence, summary, dateText: event.dateText, modality: event.modality });
  return id;
}
