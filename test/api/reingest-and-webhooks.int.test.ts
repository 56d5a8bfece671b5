import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDelivery, recordAttempt } from '../../src/store/delivery-store.js';
import { upsertSource } from '../../src/store/source-store.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';
import { auth, seedArticle, seedEvent, startApi, type ApiHarness } from './api-harness.js';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('re-ingest', () => {
  it('queues a job and reports its state (no worker runs here, so it waits)', async () => {
    const queued = await api.app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { all: true, since: '2025-11-01' } });
    expect(queued.statusCode).toBe(202);
    const { jobId } = queued.json();
    expect(jobId).toEqual(expect.any(String));

    const job = await api.queues.reingest.getJob(jobId);
    expect(job?.data).toEqual({ all: true, since: '2025-11-01', refetch: false });

    const status = await api.app.inject({ method: 'GET', url: `/v1/reingest/${jobId}`, headers: auth });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ jobId, state: 'waiting', progress: 0, result: null, failedReason: null });
  });

  it('shows the progress the worker reports', async () => {
    const article = await seedArticle(api.db, 'known');
    const { jobId } = (await api.app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { url: `${article.url}?utm_source=x`, refetch: true } })).json();
    const job = await api.queues.reingest.getJob(jobId);
    await job?.updateProgress({ total: 4, done: 1, failed: 0, eventsCreated: 2 });
    const status = (await api.app.inject({ method: 'GET', url: `/v1/reingest/${jobId}`, headers: auth })).json();
    expect(status.progress).toEqual({ total: 4, done: 1, failed: 0, eventsCreated: 2 });
  });

  it('answers 404 for an unknown job', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/v1/reingest/424242', headers: auth });
    expect(response.statusCode).toBe(404);
  });

  it('names the bad field of a re-ingest request', async () => {
    await upsertSource(api.db, { id: 'known', kind: 'feed', url: 'https://93.184.215.14/rss' }, 'config');
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'all'],
      [{ all: true, sourceId: 'known' }, 'all'],
      [{ all: true, since: 'last week' }, 'since'],
      [{ sourceId: 'unknown-source' }, 'sourceId'],
      [{ url: 'not a url' }, 'url'],
      // Only http(s) is ever fetched: other schemes are refused here, not queued.
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: 'file:///etc/passwd', refetch: true }, 'url'],
      [{ url: 'data:text/html,<p>x</p>' }, 'url'],
      [{ url: 'https://93.184.215.14/never-stored' }, 'url'],
      [{ all: true, everything: true }, 'everything'],
    ];
    for (const [payload, field] of cases) {
      const response = await api.app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
    expect((await api.app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { sourceId: 'known' } })).statusCode).toBe(202);
  });
});

describe('ingest', () => {
  it('queues one URL as an ingest job', async () => {
    const queued = await api.app.inject({ method: 'POST', url: '/v1/ingest', headers: auth, payload: { url: 'https://93.184.215.14/news/1' } });
    expect(queued.statusCode).toBe(202);
    const job = await api.queues.reingest.getJob(queued.json().jobId);
    expect(job?.name).toBe('ingest-urls');
    expect(job?.data).toEqual({ urls: ['https://93.184.215.14/news/1'] });
    const status = await api.app.inject({ method: 'GET', url: `/v1/ingest/${job!.id}`, headers: auth });
    expect(status.json()).toMatchObject({ jobId: job!.id, state: 'waiting', result: null });
  });

  it('refuses a private address unless security.allowPrivateNetworks, and names the bad field', async () => {
    const post = (payload: unknown) => api.app.inject({ method: 'POST', url: '/v1/ingest', headers: auth, payload: payload as object });
    for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.0.0.1/x', 'http://[::1]/x']) {
      const refused = await post({ url });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().field).toBe('url');
    }
    expect((await post({ url: 'javascript:alert(1)' })).json()).toMatchObject({ field: 'url' });
    expect((await post({})).statusCode).toBe(400);
    expect((await post({ url: 'https://example.org/', extra: 1 })).statusCode).toBe(400);
    const open = await api.buildWith({ allowPrivateNetworks: true });
    expect((await open.inject({ method: 'POST', url: '/v1/ingest', headers: auth, payload: { url: 'http://127.0.0.1:8080/x' } })).statusCode).toBe(202);
  });

  it('does not show a re-ingest job as an ingest job', async () => {
    const queued = await api.app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { all: true } });
    expect((await api.app.inject({ method: 'GET', url: `/v1/ingest/${queued.json().jobId}`, headers: auth })).statusCode).toBe(404);
  });
});

