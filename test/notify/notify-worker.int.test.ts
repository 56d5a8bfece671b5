import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { createQueues, closeQueues, type Queues } from '../../jobs/queues.js';
import { parseConfig } from '../../src/config.js';
import { Fetcher } from '../../src/fetch/fetcher.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { insertDiscoveredArticles } from '../../src/store/article-store.js';
import { addMention, getEvent, insertEvent } from '../../src/store/event-store.js';
import { createDelivery, getDelivery, listAttempts } from '../../src/store/delivery-store.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';
import { webhookPayload } from '../../src/notify/webhook-payload.js';
import { WebhookClient } from '../../src/notify/deliver-webhook.js';
import { createNotifyWorker } from '../../workers/notify-worker.js';
import { enqueueDeliveries } from '../../workers/enqueue.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { waitFor } from '../support/cli.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('notify worker (real Redis, PGlite, HTTP receiver)', () => {
  let redis: TestRedis;
  let connection: Redis;
  let db: Database;
  let queues: Queues;
  let worker: Worker;
  let fetcher: Fetcher;
  let webhooks: WebhookClient;
  let receiver: WebhookReceiver;
  let eventId: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const prefix = redis.prefix();
    db = await openStore('pglite://memory');
    queues = createQueues(connection, prefix);
    receiver = await startWebhookReceiver(SECRET);
    const config = parseConfig({}, {});
    fetcher = new Fetcher(config.fetch, { redis: connection, keyPrefix: prefix, allowPrivateNetworks: false });
    // As in production (security.allowPrivateNetworks: false): the config endpoint on 127.0.0.1 is trusted, an API one is not.
    webhooks = new WebhookClient({ allowPrivateNetworks: false });
    worker = createNotifyWorker({ config, db, queues, fetcher, webhooks, logger: pino({ level: 'silent' }), connection, prefix });
    await upsertWebhook(db, { id: 'desk', url: receiver.url, secret: SECRET }, 'config');
    const [article] = await insertDiscoveredArticles(db, null, [{ url: 'http://a.test/1', canonicalUrl: 'http://a.test/1', title: null, publishedAt: null }]);
    eventId = await insertEvent(db, {
      date: '2025-11-20',
      granularity: 'day',
      dateStart: '2025-11-20',
      dateEnd: '2025-11-20',
      modality: 'occurred',
      summary: 'the US submitted a 28-point plan to Kyiv',
      actors: ['US', 'Kyiv'],
      dateText: 'Thursday',
      sentence: 'On Thursday the US submitted a 28-point plan to Kyiv.',
      fingerprint: 'x',
    });
    await addMention(db, eventId, article.id, { sentence: 's', summary: 's', dateText: 'Thursday', modality: 'occurred' });
  });

  afterAll(async () => {
    await worker?.close();
    await closeQueues(queues);
    await fetcher?.close();
    await webhooks?.close();
    connection?.disconnect();
    await db?.close();
    await receiver?.close();
    await redis?.stop();
  });

  it('retries a failed delivery on the schedule, logs every attempt, and signs what it sends', async () => {
    const event = await getEvent(db, eventId);
    const deliveryId = await createDelivery(db, { webhookId: 'desk', eventId, type: 'event.created', payload: webhookPayload('event.created', event!) });
    receiver.failNext(1, 503);
    await enqueueDeliveries(queues, [deliveryId!]);
    // First attempt fails (503); Standard Webhooks' first retry comes 5 s later.
    const delivered = await waitFor('the retried delivery', async () => {
      const delivery = await getDelivery(db, deliveryId!);
      return delivery?.status === 'succeeded' ? delivery : null;
    }, 20_000, 200);
    expect(delivered.attempts).toBe(2);
    const attempts = await listAttempts(db, deliveryId!);
    expect(attempts.map((attempt) => attempt.statusCode)).toEqual([503, 204]);
    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    expect(hook.verified).toBe(true);
    expect(hook.headers['webhook-id']).toBe(deliveryId);
    expect(hook.payload).toMatchObject({ type: 'event.created', data: { id: eventId, date: '2025-11-20', sourceCount: 1 } });
  });

  it('does not send a succeeded delivery twice when its job is queued again', async () => {
    const before = receiver.received.length;
    const [deliveryId] = (await db.query<{ id: string }>('select id from deliveries')).rows.map((row) => row.id);
    await queues.notify.add('deliver-webhook', { deliveryId }, { jobId: `again-${deliveryId}` });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.received.length).toBe(before);
  });

  it('refuses an API-created endpoint that now resolves to loopback: nothing sent, no status code logged', async () => {
    const before = receiver.received.length;
    await upsertWebhook(db, { id: 'rebound', url: receiver.url, secret: SECRET }, 'api');
    const event = await getEvent(db, eventId);
    const deliveryId = await createDelivery(db, { webhookId: 'rebound', eventId, type: 'event.created', payload: webhookPayload('event.created', event!) });
    await enqueueDeliveries(queues, [deliveryId!]);
    const [attempt] = await waitFor('the first attempt to be logged', async () => {
      const attempts = await listAttempts(db, deliveryId!);
      return attempts.length > 0 ? attempts : null;
    }, 10_000, 100);
    expect(attempt.statusCode).toBeNull();
    expect(attempt.error).toContain('PRIVATE_NETWORK');
    expect(receiver.received.length).toBe(before);
  });
});
