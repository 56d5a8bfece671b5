import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSource } from '../../src/store/source-store.js';
import { claimEventsForStory, refreshStoryCounts, saveStory, setArticleStory } from '../../src/store/story-store.js';
import type { StoryProfile } from '../../src/stories/story-types.js';
import { auth, seedArticle, seedEvent, startApi, TOKEN, type ApiHarness } from './api-harness.js';

/**
 * The timeline page over HTTP: sign-in once (a cookie, then clean URLs), filters, errors as
 * HTML, and the live update's fragment. (Its script in a browser is not exercised here: that
 * needs a headless browser.)
 */
let api: ApiHarness;
let cookie = '';
const ids: Record<string, string> = {};

beforeAll(async () => {
  api = await startApi();
  await upsertSource(api.db, { id: 'world', kind: 'feed', url: 'https://93.184.215.14/rss' }, 'config');
  await upsertSource(api.db, { id: 'europe', kind: 'feed', url: 'https://93.184.215.14/atom' }, 'config');
  const world = await seedArticle(api.db, 'world', 'www.independent.co.uk');
  const europe = await seedArticle(api.db, 'europe', 'www.trtworld.com');
  ids.geneva = await seedEvent(api.db, world.id, '2025-11-23', 'Delegations met after talks in Geneva');
  ids.kyiv = await seedEvent(api.db, europe.id, '2025-11-20', 'US plan <script>alert("x")</script> & "Kyiv"');
  // Background: dated years before the article that recalls it (published 2025-11-21).
  ids.crimea = await seedEvent(api.db, world.id, '2014-03-18', 'Russia annexed Crimea');
  // Two stories: the talks (the Geneva and Kyiv events) and a quieter one; Crimea is in none.
  const story = (id: string, title: string, lastSeenAt: string): StoryProfile => ({ id, title, terms: {}, actors: {}, days: {}, articleCount: 1, firstSeenAt: '2025-11-20T08:00:00Z', lastSeenAt, headlines: [] });
  await saveStory(api.db, story('sto_talks', 'Peace talks <b>in</b> Geneva', '2025-11-24T08:00:00Z'), []);
  await saveStory(api.db, story('sto_quiet', 'A quiet story', '2025-11-21T08:00:00Z'), []);
  await claimEventsForStory(api.db, [ids.geneva, ids.kyiv], 'sto_talks');
  await setArticleStory(api.db, europe.id, 'sto_talks');
  await refreshStoryCounts(api.db, 'sto_talks');
});
afterAll(async () => {
  await api?.close();
});

const page = (url: string, headers: Record<string, string> = { cookie }) => api.app.inject({ method: 'GET', url, headers });

