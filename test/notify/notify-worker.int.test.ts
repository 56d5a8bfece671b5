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
import { createDeliveries, createDelivery, getDelivery, listAttempts, listPendingDeliveryBatches } from '../../src/store/delivery-store.js';
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
    await enqueueDeliveries(queues, [{ batchId: null, deliveryIds: [deliveryId!] }]);
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

  it('sends a batch in order, retries only the delivery that failed, and logs one attempt per try', async () => {
    const before = receiver.received.length;
    const event = await getEvent(db, eventId);
    const payload = (n: number) => ({ ...webhookPayload('event.updated', event!), n });
    const [batch] = await createDeliveries(db, [1, 2, 3].map((n) => ({ webhookId: 'desk', eventId, type: 'event.updated' as const, payload: payload(n) })));
    expect(batch.batchId).toMatch(/^dlb_/);
    expect(batch.deliveryIds).toHaveLength(3);
    // Queued again at start, a pending batch keeps its job id: the same job is not added twice.
    expect((await listPendingDeliveryBatches(db)).filter((pending) => pending.batchId === batch.batchId)).toEqual([batch]);
    receiver.failOnce(batch.deliveryIds[1], 503);
    await enqueueDeliveries(queues, [batch, batch]);
    // The second one fails (503) on the first try; the retry 5 s later sends it alone.
    const firstTry = await waitFor('the first try of the batch', async () => (receiver.received.length >= before + 2 ? true : null), 10_000, 50);
    expect(firstTry).toBe(true);
    const sent = await waitFor('every delivery of the batch', async () => {
      const deliveries = await Promise.all(batch.deliveryIds.map((id) => getDelivery(db, id)));
      return deliveries.every((delivery) => delivery?.status === 'succeeded') ? deliveries : null;
    }, 20_000, 200);
    expect(sent.map((delivery) => delivery?.attempts)).toEqual([1, 2, 1]);
    expect((await listAttempts(db, batch.deliveryIds[1])).map((attempt) => attempt.statusCode)).toEqual([503, 204]);
    const received = receiver.received.slice(before);
    expect(received.map((hook) => hook.headers['webhook-id'])).toEqual([batch.deliveryIds[0], batch.deliveryIds[2], batch.deliveryIds[1]]);
    expect(received.map((hook) => (hook.payload as unknown as { n: number }).n)).toEqual([1, 3, 2]);
    expect(await queues.notify.getJobCounts('completed', 'failed', 'delayed', 'waiting', 'active')).toMatchObject({ delayed: 0, waiting: 0, active: 0 });
  });

  it('refuses an API-created endpoint that now resolves to loopback: nothing sent, no status code logged', async () => {
    const before = receiver.received.length;
    await upsertWebhook(db, { id: 'rebound', url: receiver.url, secret: SECRET }, 'api');
    const event = await getEvent(db, eventId);
    const deliveryId = await createDelivery(db, { webhookId: 'rebound', eventId, type: 'event.created', payload: webhookPayload('event.created', event!) });
    await enqueueDeliveries(queues, [{ batchId: null, deliveryIds: [deliveryId!] }]);
    const [attempt] = await waitFor('the first attempt to be logged', async () => {
      const attempts = await listAttempts(db, deliveryId!);
      return attempts.length > 0 ? attempts : null;
    }, 10_000, 100);
    expect(attempt.statusCode).toBeNull();
    expect(attempt.error).toContain('PRIVATE_NETWORK');
    expect(receiver.received.length).toBe(before);
  });
});
