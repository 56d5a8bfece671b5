import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, seedArticle, seedEvent, startApi, TOKEN, type ApiHarness } from './api-harness.js';

let api: ApiHarness;
const ids: Record<string, string> = {};
let articleId = '';

beforeAll(async () => {
  api = await startApi();
  const article = await seedArticle(api.db, 'independent-world', 'www.independent.co.uk');
  articleId = article.id;
  // Five events on five days, stored out of order: the API orders them, not the insert.
  for (const day of ['2025-11-18', '2025-11-21', '2025-11-19', '2025-11-22', '2025-11-20']) {
    ids[day] = await seedEvent(api.db, article.id, day, `Talks in Geneva on ${day}`);
  }
  ids.escaped = await seedEvent(api.db, article.id, '2025-11-17', 'US plan <script>alert("x")</script> & "Kyiv"');
});

afterAll(async () => {
  await api?.close();
});

async function get(url: string) {
  return api.app.inject({ method: 'GET', url, headers: auth });
}

describe('GET /v1/events', () => {
  it('pages newest first with a cursor until the last page', async () => {
    const seen: string[] = [];
    let url = '/v1/events?limit=2&since=2025-11-18';
    for (let page = 0; page < 5; page += 1) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      seen.push(...body.events.map((event: { date: string }) => event.date));
      if (!body.nextCursor) break;
      url = `/v1/events?limit=2&since=2025-11-18&cursor=${encodeURIComponent(body.nextCursor)}`;
    }
    expect(seen).toEqual(['2025-11-22', '2025-11-21', '2025-11-20', '2025-11-19', '2025-11-18']);
  });

  it('returns events in the public shape, with their sources', async () => {
    const body = (await get('/v1/events?since=2025-11-22&until=2025-11-22')).json();
    expect(body.nextCursor).toBeNull();
    expect(body.events).toHaveLength(1);
    const [event] = body.events;
    expect(event).toMatchObject({
      id: ids['2025-11-22'],
      date: '2025-11-22',
      granularity: 'day',
      modality: 'occurred',
      summary: 'Talks in Geneva on 2025-11-22',
      actors: ['Ukraine'],
      dateText: 'on Thursday',
      sourceCount: 1,
      mentionCount: 1,
    });
    expect(event.sources).toEqual([{ url: expect.stringContaining('www.independent.co.uk'), site: null, title: expect.stringMatching(/^Story \d+$/), articleId, sourceId: 'independent-world', publishedAt: null }]);
    expect(Date.parse(event.firstSeenAt)).not.toBeNaN();
  });

  it('filters by words and by source', async () => {
    expect((await get('/v1/events?q=geneva')).json().events).toHaveLength(5);
    // Words in any order; a minus excludes; a ranked list pages by its own cursor.
    expect((await get('/v1/events?q=geneva%20talks')).json().events).toHaveLength(5);
    expect((await get('/v1/events?q=geneva%20-talks')).json().events).toHaveLength(0);
    const seen: string[] = [];
    let url = '/v1/events?q=talks&limit=2';
    for (let page = 0; page < 5 && url; page += 1) {
      const body = (await get(url)).json();
      seen.push(...body.events.map((event: { id: string }) => event.id));
      url = body.nextCursor ? `/v1/events?q=talks&limit=2&cursor=${encodeURIComponent(body.nextCursor)}` : '';
    }
    expect(new Set(seen).size).toBe(5);
    // A ranked cursor is no cursor of the date order.
    const ranked = (await get('/v1/events?q=talks&limit=2')).json().nextCursor;
    expect((await get(`/v1/events?q=talks&order=date&cursor=${encodeURIComponent(ranked)}`)).statusCode).toBe(400);
    expect((await get('/v1/events?source=independent-world')).json().events).toHaveLength(6);
    expect((await get('/v1/events?source=elsewhere')).json().events).toHaveLength(0);
  });

  it('names the bad field in a 400', async () => {
    const cases: [string, string][] = [
      ['since=yesterday', 'since'],
      ['until=2025-02-30', 'until'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=garbage', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify(['x', 'y', 'z'])).toString('base64url')}`, 'cursor'],
      ['since=2025-11-22&until=2025-11-01', 'until'],
      ['colour=red', 'colour'],
      ['q=x&order=random', 'order'],
    ];
    for (const [query, field] of cases) {
      const response = await get(`/v1/events?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ field, error: expect.stringContaining(field) });
    }
  });

  it('gets one event by id, or 404', async () => {
    const found = await get(`/v1/events/${ids['2025-11-20']}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().summary).toBe('Talks in Geneva on 2025-11-20');
    const missing = await get('/v1/events/evt_missing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toContain('evt_missing');
  });
});

describe('GET /v1/articles', () => {
  it('lists articles without their text and gets one with it', async () => {
    const second = await seedArticle(api.db, 'trt-sitemap', 'www.trtworld.com');
    await api.db.query(`update articles set text = 'Full text of the article', status = 'processed' where id = $1`, [second.id]);
    const list = (await get('/v1/articles?limit=1')).json();
    expect(list.articles).toHaveLength(1);
    expect(list.articles[0]).toMatchObject({ id: second.id, status: 'processed', sourceId: 'trt-sitemap' });
    expect(list.articles[0]).not.toHaveProperty('text');
    const next = (await get(`/v1/articles?limit=1&cursor=${encodeURIComponent(list.nextCursor)}`)).json();
    expect(next.articles.map((article: { id: string }) => article.id)).toEqual([articleId]);
    expect(next.nextCursor).toBeNull();

    expect((await get('/v1/articles?status=processed')).json().articles).toHaveLength(1);
    expect((await get('/v1/articles?source=independent-world')).json().articles).toHaveLength(1);
    const bad = await get('/v1/articles?status=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('status');

    const one = await get(`/v1/articles/${second.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: second.id, text: 'Full text of the article' });
    expect(one.json()).not.toHaveProperty('rawHtml');
    expect((await get('/v1/articles/art_missing')).statusCode).toBe(404);
  });
});
