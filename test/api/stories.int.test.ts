import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimEventsForStory, refreshStoryCounts, saveStory, setArticleStory } from '../../src/store/story-store.js';
import type { StoryProfile } from '../../src/stories/story-types.js';
import { auth, seedArticle, seedEvent, startApi, type ApiHarness } from './api-harness.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

let api: ApiHarness;
const talks: string[] = [];
const plane: string[] = [];
let loose = '';
let talksArticle = '';

function profile(id: string, title: string, firstSeenAt: string, lastSeenAt: string): StoryProfile {
  return { id, title, terms: {}, actors: {}, days: {}, articleCount: 1, firstSeenAt, lastSeenAt, headlines: [{ title, articleId: 'art_x' }] };
}

beforeAll(async () => {
  api = await startApi();
  await saveStory(api.db, profile('sto_talks', 'Ukraine and US hold peace talks in Geneva', '2025-11-20T08:00:00Z', '2025-11-24T08:00:00Z'), ['a:ukraine']);
  await saveStory(api.db, profile('sto_plane', 'Airline orders new aircraft', '2025-11-21T08:00:00Z', '2025-11-22T08:00:00Z'), ['a:airline']);
  // Three quiet stories, older, so that the list has pages.
  for (const day of ['10', '11', '12']) await saveStory(api.db, profile(`sto_quiet${day}`, `Quiet story ${day}`, `2025-11-${day}T08:00:00Z`, `2025-11-${day}T09:00:00Z`), []);

  const article = await seedArticle(api.db, 'world-rss');
  talksArticle = article.id;
  await setArticleStory(api.db, article.id, 'sto_talks');
  for (const day of ['2025-11-20', '2025-11-23', '2025-11-21']) talks.push(await seedEvent(api.db, article.id, day, `Peace talks step on ${day}`));
  await claimEventsForStory(api.db, talks, 'sto_talks');
  const other = await seedArticle(api.db, 'world-rss');
  await setArticleStory(api.db, other.id, 'sto_plane');
  plane.push(await seedEvent(api.db, other.id, '2025-11-22', 'The airline ordered aircraft'));
  await claimEventsForStory(api.db, plane, 'sto_plane');
  // An event stored before stories were kept.
  loose = await seedEvent(api.db, other.id, '2025-11-19', 'An event of no story');
  for (const id of ['sto_talks', 'sto_plane']) await refreshStoryCounts(api.db, id);
});

afterAll(async () => {
  await api?.close();
});

const get = (url: string) => api.app.inject({ method: 'GET', url, headers: auth });

describe('GET /v1/stories', () => {
  it('lists stories newest activity first, in the public shape', async () => {
    const response = await get('/v1/stories');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.stories.map((story: { id: string }) => story.id)).toEqual(['sto_talks', 'sto_plane', 'sto_quiet12', 'sto_quiet11', 'sto_quiet10']);
    expect(body.stories[0]).toEqual({
      id: 'sto_talks',
      title: 'Ukraine and US hold peace talks in Geneva',
      firstSeenAt: '2025-11-20T08:00:00.000Z',
      lastSeenAt: '2025-11-24T08:00:00.000Z',
      articleCount: 1,
      eventCount: 3,
      topActors: ['Ukraine'],
    });
    expect(body.nextCursor).toBeNull();
  });

  it('pages with a cursor until the last page, and names a bad cursor', async () => {
    const seen: string[] = [];
    let url = '/v1/stories?limit=2';
    for (let page = 0; page < 5 && url; page += 1) {
      const body = (await get(url)).json();
      seen.push(...body.stories.map((story: { id: string }) => story.id));
      url = body.nextCursor ? `/v1/stories?limit=2&cursor=${encodeURIComponent(body.nextCursor)}` : '';
    }
    expect(seen).toEqual(['sto_talks', 'sto_plane', 'sto_quiet12', 'sto_quiet11', 'sto_quiet10']);
    const bad = await get('/v1/stories?cursor=garbage');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'cursor' });
    expect((await get('/v1/stories?sort=title')).statusCode).toBe(400);
    expect((await api.app.inject({ method: 'GET', url: '/v1/stories' })).statusCode).toBe(401);
  });
});

describe('GET /v1/stories/:id', () => {
  it('gives the story with its events as a timeline, newest first, each naming the story', async () => {
    const response = await get('/v1/stories/sto_talks');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ id: 'sto_talks', title: 'Ukraine and US hold peace talks in Geneva', eventCount: 3, nextCursor: null });
    expect(body.events.map((event: { date: string }) => event.date)).toEqual(['2025-11-23', '2025-11-21', '2025-11-20']);
    for (const event of body.events) expect(event.story).toEqual({ id: 'sto_talks', title: 'Ukraine and US hold peace talks in Geneva' });
  });

  it('pages its events, and answers 404 for a story it does not know', async () => {
    const first = (await get('/v1/stories/sto_talks?limit=2')).json();
    expect(first.events).toHaveLength(2);
    const rest = (await get(`/v1/stories/sto_talks?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(rest.events.map((event: { date: string }) => event.date)).toEqual(['2025-11-20']);
    expect(rest.nextCursor).toBeNull();
    expect((await get('/v1/stories/sto_nothing')).statusCode).toBe(404);
  });
});

describe('events and articles name their story', () => {
  it('filters events by story, and shows story null for an event of none', async () => {
    const body = (await get('/v1/events?story=sto_plane')).json();
    expect(body.events.map((event: { id: string }) => event.id)).toEqual(plane);
    expect(body.events[0].story).toEqual({ id: 'sto_plane', title: 'Airline orders new aircraft' });
    expect((await get('/v1/events?story=sto_talks')).json().events.map((event: { id: string }) => event.id).sort()).toEqual([...talks].sort());
    expect((await get('/v1/events?story=sto_nothing')).json().events).toEqual([]);
    expect((await get(`/v1/events/${loose}`)).json().story).toBeNull();
    expect((await get('/v1/events?story=')).statusCode).toBe(400);
  });

  it('filters the feeds by story and keeps the filter in their links', async () => {
    const feed = (await get('/v1/events.json?story=sto_plane&limit=1')).json();
    expect(feed.items).toHaveLength(1);
    expect(feed.title).toContain('sto_plane');
    expect(feed.feed_url).toContain('story=sto_plane');
  });

  it("shows an article's story", async () => {
    expect((await get(`/v1/articles/${talksArticle}`)).json().storyId).toBe('sto_talks');
  });
});

describe('webhook filter by story', () => {
  it('keeps a stories filter and names a bad story id', async () => {
    const filter = { stories: ['sto_talks'], modalities: ['occurred'] };
    const created = await api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { id: 'talks-desk', url: 'https://93.184.215.14/f', secret: SECRET, filter } });
    expect(created.statusCode).toBe(201);
    expect(created.json().filter).toEqual(filter);
    const bad = await api.app.inject({ method: 'POST', url: '/v1/webhooks', headers: auth, payload: { id: 'bad', url: 'https://93.184.215.14/f', secret: SECRET, filter: { stories: ['not a story id'] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^filter\.stories/);
  });
});
