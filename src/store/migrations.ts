import type { Database } from './database.js';
import type { Queryable } from './database.js';
import { REFRESH_ALL_EVENT_SEARCH_SQL } from './event-search.js';
import { writeAllEventKeys } from './event-keys-store.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
  /** Fills what SQL alone cannot compute (keys the merge rules derive), after the SQL, in the same transaction. */
  backfill?: (tx: Queryable) => Promise<void>;
}

/**
 * The schema, as numbered migrations applied in order (at start and by `chronicle migrate`).
 * Kept in code rather than .sql files so that the bundled CLI carries them. Never edit an
 * applied migration: add the next one.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'initial',
    sql: `
create table sources (
  id text primary key,
  kind text not null,
  url text not null,
  every text,
  cron text,
  select_css text,
  max_age text,
  origin text not null default 'config',
  etag text,
  last_modified text,
  min_interval_ms integer,
  resolved_url text,
  last_polled_at timestamptz,
  last_success_at timestamptz,
  consecutive_failures integer not null default 0,
  last_error text,
  last_error_at timestamptz,
  next_poll_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table articles (
  id text primary key,
  canonical_url text not null unique,
  url text not null,
  source_id text,
  feed_title text,
  feed_published_at timestamptz,
  status text not null default 'pending',
  error_code text,
  error text,
  raw_html bytea,
  content_type text,
  http_etag text,
  http_last_modified text,
  fetched_at timestamptz,
  content_hash text,
  revision integer not null default 0,
  title text,
  byline text,
  site_name text,
  lang text,
  published_at timestamptz,
  published_at_source text,
  modified_at timestamptz,
  text text,
  processed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index articles_source_idx on articles (source_id, created_at);

create table article_revisions (
  article_id text not null references articles(id) on delete cascade,
  revision integer not null,
  content_hash text not null,
  raw_html bytea,
  text text,
  created_at timestamptz not null default now(),
  primary key (article_id, revision)
);

create table events (
  id text primary key,
  date text not null,
  granularity text not null,
  date_start date not null,
  date_end date not null,
  modality text not null,
  summary text not null,
  actors jsonb not null default '[]',
  date_text text not null,
  sentence text not null,
  fingerprint text not null,
  first_seen_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index events_date_idx on events (date_start desc, first_seen_at desc, id desc);
create index events_fingerprint_idx on events (date_start, fingerprint);

create table event_mentions (
  event_id text not null references events(id) on delete cascade,
  article_id text not null references articles(id) on delete cascade,
  sentence text not null,
  summary text not null,
  date_text text not null,
  modality text not null,
  created_at timestamptz not null default now(),
  primary key (event_id, article_id, sentence)
);
create index event_mentions_article_idx on event_mentions (article_id);

create table webhooks (
  id text primary key,
  url text not null,
  secret text not null,
  filter jsonb not null default '{}',
  origin text not null default 'config',
  created_at timestamptz not null default now()
);

create table deliveries (
  id text primary key,
  webhook_id text not null references webhooks(id) on delete cascade,
  event_id text not null references events(id) on delete cascade,
  type text not null,
  payload jsonb not null,
  status text not null default 'pending',
  attempts integer not null default 0,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  delivered_at timestamptz
);
-- event.created fires once per (event, endpoint), however often the event is seen again.
create unique index deliveries_created_once on deliveries (webhook_id, event_id) where type = 'event.created';
create index deliveries_pending_idx on deliveries (status, created_at);

create table delivery_attempts (
  delivery_id text not null references deliveries(id) on delete cascade,
  attempt integer not null,
  attempted_at timestamptz not null default now(),
  status_code integer,
  error text,
  duration_ms integer not null,
  primary key (delivery_id, attempt)
);
`,
  },
  {
    id: 2,
    name: 'page canonical urls',
    sql: `
-- The page's own <link rel=canonical>, once fetched: a second URL for the same page (AMP,
-- mobile, syndication) is then known as a duplicate and never fetched again.
alter table articles add column page_canonical_url text;
create index articles_page_canonical_idx on articles (page_canonical_url);
`,
  },
  {
    id: 3,
    name: 'event order keeps a date value together',
    sql: `
drop index events_date_idx;
create index events_date_idx on events (date_start desc, date desc, first_seen_at desc, id desc);
`,
  },
  {
    id: 4,
    name: 'drop unfetched articles of deleted sources',
    sql: `
-- Until now a deleted source left its unfetched articles behind, and every start queued their
-- fetches again (99,452 of them after one 100,000-item feed). Deleting a source now deletes them
-- (source-store.ts deleteSource); this clears those left by earlier versions.
delete from articles a where a.status = 'pending' and a.source_id is not null
  and not exists (select 1 from sources s where s.id = a.source_id);
`,
  },
  {
    id: 5,
    name: 'event date basis',
    sql: `
-- How an event's date was found: 'text' (a date expression; every event stored before this
-- migration was dated so), 'publication' (an undated act, dated by its report's day) or
-- 'context' (the dated sentence it continues).
alter table events add column date_basis text not null default 'text';
-- An endpoint's own notify settings ({recentDays}), over the config's notify.recentDays.
alter table webhooks add column notify jsonb not null default '{}'::jsonb;
`,
  },
  {
    id: 6,
    name: 'event full-text search',
    sql: `
-- Kept by the store (event-search.ts) rather than generated: the document takes in the titles
-- and sentences of every article that reports the event, which a generated column cannot read.
alter table events add column search tsvector not null default ''::tsvector;
create index events_search_idx on events using gin (search);
${REFRESH_ALL_EVENT_SEARCH_SQL};
`,
  },
  {
    id: 7,
    name: 'stories',
    sql: `
-- The developing stories articles are grouped into (src/stories/). profile is the story's
-- StoryProfile as assignment keeps it between articles; the other columns are what lists show.
-- first_seen_at/last_seen_at are the publication times of its first and latest article.
create table stories (
  id text primary key,
  title text not null,
  profile jsonb not null,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  article_count integer not null default 0,
  event_count integer not null default 0,
  top_actors jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index stories_activity_idx on stories (last_seen_at desc, id desc);

-- The index through which an article finds the stories it may join: a key (an actor, a telling
-- word, a day) of any of a story's articles. last_seen_at is the story's, kept beside each key so
-- that a lookup reads only the keys of recent stories, however many old ones the store holds.
create table story_keys (
  key text not null,
  story_id text not null references stories(id) on delete cascade,
  last_seen_at timestamptz not null,
  primary key (story_id, key)
);
create index story_keys_key_idx on story_keys (key, last_seen_at desc);

alter table articles add column story_id text references stories(id) on delete set null;
create index articles_story_idx on articles (story_id);
alter table events add column story_id text references stories(id) on delete set null;
create index events_story_idx on events (story_id, date_start desc, date desc, first_seen_at desc, id desc);
`,
  },
  {
    // 8, not 7: the story stage's migration (worktree wt-stories-service) takes 7.
    id: 8,
    name: 'fetched url',
    sql: `
-- Where the kept bytes came from, after redirects: the process stage reads the page's
-- rel=canonical and trusts it only on this URL's own site (same-site.ts).
alter table articles add column fetched_url text;
`,
  },
  {
    id: 9,
    name: 'event keys',
    sql: `
-- The index through which a new report finds the stored events it may repeat (dedup/event-keys.ts):
-- a key (a content word, a word of an actor's name, the sentence's fingerprint) of each event,
-- with the event's period beside it, so that a lookup reads only the keys of events near the
-- report's date, however many the store holds. The period follows the event's when a finer date replaces it.
create table event_keys (
  key text not null,
  event_id text not null references events(id) on delete cascade,
  date_start date not null,
  date_end date not null,
  primary key (event_id, key)
);
create index event_keys_key_idx on event_keys (key, date_end, date_start);
`,
    backfill: writeAllEventKeys,
  },
  {
    id: 10,
    name: 'event opener named',
    sql: `
-- Whether the event's sentence opens with a one-word actor its article shows to be a name
-- ("Apple said …" in an article that also writes "at Apple"): the merge counts such an opener
-- as a participant (dedup/named-participants.ts). Events stored before are not so marked: the
-- merge then counts their opener only when the other report confirms it, as it did.
alter table events add column opener_named boolean not null default false;
`,
  },
  {
    id: 11,
    name: 'story members',
    sql: `
-- What a story's articles are, as the story stage compared them when they joined, and in which
-- order they joined: a story whose articles become two cohesive groups splits in two
-- (stories/split-story.ts), and both are rebuilt from their articles' profiles. Articles put in a
-- story before this have none, and their story is never split (it could not be rebuilt).
-- The order is a sequence's, not a time: two articles may join within one clock tick.
create sequence story_join_order;
alter table articles add column story_profile jsonb;
alter table articles add column story_joined bigint;
create index articles_story_joined_idx on articles (story_id, story_joined desc);
`,
  },
  {
    id: 12,
    name: 'delivery batches',
    sql: `
-- The deliveries one article's processing recorded for one endpoint share a batch: the notify
-- stage sends a batch in one job (workers/notify-worker.ts), and at start the pending ones are
-- queued again as the batches they were queued in, under the same job ids. Deliveries recorded
-- before have none and are queued one by one, as they were. The position keeps the order they
-- were recorded in (one statement gives them all the same created_at).
alter table deliveries add column batch_id text;
alter table deliveries add column batch_position integer;
`,
  },
  {
    id: 13,
    name: 'absorbed stories',
    sql: `
-- A story of one article whose article another story took (stories/absorb-single.ts) is kept as
-- a pointer to that story, so that its id, once shown or named by a webhook filter, still leads
-- to the story its article is in. It is no longer listed, and has no index keys.
alter table stories add column merged_into text;
`,
  },
];

/**
 * Applies the migrations not yet applied, in order, in one transaction. On PostgreSQL a
 * transaction-scoped advisory lock makes two processes starting at once apply them only once.
 */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.kind === 'postgres') await tx.query('select pg_advisory_xact_lock(4242001)');
    // Under the lock too: two processes creating the table at once on a new database collide
    // in the catalogue ("duplicate key … pg_type_typname_nsp_index") even with "if not exists".
    await tx.exec(`create table if not exists schema_migrations (id integer primary key, name text not null, applied_at timestamptz not null default now())`);
    const applied = new Set((await tx.query<{ id: number }>('select id from schema_migrations')).rows.map((row) => row.id));
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await migration.backfill?.(tx);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [migration.id, migration.name]);
      done.push(migration.id);
    }
    return done;
  });
}
