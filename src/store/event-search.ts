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
function documentSql(): string {
  const weighted = (text: string, weight: string) =>
    `setweight(to_tsvector('english', ${text}), '${weight}') || setweight(to_tsvector('simple', ${text}), '${weight}')`;
  const head = `e.summary || ' ' || coalesce((select string_agg(actor, ' ') from jsonb_array_elements_text(e.actors) as actor), '')`;
  const titles = `coalesce((select string_agg(distinct a.title, ' ') from event_mentions m join articles a on a.id = m.article_id where m.event_id = e.id), '')`;
  const body = `e.sentence || ' ' || coalesce((select string_agg(distinct m.sentence || ' ' || m.summary, ' ') from event_mentions m where m.event_id = e.id), '')`;
  return `${weighted(head, 'A')} || ${weighted(titles, 'B')} || ${weighted(body, 'C')}`;
}

/** Recomputes the search document of every event (the migration that adds the column). */
export const REFRESH_ALL_EVENT_SEARCH_SQL = `update events e set search = ${documentSql()}`;

/** Recomputes the search document of these events, after a report added to them. */
export async function refreshEventSearch(db: Queryable, eventIds: readonly string[]): Promise<void> {
  if (eventIds.length === 0) return;
  await db.query(`update events e set search = ${documentSql()} where e.id = any($1::text[])`, [eventIds]);
}

/**
 * Adds one new report to the event's search document, rather than recomputing it from every
 * report (which made each report cost as much as all the event's reports before it): the
 * article's title and the report's sentence and summary are appended, each only when no other
 * report of the event gave the same text already (the full document takes each text once).
 * Called after the report's row is written.
 */
export async function addReportToSearch(db: Queryable, eventId: string, articleId: string, report: { sentence: string; summary: string }): Promise<void> {
  const weighted = (text: string, weight: string) => `setweight(to_tsvector('english', ${text}), '${weight}') || setweight(to_tsvector('simple', ${text}), '${weight}')`;
  await db.query(
    `update events e set search = coalesce(e.search, ''::tsvector)
       || coalesce((select ${weighted('a.title', 'B')} from articles a where a.id = $2 and a.title is not null
            and not exists (select 1 from event_mentions m join articles other on other.id = m.article_id
                            where m.event_id = e.id and (m.article_id <> $2 or m.sentence <> $3) and other.title = a.title)), ''::tsvector)
       || case when exists (select 1 from event_mentions m where m.event_id = e.id and m.article_id <> $2 and m.sentence = $3 and m.summary = $4)
               then ''::tsvector else ${weighted(`$3 || ' ' || $4`, 'C')} end
     where e.id = $1`,
    [eventId, articleId, report.sentence, report.summary],
  );
}

/** Adds names a report brought to the event's search document (they rank with the summary). */
export async function addActorsToSearch(db: Queryable, eventId: string, actors: readonly string[]): Promise<void> {
  if (actors.length === 0) return;
  const names = `$2::text`;
  await db.query(
    `update events e set search = coalesce(e.search, ''::tsvector) || setweight(to_tsvector('english', ${names}), 'A') || setweight(to_tsvector('simple', ${names}), 'A') where e.id = $1`,
    [eventId, actors.join(' ')],
  );
}

/** The tsquery of the reader's words, `$n` being the parameter that holds them. */
export function searchQuerySql(param: string): string {
  return `(websearch_to_tsquery('english', ${param}) || websearch_to_tsquery('simple', ${param}))`;
}
