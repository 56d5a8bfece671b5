import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { closeQueues, createQueues } from '../../jobs/queues.js';
import { buildApi } from '../../src/api/server.js';
import { createApiRedis } from '../../src/runtime/redis-clients.js';
import { startOwnRedis } from '../support/redis.js';
import { parseConfig } from '../../src/config.js';
import type { Database } from '../../src/store/database.js';
import { auth, startApi, TOKEN, type ApiHarness } from './api-harness.js';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
});

describe('authentication', () => {
  it('answers /healthz without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', store: { ok: true, ms: expect.any(Number) }, redis: { ok: true, ms: expect.any(Number) } });
  });

  it('answers /healthz with 503 naming the store when the store does not answer', async () => {
    const brokenStore: Database = { ...api.db, query: async () => Promise.reject(new Error('connection terminated')) };
    const app = await buildApi({ config: parseConfig({}, {}), db: brokenStore, queues: api.queues, redis: api.connection, logger: pino({ level: 'silent' }) });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'unavailable', store: { ok: false, error: 'connection terminated' }, redis: { ok: true } });
    } finally {
      await app.close();
    }
  });

  it('refuses the API without a token and with a wrong one', async () => {
    const missing = await api.app.inject({ method: 'GET', url: '/v1/events' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toEqual({ error: 'unauthorized' });
    const wrong = await api.app.inject({ method: 'GET', url: '/v1/events', headers: { authorization: 'Bearer not-the-token' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unauthorized' });
    // The query-string token is for the browser pages only, not the JSON API.
    const inQuery = await api.app.inject({ method: 'GET', url: `/v1/events?token=${TOKEN}` });
    expect(inQuery.statusCode).toBe(401);
  });

  it('accepts the right Bearer token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/v1/events', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ events: [], nextCursor: null });
  });

  it('answers unknown paths with 401 before 404, so that routes cannot be probed without the token', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/v1/nothing' })).statusCode).toBe(401);
    const known = await api.app.inject({ method: 'GET', url: '/v1/nothing', headers: auth });
    expect(known.statusCode).toBe(404);
    expect(known.json()).toEqual({ error: 'not found' });
  });
});

describe('over a real socket', () => {
  it('listens on 127.0.0.1 and answers health, auth and bad JSON as documented', async () => {
    const app = await api.buildWith({ allowPrivateNetworks: false });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const refused = await fetch(`${base}/v1/sources`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    const badJson = await fetch(`${base}/v1/sources`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"id":' });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ field: 'body' });
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
  });
});

describe('operations', () => {
  it('serves Prometheus metrics with queue counts per queue and state', async () => {
    await api.queues.fetch.add('fetch-article', { articleId: 'art_1' });
    const response = await api.app.inject({ method: 'GET', url: '/metrics', headers: auth });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('chronicle_queue_jobs{queue="fetch",state="waiting"} 1');
    expect(response.body).toContain('chronicle_queue_jobs{queue="notify",state="failed"} 0');
    expect(response.body).toContain('chronicle_events 0');
    expect(response.body).toContain('chronicle_articles{status="pending"} 0');
    expect(response.body).toContain('chronicle_sources_failing 0');
  });

  it('refuses /metrics without the token', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('publishes an OpenAPI document listing the routes, without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/events', '/v1/events/{id}', '/v1/sources', '/v1/reingest', '/healthz']));
    // /healthz documents both answers with each dependency's check.
    const health = document.paths['/healthz'].get.responses;
    for (const status of ['200', '503']) expect(Object.keys(health[status].content['application/json'].schema.properties)).toEqual(['status', 'store', 'redis']);
    const events = document.paths['/v1/events'].get;
    expect(events.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(expect.arrayContaining(['since', 'until', 'q', 'limit', 'cursor']));
    expect(Object.keys(document.paths).some((path) => path.startsWith('/admin'))).toBe(false);
  });

  it('serves Bull Board behind the token, given once as ?token= and then as a cookie', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
    const page = await api.app.inject({ method: 'GET', url: `/admin/queues?token=${TOKEN}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).not.toContain(TOKEN);
    const board = await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.json().queues.map((queue: { name: string }) => queue.name)).toEqual(expect.arrayContaining(['discover', 'fetch', 'process', 'notify', 'reingest']));
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: 'chronicle_board=forged' } })).statusCode).toBe(401);
    expect((await api.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: auth })).statusCode).toBe(200);
  });
});

describe('Redis down, through the API', () => {
  it('answers /healthz 503 naming redis and refuses job routes with 503 at once, then recovers', async () => {
    const own = await startOwnRedis();
    const connection = createApiRedis(own.url);
    connection.on('error', () => {});
    const queues = createQueues(connection, own.prefix());
    await queues.reingest.waitUntilReady();
    const app = await buildApi({ config: parseConfig({ api: { token: TOKEN } }, {}), db: api.db, queues, redis: connection, logger: pino({ level: 'silent' }) });
    try {
      await own.halt();
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'unavailable', store: { ok: true }, redis: { ok: false } });
      const reingest = await app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { all: true } });
      expect(reingest.statusCode).toBe(503);
      expect(reingest.json()).toMatchObject({ dependency: 'redis' });
      const created = await app.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload: { id: 'while-down', kind: 'feed', url: 'https://example.org/rss' } });
      expect(created.statusCode).toBe(503);
      // Refused before it changed anything: no source half-created without its schedule.
      expect((await app.inject({ method: 'GET', url: '/v1/sources/while-down', headers: auth })).statusCode).toBe(404);
      await own.resume();
      await queues.reingest.waitUntilReady();
      for (let tries = 0; tries < 100 && connection.status !== 'ready'; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/v1/reingest', headers: auth, payload: { all: true } })).statusCode).toBe(202);
    } finally {
      await app.close();
      await closeQueues(queues);
      connection.disconnect();
      await own.stop();
    }
  });
});
