import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/events/extract-events.js';
import { compressRaw } from '../../src/fetch/raw-body.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import { contentHash } from '../../src/sources/content-revision.js';
import type { Database } from '../../src/store/database.js';
import { openStore } from '../../src/store/store.js';
import { getArticle, insertDiscoveredArticles, saveFetchedContent } from '../../src/store/article-store.js';
import { addMention, getEvent, insertEvent, listEvents } from '../../src/store/event-store.js';
import { getStory, getStoryMembers, listStories, saveStory, setArticleStory } from '../../src/store/story-store.js';
import { assignArticleStory } from '../../src/pipeline/article-story.js';
import { articleProfile } from '../../src/stories/article-profile.js';
import { storyIndexKeys, storyOf } from '../../src/stories/assign-story.js';
import type { ArticleProfile, StoryProfile } from '../../src/stories/story-types.js';
import { testEvent } from '../support/store-backends.js';
import { upsertWebhook } from '../../src/store/webhook-store.js';

function page(title: string, site: string, published: string, paragraphs: string[]): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title><meta property="og:site_name" content="${site}">
<meta property="article:published_time" content="${published}"></head><body><article><h1>${title}</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join('\n')}</article></body></html>`;
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
/** Two tellings of one deadline that the dedup rules merge (test/pipeline/event-merge.int.test.ts). */
const DEADLINE_FIRST = 'Ukraine must sign the peace plan by Thursday, November 27, US officials said.';
const DEADLINE_AGAIN = 'Kyiv has a Thanksgiving deadline, November 27, to sign the US peace plan.';

describe('process stage: each article in a story, its events in the same story', () => {
  let db: Database;
  let sequence = 0;
  const store = async (title: string, published: string, paragraphs: string[]) => {
    sequence += 1;
    const url = `https://outlet${sequence}.example/world/story-${sequence}`;
    const [{ id }] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = page(title, `Outlet ${sequence}`, published, paragraphs);
    await saveFetchedContent(db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });
    return id;
  };
  const deliveriesTo = async (webhookId: string) =>
    (await db.query<{ event_id: string }>(`select event_id from deliveries where webhook_id = $1`, [webhookId])).rows.map((row) => row.event_id);

  beforeAll(async () => {
    db = await openStore('pglite://memory');
  });
  afterAll(async () => db?.close());

  let talksStory: string;
  let talksArticle: string;
  let deadlineId: string;

  it('opens a story with the first article and gives its events that story', async () => {
    talksArticle = await store('Ukraine and US hold peace talks in Geneva on the peace plan', '2025-11-24T10:00:00Z', [
      'Ukrainian and US delegations held peace talks in Geneva on Sunday about the US peace plan for Ukraine.',
      DEADLINE_FIRST,
      'Ukrainian President Volodymyr Zelensky said the Geneva peace talks on the plan were constructive.',
    ]);
    const outcome = await processArticle(db, talksArticle);
    expect(outcome.status).toBe('processed');
    talksStory = outcome.storyId as string;
    expect(talksStory).toMatch(/^sto_/);
    expect((await getArticle(db, talksArticle))?.storyId).toBe(talksStory);
    expect(outcome.createdEventIds.length).toBeGreaterThan(0);
    for (const id of outcome.createdEventIds) expect((await getEvent(db, id))?.story?.id).toBe(talksStory);
    [deadlineId] = (await db.query<{ id: string }>(`select id from events where sentence = $1`, [DEADLINE_FIRST])).rows.map((row) => row.id);
    expect(await getStory(db, talksStory)).toMatchObject({ articleCount: 1, eventCount: outcome.createdEventIds.length, firstSeenAt: '2025-11-24T10:00:00.000Z' });
  });

  it('merges a report of the same happening into the event of its own story before a look-alike of another story', async () => {
    // Another story holds the very sentence the next article repeats: an exact repeat outscores
    // any other match, so only looking inside the article's story first keeps the report there.
    await saveStory(db, { id: 'sto_lookalike', title: 'A look-alike', terms: {}, actors: {}, days: {}, articleCount: 0, firstSeenAt: '2025-11-20T00:00:00Z', lastSeenAt: '2025-11-20T00:00:00Z', headlines: [] }, []);
    const [told] = extractEvents(DEADLINE_AGAIN, { publishedAt: '2025-11-25T08:00:00Z' });
    const lookalike = await insertEvent(db, { ...told, dateStart: '2025-11-27', dateEnd: '2025-11-27', fingerprint: 'lookalike', storyId: 'sto_lookalike' });
    const elsewhere = await store('Elsewhere', '2025-11-20T00:00:00Z', ['Nothing of note happened.']);
    await addMention(db, lookalike, elsewhere, { sentence: told.sentence, summary: told.summary, dateText: told.dateText, modality: told.modality });

    const second = await store('Geneva peace talks: Ukraine weighs the US peace plan', '2025-11-25T08:00:00Z', [
      'Ukrainian and US delegations continued peace talks in Geneva on Monday on the US peace plan for Ukraine.',
      DEADLINE_AGAIN,
      'Zelensky said the Geneva peace talks on the peace plan would go on.',
    ]);
    const outcome = await processArticle(db, second);
    expect(outcome.storyId).toBe(talksStory);
    expect(outcome.updatedEventIds).toContain(deadlineId);
    expect(await getEvent(db, deadlineId)).toMatchObject({ sourceCount: 2, story: { id: talksStory } });
    expect((await getEvent(db, lookalike))?.sourceCount).toBe(1);
    expect(await getStory(db, talksStory)).toMatchObject({ articleCount: 2, lastSeenAt: '2025-11-25T08:00:00.000Z' });
  });

  it('opens another story for another happening, and pages an endpoint only for the stories it follows', async () => {
    await upsertWebhook(db, { id: 'talks-desk', url: 'http://127.0.0.1:9/hook', secret: SECRET, filter: { stories: [talksStory] } }, 'api');
    const plane = await store('Airline orders forty new aircraft from Airbus', '2025-11-26T09:00:00Z', [
      'The airline ordered forty new Airbus aircraft on Wednesday for its long-haul fleet.',
      'Airbus will deliver the first aircraft to the airline in 2027, the planemaker said on Wednesday.',
    ]);
    const outcome = await processArticle(db, plane);
    expect(outcome.storyId).toMatch(/^sto_/);
    expect(outcome.storyId).not.toBe(talksStory);
    expect(outcome.createdEventIds.length).toBeGreaterThan(0);
    expect(await deliveriesTo('talks-desk')).toEqual([]);

    const third = await store('Zelensky to meet Trump on the peace plan after Geneva talks', '2025-11-26T12:00:00Z', [
      'Ukrainian President Volodymyr Zelensky will travel to Washington next week to discuss the US peace plan, after the peace talks in Geneva.',
    ]);
    const talks = await processArticle(db, third);
    expect(talks.storyId).toBe(talksStory);
    const paged = await deliveriesTo('talks-desk');
    expect(paged.length).toBeGreaterThan(0);
    for (const id of paged) expect((await getEvent(db, id))?.story?.id).toBe(talksStory);

    const listed = (await listStories(db, { limit: 10 })).stories.map((story) => story.id);
    expect(listed).toEqual([talksStory, outcome.storyId, 'sto_lookalike']);
    const ofPlane = await listEvents(db, { storyId: outcome.storyId, limit: 100 });
    expect(ofPlane.events.map((event) => event.id).sort()).toEqual([...outcome.createdEventIds].sort());
  });

  it('keeps every article and event in its story when articles are processed again', async () => {
    const before = await db.query<{ id: string; story_id: string | null }>('select id, story_id from articles order by id');
    const eventsBefore = await db.query<{ id: string; story_id: string | null }>('select id, story_id from events order by id');
    const storiesBefore = (await listStories(db, { limit: 10 })).stories;
    for (const { id } of before.rows) await processArticle(db, id);
    expect((await db.query('select id, story_id from articles order by id')).rows).toEqual(before.rows);
    expect((await db.query('select id, story_id from events order by id')).rows).toEqual(eventsBefore.rows);
    expect((await listStories(db, { limit: 10 })).stories).toEqual(storiesBefore);
  });
});

