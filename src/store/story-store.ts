import type { ArticleProfile, StoryCandidates, StoryProfile } from '../stories/story-types.js';
import { decodeCursor, encodeCursor } from './article-store.js';
import type { Queryable } from './database.js';
import { isoOrNull } from './source-store.js';

/** A story as the public contracts show it (API, timeline page). */
export interface PublicStory {
  id: string;
  /** The most central headline among its articles. */
  title: string;
  /** Publication time of its first and of its latest article. */
  firstSeenAt: string;
  lastSeenAt: string;
  articleCount: number;
  eventCount: number;
  /** The actors its events name most often, most often first. */
  topActors: string[];
}

/** How many actors a story shows: enough to tell two stories apart in a list. */
export const TOP_ACTORS = 5;

type StoryRow = {
  id: string;
  title: string;
  first_seen_at: unknown;
  last_seen_at: unknown;
  article_count: number | string;
  event_count: number | string;
  top_actors: unknown;
};

const STORY_COLUMNS = 'id, title, first_seen_at, last_seen_at, article_count, event_count, top_actors';

function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

function toPublic(row: StoryRow): PublicStory {
  return {
    id: row.id,
    title: row.title,
    firstSeenAt: isoOrNull(row.first_seen_at) as string,
    lastSeenAt: isoOrNull(row.last_seen_at) as string,
    articleCount: Number(row.article_count),
    eventCount: Number(row.event_count),
    topActors: parseJson<string[]>(row.top_actors, []),
  };
}

/** $1 the keys, $2 the earliest last_seen_at, $3 how many stories. Exported for the test that reads its plan. */
export const NEAR_STORIES_SQL = `with hits as (
  select story_id, count(*) as shared, max(last_seen_at) as seen from story_keys
  where key = any($1::text[]) and last_seen_at >= $2::timestamptz
  group by story_id
  order by count(*) desc, story_id
  limit $3
)
select s.id, s.title, s.profile from hits join stories s on s.id = hits.story_id
order by hits.shared desc, s.id`;

/**
 * The story stage's candidates from the store: the stories sharing most index keys with the
 * article among those seen since `since`, ties in id order (as stories/memory-index.ts, so that
 * the service and the offline command group alike). Read through story_keys' (key, last_seen_at) index, so
 * that the cost follows the keys asked and the recent stories holding them, never the number of
 * stories or articles kept.
 */
export function storeStoryCandidates(db: Queryable): StoryCandidates {
  return {
    near: async (keys, since, limit) => {
      if (keys.length === 0 || limit <= 0) return [];
      const { rows } = await db.query<{ id: string; title: string; profile: unknown }>(
        NEAR_STORIES_SQL,
        [[...new Set(keys)], since, limit],
      );
      return rows.map((row) => ({ ...parseJson<StoryProfile>(row.profile, {} as StoryProfile), id: row.id, title: row.title }));
    },
  };
}

/**
 * Keeps a story after an article joined or opened it: its profile, and `keys` (storyIndexKeys of
 * the story as it now is) as its only keys in the index: a key its profile no longer ranks goes,
 * as in stories/memory-index.ts. Every key takes the story's last_seen_at, so that `near` reads
 * only recent stories' keys.
 */
export async function saveStory(db: Queryable, story: StoryProfile, keys: readonly string[]): Promise<void> {
  // One statement (every article saves its story): the story row, then its keys, those it no
  // longer has gone and the rest upserted (two disjoint sets, so the two changes never meet).
  await db.query(
    `with saved as (
       insert into stories (id, title, profile, first_seen_at, last_seen_at, article_count)
       values ($1, $2, $3::jsonb, $4, $5, $6)
       on conflict (id) do update set title = excluded.title, profile = excluded.profile, first_seen_at = excluded.first_seen_at,
         last_seen_at = excluded.last_seen_at, article_count = excluded.article_count, updated_at = now()
       returning id
     ), dropped as (
       delete from story_keys where story_id = $1 and not (key = any($7::text[]))
     )
     insert into story_keys (key, story_id, last_seen_at) select key, saved.id, $5 from saved, unnest($7::text[]) as key
     on conflict (story_id, key) do update set last_seen_at = excluded.last_seen_at`,
    [story.id, story.title, JSON.stringify(story), story.firstSeenAt, story.lastSeenAt, story.articleCount, [...new Set(keys)]],
  );
}

