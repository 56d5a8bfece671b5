import type { Queryable } from './database.js';

/**
 * Full-text search over events: one `tsvector` per event (`events.search`, GIN-indexed), kept by
 * the store whenever a report adds to the event, queried with `websearch_to_tsquery` so that a
 * reader can type `"peace plan" -crimea`. The same SQL runs on PGlite and PostgreSQL.
 *
 * Each text goes in twice: through the `english` configuration (stems, so "talk" finds "talks")
 * and through `simple` (lower-cased words as written), so that an article in another language is
 * still found by its own words. The query is read both ways and either reading may match.
 *
 * Weights rank the fields: summary and actors (A) over the articles' titles (B) over the
 * sentences (C).
 */

/** The SQL expression of the search document of the event row `e`. */
/** A text's search vector in both configurations (see above), at one weight. */
function weightedSql(text: string, weight: string): string {
  return `setweight(to_tsvector('english', ${text}), '${weight}') || setweight(to_tsvector('simple', ${text}), '${weight}')`;
}

function documentSql(): string {
  const head = `e.summary || ' ' || coalesce((select string_agg(actor, ' ') from jsonb_array_elements_text(e.actors) as actor), '')`;
  const titles = `coalesce((select string_agg(distinct a.title, ' ') from event_mentions m join articles a on a.id = m.article_id where m.event_id = e.id), '')`;
  const body = `e.sentence || ' ' || coalesce((select string_agg(distinct m.sentence || ' ' || m.summary, ' ') from event_mentions m where m.event_id = e.id), '')`;
  return `${weightedSql(head, 'A')} || ${weightedSql(titles, 'B')} || ${weightedSql(body, 'C')}`;
}

/** Recomputes the search document of every event (the migration that adds the column). */
export const REFRESH_ALL_EVENT_SEARCH_SQL = `update events e set search = ${documentSql()}`;

/** Recomputes the search document of these events, after a report added to them. */
export async function refreshEventSearch(db: Queryable, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await db.query(`update events e set search = ${documentSql()} where e.id = any($1::text[])`, [eventIds]);
}

/**
 * Adds one article's new reports to the search documents of events other articles told before,
 * rather than making each document again from all the event's reports (which made each report
 * cost as much as all before it): the names the article brought (A), its title (B) and each
 * report's sentence and summary (C), each only when no other article gave the same text already
 * (the whole document takes each text once). Called after the reports' rows are written.
 */
export async function addReportsToSearch(
  db: Queryable,
  articleId: string,
  added: { eventIds: readonly string[]; reports: ReadonlyArray<{ eventId: string; sentence: string; summary: string }>; names: ReadonlyArray<{ eventId: string; names: string }> },
): Promise<void> {
  if (added.eventIds.length === 0) return;
  await db.query(
    `with report as (
       select t.event_id, t.sentence, t.summary from unnest($2::text[], $3::text[], $4::text[]) as t(event_id, sentence, summary)
       where not exists (select 1 from event_mentions m where m.event_id = t.event_id and m.article_id <> $1 and m.sentence = t.sentence and m.summary = t.summary)
     ),
     body as (select event_id, string_agg(sentence || ' ' || summary, ' ') as text from report group by event_id),
     names as (select * from unnest($5::text[], $6::text[]) as n(event_id, text)),
     title as (select title from articles where id = $1 and title is not null)
     update events e set search = coalesce(e.search, ''::tsvector)
       || coalesce((select ${weightedSql('n.text', 'A')} from names n where n.event_id = e.id), ''::tsvector)
       || coalesce((select ${weightedSql('t.title', 'B')} from title t where not exists (
            select 1 from event_mentions m join articles other on other.id = m.article_id where m.event_id = e.id and m.article_id <> $1 and other.title = t.title)), ''::tsvector)
       || coalesce((select ${weightedSql('b.text', 'C')} from body b where b.event_id = e.id), ''::tsvector)
     where e.id = any($7::text[])`,
    [
      articleId,
      added.reports.map((report) => report.eventId),
      added.reports.map((report) => report.sentence),
      added.reports.map((report) => report.summary),
      added.names.map((entry) => entry.eventId),
      added.names.map((entry) => entry.names),
      added.eventIds,
    ],
  );
}

/** The tsquery of the reader's words, `$n` being the parameter that holds them. */
export function searchQuerySql(param: string): string {
  return `(websearch_to_tsquery('english', ${param}) || websearch_to_tsquery('simple', ${param}))`;
}
