import { actorKeys, eventKeys, type KeyedEvent } from '../dedup/event-keys.js';
import type { Queryable } from './database.js';

/**
 * The `event_keys` index (migration 9): each event's dedup keys beside its date period, so that
 * the merge reads the candidates of a new report through the index (findMergeCandidates in
 * event-store.ts) rather than every event near its date. Written with the event, widened when
 * a merge brings new actors, moved when a finer date replaces the event's.
 */

export interface KeyPeriod {
  dateStart: string;
  dateEnd: string;
}

/** All keys of a new event, in one statement. */
export async function writeEventKeys(db: Queryable, eventId: string, event: KeyedEvent, period: KeyPeriod): Promise<void> {
  await insertKeys(db, eventId, eventKeys(event), period);
}

/** The keys of actors a merge added to a stored event (those it had stay). */
export async function addActorKeys(db: Queryable, eventId: string, actors: readonly string[]): Promise<void> {
  const keys = actorKeys(actors);
  if (keys.length === 0) return;
  await db.query(
    `insert into event_keys (key, event_id, date_start, date_end)
     select key, e.id, e.date_start, e.date_end from events e, unnest($2::text[]) as key where e.id = $1
     on conflict do nothing`,
    [eventId, keys],
  );
}

/** The event's keys follow it to its new (finer) period. */
export async function moveEventKeys(db: Queryable, eventId: string, period: KeyPeriod): Promise<void> {
  await db.query('update event_keys set date_start = $2, date_end = $3 where event_id = $1', [eventId, period.dateStart, period.dateEnd]);
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
    for (const row of rows) {
      const actors = typeof row.actors === 'string' ? (JSON.parse(row.actors) as string[]) : ((row.actors as string[] | null) ?? []);
      await writeEventKeys(db, row.id, { summary: row.summary, sentence: row.sentence, actors }, { dateStart: row.date_start, dateEnd: row.date_end });
    }
    if (rows.length < BACKFILL_PAGE) return;
    after = rows[rows.length - 1].id;
  }
}

const BACKFILL_PAGE = 500;

async function insertKeys(db: Queryable, eventId: string, keys: readonly string[], period: KeyPeriod): Promise<void> {
  await db.query(
    `insert into event_keys (key, event_id, date_start, date_end)
     select key, $1, $3::date, $4::date from unnest($2::text[]) as key on conflict do nothing`,
    [eventId, keys, period.dateStart, period.dateEnd],
  );
}
