import type { Queryable } from './database.js';
import { ValidationError } from '../errors.js';
import { decodeCursor, encodeCursor, exactInstantSql } from './article-store.js';
import { writeEventKeys } from './event-keys-store.js';
import { addReportsToSearch, refreshEventSearch, searchQuerySql } from './event-search.js';
import { newId } from './ids.js';
import { isoOrNull } from './source-store.js';

/** The event as the public contracts show it (API, webhooks, CLI). */
export interface PublicEvent {
  id: string;
  date: string;
  granularity: string;
  dateBasis: string;
  modality: string;
  summary: string;
  actors: string[];
  dateText: string;
  sentence: string;
  sourceCount: number;
  mentionCount: number;
  /** One per reporting article: its canonical URL (no tracking parameters), id and title. */
  sources: { url: string; site: string | null; title: string | null; articleId: string; sourceId: string | null; publishedAt: string | null }[];
  /** The story the event belongs to (that of the article that first reported it); null before stories were kept. */
  story: { id: string; title: string } | null;
  firstSeenAt: string;
  /** When a report last added to the event (a source, actors); feeds show it as `updated`. */
  updatedAt: string;
}

export interface StoredEventCore {
  id: string;
  date: string;
  dateBasis: string;
  modality: string;
  summary: string;
  sentence: string;
  actors: string[];
  /** The articles that told it: one article telling two things is weaker evidence of one happening. */
  reportedIn: string[];
  /** The story it belongs to, if any: merging looks inside the article's story first. */
  storyId: string | null;
  /** Its sentence opens with a one-word actor its article shows to be a name (dedup/named-participants.ts). */
  openerNamed?: boolean;
}

export interface NewEvent {
  date: string;
  granularity: string;
  /** 'text' when not given (the events stored before the field were all dated by their text). */
  dateBasis?: string;
  dateStart: string;
  dateEnd: string;
  modality: string;
  summary: string;
  actors: string[];
  dateText: string;
  sentence: string;
  fingerprint: string;
  /** The story of the article that reports it first. */
  storyId?: string | null;
}

export interface Mention {
  sentence: string;
  summary: string;
  dateText: string;
  modality: string;
}

/** A JSON list of strings as the driver gives it: parsed already, or as text. */
export function parseStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return JSON.parse(value) as string[];
  return [];
}

export async function insertEvent(db: Queryable, event: NewEvent): Promise<string> {
  const id = newId('evt');
  await db.query(
    `insert into events (id, date, granularity, date_start, date_end, modality, summary, actors, date_text, sentence, fingerprint, date_basis, story_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13)`,
    [id, event.date, event.granularity, event.dateStart, event.dateEnd, event.modality, event.summary, JSON.stringify(event.actors), event.dateText, event.sentence, event.fingerprint, event.dateBasis ?? 'text', event.storyId ?? null],
  );
  await writeEventKeys(db, [{ ...event, id }]);
  await refreshEventSearch(db, [id]);
  return id;
}

/** Adds one article's report of an event; false when that report was already recorded. */
export async function addMention(db: Queryable, eventId: string, articleId: string, mention: Mention): Promise<boolean> {
  const { rows } = await db.query(
    `insert into event_mentions (event_id, article_id, sentence, summary, date_text, modality)
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning event_id`,
    [eventId, articleId, mention.sentence, mention.summary, mention.dateText, mention.modality],
  );
  // A new report adds its texts; one told before is an article processed again, which may bring
  // a new title: the whole document is made again then (rare, and the only way a text leaves it).
  if (rows.length > 0) await addReportsToSearch(db, articleId, { eventIds: [eventId], reports: [{ eventId, ...mention }], names: [] });
  else await refreshEventSearch(db, [eventId]);
  return rows.length > 0;
}

