import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.js';
import { getArticle, insertDiscoveredArticles } from '../../src/store/article-store.js';
import { addMention, getEvent, insertEvent, listEvents } from '../../src/store/event-store.js';
import {
  claimEventsForStory,
  getArticleStoryId,
  getStory,
  getStoryMembers,
  listStories,
  moveStoryArticles,
  NEAR_STORIES_SQL,
  refreshStoryCounts,
  rejoinStory,
  removeEmptiedStory,
  resolveStoryIds,
  saveStory,
  setArticleStory,
  storeStoryCandidates,
  TOP_ACTOR_EVENTS,
} from '../../src/store/story-store.js';
import type { ArticleProfile, StoryProfile } from '../../src/stories/story-types.js';
import { storeBackends, testEvent } from '../support/store-backends.js';

const backends = await storeBackends('story store tests');

function story(id: string, title: string, firstSeenAt: string, lastSeenAt: string, articleCount = 1): StoryProfile {
  return { id, title, terms: { [title.split(' ')[0].toLowerCase()]: 1 }, actors: {}, days: {}, articleCount, firstSeenAt, lastSeenAt, headlines: [{ title, articleId: `art_${id}` }] };
}

const event = testEvent;

for (const backend of backends) {
  describe.skipIf(backend.skip)(`story store on ${backend.name}`, () => {
    let db: Database;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ db, drop } = await backend.open());
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it('finds candidate stories by shared keys, most shared first, only those seen since, at most limit', async () => {
      await saveStory(db, story('sto_talks', 'Peace talks in Geneva', '2025-11-20T08:00:00Z', '2025-11-23T08:00:00Z'), ['a:ukraine', 'a:united states', 't:geneva', 't:peace']);
      await saveStory(db, story('sto_plane', 'Airline orders jets', '2025-11-21T08:00:00Z', '2025-11-22T08:00:00Z'), ['a:airline', 't:peace', 't:jets']);
      await saveStory(db, story('sto_old', 'Peace talks of 2014', '2014-09-01T08:00:00Z', '2014-09-05T08:00:00Z'), ['a:ukraine', 't:geneva', 't:peace']);
      const candidates = storeStoryCandidates(db);

      const near = await candidates.near(['a:ukraine', 't:geneva', 't:peace', 't:nothing'], '2025-10-01T00:00:00Z', 10);
      expect(near.map((each) => each.id)).toEqual(['sto_talks', 'sto_plane']);
      // The profile comes back whole, as assignment saved it.
      expect(near[0]).toMatchObject({ title: 'Peace talks in Geneva', articleCount: 1, headlines: [{ title: 'Peace talks in Geneva', articleId: 'art_sto_talks' }] });
      expect((await candidates.near(['t:peace', 'a:ukraine'], '2025-10-01T00:00:00Z', 1)).map((each) => each.id)).toEqual(['sto_talks']);
      // Ties in id order.
      expect((await candidates.near(['t:peace'], '2025-10-01T00:00:00Z', 1)).map((each) => each.id)).toEqual(['sto_plane']);
      // Looking back far enough brings the old story in; ties in id order, as the memory index.
      expect((await candidates.near(['a:ukraine', 't:geneva'], '2014-01-01T00:00:00Z', 10)).map((each) => each.id)).toEqual(['sto_old', 'sto_talks']);
      expect(await candidates.near([], '2014-01-01T00:00:00Z', 10)).toEqual([]);
      expect(await candidates.near(['t:nothing'], '2014-01-01T00:00:00Z', 10)).toEqual([]);
    });

    it('keeps only the keys a story was last saved with, all as recent as the story', async () => {
      await saveStory(db, story('sto_long', 'Carmaker restructuring', '2025-01-10T08:00:00Z', '2025-01-10T08:00:00Z'), ['a:carmaker', 't:restructuring']);
      const candidates = storeStoryCandidates(db);
      expect(await candidates.near(['a:carmaker'], '2025-11-01T00:00:00Z', 10)).toEqual([]);
      // A second article, in November: the story's keys are now these.
      await saveStory(db, story('sto_long', 'Carmaker restructuring', '2025-01-10T08:00:00Z', '2025-11-25T08:00:00Z', 2), ['a:carmaker', 't:deadline']);
      const near = await candidates.near(['a:carmaker'], '2025-11-01T00:00:00Z', 10);
      expect(near.map((each) => each.id)).toEqual(['sto_long']);
      expect(near[0].articleCount).toBe(2);
      expect((await candidates.near(['t:deadline'], '2025-11-01T00:00:00Z', 10)).map((each) => each.id)).toEqual(['sto_long']);
      expect(await candidates.near(['t:restructuring'], '2025-01-01T00:00:00Z', 10)).toEqual([]);
    });

    it("keeps an article's story, gives events the story of their first article, and counts both", async () => {
      const [first, second] = await insertDiscoveredArticles(db, null, [
        { url: 'http://x.test/s1', canonicalUrl: 'http://x.test/s1', title: 'One', publishedAt: null },
        { url: 'http://x.test/s2', canonicalUrl: 'http://x.test/s2', title: 'Two', publishedAt: null },
      ]);
      expect(await getArticleStoryId(db, first.id)).toBeNull();
      await setArticleStory(db, first.id, 'sto_talks');
      await setArticleStory(db, second.id, 'sto_talks');
      expect(await getArticleStoryId(db, first.id)).toBe('sto_talks');
      expect((await getArticle(db, first.id))?.storyId).toBe('sto_talks');

      const inTalks = await insertEvent(db, { ...event('2025-11-23', 'Delegations met in Geneva on Sunday.', ['Ukraine', 'United States']), storyId: 'sto_talks' });
      const unclaimed = await insertEvent(db, event('2025-11-20', 'The US submitted a plan to Kyiv on Thursday.', ['United States', 'Ukraine']));
      const ofPlane = await insertEvent(db, { ...event('2025-11-21', 'The airline ordered jets on Friday.', ['Airline']), storyId: 'sto_plane' });
      for (const id of [inTalks, unclaimed]) await addMention(db, id, first.id, { sentence: id, summary: id, dateText: 'x', modality: 'occurred' });

      await claimEventsForStory(db, [inTalks, unclaimed, ofPlane], 'sto_talks');
      expect((await getEvent(db, unclaimed))?.story).toEqual({ id: 'sto_talks', title: 'Peace talks in Geneva' });
      // An event in a story stays there, whichever story a later report comes from.
      expect((await getEvent(db, ofPlane))?.story).toEqual({ id: 'sto_plane', title: 'Airline orders jets' });

      await refreshStoryCounts(db, 'sto_talks');
      const talks = await getStory(db, 'sto_talks');
      expect(talks).toMatchObject({ id: 'sto_talks', title: 'Peace talks in Geneva', articleCount: 2, eventCount: 2, firstSeenAt: '2025-11-20T08:00:00.000Z', lastSeenAt: '2025-11-23T08:00:00.000Z' });
      // Both events name both; ties are in name order.
      expect(talks?.topActors).toEqual(['Ukraine', 'United States']);
      expect(await getStory(db, 'sto_none')).toBeNull();

      const ofStory = await listEvents(db, { storyId: 'sto_talks', limit: 10 });
      expect(ofStory.events.map((each) => each.id)).toEqual([inTalks, unclaimed]);
      expect((await listEvents(db, { storyId: 'sto_plane', limit: 10 })).events.map((each) => each.id)).toEqual([ofPlane]);
    });

    it('lists stories newest activity first with a working cursor', async () => {
      const all = (await listStories(db, { limit: 100 })).stories.map((each) => each.id);
      expect(all).toEqual(['sto_long', 'sto_talks', 'sto_plane', 'sto_old']);
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listStories(db, { limit: 3, cursor });
        pages.push(...page.stories.map((each) => each.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual(all);
    });

    it("counts a long story's top actors over its latest events only, so that recounting does not grow with the story", async () => {
      await saveStory(db, story('sto_long_run', 'Long running story', '2020-01-01T00:00:00Z', '2025-06-01T00:00:00Z'), []);
      // More events of an earlier phase than the window holds, then a window's worth of later ones:
      // counted over all, the earlier actor would lead.
      const older = TOP_ACTOR_EVENTS + 100;
      await db.query(
        `insert into events (id, date, granularity, date_start, date_end, modality, summary, actors, date_text, sentence, fingerprint, story_id)
         select 'evt_long_' || n, d::text, 'day', d, d, 'occurred', 'Talks ' || n, case when n <= $1::int then '["Early Envoy"]' else '["Late Envoy"]' end::jsonb,
           'on that day', 'Talks ' || n, 'talks ' || n, 'sto_long_run'
         from generate_series(1, $1::int + $2::int) as n, lateral (select date '2020-01-01' + n as d) day`,
        [older, TOP_ACTOR_EVENTS],
      );
      await refreshStoryCounts(db, 'sto_long_run');
      const counted = await getStory(db, 'sto_long_run');
      expect(counted?.eventCount).toBe(older + TOP_ACTOR_EVENTS);
      expect(counted?.topActors).toEqual(['Late Envoy']);
    });

    it('finds candidates through the key index, not by reading every story', async () => {
      // 3,000 stories, one key each of 300 distinct keys; the planner must reach the ten that
      // share the asked key by the index even when a sequential scan is allowed.
      await db.query(
        `insert into stories (id, title, profile, first_seen_at, last_seen_at)
         select 'sto_bulk_' || n, 'Bulk ' || n, '{}'::jsonb, timestamptz '2025-06-01' + n * interval '1 minute', timestamptz '2025-06-01' + n * interval '1 minute'
         from generate_series(1, 3000) as n`,
      );
      await db.query(`insert into story_keys (key, story_id, last_seen_at) select 't:bulk' || (n % 300), 'sto_bulk_' || n, timestamptz '2025-06-01' + n * interval '1 minute' from generate_series(1, 3000) as n`);
      await db.query('analyze story_keys');
      await db.query('analyze stories');
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain ${NEAR_STORIES_SQL.replace('$1::text[]', "array['t:bulk7']").replace('$2::timestamptz', "'2025-01-01'").replace('$3', '20')}`);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      expect(plan).toContain('story_keys_key_idx');
      expect(plan).not.toMatch(/Seq Scan on story_keys/);
      expect((await storeStoryCandidates(db).near(['t:bulk7'], '2025-01-01T00:00:00Z', 20)).length).toBe(10);
    });

    it("keeps each article's profile in the order it joined, and moves articles with the events they first reported to another story", async () => {
      const profile = (word: string): ArticleProfile => ({ terms: { [word]: 1 }, actors: [], days: [], publishedAt: '2025-12-01T00:00:00.000Z', title: word });
      await saveStory(db, story('sto_offer', 'Angels offer', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z', 4), []);
      await saveStory(db, story('sto_other', 'Boston offer', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z', 0), []);
      const articles = await insertDiscoveredArticles(
        db,
        null,
        ['m1', 'm2', 'm3', 'm4'].map((k) => ({ url: `http://x.test/${k}`, canonicalUrl: `http://x.test/${k}`, title: k, publishedAt: null })),
      );
      // Joined in another order than their ids'.
      const joined = [articles[2], articles[0], articles[3], articles[1]];
      for (const [k, { id }] of joined.entries()) await setArticleStory(db, id, 'sto_offer', profile(`w${k}`));
      expect((await getStoryMembers(db, 'sto_offer')).map((m) => m.articleId)).toEqual(joined.map((a) => a.id));
      expect((await getStoryMembers(db, 'sto_offer', 2)).map((m) => [m.articleId, m.profile.title])).toEqual([[joined[2].id, 'w2'], [joined[3].id, 'w3']]);
      // Put in a story again (re-processing), an article keeps its profile and its place.
      await setArticleStory(db, joined[0].id, 'sto_offer');
      expect((await getStoryMembers(db, 'sto_offer')).map((m) => m.articleId)).toEqual(joined.map((a) => a.id));

      // An event first reported by a leaving article leaves with it; one an article that stays reported first stays.
      const leaving = joined[3];
      const firstByLeaving = await insertEvent(db, { ...event('2025-12-11', 'Boston offered seven years on Thursday.', ['Boston']), storyId: 'sto_offer' });
      const firstByStaying = await insertEvent(db, { ...event('2025-12-01', 'The Angels offered eight years on Monday.', ['Angels']), storyId: 'sto_offer' });
      await addMention(db, firstByLeaving, leaving.id, { sentence: 'a', summary: 'a', dateText: 'x', modality: 'occurred' });
      await addMention(db, firstByLeaving, joined[0].id, { sentence: 'b', summary: 'b', dateText: 'x', modality: 'occurred' });
      await addMention(db, firstByStaying, joined[0].id, { sentence: 'c', summary: 'c', dateText: 'x', modality: 'occurred' });
      await addMention(db, firstByStaying, leaving.id, { sentence: 'd', summary: 'd', dateText: 'x', modality: 'occurred' });
      await moveStoryArticles(db, 'sto_offer', 'sto_other', [leaving.id]);
      expect(await getArticleStoryId(db, leaving.id)).toBe('sto_other');
      expect((await getStoryMembers(db, 'sto_offer')).map((m) => m.articleId)).toEqual(joined.slice(0, 3).map((a) => a.id));
      expect((await getStoryMembers(db, 'sto_other')).map((m) => m.articleId)).toEqual([leaving.id]);
      expect((await getEvent(db, firstByLeaving))?.story?.id).toBe('sto_other');
      expect((await getEvent(db, firstByStaying))?.story?.id).toBe('sto_offer');
    });

    it('retires a story whose one article another story absorbed: its keys go, its events go along, its id leads to the other', async () => {
      const profile: ArticleProfile = { terms: { early: 1 }, actors: [], days: [], publishedAt: '2025-12-02T00:00:00.000Z', title: 'early' };
      await saveStory(db, story('sto_grown', 'Grown story', '2025-12-01T00:00:00Z', '2025-12-02T00:00:00Z', 3), ['t:grown']);
      await saveStory(db, story('sto_single', 'Single story', '2025-12-02T00:00:00Z', '2025-12-02T00:00:00Z', 1), ['t:single', 't:grown']);
      const [single, other] = await insertDiscoveredArticles(db, null, ['absorb-1', 'absorb-2'].map((k) => ({ url: `http://x.test/${k}`, canonicalUrl: `http://x.test/${k}`, title: k, publishedAt: null })));
      await setArticleStory(db, single.id, 'sto_single', profile);
      // One event its article first reported, one another article did (it reached the story otherwise).
      const own = await insertEvent(db, { ...event('2025-12-02', 'The early report told of it.', ['Early']), storyId: 'sto_single' });
      const stray = await insertEvent(db, { ...event('2025-12-02', 'Another article told of this first.', ['Other']), storyId: 'sto_single' });
      await addMention(db, own, single.id, { sentence: 'a', summary: 'a', dateText: 'x', modality: 'occurred' });
      await addMention(db, stray, other.id, { sentence: 'b', summary: 'b', dateText: 'x', modality: 'occurred' });
      // A story that still holds an article is never removed.
      await removeEmptiedStory(db, 'sto_single', 'sto_grown');
      expect(await getStory(db, 'sto_single')).not.toBeNull();
      await rejoinStory(db, single.id, 'sto_single', 'sto_grown');
      await removeEmptiedStory(db, 'sto_single', 'sto_grown');
      // Its id, once shown or named by a webhook filter, leads to the story its article is in; it is no longer listed.
      expect((await getStory(db, 'sto_single'))?.id).toBe('sto_grown');
      expect(await resolveStoryIds(db, ['sto_single', 'sto_grown', 'sto_unknown'])).toEqual(new Map([['sto_single', 'sto_grown'], ['sto_grown', 'sto_grown'], ['sto_unknown', 'sto_unknown']]));
      expect((await listStories(db, { limit: 100 })).stories.map((s) => s.id)).not.toContain('sto_single');
      expect((await listEvents(db, { storyId: 'sto_single', limit: 10 })).events.map((e) => e.id).sort()).toEqual([own, stray].sort());
      expect(await getArticleStoryId(db, single.id)).toBe('sto_grown');
      for (const id of [own, stray]) expect((await getEvent(db, id))?.story?.id).toBe('sto_grown');
      expect((await storeStoryCandidates(db).near(['t:single', 't:grown'], '2025-01-01T00:00:00Z', 10)).map((s) => s.id)).toEqual(['sto_grown']);
    });
  });
}
