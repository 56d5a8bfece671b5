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
  const rows = events.flatMap((event) => eventKeys(event).map((key) => [event.id, key, event.dateStart, event.dateEnd] as const));
  if (rows.length === 0) return;
  await db.query(
    `insert into event_keys (event_id, key, date_start, date_end)
     select * from unnest($1::text[], $2::text[], $3::date[], $4::date[])
     on conflict (event_id, key) do update set date_start = excluded.date_start, date_end = excluded.date_end`,
    [rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2]), rows.map((row) => row[3])],
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
