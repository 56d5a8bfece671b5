import type { Queryable } from './database.js';

export interface SourceRecord {
  id: string;
  kind: 'feed' | 'sitemap' | 'page';
  url: string;
  every: string | null;
  cron: string | null;
  select: string | null;
  maxAge: string | null;
  origin: 'config' | 'api';
  etag: string | null;
  lastModified: string | null;
  minIntervalMs: number | null;
  resolvedUrl: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: string | null;
  nextPollAt: string | null;
}

export interface SourceInput {
  id: string;
  kind: 'feed' | 'sitemap' | 'page';
  url: string;
  every?: string;
  cron?: string;
  select?: string;
  maxAge?: string;
}

const COLUMNS = `id, kind, url, every, cron, select_css, max_age, origin, etag, last_modified, min_interval_ms,
  resolved_url, last_polled_at, last_success_at, consecutive_failures, last_error, last_error_at, next_poll_at`;

function toRecord(row: Record<string, unknown>): SourceRecord {
  return {
    id: row.id as string,
    kind: row.kind as SourceRecord['kind'],
    url: row.url as string,
    every: (row.every as string) ?? null,
    cron: (row.cron as string) ?? null,
    select: (row.select_css as string) ?? null,
    maxAge: (row.max_age as string) ?? null,
    origin: row.origin as SourceRecord['origin'],
    etag: (row.etag as string) ?? null,
    lastModified: (row.last_modified as string) ?? null,
    minIntervalMs: (row.min_interval_ms as number) ?? null,
    resolvedUrl: (row.resolved_url as string) ?? null,
    lastPolledAt: isoOrNull(row.last_polled_at),
    lastSuccessAt: isoOrNull(row.last_success_at),
    consecutiveFailures: Number(row.consecutive_failures ?? 0),
    lastError: (row.last_error as string) ?? null,
    lastErrorAt: isoOrNull(row.last_error_at),
    nextPollAt: isoOrNull(row.next_poll_at),
  };
}

export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

/** Inserts or updates one source definition; its polling state is kept. */
export async function upsertSource(db: Queryable, source: SourceInput, origin: 'config' | 'api'): Promise<SourceRecord> {
  const { rows } = await db.query(
    `insert into sources (id, kind, url, every, cron, select_css, max_age, origin)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (id) do update set kind = excluded.kind, url = excluded.url, every = excluded.every,
       cron = excluded.cron, select_css = excluded.select_css, max_age = excluded.max_age,
       origin = excluded.origin, updated_at = now(),
       -- A new URL is a new feed: conditional-GET state and errors of the old one do not apply.
       etag = case when sources.url = excluded.url then sources.etag end,
       last_modified = case when sources.url = excluded.url then sources.last_modified end,
       resolved_url = case when sources.url = excluded.url then sources.resolved_url end
     returning ${COLUMNS}`,
    [source.id, source.kind, source.url, source.every ?? null, source.cron ?? null, source.select ?? null, source.maxAge ?? null, origin],
  );
  return toRecord(rows[0]);
}

/**
 * A deleted source takes its queued work with it: its articles never fetched (status `pending`)
 * are deleted in the same statement, so that neither a queued fetch job (it finds no article)
 * nor `requeueUnfinishedWork` at the next start fetches them. Fetched articles and their events
 * stay: they are what the source already reported.
 */
const DROP_PENDING = `dropped as (delete from articles where status = 'pending' and source_id in (select id from gone) returning id)`;

/**
 * Makes the stored config-origin sources match the config file: new ones added, changed ones
 * updated, removed ones deleted (with their never-fetched articles, as `deleteSource` does).
 * Sources created through the API are left alone. Returns the ids of the articles dropped, whose
 * queued fetches the caller removes.
 */
export async function syncConfigSources(db: Queryable, sources: readonly SourceInput[]): Promise<string[]> {
  for (const source of sources) await upsertSource(db, source, 'config');
  const { rows } = await db.query<{ dropped: string[] }>(
    `with gone as (delete from sources where origin = 'config' and not (id = any($1::text[])) returning id),
     ${DROP_PENDING}
     select coalesce((select array_agg(id) from dropped), '{}') as dropped`,
    [sources.map((source) => source.id)],
  );
  return rows[0]?.dropped ?? [];
}

export async function listSources(db: Queryable): Promise<SourceRecord[]> {
  const { rows } = await db.query(`select ${COLUMNS} from sources order by id`);
  return rows.map(toRecord);
}

export async function getSource(db: Queryable, id: string): Promise<SourceRecord | null> {
  const { rows } = await db.query(`select ${COLUMNS} from sources where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function deleteSource(db: Queryable, id: string): Promise<{ deleted: boolean; droppedArticleIds: string[] }> {
  const { rows } = await db.query<{ deleted: number | string; dropped: string[] }>(
    `with gone as (delete from sources where id = $1 returning id),
     ${DROP_PENDING}
     select (select count(*) from gone) as deleted, coalesce((select array_agg(id) from dropped), '{}') as dropped`,
    [id],
  );
  return { deleted: Number(rows[0]?.deleted ?? 0) > 0, droppedArticleIds: rows[0]?.dropped ?? [] };
}

export interface PollSuccess {
  etag: string | null;
  lastModified: string | null;
  minIntervalMs: number | null;
  resolvedUrl?: string | null;
  nextPollAt: Date;
}

/** A poll that answered (200 or 304): failures reset, conditional-GET state kept for next time. */
export async function recordPollSuccess(db: Queryable, id: string, success: PollSuccess): Promise<void> {
  await db.query(
    `update sources set etag = $2, last_modified = $3, min_interval_ms = $4,
       resolved_url = coalesce($5, resolved_url), last_polled_at = now(), last_success_at = now(),
       consecutive_failures = 0, next_poll_at = $6, updated_at = now()
     where id = $1`,
    [id, success.etag, success.lastModified, success.minIntervalMs, success.resolvedUrl ?? null, success.nextPollAt],
  );
}

/** A poll that failed: the error stays visible on the source and the next poll moves back. */
export async function recordPollFailure(db: Queryable, id: string, error: string, nextPollAt: Date): Promise<number> {
  const { rows } = await db.query<{ consecutive_failures: number }>(
    `update sources set last_polled_at = now(), consecutive_failures = consecutive_failures + 1,
       last_error = $2, last_error_at = now(), next_poll_at = $3, updated_at = now()
     where id = $1 returning consecutive_failures`,
    [id, error, nextPollAt],
  );
  return Number(rows[0]?.consecutive_failures ?? 0);
}