describe('sign-in', () => {
  it('shows the sign-in form, not events, without a token or session', async () => {
    const response = await page('/', {});
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('action="/sign-in"');
    expect(response.body).not.toContain('Geneva');
  });

  it('turns the token of the form into an HttpOnly, SameSite=Strict cookie and sends the browser to a clean URL', async () => {
    const wrong = await api.app.inject({ method: 'POST', url: '/sign-in', payload: 'token=nope', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const signIn = await api.app.inject({ method: 'POST', url: '/sign-in', payload: `token=${TOKEN}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/');
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    // The cookie is not the token.
    expect(setCookie).not.toContain(TOKEN);
    cookie = setCookie.split(';')[0];
    const signedIn = await page('/');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.body).toContain('Delegations met after talks in Geneva');
  });

  it('takes a ?token= link once and redirects to the same URL without it', async () => {
    const response = await page(`/?q=geneva&token=${TOKEN}`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/?q=geneva');
    expect(String(response.headers['set-cookie'])).toMatch(/^chronicle_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    expect((await page(`/?token=wrong`, {})).statusCode).toBe(401);
  });

  it('signs out by clearing the cookie', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/sign-out', headers: { cookie } });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers['set-cookie'])).toMatch(/^chronicle_session=; .*Max-Age=0/);
  });

  it('also takes the Bearer header', async () => {
    expect((await page('/', auth)).statusCode).toBe(200);
  });
});

describe('the page', () => {
  it('shows each event with its date basis, actors, first-seen time and "Site — title" sources, every value escaped, no inline script', async () => {
    const response = await page('/');
    const html = response.body;
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(html).toContain('US plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Kyiv&quot;');
    // One script, our own file; nothing inline.
    expect(html.match(/<script/g)).toEqual(['<script']);
    expect(html).toContain('<script src="/timeline.js" defer></script>');
    expect(html.indexOf('Sunday 23 November 2025')).toBeLessThan(html.indexOf('Thursday 20 November 2025'));
    expect(html).toMatch(/www\.independent\.co\.uk — Story \d+/);
    expect(html).toContain('first seen 20');
    expect(html).toContain('<p class="actors">Ukraine</p>');
    expect(html).toContain('“on Thursday”');
  });

  it('filters by source, modality, date range and new developments only, keeping the filters in the form', async () => {
    const summaries = async (query: string) => {
      const html = (await page(`/${query}`)).body;
      return [...html.matchAll(/<p class="summary">([^<]+)<\/p>/g)].map((match) => match[1]);
    };
    expect(await summaries('?source=europe')).toEqual(['US plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Kyiv&quot;']);
    expect(await summaries('?since=2025-11-21')).toEqual(['Delegations met after talks in Geneva']);
    expect(await summaries('?until=2015-01-01')).toEqual(['Russia annexed Crimea']);
    expect((await summaries('?new=1')).some((summary) => summary.includes('Crimea'))).toBe(false);
    expect(await summaries('?new=1')).toHaveLength(2);
    expect(await summaries('?modality=scheduled')).toEqual([]);
    expect(await summaries('?q=geneva%20talks')).toEqual(['Delegations met after talks in Geneva']);
    const kept = (await page('/?source=europe&new=1&since=2025-11-01')).body;
    expect(kept).toContain('<option value="europe" selected>');
    expect(kept).toContain('name="new" value="1" checked');
    expect(kept).toContain('value="2025-11-01"');
  });

  it('answers a bad filter or a search over 200 characters with the page and a message, not JSON', async () => {
    for (const query of [`?q=${'a'.repeat(201)}`, '?since=yesterday', '?modality=rumoured', '?since=2025-12-01&until=2025-11-01', '?cursor=garbage', '?live=1', '?live=fast', '?story=%3Cb%3E', '?view=stories&cursor=garbage']) {
      const response = await page(`/${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type'], query).toContain('text/html');
      expect(response.body, query).toContain('class="problem"');
    }
  });

  it('takes ?live=N (5 to 3600 seconds) as the live update\'s period', async () => {
    const response = await page('/?live=10');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/id="live"[^>]* data-period="10"/);
  });

  it('serves the live update: a fragment of the events first seen after an instant, with the same filters', async () => {
    const firstSeen = (await api.app.inject({ method: 'GET', url: `/v1/events/${ids.geneva}`, headers: auth })).json().firstSeenAt;
    const none = await page(`/timeline/new?after=${encodeURIComponent(new Date().toISOString())}`);
    expect(none.statusCode).toBe(200);
    expect(none.body.trim()).toBe('');
    const article = await seedArticle(api.db, 'world', 'www.independent.co.uk');
    await new Promise((resolve) => setTimeout(resolve, 5));
    const since = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    ids.fresh = await seedEvent(api.db, article.id, '2025-11-24', 'Talks resumed in Abu Dhabi');
    const fresh = await page(`/timeline/new?after=${encodeURIComponent(since)}`);
    expect(fresh.body).toContain('Talks resumed in Abu Dhabi');
    expect(fresh.body).not.toContain('Geneva');
    expect(fresh.headers['x-newest-first-seen']).toBeDefined();
    // The newest instant it gave brings nothing again (no duplicate on the next poll).
    expect((await page(`/timeline/new?after=${encodeURIComponent(String(fresh.headers['x-newest-first-seen']))}`)).body.trim()).toBe('');
    expect((await page(`/timeline/new?source=europe&after=${encodeURIComponent(since)}`)).body.trim()).toBe('');
    expect(firstSeen).toBeTruthy();
    expect((await page(`/timeline/new?after=${encodeURIComponent(since)}`, {})).statusCode).toBe(401);
    const script = await page('/timeline.js', {});
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.body).toContain('/timeline/new');
  });
});

describe('stories on the page', () => {
  const summaries = (html: string) => [...html.matchAll(/<p class="summary">([^<]+)<\/p>/g)].map((match) => match[1]);

  it('lists the stories beside the timeline of all events, newest activity first, each a link to its timeline', async () => {
    const html = (await page('/')).body;
    const list = /<section class="stories">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect([...list.matchAll(/<a href="([^"]+)">([^<]*(?:<[^a/][^<]*)*)<\/a>/g)].map((match) => match[1])).toEqual(['/?story=sto_talks', '/?story=sto_quiet']);
    expect(list).toContain('Peace talks &lt;b&gt;in&lt;/b&gt; Geneva');
    expect(list).toContain('2 events · 1 article');
    // An event of a story links to it; one of no story does not.
    const geneva = /<article class="event" data-id="[^"]+"[^>]*>(?:(?!<\/article>)[\s\S])*Delegations met(?:(?!<\/article>)[\s\S])*<\/article>/.exec(html)?.[0] ?? '';
    expect(geneva).toContain('<p class="story">in <a href="/?story=sto_talks">Peace talks &lt;b&gt;in&lt;/b&gt; Geneva</a></p>');
    const crimea = /<article class="event"(?:(?!<\/article>)[\s\S])*Russia annexed Crimea(?:(?!<\/article>)[\s\S])*<\/article>/.exec(html)?.[0] ?? '';
    expect(crimea).not.toContain('class="story"');
  });

  it("shows one story's timeline at ?story=ID: its header, only its events, the story kept in the filters and the live update", async () => {
    const response = await page('/?story=sto_talks');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h2 class="story-title">Peace talks &lt;b&gt;in&lt;/b&gt; Geneva</h2>');
    expect(html).toContain('<title>Peace talks &lt;b&gt;in&lt;/b&gt; Geneva — chronicle</title>');
    expect(summaries(html)).toEqual(['Delegations met after talks in Geneva', 'US plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Kyiv&quot;']);
    expect(html).not.toContain('class="stories"');
    expect(html).not.toContain('class="story">');
    expect(html).toContain('<input type="hidden" name="story" value="sto_talks">');
    expect(html).toMatch(/id="live"[^>]* data-query="\?story=sto_talks"/);
    expect(summaries((await page('/?story=sto_talks&source=world')).body)).toEqual(['Delegations met after talks in Geneva']);
    expect(summaries((await page('/?story=sto_quiet')).body)).toEqual([]);
    const unknown = await page('/?story=sto_nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('text/html');
    expect(unknown.body).toContain('class="problem"');
  });

  it('lists every story at ?view=stories, and the live update of a story brings only its events', async () => {
    const all = (await page('/?view=stories')).body;
    expect([...all.matchAll(/data-story="([^"]+)"/g)].map((match) => match[1])).toEqual(['sto_talks', 'sto_quiet']);
    const since = new Date(Date.now() - 1).toISOString();
    const article = await seedArticle(api.db, 'world', 'www.independent.co.uk');
    const outside = await seedEvent(api.db, article.id, '2025-11-25', 'Elsewhere something happened');
    const inside = await seedEvent(api.db, article.id, '2025-11-25', 'Negotiators met again in Geneva');
    await claimEventsForStory(api.db, [inside], 'sto_talks');
    const fresh = (await page(`/timeline/new?story=sto_talks&after=${encodeURIComponent(since)}`)).body;
    expect(summaries(fresh)).toEqual(['Negotiators met again in Geneva']);
    expect(outside).toBeTruthy();
  });
});
