import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMention } from '../../src/store/event-store.js';
import { atomProblems } from '../support/atom-rules.js';
import { auth, seedArticle, seedEvent, startApi, TOKEN, type ApiHarness } from './api-harness.js';

/**
 * GET /v1/events.atom and /v1/events.json: the events as feeds, with the filters of /v1/events.
 * The Atom document is checked against the rules of RFC 4287 that a feed must meet.
 */

let api: ApiHarness;
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  const one = await seedArticle(api.db, 'world', 'www.independent.co.uk');
  const two = await seedArticle(api.db, 'europe', 'www.trtworld.com');
  ids.geneva = await seedEvent(api.db, one.id, '2025-11-23', 'Delegations met after talks in Geneva');
  await addMention(api.db, ids.geneva, two.id, { sentence: 'Talks in Geneva went on.', summary: 'Talks went on', dateText: 'on Sunday', modality: 'occurred' });
  ids.plan = await seedEvent(api.db, one.id, '2025-11-20', 'The US sent a 28-point peace plan');
  // Text from a hostile page: markup, an ampersand, quotes and control characters XML forbids.
  ids.hostile = await seedEvent(api.db, two.id, '2025-11-19', 'A <b>bold</b> "claim" & more \u0001\u000b\u001f end');
});
afterAll(async () => {
  await api?.close();
});

const get = (url: string, headers: Record<string, string> = auth) => api.app.inject({ method: 'GET', url, headers });

describe('GET /v1/events.atom', () => {
  it('is an Atom feed that meets RFC 4287, one entry per event, newest first', async () => {
    const response = await get('/v1/events.atom');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(atomProblems(response.body)).toEqual([]);
    const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name) }).parse(response.body).feed;
    expect(feed.entry).toHaveLength(3);
    expect(feed.entry.map((entry: { title: { '#text': string } }) => entry.title['#text'])).toEqual([
      '2025-11-23 · Delegations met after talks in Geneva',
      '2025-11-20 · The US sent a 28-point peace plan',
      '2025-11-19 · A <b>bold</b> "claim" & more  end',
    ]);
    // Two sources: one alternate link, the other related.
    const geneva = feed.entry[0];
    expect(geneva.link.filter((link: Record<string, string>) => link['@rel'] === 'alternate')).toHaveLength(1);
    expect(geneva.link.filter((link: Record<string, string>) => link['@rel'] === 'related')).toHaveLength(1);
    // The markup of a hostile page is text, not markup of the feed.
    expect(response.body).not.toContain('<b>bold</b>');
  });

  it('keeps its ids: the same event has the same entry id whatever the address or the page', async () => {
    const first = (await get('/v1/events.atom')).body;
    const other = (await api.app.inject({ method: 'GET', url: '/v1/events.atom?limit=1', headers: { ...auth, host: 'chronicle.example:9999' } })).body;
    const entryIds = (text: string) => [...text.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((match) => match[1]);
    expect(entryIds(other)[0]).toBe(entryIds(first)[0]);
    expect(new Set(entryIds(first)).size).toBe(3);
    const feedId = (text: string) => /<feed[^>]*>\s*<id>([^<]+)<\/id>/.exec(text)![1];
    expect(feedId(other)).toBe(feedId(first));
    expect(feedId((await get('/v1/events.atom?q=geneva')).body)).not.toBe(feedId(first));
  });

  it('takes the filters of /v1/events and pages with rel=next', async () => {
    const filtered = (await get('/v1/events.atom?q=geneva%20talks')).body;
    expect(atomProblems(filtered)).toEqual([]);
    expect([...filtered.matchAll(/<entry>/g)]).toHaveLength(1);
    expect((await get('/v1/events.atom?since=2025-11-20&until=2025-11-20')).body.match(/<entry>/g)).toHaveLength(1);
    const page = (await get('/v1/events.atom?limit=2')).body;
    const next = /<link rel="next" href="([^"]+)"\/>/.exec(page)![1].replace(/&amp;/g, '&');
    const rest = (await get(new URL(next).pathname + new URL(next).search)).body;
    expect(atomProblems(rest)).toEqual([]);
    expect(rest.match(/<entry>/g)).toHaveLength(1);
    expect(rest).not.toContain('rel="next"');
    expect((await get('/v1/events.atom?since=yesterday')).json()).toMatchObject({ field: 'since' });
  });

  it('takes the token as ?token= for feed readers, and refuses a request without it', async () => {
    expect((await get('/v1/events.atom', {})).statusCode).toBe(401);
    expect((await get('/v1/events.atom?token=wrong', {})).statusCode).toBe(401);
    const withToken = await get(`/v1/events.atom?token=${TOKEN}`, {});
    expect(withToken.statusCode).toBe(200);
    // The self link does not repeat the token.
    expect(withToken.body).not.toContain(TOKEN);
    // Only the feeds: the JSON API still wants the header.
    expect((await get(`/v1/events?token=${TOKEN}`, {})).statusCode).toBe(401);
  });
});

describe('GET /v1/events.json', () => {
  it('is a JSON Feed 1.1 with the same events and filters', async () => {
    const response = await get('/v1/events.json?q=geneva');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/feed\+json/);
    const feed = response.json();
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'chronicle events: “geneva”', authors: [{ name: 'chronicle' }] });
    expect(feed.feed_url).toMatch(/\/v1\/events\.json\?q=geneva&limit=50$/);
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item).toMatchObject({ id: ids.geneva, title: '2025-11-23 · Delegations met after talks in Geneva', url: expect.stringContaining('www.independent.co.uk') });
    expect(Date.parse(item.date_published)).not.toBeNaN();
    expect(item.content_html).toContain('<li><a href=');
    const all = (await get('/v1/events.json?limit=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.next_url).toContain('cursor=');
    const hostile = (await get('/v1/events.json')).json().items.find((each: { id: string }) => each.id === ids.hostile);
    expect(hostile.content_html).not.toContain('<b>');
  });
});
