import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiHarness } from './api-harness.js';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(async () => {
  await api?.close();
});

describe('the OpenAPI document at /docs/json', () => {
  it('gives every route a response schema a client generator can use', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const missing: string[] = [];
    for (const [path, operations] of Object.entries<Record<string, { responses?: Record<string, { content?: unknown }> }>>(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2/.test(code));
        if (success.length === 0) missing.push(`${method} ${path}: no 2xx response`);
        // 204 has no body; every other success response says what it holds.
        for (const [code, response] of success) if (code !== '204' && !response.content) missing.push(`${method} ${path}: ${code} without a schema`);
        if (path.startsWith('/v1/') && !operation.responses?.['4XX']) missing.push(`${method} ${path}: no error schema`);
      }
    }
    expect(missing).toEqual([]);
    for (const path of ['/v1/events.atom', '/v1/events.json', '/v1/ingest', '/v1/ingest/{jobId}', '/v1/stories', '/v1/stories/{id}']) expect(doc.paths[path], path).toBeDefined();
  });

  it('describes the webhook payload and its headers, and the new event fields', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const payload = doc.components.schemas.WebhookPayload;
    expect(payload.properties.type.enum).toEqual(['event.created', 'event.updated']);
    expect(payload.properties.data.properties.sources.items.required).toEqual(['url', 'site', 'title', 'articleId', 'sourceId', 'publishedAt']);
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) expect(payload.description).toContain(header);
    expect(doc.components.schemas.Event.properties.updatedAt).toBeDefined();
    const filter = doc.paths['/v1/webhooks'].post.requestBody.content['application/json'].schema.properties.filter;
    expect(Object.keys(filter.properties)).toEqual(['keywords', 'sources', 'modalities', 'stories']);
  });

  it('describes stories: the list, one story with its events, an event\'s story and the story filter', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.components.schemas.Story.required).toEqual(['id', 'title', 'firstSeenAt', 'lastSeenAt', 'articleCount', 'eventCount', 'topActors']);
    expect(Object.keys(doc.components.schemas.Event.properties.story.properties)).toEqual(['id', 'title']);
    expect(doc.components.schemas.WebhookPayload.properties.data.properties.story).toBeDefined();
    const storyPage = doc.paths['/v1/stories/{id}'].get.responses['200'].content['application/json'].schema;
    expect(storyPage.properties.events.items.properties.story).toBeDefined();
    const eventParams = doc.paths['/v1/events'].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(eventParams).toContain('story');
  });
});