/**
 * Two look-alike happenings: the Angels' offer to a player, then Boston's ten days later. Boston's
 * first two reports tell of both offers and join the Angels' story; the reports after them tell
 * only of Boston's.
 */
const ANGELS_OFFER = [
  ['Angels offer Mark Teixeira an eight-year contract', '01', ['Anaheim offered first baseman Mark Teixeira an eight-year contract on Monday, the Angels said.', 'Teixeira, whose agent is Scott Boras, hit well for the Angels in Anaheim last season.']],
  ['Teixeira weighs the Angels offer', '01', ['Mark Teixeira is weighing an eight-year offer from the Angels, the club said in Anaheim.', 'Scott Boras said Teixeira would take his time.']],
  ['Angels make their pitch to Teixeira', '02', ['The Angels have made their offer to Mark Teixeira: eight years in Anaheim.', 'Boras would not say what the Angels offer was worth.']],
  ['Angels offer stands for Teixeira', '02', ['The Angels said the eight-year offer to Mark Teixeira stands.', 'Scott Boras met the club in Anaheim.']],
  ['Angels want Teixeira to stay in Anaheim', '03', ['The Angels want Mark Teixeira to stay in Anaheim and have offered him eight years.', 'The Angels made the offer through Scott Boras.']],
  ['Angels wait on Teixeira', '03', ['The Angels are waiting on Mark Teixeira after their eight-year offer in Anaheim.', 'The first baseman has not decided, Boras said.']],
] as const;
const BOSTON_OFFER = [
  ['Teixeira gets another offer after the Angels', '11', ['After the Angels offered Mark Teixeira eight years in Anaheim, Boston offered the first baseman a seven-year contract on Thursday.', 'Teixeira, whose agent is Scott Boras, is weighing the Angels offer and the Boston offer.']],
  ['Teixeira weighs a Boston offer against the Angels', '11', ['Mark Teixeira is weighing a seven-year offer from Boston against the eight-year Angels offer.', 'Scott Boras said Teixeira would take his time over the Angels and Boston offers.']],
  ['Boston makes its pitch to Teixeira', '12', ['Boston has made its offer to Mark Teixeira: seven years at Fenway.', 'Boras would not say what the Boston offer was worth.']],
  ['Boston offer stands for Teixeira', '12', ['Boston said the seven-year offer to Mark Teixeira stands.', 'Scott Boras met the club at Fenway.']],
  ['Boston wants Teixeira at Fenway', '13', ['Boston wants Mark Teixeira at Fenway and has offered him seven years.', 'Boston made the offer through Scott Boras.']],
  ['Boston waits on Teixeira', '13', ['Boston is waiting on Mark Teixeira after its seven-year offer at Fenway.', 'The first baseman has not decided, Boras said.']],
  ['Teixeira to meet Boston at Fenway', '14', ['Mark Teixeira will meet Boston at Fenway about its seven-year offer.', 'Scott Boras set up the meeting in Boston.']],
] as const;

