import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBackground, isNewDevelopment } from '../../src/notify/new-development.js';
import { runCli, waitFor, type RunningCli } from '../support/cli.js';
import type { NewsSite, SeedPage } from '../support/news-site.js';
import { startSeedService, type SeedService } from '../support/seed-service.js';
import type { ServiceWorkdir } from '../support/service-workdir.js';
import type { WebhookReceiver } from '../support/webhook-receiver.js';

interface ApiEvent {
  id: string;
  date: string;
  granularity: string;
  dateBasis: string;
  dateText: string;
  modality: string;
  sentence: string;
  sourceCount: number;
  mentionCount: number;
  sources: { url: string; articleId: string; publishedAt: string | null }[];
  story: { id: string; title: string } | null;
}

interface ApiStory {
  id: string;
  title: string;
  firstSeenAt: string;
  lastSeenAt: string;
  articleCount: number;
  eventCount: number;
  topActors: string[];
}

describe('chronicle start, end to end: feeds → articles → events → signed webhooks', () => {
  let seeds: SeedService;
  let site: NewsSite;
  let receiver: WebhookReceiver;
  let workdir: ServiceWorkdir;
  let pages: SeedPage[];
  let service: RunningCli | undefined;
  const api = (path: string, init?: RequestInit) => workdir.api(path, init);
  const allEvents = async (): Promise<ApiEvent[]> => {
    const events: ApiEvent[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await api(`/v1/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      events.push(...body.events);
      cursor = body.nextCursor;
    } while (cursor);
    return events;
  };
  const processedArticles = async () => (await api('/v1/articles?status=processed&limit=100')).body.articles as { url: string }[];
  /** Which story each article and each event is in, to compare before and after a re-ingest. */
  const storyMembership = async () => {
    const articles = (await api('/v1/articles?limit=100')).body.articles as { id: string; storyId: string | null }[];
    const events = await allEvents();
    return {
      articles: Object.fromEntries(articles.map((article) => [article.id, article.storyId])),
      events: Object.fromEntries(events.map((event) => [event.id, event.story?.id ?? null])),
    };
  };
  let membership: Awaited<ReturnType<typeof storyMembership>>;

  const stopService = async () => {
    const stopping = Date.now();
    service!.child.kill('SIGTERM');
    const code = await service!.exited;
    return { code, ms: Date.now() - stopping };
  };

  beforeAll(async () => {
    // Polls every two seconds so that the test sees the same feeds polled again.
    seeds = await startSeedService({ name: 'e2e', fetch: 'fetch: { timeoutMs: 5000, perHost: { concurrency: 4, rps: 20 } }', every: '2s' });
    ({ site, receiver, workdir, pages } = seeds);
    expect(pages).toHaveLength(5);
  });
  afterAll(async () => seeds?.close(service));

  it('answers /healthz within 15 s, ingests the five articles once, and pages each new event once, signed', async () => {
    let startMs: number;
    ({ service, startMs } = await workdir.start());
    expect(startMs).toBeLessThan(15_000);

    const articles = await waitFor('five processed articles', async () => {
      const found = await processedArticles();
      return found.length === 5 ? found : null;
    }, 60_000, 500);
    // Each seed page stored once, under the URL the feed gave (tracking parameters and fragments gone).
    expect(new Set(articles.map((article) => new URL(article.url).pathname))).toEqual(new Set(pages.map((page) => page.path)));

    const events = await allEvents();
    expect(events.length).toBeGreaterThan(10);
    for (const event of events) {
      expect(event.date).toMatch(/^\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]))?$/);
      expect(event.sources.length).toBeGreaterThan(0);
    }
    // The same talks told by several outlets: some events are merged across sources.
    expect(events.some((event) => event.sourceCount > 1)).toBe(true);
    // Every event says how it was dated; acts told with no date are events too.
    expect(events.every((event) => ['text', 'publication', 'context'].includes(event.dateBasis))).toBe(true);
    expect(events.some((event) => event.dateBasis === 'publication')).toBe(true);

    // The Thanksgiving deadline: told by the Independent (“before Thanksgiving on Thursday”) and
    // twice by the WSWS article (“before Thanksgiving” on Thursday next week): one event, two
    // sources, three mentions.
    const thanksgiving = events.filter((event) => /Thanksgiving/.test(event.sentence) && event.date === '2025-11-27');
    expect(thanksgiving).toHaveLength(1);
    expect(thanksgiving[0]).toMatchObject({ modality: 'deadline', dateBasis: 'text', sourceCount: 2, mentionCount: 2 });
    // No event from a bare attribution fragment ("The White House said on Saturday evening").
    const fragment = /^(?:[\p{Lu}][\p{L}.’'-]*\s+){1,4}(?:said|told|wrote|stated|added)\b(?:\s+[\p{L}.’'-]+){0,4}\.?$/u;
    expect(events.filter((event) => fragment.test(event.sentence.trim())).map((event) => event.sentence)).toEqual([]);

    const news = events.filter((event) =>
      event.sources.some((source) => source.publishedAt && isNewDevelopment(event.date, source.publishedAt) && !isBackground(event, source.publishedAt)),
    );
    // event.updated deliveries arrive too (a second outlet telling a happening): wait for the
    // event.created ones, which are one per new development.
    const createdHooks = () => receiver.received.filter((hook) => hook.payload.type === 'event.created');
    await waitFor('an event.created webhook for every new development', async () => createdHooks().length >= news.length, 30_000);
    const created = createdHooks();
    expect(receiver.received.every((hook) => hook.verified)).toBe(true);
    expect(receiver.received.every((hook) => /^v1,/.test(hook.headers['webhook-signature']))).toBe(true);
    const createdIds = created.map((hook) => hook.payload.data.id);
    expect(new Set(createdIds).size).toBe(createdIds.length);
    expect(new Set(createdIds)).toEqual(new Set(news.map((event) => event.id)));
    // One event.created per happening: the deadline pages once, under its one id.
    const sentenceOf = (hook: (typeof created)[number]) => (hook.payload.data as { sentence?: string }).sentence ?? '';
    expect(created.filter((hook) => /Thanksgiving/.test(sentenceOf(hook)) && hook.payload.data.date === '2025-11-27')).toHaveLength(1);
    // Background ("Trump, who returned to office this year …") is stored but pages nobody.
    expect(created.some((hook) => /returned to office this year/.test(sentenceOf(hook)) && hook.payload.data.date === '2025')).toBe(false);
  }, 120_000);

  it('puts the five articles and every event in one story titled after the peace talks: /v1/stories lists it, ?story= and its timeline give its events', async () => {
    const { body: list } = await api('/v1/stories?limit=100');
    const stories = list.stories as ApiStory[];
    expect(list.nextCursor).toBeNull();
    membership = await storyMembership();
    const articles = (await api('/v1/articles?limit=100')).body.articles as { id: string; title: string; storyId: string }[];
    // Every processed article is in one listed story; the counts add up; newest activity first.
    expect(articles).toHaveLength(5);
    expect(articles.every((article) => stories.some((story) => story.id === article.storyId))).toBe(true);
    for (const story of stories) expect(story.articleCount).toBe(articles.filter((article) => article.storyId === story.id).length);
    expect(stories.map((story) => story.lastSeenAt)).toEqual([...stories.map((story) => story.lastSeenAt)].sort().reverse());
    // A story is titled by one of its own articles' headlines.
    for (const story of stories) expect(articles.filter((article) => article.storyId === story.id).map((article) => article.title)).toContain(story.title);
    // The five outlets tell one developing story: one story, titled after the peace talks.
    expect(stories).toHaveLength(1);
    expect(stories[0].articleCount).toBe(5);
    expect(stories[0].title).toMatch(/peace/i);
    expect(stories[0].topActors).toContain('Ukraine');

    // Every event is in the story of one of the articles that report it.
    const events = await allEvents();
    for (const event of events) {
      expect(event.story).not.toBeNull();
      expect(event.sources.map((source) => membership.articles[source.articleId])).toContain(event.story!.id);
      expect(event.story!.title).toBe(stories.find((story) => story.id === event.story!.id)?.title);
    }
    // ?story= gives exactly a story's events, and so does its timeline.
    const talks = [...stories].sort((a, b) => b.eventCount - a.eventCount)[0];
    const ofTalks = events.filter((event) => event.story!.id === talks.id);
    expect(talks.eventCount).toBe(ofTalks.length);
    const filtered: ApiEvent[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await api(`/v1/events?story=${talks.id}&limit=40${cursor ? `&cursor=${cursor}` : ''}`);
      filtered.push(...body.events);
      cursor = body.nextCursor;
    } while (cursor);
    expect(filtered.map((event) => event.id).sort()).toEqual(ofTalks.map((event) => event.id).sort());
    const { status, body: timeline } = await api(`/v1/stories/${talks.id}?limit=500`);
    expect(status).toBe(200);
    expect(timeline).toMatchObject({ id: talks.id, title: talks.title, eventCount: ofTalks.length });
    expect(timeline.events.map((event: ApiEvent) => event.id)).toEqual(filtered.map((event) => event.id));
    // The webhooks sent carry the event's story.
    const paged = receiver.received.filter((hook) => hook.payload.type === 'event.created');
    expect(paged.length).toBeGreaterThan(0);
    expect(paged.every((hook) => (hook.payload.data as { story?: { id: string } }).story?.id === membership.events[hook.payload.data.id])).toBe(true);
  }, 60_000);

  it('adds nothing and sends nothing when the same feeds are polled again', async () => {
    const eventsBefore = (await allEvents()).length;
    const hooksBefore = receiver.received.length;
    const feedPolls = () => site.requests.filter((request) => request.path === '/rss.xml' || request.path === '/atom.xml').length;
    const pollsBefore = feedPolls();
    await waitFor('both feeds polled twice more', async () => feedPolls() >= pollsBefore + 4, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await processedArticles()).toHaveLength(5);
    expect((await allEvents()).length).toBe(eventsBefore);
    expect(receiver.received.length).toBe(hooksBefore);
    const articleRequests = site.requests.filter((request) => pages.some((page) => page.path === request.path));
    expect(articleRequests).toHaveLength(5);
  }, 60_000);

  it('re-ingests everything from stored HTML without creating an event or a webhook', async () => {
    const eventsBefore = (await allEvents()).length;
    const hooksBefore = receiver.received.length;
    const requestsBefore = site.requests.length;
    const { status, body } = await api('/v1/reingest', { method: 'POST', body: JSON.stringify({ all: true }) });
    expect(status).toBe(202);
    const job = await waitFor('the re-ingest job to complete', async () => {
      const { body: state } = await api(`/v1/reingest/${body.jobId}`);
      return state.state === 'completed' ? state : null;
    }, 30_000);
    expect(job.progress).toMatchObject({ total: 5, done: 5, eventsCreated: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await allEvents()).length).toBe(eventsBefore);
    expect(receiver.received.length).toBe(hooksBefore);
    // From stored HTML: no article page was requested again.
    expect(site.requests.slice(requestsBefore).filter((request) => pages.some((page) => page.path === request.path))).toHaveLength(0);
    // Every article and every event stays in its story.
    expect(await storyMembership()).toEqual(membership);
  }, 60_000);

  it('re-ingests from the CLI with --wait (stored HTML) and --refetch (the site sees the pages again)', async () => {
    const config = workdir.config;
    const eventsBefore = (await allEvents()).length;
    const hooksBefore = receiver.received.length;
    const pageRequests = () => site.requests.filter((request) => pages.some((page) => page.path === request.path)).length;
    const requestsBefore = pageRequests();

    const stored = await runCli(['reingest', '--all', '--wait', '--config', config], { cwd: workdir.dir, timeoutMs: 60_000 });
    expect(stored.code).toBe(0);
    expect(JSON.parse(stored.output.trim().split('\n').at(-1)!)).toMatchObject({ state: 'completed', total: 5, done: 5, eventsCreated: 0 });
    expect(pageRequests()).toBe(requestsBefore);

    const refetched = await runCli(['reingest', '--all', '--refetch', '--wait', '--config', config], { cwd: workdir.dir, timeoutMs: 60_000 });
    expect(refetched.code).toBe(0);
    expect(JSON.parse(refetched.output.trim().split('\n').at(-1)!)).toMatchObject({ state: 'completed', total: 5, done: 5, eventsCreated: 0 });
    expect(pageRequests()).toBe(requestsBefore + 5);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await allEvents()).length).toBe(eventsBefore);
    expect(receiver.received.length).toBe(hooksBefore);
    expect(await storyMembership()).toEqual(membership);
  }, 120_000);

  it('stops within 10 s on SIGTERM', async () => {
    const { code, ms } = await stopService();
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  }, 20_000);
});