export interface EventQuery {
  since?: string;
  until?: string;
  q?: string;
  sourceId?: string;
  /** Only the events of this story. */
  storyId?: string;
  /** With q, by relevance unless 'date' is asked; without q, always by date. */
  order?: 'relevance' | 'date';
  modality?: string;
  /**
   * Only new developments: events dated at most `newWithinDays` before the publication of some
   * article that reports them, or later (notify/new-development.ts says the same for webhooks).
   */
  newWithinDays?: number;
  /** Only events first seen after this instant (the timeline's live update). */
  seenAfter?: string;
  limit: number;
  cursor?: string;
}

const EVENT_COLUMNS = `e.id, e.date, e.granularity, e.date_basis, e.modality, e.summary, e.actors, e.date_text, e.sentence,
  e.first_seen_at, e.updated_at, e.date_start::text as date_start, e.story_id, (select s.title from stories s where s.id = e.story_id) as story_title`;

/**
 * Newest first (by the date the event happened or is due, then by when it was first seen); with
 * words to search, the best match first unless the date order is asked for.
 */
export async function listEvents(db: Queryable, query: EventQuery): Promise<{ events: PublicEvent[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  // since/until select by the event's period: an event of November 2025 is within since=2025-11-20.
  if (query.since) where.push(`e.date_end >= $${params.push(query.since)}::date`);
  if (query.until) where.push(`e.date_start <= $${params.push(query.until)}::date`);
  let rank: string | null = null;
  if (query.q) {
    const words = searchQuerySql(`$${params.push(query.q)}`);
    where.push(`e.search @@ ${words}`);
    if (query.order !== 'date') rank = `ts_rank(e.search, ${words})`;
  }
  if (query.sourceId) {
    where.push(`exists (select 1 from event_mentions m join articles a on a.id = m.article_id where m.event_id = e.id and a.source_id = $${params.push(query.sourceId)})`);
  }
  // A retired story's id (story-store.ts removeEmptiedStory) names the story it was absorbed into.
  if (query.storyId) where.push(`e.story_id = (select coalesce(max(merged_into), $${params.push(query.storyId)}) from stories where id = $${params.length})`);
  if (query.modality) where.push(`e.modality = $${params.push(query.modality)}`);
  if (query.newWithinDays !== undefined) {
    where.push(
      `exists (select 1 from event_mentions m join articles a on a.id = m.article_id where m.event_id = e.id
         and e.date_end >= (coalesce(a.published_at, a.feed_published_at, a.created_at) at time zone 'UTC')::date - $${params.push(query.newWithinDays)}::integer)`,
    );
  }
  // To the millisecond: the instant given is a firstSeenAt the API printed, which has no microseconds.
  if (query.seenAfter) where.push(`date_trunc('milliseconds', e.first_seen_at) > $${params.push(query.seenAfter)}::timestamptz`);
  // Keyset paging: the cursor holds the sort key of the page's last event.
  const keys = ['e.date_start', 'e.date', 'e.first_seen_at', 'e.id'];
  const casts = ['::date', '', '::timestamptz', ''];
  if (rank) {
    keys.unshift(rank);
    casts.unshift('::real');
  }
  if (query.cursor) {
    const parts = decodeCursor(query.cursor);
    if (parts.length !== keys.length) throw new ValidationError('cursor', 'not a cursor of this search and order');
    where.push(`(${keys.join(', ')}) < (${parts.map((part, i) => `$${params.push(part)}${casts[i]}`).join(', ')})`);
  }
  // Newest first by the period's first day; one date value's events stay together (a year and
  // its first quarter both start on 1 January).
  const { rows } = await db.query(
    `select ${EVENT_COLUMNS}, ${exactInstantSql('e.first_seen_at')} as cursor_at${rank ? `, ${rank}::text as rank` : ''} from events e ${where.length ? `where ${where.join(' and ')}` : ''}
     order by ${keys.map((key) => `${key} desc`).join(', ')} limit ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const events = await withSources(db, page);
  const last = page.at(-1);
  const lastKey = last && [last.date_start as string, last.date as string, last.cursor_at as string, last.id as string];
  if (last && lastKey && rank) lastKey.unshift(last.rank as string);
  const nextCursor = rows.length > query.limit && lastKey ? encodeCursor(lastKey) : null;
  return { events, nextCursor };
}

export async function getEvent(db: Queryable, id: string): Promise<PublicEvent | null> {
  const { rows } = await db.query(`select ${EVENT_COLUMNS} from events e where e.id = $1`, [id]);
  if (!rows[0]) return null;
  return (await withSources(db, rows))[0];
}

/** The events an article reports, newest first. */
export async function listEventIdsOfArticle(db: Queryable, articleId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `select e.id from events e where exists (select 1 from event_mentions m where m.event_id = e.id and m.article_id = $1)
     order by e.date_start desc, e.date desc, e.id desc`,
    [articleId],
  );
  return rows.map((row) => row.id);
}

/**
 * The events of `ids`. `sourcesLimit` bounds the sources each carries: the first article that
 * told it and the latest ones (by when their telling was recorded, so the article that just
 * told it again is among them); sourceCount and mentionCount still count them all.
 */
export async function getEvents(db: Queryable, ids: readonly string[], options: { sourcesLimit?: number } = {}): Promise<PublicEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query(`select ${EVENT_COLUMNS} from events e where e.id = any($1::text[])`, [ids]);
  return withSources(db, rows, options.sourcesLimit);
}

/** Sources an event carries when no limit is asked for (PostgreSQL's largest int). */
const ALL_SOURCES = 2 ** 31 - 1;

async function withSources(db: Queryable, rows: Record<string, unknown>[], sourcesLimit = ALL_SOURCES): Promise<PublicEvent[]> {
  if (rows.length === 0) return [];
  const { rows: sources } = await db.query<{
    event_id: string;
    article_id: string;
    source_id: string | null;
    url: string;
    site_name: string | null;
    title: string | null;
    published_at: unknown;
    articles: number | string;
    mentions: number | string;
  }>(
    // One row per (event, article), counted over all of them before the limit keeps the first
    // and the latest. The canonical URL, not the one the feed gave (…?utm_source=rss): links
    // shared from an event carry no tracking. The feed's title stands in until the page's own is known.
    `select t.event_id, t.article_id, t.articles, t.mentions, a.source_id, a.canonical_url as url, a.site_name, coalesce(a.title, a.feed_title) as title, a.published_at
     from (
       select event_id, article_id,
              count(*) over (partition by event_id) as articles,
              sum(count(*)) over (partition by event_id) as mentions,
              row_number() over (partition by event_id order by min(created_at), article_id) as first,
              row_number() over (partition by event_id order by min(created_at) desc, article_id desc) as latest
       from event_mentions where event_id = any($1::text[]) group by event_id, article_id
     ) t join articles a on a.id = t.article_id
     where t.first = 1 or t.latest < $2
     order by a.published_at nulls last, a.id`,
    [rows.map((row) => row.id), sourcesLimit],
  );
  return rows.map((row) => {
    const own = sources.filter((source) => source.event_id === row.id);
    return {
      id: row.id as string,
      date: row.date as string,
      granularity: row.granularity as string,
      dateBasis: row.date_basis as string,
      modality: row.modality as string,
      summary: row.summary as string,
      actors: parseStringList(row.actors),
      dateText: row.date_text as string,
      sentence: row.sentence as string,
      sourceCount: Number(own[0]?.articles ?? 0),
      mentionCount: Number(own[0]?.mentions ?? 0),
      sources: own.map((mention) => ({
        url: mention.url,
        site: mention.site_name,
        title: mention.title,
        articleId: mention.article_id,
        sourceId: mention.source_id ?? null,
        publishedAt: isoOrNull(mention.published_at),
      })),
      story: row.story_id ? { id: row.story_id as string, title: (row.story_title as string) ?? '' } : null,
      firstSeenAt: isoOrNull(row.first_seen_at) as string,
      updatedAt: isoOrNull(row.updated_at) as string,
    };
  });
}