describe('process stage: a story that turns out to be two splits, the older keeping its id', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openStore('pglite://memory');
  });
  afterAll(async () => db?.close());

  const ids: string[] = [];
  const process = async ([title, day, paragraphs]: readonly [string, string, readonly string[]]) => {
    const url = `https://outlet${ids.length}.example/sport/${ids.length}`;
    const [{ id }] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = page(title, `Outlet ${ids.length}`, `2025-12-${day}T10:00:00Z`, [...paragraphs]);
    await saveFetchedContent(db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });
    ids.push(id);
    const outcome = await processArticle(db, id);
    expect(outcome.status).toBe('processed');
    return outcome;
  };
  const storyOfArticle = async (id: string) => (await getArticle(db, id))?.storyId;
  const eventsFirstReportedBy = async (articleIds: string[]) =>
    (
      await db.query<{ id: string; story_id: string }>(
        `select e.id, e.story_id from events e where (select m.article_id from event_mentions m where m.event_id = e.id order by m.created_at, m.article_id limit 1) = any($1::text[])`,
        [articleIds],
      )
    ).rows;

  let angels: string;
  it('lets the first reports of the look-alike join the story they resemble', async () => {
    for (const article of [...ANGELS_OFFER, ...BOSTON_OFFER.slice(0, 6)]) await process(article);
    angels = (await storyOfArticle(ids[0]))!;
    for (const id of ids) expect(await storyOfArticle(id)).toBe(angels);
    expect(await getStory(db, angels)).toMatchObject({ articleCount: 12 });
  });

  it('splits the younger group off into a story of its own once it has gathered, with the events its articles first reported', async () => {
    const outcome = await process(BOSTON_OFFER[6]);
    const boston = outcome.storyId as string;
    expect(boston).toMatch(/^sto_/);
    expect(boston).not.toBe(angels);
    // The Angels' reports and the two that told of both offers stay in the story, under its id.
    for (const id of ids.slice(0, 8)) expect(await storyOfArticle(id)).toBe(angels);
    for (const id of ids.slice(8)) expect(await storyOfArticle(id)).toBe(boston);
    const moved = await eventsFirstReportedBy(ids.slice(8));
    const stayed = await eventsFirstReportedBy(ids.slice(0, 8));
    expect(moved.length).toBeGreaterThan(0);
    expect(stayed.length).toBeGreaterThan(0);
    for (const event of moved) expect(event.story_id).toBe(boston);
    for (const event of stayed) expect(event.story_id).toBe(angels);
    expect((await getEvent(db, moved[0].id))?.story?.id).toBe(boston);
    const [kept, split] = [await getStory(db, angels), await getStory(db, boston)];
    expect(kept).toMatchObject({ articleCount: 8, eventCount: stayed.length, firstSeenAt: '2025-12-01T10:00:00.000Z', lastSeenAt: '2025-12-11T10:00:00.000Z' });
    expect(kept?.title).toMatch(/Angels/);
    expect(split).toMatchObject({ articleCount: 5, eventCount: moved.length, firstSeenAt: '2025-12-12T10:00:00.000Z', lastSeenAt: '2025-12-14T10:00:00.000Z' });
    expect(split?.title).toMatch(/Boston/);
    // Each story's profile is its articles' alone, as the offline grouping rebuilds it.
    const profiles = await db.query<{ id: string; profile: { articleCount: number; headlines: { articleId: string }[] } }>('select id, profile from stories order by id');
    const byId = new Map(profiles.rows.map((row) => [row.id, typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile]));
    expect(byId.get(angels).headlines.map((h: { articleId: string }) => h.articleId)).toEqual(ids.slice(0, 8));
    expect(byId.get(boston).headlines.map((h: { articleId: string }) => h.articleId)).toEqual(ids.slice(8));
  });

  it('keeps both stories as they are when the articles are processed again', async () => {
    const before = (await db.query('select id, story_id from articles order by id')).rows;
    const eventsBefore = (await db.query('select id, story_id from events order by id')).rows;
    for (const id of ids) await processArticle(db, id);
    expect((await db.query('select id, story_id from articles order by id')).rows).toEqual(before);
    expect((await db.query('select id, story_id from events order by id')).rows).toEqual(eventsBefore);
  });
});