/** The story an article was assigned to, if it was (re-processing keeps it there). */
export async function getArticleStoryId(db: Queryable, articleId: string): Promise<string | null> {
  const { rows } = await db.query<{ story_id: string | null }>('select story_id from articles where id = $1', [articleId]);
  return rows[0]?.story_id ?? null;
}

/**
 * Puts an article in a story; with the profile the story stage compared it by, kept beside it with
 * the order it joined in, so that a story that splits (stories/split-story.ts) can be rebuilt from its
 * articles in the order they joined.
 */
export async function setArticleStory(db: Queryable, articleId: string, storyId: string, profile?: ArticleProfile): Promise<void> {
  await db.query(
    `update articles set story_id = $2, story_profile = coalesce($3::jsonb, story_profile),
       story_joined = coalesce(story_joined, nextval('story_join_order')), updated_at = now() where id = $1`,
    [articleId, storyId, profile ? JSON.stringify(profile) : null],
  );
}

/** An article of a story as the story stage compared it. */
export interface StoryMemberRow {
  articleId: string;
  profile: ArticleProfile;
}

/**
 * A story's articles that have a profile, in the order they joined (oldest first): the most
 * recent `limit` of them (read through articles_story_joined_idx), or all without one.
 */
export async function getStoryMembers(db: Queryable, storyId: string, limit?: number): Promise<StoryMemberRow[]> {
  const { rows } = await db.query<{ id: string; story_profile: unknown }>(
    `select id, story_profile from articles where story_id = $1 and story_profile is not null
     order by story_joined desc limit $2`,
    [storyId, limit ?? null],
  );
  return rows.reverse().map((row) => ({ articleId: row.id, profile: parseJson<ArticleProfile>(row.story_profile, {} as ArticleProfile) }));
}

/**
 * Moves articles from one story to another (a split: stories/split-story.ts), and with them the
 * events they first reported (the events a story holds are those of the article that first
 * reported them, as claimEventsForStory gave them): the story of an event's earliest mention.
 */
export async function moveStoryArticles(db: Queryable, fromStoryId: string, toStoryId: string, articleIds: readonly string[]): Promise<void> {
  if (articleIds.length === 0) return;
  const ids = [...new Set(articleIds)];
  await db.query('update articles set story_id = $2, updated_at = now() where story_id = $1 and id = any($3::text[])', [fromStoryId, toStoryId, ids]);
  await db.query(
    `update events e set story_id = $2 where e.story_id = $1 and (
       select m.article_id from event_mentions m where m.event_id = e.id order by m.created_at, m.article_id limit 1
     ) = any($3::text[])`,
    [fromStoryId, toStoryId, ids],
  );
}

/**
 * Moves one article to another story as if it joined it now (stories/rehome-member.ts: a member
 * another story would take first), with the events it first reported (moveStoryArticles): it
 * becomes that story's most recent article, as the offline grouping appends it.
 */
export async function rejoinStory(db: Queryable, articleId: string, fromStoryId: string, toStoryId: string): Promise<void> {
  await moveStoryArticles(db, fromStoryId, toStoryId, [articleId]);
  await db.query(`update articles set story_joined = nextval('story_join_order') where id = $1 and story_id = $2`, [articleId, toStoryId]);
}

/**
 * Retires a story whose articles all went to another (stories/absorb-single.ts): any event still
 * in it goes to that story too, its index keys go, and it stays as a pointer to that story
 * (`merged_into`, as do the stories that pointed to it), so that its id still resolves: a page
 * or a webhook filter may name it (resolveStoryIds).
 */
