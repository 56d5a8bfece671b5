import { eventKeys, type KeyedEvent } from '../dedup/event-keys.js';
import type { Queryable } from './database.js';

/**
 * The `event_keys` index (migration 9): each event's dedup keys beside its date period, so that
 * the merge reads the candidates of a new report through the index (event-merge-store.ts)
 * rather than every event near its date. Written with the event, and again when a merge widens
 * its actors or gives it a finer period.
 */

export interface KeyedStoredEvent extends KeyedEvent {
  id: string;
  dateStart: string;
  dateEnd: string;
}

/** Every key of each event at its period, in one statement: new keys added, kept keys moved to the period. */
export async function writeEventKeys(db: Queryable, events: readonly KeyedStoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One JSON document, an event and its keys each: as arrays of one element per (event, key),
  // the ids and dates were sent again for every key.
  await db.query(
    `insert into event_keys (event_id, key, date_start, date_end)
     select e.id, key, e.date_start, e.date_end
     from jsonb_to_recordset($1::jsonb) as e(id text, date_start date, date_end date, keys text[]) cross join lateral unnest(e.keys) as key
     on conflict (event_id, key) do update set date_start = excluded.date_start, date_end = excluded.date_end`,
    [JSON.stringify(events.map((event) => ({ id: event.id, date_start: event.dateStart, date_end: event.dateEnd, keys: eventKeys(event) })))],
  );
}

/**
 * The keys of every stored event (the migration that adds the index), a page of events at a
 * time so that a large store is not read into memory at once.
 */
export async function writeAllEventKeys(db: Queryable): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ id: string; summary: string; sentence: string; actors: unknown; date_start: string; date_end: string }>(
      `select id, summary, sentence, actors, date_start::text as date_start, date_end::text as date_end from events
       where id > $1 order by id limit ${BACKFILL_PAGE}`,
      [after],
    );
    await writeEventKeys(
      db,
      rows.map((row) => ({
        id: row.id,
        summary: row.summary,
        sentence: row.sentence,
        actors: typeof row.actors === 'string' ? (JSON.parse(row.actors) as string[]) : ((row.actors as string[] | null) ?? []),
        dateStart: row.date_start,
        dateEnd: row.date_end,
      })),
    );
    if (rows.length < BACKFILL_PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

const BACKFILL_PAGE = 500;