describe('process stage: an early member that another story would now take moves there, as the offline grouping moves it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openStore('pglite://memory');
  });
  afterAll(async () => db?.close());

  // The reports of both offers in an arrival order where one that told of both (Boston's 1) first
  // joins Boston's few reports, and the Angels' story, grown larger, would take it first later.
  const ORDER = ['A0', 'A1', 'B6', 'B5', 'A2', 'B1', 'B2', 'A3', 'B3', 'A4', 'A5', 'B4', 'B0'];
  const fixture = (name: string) => (name[0] === 'A' ? ANGELS_OFFER : BOSTON_OFFER)[Number(name.slice(1))];
  const ids = new Map<string, string>();
  const process = async (name: string) => {
    const [title, day, paragraphs] = fixture(name);
    const url = `https://outlet-${name}.example/sport/${name}`;
    const [{ id }] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl: url, title: null, publishedAt: null }]);
    const html = page(title, `Outlet ${name}`, `2025-12-${day}T10:00:00Z`, [...paragraphs]);
    await saveFetchedContent(db, id, { rawCompressed: compressRaw(Buffer.from(html)), contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, contentHash: contentHash(html), finalUrl: url });
    ids.set(name, id);
    expect((await processArticle(db, id)).status).toBe('processed');
  };
  const storyOfArticle = async (name: string) => (await getArticle(db, ids.get(name)!))?.storyId;

  it('moves it with the events it first reported, each story rebuilt from its articles in the order they joined', async () => {
    for (const name of ORDER.slice(0, 6)) await process(name);
    const boston = (await storyOfArticle('B6'))!;
    expect(await storyOfArticle('B1')).toBe(boston);
    const firstReported = async () =>
      (await db.query<{ story_id: string }>(`select e.story_id from events e where (select m.article_id from event_mentions m where m.event_id = e.id order by m.created_at, m.article_id limit 1) = $1`, [ids.get('B1')])).rows;
    expect((await firstReported()).length).toBeGreaterThan(0);
    for (const name of ORDER.slice(6)) await process(name);
    const angels = (await storyOfArticle('A0'))!;
    expect(angels).not.toBe(boston);
    for (const name of ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B0']) expect(await storyOfArticle(name)).toBe(angels);
    for (const name of ['B5', 'B2', 'B3', 'B4']) expect(await storyOfArticle(name)).toBe(boston);
    for (const event of await firstReported()) expect(event.story_id).toBe(angels);
    const profiles = await db.query<{ id: string; profile: { articleCount: number; headlines: { articleId: string }[] } | string }>('select id, profile from stories');
    const byId = new Map(profiles.rows.map((row) => [row.id, typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile]));
    const headlines = (id: string) => byId.get(id).headlines.map((h: { articleId: string }) => h.articleId);
    expect(headlines(angels)).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B0'].map((n) => ids.get(n)));
    expect(headlines(boston)).toEqual(['B6', 'B5', 'B2', 'B3', 'B4'].map((n) => ids.get(n)));
    expect(await getStory(db, angels)).toMatchObject({ articleCount: 8 });
    expect(await getStory(db, boston)).toMatchObject({ articleCount: 5 });
  });
});

