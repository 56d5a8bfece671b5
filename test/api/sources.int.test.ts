import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSource } from '../../src/store/source-store.js';
import { auth, startApi, type ApiHarness } from './api-harness.js';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApi({ allowPrivateNetworks: false });
});

afterAll(async () => {
  await api?.close();
});

// A public address literal: no DNS is needed to judge it, so the test runs offline.
const PUBLIC_FEED = 'https://93.184.215.14/rss.xml';

describe('sources', () => {
  it('creates, lists, reads and deletes a source, telling the schedulers each time', async () => {
    const before = api.sourcesChanged();
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/sources',
      headers: auth,
      payload: { id: 'independent-world', kind: 'feed', url: PUBLIC_FEED, every: '5m' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'independent-world', kind: 'feed', url: PUBLIC_FEED, every: '5m', origin: 'api', consecutiveFailures: 0, lastError: null });
    expect(api.sourcesChanged()).toBe(before + 1);

    const list = await api.app.inject({ method: 'GET', url: '/v1/sources', headers: auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().sources.map((source: { id: string }) => source.id)).toEqual(['independent-world']);
    expect(list.json().sources[0]).toHaveProperty('nextPollAt', null);

    expect((await api.app.inject({ method: 'GET', url: '/v1/sources/independent-world', headers: auth })).json().every).toBe('5m');

    const deleted = await api.app.inject({ method: 'DELETE', url: '/v1/sources/independent-world', headers: auth });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expect(api.sourcesChanged()).toBe(before + 2);
    expect((await api.app.inject({ method: 'GET', url: '/v1/sources', headers: auth })).json().sources).toEqual([]);

    const again = await api.app.inject({ method: 'DELETE', url: '/v1/sources/independent-world', headers: auth });
    expect(again.statusCode).toBe(404);
    expect(api.sourcesChanged()).toBe(before + 2);
  });

  it('names the bad field of a source', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'feed', url: PUBLIC_FEED }, 'id'],
      [{ id: 'a b', kind: 'feed', url: PUBLIC_FEED }, 'id'],
      [{ id: 'x', kind: 'podcast', url: PUBLIC_FEED }, 'kind'],
      [{ id: 'x', kind: 'feed', url: 'ftp://example.org/feed' }, 'url'],
      [{ id: 'x', kind: 'feed', url: PUBLIC_FEED, every: 'often' }, 'every'],
      [{ id: 'x', kind: 'feed', url: PUBLIC_FEED, every: '5m', cron: '*/5 * * * *' }, 'cron'],
      [{ id: 'x', kind: 'feed', url: PUBLIC_FEED, colour: 'red' }, 'colour'],
    ];
    for (const [payload, field] of cases) {
      const response = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
  });

  it('refuses private, loopback and link-local URLs unless allowPrivateNetworks', async () => {
    const before = api.sourcesChanged();
    for (const url of ['http://127.0.0.1:8080/feed', 'http://localhost/feed', 'http://[::1]/feed', 'http://169.254.169.254/latest', 'http://10.1.2.3/rss', 'http://192.168.0.10/rss']) {
      const response = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload: { id: 'inside', kind: 'feed', url } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().field, url).toBe('url');
    }
    expect(api.sourcesChanged()).toBe(before);

    const permissive = await api.buildWith({ allowPrivateNetworks: true });
    const allowed = await permissive.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload: { id: 'inside', kind: 'feed', url: 'http://127.0.0.1:8080/feed' } });
    expect(allowed.statusCode).toBe(201);
    expect(api.sourcesChanged()).toBe(before + 1);
    expect((await permissive.inject({ method: 'DELETE', url: '/v1/sources/inside', headers: auth })).statusCode).toBe(204);
  });

  it('leaves sources of the config file to the config file', async () => {
    await upsertSource(api.db, { id: 'from-config', kind: 'sitemap', url: PUBLIC_FEED }, 'config');
    const replaced = await api.app.inject({ method: 'POST', url: '/v1/sources', headers: auth, payload: { id: 'from-config', kind: 'feed', url: PUBLIC_FEED } });
    expect(replaced.statusCode).toBe(409);
    expect(replaced.json().field).toBe('id');
    expect((await api.app.inject({ method: 'DELETE', url: '/v1/sources/from-config', headers: auth })).statusCode).toBe(409);
  });
});