export async function removeEmptiedStory(db: Queryable, storyId: string, intoStoryId: string): Promise<void> {
  await db.query('update events set story_id = $2 where story_id = $1', [storyId, intoStoryId]);
  const { rows } = await db.query(
    `update stories set merged_into = $2, article_count = 0, event_count = 0, updated_at = now()
     where id = $1 and not exists (select 1 from articles where story_id = $1) returning id`,
    [storyId, intoStoryId],
  );
  if (rows.length === 0) return;
  await db.query('delete from story_keys where story_id = $1', [storyId]);
  await db.query('update stories set merged_into = $2 where merged_into = $1', [storyId, intoStoryId]);
}

/**
 * The story each id is now: itself, or the story a retired one was absorbed into (one step:
 * removeEmptiedStory keeps every pointer on the living story). Unknown ids map to themselves.
 */
export async function resolveStoryIds(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  const resolved = new Map(ids.map((id) => [id, id]));
  if (ids.length === 0) return resolved;
  const { rows } = await db.query<{ id: string; merged_into: string }>('select id, merged_into from stories where id = any($1::text[]) and merged_into is not null', [[...new Set(ids)]]);
  for (const row of rows) resolved.set(row.id, row.merged_into);
  return resolved;
}

/**
 * Events belong to the story of the article that first reported them: those without a story
 * take this one, those in a story keep theirs (a later report from another story does not move
 * an event, so ids and webhook filters stay stable).
 */
export async function claimEventsForStory(db: Queryable, eventIds: readonly string[], storyId: string): Promise<void> {
  if (eventIds.length === 0) return;
  await db.query('update events set story_id = $2 where id = any($1::text[]) and story_id is null', [[...new Set(eventIds)], storyId]);
}

/**
 * Recounts a story's articles and events and its most named actors, from the rows that hold them.
 * The actors are counted over its latest TOP_ACTOR_EVENTS events (by date, through
 * events_story_idx): every processed article recounts its story, and reading the actors of all
 * of a long story's events made each article cost more as the story grew.
 */
export async function refreshStoryCounts(db: Queryable, storyId: string): Promise<void> {
  await db.query(
    `update stories set
       article_count = (select count(*) from articles where story_id = $1),
       event_count = (select count(*) from events where story_id = $1),
       top_actors = coalesce((
         select jsonb_agg(actor order by mentions desc, actor) from (
           select actor, count(*) as mentions
           from (select actors from events where story_id = $1 order by date_start desc, date desc, first_seen_at desc, id desc limit ${TOP_ACTOR_EVENTS}) e,
             jsonb_array_elements_text(e.actors) as actor
           group by actor order by count(*) desc, actor limit ${TOP_ACTORS}
         ) top
       ), '[]'::jsonb)
     where id = $1`,
    [storyId],
  );
}

/** How many of a story's latest events its top actors are counted over (see refreshStoryCounts). */
export const TOP_ACTOR_EVENTS = 500;

export interface StoryQuery {
  limit: number;
  cursor?: string;
}

/** Newest activity first (the story's latest article), keyset-paginated on (last_seen_at, id). */
export async function listStories(db: Queryable, query: StoryQuery): Promise<{ stories: PublicStory[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.cursor) {
    const [lastSeenAt, id] = decodeCursor(query.cursor);
    where.push(`(last_seen_at, id) < ($${params.push(lastSeenAt)}::timestamptz, $${params.push(id)})`);
  }
  const { rows } = await db.query<StoryRow>(
    `select ${STORY_COLUMNS} from stories where merged_into is null${where.map((clause) => ` and ${clause}`).join('')}
     order by last_seen_at desc, id desc limit ${query.limit + 1}`,
    params,
  );
  const stories = rows.slice(0, query.limit).map(toPublic);
  const last = stories.at(-1);
  return { stories, nextCursor: rows.length > query.limit && last ? encodeCursor([last.lastSeenAt, last.id]) : null };
}

/** A story by id; a retired one (removeEmptiedStory) gives the story it was absorbed into. */
export async function getStory(db: Queryable, id: string): Promise<PublicStory | null> {
  const { rows } = await db.query<StoryRow>(
    `select ${STORY_COLUMNS} from stories where id = coalesce((select merged_into from stories where id = $1), $1)`,
    [id],
  );
  return rows[0] ? toPublic(rows[0]) : null;
}
