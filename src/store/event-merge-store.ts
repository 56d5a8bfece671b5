import type { Queryable } from './database.js';
import { parseStringList, type StoredEventCore } from './event-store.js';
import { writeEventKeys } from './event-keys-store.js';
import { addReportsToSearch, refreshEventSearch } from './event-search.js';

/**
 * The store's side of one article's merge (pipeline/merge-events.ts): what it reads, in two
 * queries, and what it writes, in a few statements, whatever the number of events and
 * candidates (one statement per event and candidate cost most of the stage's time).
 */

/** A stored event as the merge reads and changes it. */
export interface MergeEvent extends StoredEventCore {
  granularity: string;
  dateText: string;
  dateStart: string;
  dateEnd: string;
  fingerprint: string;
}

export interface MergeInputs {
  /** This article's stored tellings (a re-processed article finds its events again). */
  tellings: Array<{ sentence: string; summary: string; event: MergeEvent }>;
  /** Stored events sharing a key with one of the article's events near its period, oldest first. */
  candidates: MergeEvent[];
}

type MergeRow = {
  id: string;
  date: string;
  granularity: string;
  date_basis: string;
  modality: string;
  summary: string;
  sentence: string;
  actors: unknown;
  story_id: string | null;
  date_text: string;
  date_start: string;
  date_end: string;
  fingerprint: string;
  opener_named: boolean | null;
  in_article: boolean;
};

/** `$1` is the article being merged: whether it told the event is all the merge weighs of who told it. */
const MERGE_COLUMNS = `e.id, e.date, e.granularity, e.date_basis, e.modality, e.summary, e.sentence, e.actors, e.story_id, e.date_text,
  e.date_start::text as date_start, e.date_end::text as date_end, e.fingerprint, e.opener_named,
  exists (select 1 from event_mentions told where told.event_id = e.id and told.article_id = $1) as in_article`;

/**
 * Reads the article's tellings and the candidates of its reports: events sharing one of a
 * report's keys whose period overlaps the report's or lies a day off it (the `event_keys`
 * index). A key that more than COMMON_KEY events near the report's date share (a word every
 * report of a busy day uses, a templated sentence's words) is not looked up: it says little of
 * which event a report repeats, and reading every event that has it made each article cost as
 * much as the day's whole volume (a report with only such keys has no candidate: its own name,
 * sentence or telling words are what another outlet's report of it would share). So the cost
 * does not grow with the store, nor with the day. Each key's count stops past the bound, so
 * that counting costs no more than the bound however common a key is.
 *
 * One statement, the reports passed as one JSON document (a period and its keys each): the
 * count, the look-up and the tellings were three round trips, and the keys, sent as arrays of
 * one element per (key, period), were most of what the main thread allocated per article.
 * One object per event, shared by both lists.
 */
export async function readMergeInputs(db: Queryable, articleId: string, reports: ReadonlyArray<{ start: string; end: string; keys: readonly string[] }>): Promise<MergeInputs> {
  const byId = new Map<string, MergeEvent>();
  const eventOf = (row: MergeRow) => byId.get(row.id) ?? byId.set(row.id, mergeEventOf(row, articleId)).get(row.id)!;
  const { rows } = await db.query<MergeRow & { telling_sentence: string | null; telling_summary: string | null }>(
    `with report as (
       select p.day_start, p.day_end, key
       from jsonb_to_recordset($2::jsonb) as p(day_start date, day_end date, keys text[]) cross join lateral unnest(p.keys) as key
     ), probe as (
       select r.key, r.day_start, r.day_end from report r
       where (select count(*) from (select 1 from event_keys k where k.key = r.key and k.date_end >= r.day_start - 1 and k.date_start <= r.day_end + 1 limit $3) c) <= $4
     ), hit as (
       -- A lateral look-up per probe ("offset 0" keeps the planner from flattening it), so that
       -- the index is searched by key and dates: joined, it was searched by key alone and read
       -- every event that ever had a key common on other days.
       select distinct k.event_id from probe r
       cross join lateral (select event_id from event_keys k where k.key = r.key and k.date_end >= r.day_start - 1 and k.date_start <= r.day_end + 1 offset 0) k
     )
     select * from (
       select ${MERGE_COLUMNS}, null::text as telling_sentence, null::text as telling_summary, 0 as part, e.first_seen_at as seen
       from events e join hit on hit.event_id = e.id
       union all
       select ${MERGE_COLUMNS}, m.sentence, m.summary, 1, null from event_mentions m join events e on e.id = m.event_id where m.article_id = $1
     ) both_lists
     order by part, seen, id`,
    [articleId, JSON.stringify(reports.map((report) => ({ day_start: report.start, day_end: report.end, keys: report.keys }))), COMMON_KEY + 1, COMMON_KEY],
  );
  const candidates: MergeEvent[] = [];
  const tellings: MergeInputs['tellings'] = [];
  for (const row of rows) {
    if (row.telling_sentence === null) candidates.push(eventOf(row));
    else tellings.push({ sentence: row.telling_sentence, summary: row.telling_summary ?? '', event: eventOf(row) });
  }
  return { candidates, tellings };
}

/** More events near a report's date than this sharing a key make it too common to look up (see readMergeInputs). */
export const COMMON_KEY = 100;