describe('process stage: a story of one article that a grown story would now take first is absorbed by it', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openStore('pglite://memory');
  });
  afterAll(async () => db?.close());

  const AT = '2025-12-01T10:00:00.000Z';
  const REHAB = [
    'Actress Tara Reid has entered the Promises rehab clinic in Malibu, her publicist Jack Ketsoyan said on Monday.',
    'Actress Tara Reid has checked into the Promises rehab clinic in Malibu, her publicist Jack Ketsoyan said on Monday.',
    'Tara Reid is in the Promises rehab clinic in Malibu, her publicist Jack Ketsoyan said on Monday.',
    'Tara Reid went to the Promises rehab clinic in Malibu on Monday, publicist Jack Ketsoyan said.',
  ];
  const profileOf = (text: string) => articleProfile({ title: null, text, events: extractEvents(text, { publishedAt: AT }), publishedAt: AT });

  it('moves its article, last to join, with its events, and retires the story it leaves as a pointer to its own', async () => {
    const articles = await insertDiscoveredArticles(db, null, ['a0', 'a1', 'a2', 'early', 'new'].map((k) => ({ url: `https://x.example/${k}`, canonicalUrl: `https://x.example/${k}`, title: k, publishedAt: null })));
    const [a0, a1, a2, early, arriving] = articles.map((a) => a.id);
    // A story of three reports, and one of a report that opened a story of its own before it.
    const members = [a0, a1, a2].map((articleId, k) => ({ articleId, profile: profileOf(REHAB[k]) }));
    const grown = storyOf('sto_grown', members);
    const single = storyOf('sto_early', [{ articleId: early, profile: profileOf(REHAB[1]) }]);
    await saveStory(db, single, storyIndexKeys(single));
    await setArticleStory(db, early, 'sto_early', profileOf(REHAB[1]));
    await saveStory(db, grown, storyIndexKeys(grown));
    for (const m of members) await setArticleStory(db, m.articleId, 'sto_grown', m.profile);
    const event = await insertEvent(db, { ...testEvent('2025-12-01', 'Tara Reid entered rehab on Monday.', ['Tara Reid']), storyId: 'sto_early' });
    await addMention(db, event, early, { sentence: 'a', summary: 'a', dateText: 'Monday', modality: 'occurred' });

    const outcome = await db.transaction((tx) => assignArticleStory(tx, arriving, profileOf(REHAB[3])));
    expect(outcome).toEqual({ storyId: 'sto_grown', opened: false });
    expect((await getArticle(db, early))?.storyId).toBe('sto_grown');
    // Retired: no longer listed, and its id leads to the story that took its article.
    expect((await getStory(db, 'sto_early'))?.id).toBe('sto_grown');
    expect((await listStories(db, { limit: 100 })).stories.map((story) => story.id)).not.toContain('sto_early');
    expect((await getEvent(db, event))?.story?.id).toBe('sto_grown');
    expect(await getStory(db, 'sto_grown')).toMatchObject({ articleCount: 5 });
    const [{ profile }] = (await db.query<{ profile: unknown }>(`select profile from stories where id = 'sto_grown'`)).rows;
    const kept = (typeof profile === 'string' ? JSON.parse(profile) : profile) as StoryProfile;
    expect(kept.articleCount).toBe(5);
    expect((await getStoryMembers(db, 'sto_grown')).map((m) => m.articleId)).toEqual([a0, a1, a2, arriving, early]);
  });
});

