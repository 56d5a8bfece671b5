import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordArticleFailure } from '../../src/store/article-store.js';
import { createDelivery, recordAttempt } from '../../src/store/delivery-store.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';
import { auth, seedArticle, seedEvent, startApi, type ApiHarness } from './api-harness.js';

/** The metrics an operator alerts on: deliveries by outcome and latency, fetch failures by code, HTTP requests. */
let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
  await upsertWebhook(api.db, { id: 'desk', url: 'https://93.184.215.14/hook', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, 'config');
  const article = await seedArticle(api.db, 'world');
  const eventId = await seedEvent(api.db, article.id, '2025-11-20', 'Talks in Geneva');
  const delivery = (await createDelivery(api.db, { webhookId: 'desk', eventId, type: 'event.created', payload: {} })) as string;
  await recordAttempt(api.db, delivery, { statusCode: 500, error: 'HTTP 500', durationMs: 30, succeeded: false, final: false });
  await recordAttempt(api.db, delivery, { statusCode: null, error: 'timeout', durationMs: 15_000, succeeded: false, final: false });
  await recordAttempt(api.db, delivery, { statusCode: 204, error: null, durationMs: 120, succeeded: true, final: true });
  const broken = await seedArticle(api.db, 'world');
  await recordArticleFailure(api.db, broken.id, 'HTTP_404', 'not found');
});
afterAll(async () => {
  await api?.close();
});

const scrape = async () => (await api.app.inject({ method: 'GET', url: '/metrics', headers: auth })).body;

describe('GET /metrics', () => {
  it('counts webhook delivery attempts by outcome, with a latency histogram, and deliveries by status', async () => {
    const body = await scrape();
    expect(body).toContain('chronicle_webhook_delivery_attempts_total{outcome="succeeded"} 1');
    expect(body).toContain('chronicle_webhook_delivery_attempts_total{outcome="failed"} 2');
    expect(body).toContain('# TYPE chronicle_webhook_delivery_duration_seconds histogram');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_bucket{le="0.05"} 1');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_bucket{le="0.25"} 2');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_bucket{le="10"} 2');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_bucket{le="+Inf"} 3');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_count 3');
    expect(body).toContain('chronicle_webhook_delivery_duration_seconds_sum 15.15');
    expect(body).toContain('chronicle_webhook_deliveries{status="succeeded"} 1');
  });

  it('counts failed articles by error code', async () => {
    expect(await scrape()).toContain('chronicle_article_failures{code="HTTP_404"} 1');
  });

  it('counts HTTP requests by route pattern and status, never by URL', async () => {
    await api.app.inject({ method: 'GET', url: '/v1/events/evt_nope', headers: auth });
    await api.app.inject({ method: 'GET', url: '/v1/events?limit=1', headers: auth });
    const body = await scrape();
    expect(body).toContain('chronicle_http_requests_total{method="GET",route="/v1/events/:id",status="404"} 1');
    expect(body).toContain('chronicle_http_requests_total{method="GET",route="/v1/events",status="200"} 1');
    expect(body).toMatch(/chronicle_http_request_duration_seconds_count\{method="GET",route="\/v1\/events"\} 1/);
    expect(body).not.toContain('evt_nope');
  });
});