function mergeEventOf(row: MergeRow, articleId: string): MergeEvent {
  return {
    id: row.id,
    date: row.date,
    granularity: row.granularity,
    dateBasis: row.date_basis,
    modality: row.modality,
    summary: row.summary,
    sentence: row.sentence,
    actors: parseStringList(row.actors),
    storyId: row.story_id ?? null,
    dateText: row.date_text,
    dateStart: row.date_start,
    dateEnd: row.date_end,
    fingerprint: row.fingerprint,
    ...(row.opener_named ? { openerNamed: true } : {}),
    reportedIn: row.in_article ? [articleId] : [],
  };
}

export interface MergeOutcome {
  /** New events, as they stand after the whole article (a later report may have refined one). */
  created: readonly MergeEvent[];
  /**
   * Stored events the article told again: with a new telling (touched: updated_at moves), new
   * actors, a finer date, or told before by this article (re-processing).
   */
  changed: ReadonlyArray<{ event: MergeEvent; addedActors: readonly string[]; refined: boolean; touched: boolean; toldBefore: boolean }>;
  /** The article's new tellings. */
  mentions: ReadonlyArray<{ eventId: string; sentence: string; summary: string; dateText: string; modality: string }>;
}

/**
 * Writes one article's merge: new events with their keys, the tellings, the changed events
 * (actors, date, updated_at) with their keys moved and widened, then the search documents: made
 * whole for new events and for events the article told before (a new title may replace an
 * old one), added to for the rest.
 */
export async function writeMergeOutcome(db: Queryable, articleId: string, outcome: MergeOutcome): Promise<void> {
  const { created, changed, mentions } = outcome;
  if (created.length > 0) await insertEvents(db, created);
  if (mentions.length > 0) await insertMentions(db, articleId, mentions);
  const updated = changed.filter((entry) => entry.refined || entry.touched).map(({ event }) => event);
  if (updated.length > 0) await updateEvents(db, updated);
  await writeEventKeys(db, [...created, ...changed.filter((entry) => entry.refined || entry.addedActors.length > 0).map(({ event }) => event)]);
  const rebuilt = [...created.map((event) => event.id), ...changed.filter((entry) => entry.toldBefore).map(({ event }) => event.id)];
  await refreshEventSearch(db, rebuilt);
  const addedTo = changed.filter((entry) => !entry.toldBefore);
  await addReportsToSearch(db, articleId, {
    eventIds: addedTo.map(({ event }) => event.id),
    reports: mentions.filter((mention) => addedTo.some(({ event }) => event.id === mention.eventId)),
    names: addedTo.filter((entry) => entry.addedActors.length > 0).map(({ event, addedActors }) => ({ eventId: event.id, names: addedActors.join(' ') })),
  });
}

async function insertEvents(db: Queryable, events: readonly MergeEvent[]): Promise<void> {
  const column = <K extends keyof MergeEvent>(key: K) => events.map((event) => event[key]);
  await db.query(
    `insert into events (id, date, granularity, date_start, date_end, modality, summary, actors, date_text, sentence, fingerprint, date_basis, story_id, opener_named)
     select id, date, granularity, date_start, date_end, modality, summary, actors::jsonb, date_text, sentence, fingerprint, date_basis, story_id, opener_named
     from unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::boolean[])
       as t(id, date, granularity, date_start, date_end, modality, summary, actors, date_text, sentence, fingerprint, date_basis, story_id, opener_named)`,
    [
      column('id'), column('date'), column('granularity'), column('dateStart'), column('dateEnd'), column('modality'), column('summary'),
      events.map((event) => JSON.stringify(event.actors)), column('dateText'), column('sentence'), column('fingerprint'), column('dateBasis'), column('storyId'),
      events.map((event) => event.openerNamed === true),
    ],
  );
}

async function insertMentions(db: Queryable, articleId: string, mentions: MergeOutcome['mentions']): Promise<void> {
  const column = <K extends keyof MergeOutcome['mentions'][number]>(key: K) => mentions.map((mention) => mention[key]);
  await db.query(
    `insert into event_mentions (event_id, article_id, sentence, summary, date_text, modality)
     select event_id, $1, sentence, summary, date_text, modality
     from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as t(event_id, sentence, summary, date_text, modality)
     on conflict do nothing`,
    [articleId, column('eventId'), column('sentence'), column('summary'), column('dateText'), column('modality')],
  );
}

async function updateEvents(db: Queryable, events: readonly MergeEvent[]): Promise<void> {
  const column = <K extends keyof MergeEvent>(key: K) => events.map((event) => event[key]);
  await db.query(
    `update events e set actors = t.actors::jsonb, date = t.date, granularity = t.granularity, date_start = t.date_start, date_end = t.date_end,
       date_basis = t.date_basis, date_text = t.date_text, updated_at = now()
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::text[], $8::text[])
       as t(id, actors, date, granularity, date_start, date_end, date_basis, date_text)
     where e.id = t.id`,
    [column('id'), events.map((event) => JSON.stringify(event.actors)), column('date'), column('granularity'), column('dateStart'), column('dateEnd'), column('dateBasis'), column('dateText')],
  );
}