describe('webhooks', () => {
  it('creates an endpoint and never shows its secret in full', async () => {
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: auth,
      payload: { id: 'desk', url: 'https://93.184.215.14/hook', secret: SECRET, filter: { keywords: ['Ukraine'] } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'desk', secret: 'whsec_…LaSw', filter: { keywords: ['Ukraine'] }, origin: 'api' });

    const list = await api.app.inject({ method: 'GET', url: '/v1/webhooks', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().webhooks).toEqual([expect.objectContaining({ id: 'desk', url: 'https://93.184.215.14/hook', secret: 'whsec_…LaSw' })]);
    expect(list.body).not.toContain(SECRET);
  });

  it('names the bad field of an endpoint, private URLs included', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'x', url: 'https://93.184.215.14/hook', secret: 'hunter2' }, 'secret'],
      [{ id: 'x', url: 'http://127.0.0.1:9000/hook', secret: SECRET }, 'url'],
      [{ id: 'x', url: 'https://93.184.215.14/hook', secret: SECRET, filter: { words: ['a'] } }, 'filter.words'],
    ];
    for (const [payload, field] of cases) {
      const response = await api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('lists deliveries with their attempts and replays one', async () => {
    await upsertWebhook(api.db, { id: 'ops', url: 'https://93.184.215.14/ops', secret: SECRET }, 'config');
    const article = await seedArticle(api.db, 'known');
    const eventId = await seedEvent(api.db, article.id, '2025-11-20', 'US submitted a 28-point plan to Kyiv');
    const deliveryId = (await createDelivery(api.db, { webhookId: 'ops', eventId, type: 'event.created', payload: { type: 'event.created' } })) as string;
    await recordAttempt(api.db, deliveryId, { statusCode: 500, error: 'HTTP 500', durationMs: 12, succeeded: false, final: false });
    await recordAttempt(api.db, deliveryId, { statusCode: 410, error: 'HTTP 410', durationMs: 8, succeeded: false, final: true });

    const response = await api.app.inject({ method: 'GET', url: '/v1/webhooks/ops/deliveries', headers: auth });
    expect(response.statusCode).toBe(200);
    const [delivery] = response.json().deliveries;
    expect(delivery).toMatchObject({ id: deliveryId, webhookId: 'ops', eventId, type: 'event.created', status: 'failed', lastStatusCode: 410, payload: { type: 'event.created' } });
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 500, error: 'HTTP 500', durationMs: 12 }),
      expect.objectContaining({ attempt: 2, statusCode: 410, error: 'HTTP 410', durationMs: 8 }),
    ]);
    expect((await api.app.inject({ method: 'GET', url: '/v1/webhooks/nobody/deliveries', headers: auth })).statusCode).toBe(404);

    const replay = await api.app.inject({ method: 'POST', url: `/v1/webhooks/ops/deliveries/${deliveryId}/replay`, headers: auth });
    expect(replay.statusCode).toBe(202);
    const { jobId } = replay.json();
    expect(jobId).toMatch(new RegExp(`^replay-${deliveryId}-\\d+$`));
    expect((await api.queues.notify.getJob(jobId))?.data).toEqual({ deliveryId });
    const after = (await api.app.inject({ method: 'GET', url: '/v1/webhooks/ops/deliveries', headers: auth })).json();
    expect(after.deliveries[0].status).toBe('pending');

    const wrongEndpoint = await api.app.inject({ method: 'POST', url: `/v1/webhooks/desk/deliveries/${deliveryId}/replay`, headers: auth });
    expect(wrongEndpoint.statusCode).toBe(404);

    // A body with keys is refused, naming the key; an empty object is as no body.
    const unknownKey = await api.app.inject({ method: 'POST', url: `/v1/webhooks/ops/deliveries/${deliveryId}/replay`, headers: auth, payload: { force: true } });
    expect(unknownKey.statusCode).toBe(400);
    expect(unknownKey.json().field).toBe('force');
    expect((await api.app.inject({ method: 'POST', url: `/v1/webhooks/ops/deliveries/${deliveryId}/replay`, headers: auth, payload: {} })).statusCode).toBe(202);
  });

  it('pages deliveries by cursor, newest first, each once', async () => {
    await upsertWebhook(api.db, { id: 'pager', url: 'https://93.184.215.14/pager', secret: SECRET }, 'config');
    const article = await seedArticle(api.db, 'known');
    const created: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const eventId = await seedEvent(api.db, article.id, `2025-10-0${index + 1}`, `Event number ${index}`);
      created.push((await createDelivery(api.db, { webhookId: 'pager', eventId, type: 'event.created', payload: {} })) as string);
    }
    const seen: string[] = [];
    let url = '/v1/webhooks/pager/deliveries?limit=2';
    for (let page = 0; page < 5 && url; page += 1) {
      const body = (await api.app.inject({ method: 'GET', url, headers: auth })).json();
      seen.push(...body.deliveries.map((delivery: { id: string }) => delivery.id));
      url = body.nextCursor ? `/v1/webhooks/pager/deliveries?limit=2&cursor=${encodeURIComponent(body.nextCursor)}` : '';
    }
    expect(seen).toEqual([...created].reverse());
    const bad = await api.app.inject({ method: 'GET', url: '/v1/webhooks/pager/deliveries?cursor=garbage', headers: auth });
    expect(bad.json()).toMatchObject({ field: 'cursor' });
  });

  it('keeps filters by sources and modalities, and names a bad one', async () => {
    const filter = { keywords: ['Ukraine'], sources: ['world-rss'], modalities: ['scheduled', 'deadline'] };
    const created = await api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { id: 'filtered', url: 'https://93.184.215.14/f', secret: SECRET, filter } });
    expect(created.statusCode).toBe(201);
    expect(created.json().filter).toEqual(filter);
    const bad = await api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { id: 'bad', url: 'https://93.184.215.14/f', secret: SECRET, filter: { modalities: ['rumoured'] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^filter\.modalities/);
  });

  it('deletes endpoints created through the API, not those of the config file', async () => {
    expect((await api.app.inject({ method: 'DELETE', url: '/v1/webhooks/ops', headers: auth })).statusCode).toBe(409);
    expect((await api.app.inject({ method: 'DELETE', url: '/v1/webhooks/desk', headers: auth })).statusCode).toBe(204);
    expect((await api.app.inject({ method: 'DELETE', url: '/v1/webhooks/desk', headers: auth })).statusCode).toBe(404);
  });
});