describe('process stage: a story of the same moment and participant as the story joined is merged into the larger', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openStore('pglite://memory');
  });
  afterAll(async () => db?.close());

  const AT = '2025-12-01T10:00:00.000Z';
  /** A report of an actress's rehab from one of two angles, as stories/merge-stories.test.ts tells them. */
  const report = (side: 'a' | 'b', k: number, day: string): ArticleProfile => ({
    terms: { ...(side === 'a' ? { morningsid: 0.3, malibu: 0.3 } : { betty: 0.3, ford: 0.3 }), lohan: 0.4, rehab: 0.28, ...Object.fromEntries([0, 1, 2].map((u) => [`${side}${k}w${u}`, 0.4])) },
    actors: ['lindsay lohan'],
    days: [day],
    publishedAt: AT,
    title: `${side} ${k}`,
  });

  it('moves the smaller story\'s articles and events into the larger, rebuilt from both, and retires it as a pointer', async () => {
    const keys = ['a0', 'a1', 'b0', 'b1', 'b2', 'b3', 'new'];
    const inserted = await insertDiscoveredArticles(db, null, keys.map((k) => ({ url: `https://y.example/${k}`, canonicalUrl: `https://y.example/${k}`, title: k, publishedAt: null })));
    const id = new Map(keys.map((k, i) => [k, inserted[i].id]));
    const first = [0, 1].map((k) => ({ articleId: id.get(`a${k}`)!, profile: report('a', k, '2025-11-30') }));
    const second = [0, 1, 2, 3].map((k) => ({ articleId: id.get(`b${k}`)!, profile: report('b', k, '2025-12-01') }));
    for (const [storyId, members] of [['sto_first', first], ['sto_second', second]] as const) {
      const story = storyOf(storyId, members);
      await saveStory(db, story, storyIndexKeys(story));
      for (const m of members) await setArticleStory(db, m.articleId, storyId, m.profile);
    }
    const event = await insertEvent(db, { ...testEvent('2025-11-30', 'Lindsay Lohan entered rehab in Malibu.', ['Lindsay Lohan']), storyId: 'sto_first' });
    await addMention(db, event, id.get('a0')!, { sentence: 'a', summary: 'a', dateText: 'Sunday', modality: 'occurred' });

    const outcome = await db.transaction((tx) => assignArticleStory(tx, id.get('new')!, report('a', 2, '2025-11-30')));
    expect(outcome).toEqual({ storyId: 'sto_second', opened: false });
    for (const k of keys) expect((await getArticle(db, id.get(k)!))?.storyId).toBe('sto_second');
    expect((await getEvent(db, event))?.story?.id).toBe('sto_second');
    expect((await getStory(db, 'sto_first'))?.id).toBe('sto_second');
    expect((await listStories(db, { limit: 100 })).stories.map((story) => story.id)).toEqual(['sto_second']);
    expect(await getStory(db, 'sto_second')).toMatchObject({ articleCount: 7 });
    const [{ profile }] = (await db.query<{ profile: unknown }>(`select profile from stories where id = 'sto_second'`)).rows;
    expect(((typeof profile === 'string' ? JSON.parse(profile) : profile) as StoryProfile).articleCount).toBe(7);
  });
});
