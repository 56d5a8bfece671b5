import { ValidationError } from '../errors.js';
import type { Queryable } from './database.js';
import { newId } from './ids.js';
import { isoOrNull } from './source-store.js';

export type ArticleStatus = 'pending' | 'fetched' | 'processed' | 'failed' | 'duplicate';

/** What the process stage learns of an article and keeps. */
export interface ProcessedArticle {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  publishedAt: string | null;
  publishedAtSource: string | null;
  modifiedAt: string | null;
  text: string;
}

export interface ArticleRecord extends Omit<ProcessedArticle, 'text'> {
  id: string;
  canonicalUrl: string;
  url: string;
  sourceId: string | null;
  feedTitle: string | null;
  feedPublishedAt: string | null;
  status: ArticleStatus;
  errorCode: string | null;
  error: string | null;
  contentType: string | null;
  httpEtag: string | null;
  httpLastModified: string | null;
  fetchedAt: string | null;
  contentHash: string | null;
  revision: number;
  text: string | null;
  processedAt: string | null;
  /** The story the process stage put it in (GET /v1/stories/{id}); null before it was processed. */
  storyId: string | null;
  createdAt: string;
}

const COLUMNS = `id, canonical_url, url, source_id, feed_title, feed_published_at, status, error_code, error,
  content_type, http_etag, http_last_modified, fetched_at, content_hash, revision, title, byline, site_name, lang,
  published_at, published_at_source, modified_at, text, processed_at, story_id, created_at`;

function toRecord(row: Record<string, unknown>): ArticleRecord {
  return {
    id: row.id as string,
    canonicalUrl: row.canonical_url as string,
    url: row.url as string,
    sourceId: (row.source_id as string) ?? null,
    feedTitle: (row.feed_title as string) ?? null,
    feedPublishedAt: isoOrNull(row.feed_published_at),
    status: row.status as ArticleStatus,
    errorCode: (row.error_code as string) ?? null,
    error: (row.error as string) ?? null,
    contentType: (row.content_type as string) ?? null,
    httpEtag: (row.http_etag as string) ?? null,
    httpLastModified: (row.http_last_modified as string) ?? null,
    fetchedAt: isoOrNull(row.fetched_at),
    contentHash: (row.content_hash as string) ?? null,
    revision: Number(row.revision ?? 0),
    title: (row.title as string) ?? null,
    byline: (row.byline as string) ?? null,
    siteName: (row.site_name as string) ?? null,
    lang: (row.lang as string) ?? null,
    publishedAt: isoOrNull(row.published_at),
    publishedAtSource: (row.published_at_source as string) ?? null,
    modifiedAt: isoOrNull(row.modified_at),
    text: (row.text as string) ?? null,
    processedAt: isoOrNull(row.processed_at),
    storyId: (row.story_id as string) ?? null,
    createdAt: isoOrNull(row.created_at) as string,
  };
}

export interface DiscoveredArticle {
  url: string;
  canonicalUrl: string;
  title: string | null;
  publishedAt: string | null;
}

export interface InsertDiscoveredOptions {
  /**
   * At most this many new articles (`fetch.maxItemsPerPoll`), newest first by the source's date,
   * then in the source's order; the rest stay unseen and are taken on a later poll.
   */
  limit?: number;
  /** Insert nothing once the source is deleted (a poll that was in flight while it was). */
  onlyWhileSourceExists?: boolean;
}

/**
 * Records discovered URLs the store has not seen (by canonical URL) and returns only the new
 * ones: the store, not a queue's job id, is the durable "seen" record.
 */
export async function insertDiscoveredArticles(db: Queryable, sourceId: string | null, items: readonly DiscoveredArticle[]): Promise<{ id: string; url: string }[]> {
  return (await insertUnseenArticles(db, sourceId, items)).inserted;
}

/** `insertDiscoveredArticles` with its options; `unseenLeft` counts the unseen items `limit` left out. */
export async function insertUnseenArticles(
  db: Queryable,
  sourceId: string | null,
  items: readonly DiscoveredArticle[],
  options: InsertDiscoveredOptions = {},
): Promise<{ inserted: { id: string; url: string }[]; unseenLeft: number }> {
  const unique = [...new Map(items.map((item) => [item.canonicalUrl, item])).values()];
  if (unique.length === 0) return { inserted: [], unseenLeft: 0 };
  // One statement for the whole list: a 5,000-item feed is one round trip, not 5,000. The last
  // row (id null) carries the count of unseen items, so that a capped poll knows what it left.
  const { rows } = await db.query<{ id: string | null; url: string | null; unseen: number | string | null }>(
    `with item as (
       select * from unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::timestamptz[])
         with ordinality as item(id, canonical_url, url, title, published_at, position)
     ),
     unseen as (
       select item.* from item
       where not exists (select 1 from articles known where known.canonical_url = item.canonical_url)
         and not exists (select 1 from articles known where known.page_canonical_url = item.canonical_url)
         and (not $8::boolean or exists (select 1 from sources where sources.id = $4))
     ),
     inserted as (
       insert into articles (id, canonical_url, url, source_id, feed_title, feed_published_at)
       select id, canonical_url, url, $4, title, published_at from unseen
       order by published_at desc nulls last, position
       limit $7
       on conflict (canonical_url) do nothing returning id, url
     )
     select id, url, null as unseen from inserted
     union all select null, null, count(*) from unseen`,
    [
      unique.map(() => newId('art')),
      unique.map((item) => item.canonicalUrl),
      unique.map((item) => item.url),
      sourceId,
      unique.map((item) => item.title),
      unique.map((item) => validDateOrNull(item.publishedAt)?.toISOString() ?? null),
      options.limit ?? null,
      options.onlyWhileSourceExists ?? false,
    ],
  );
  const inserted = rows.filter((row): row is { id: string; url: string; unseen: null } => row.id !== null).map(({ id, url }) => ({ id, url }));
  const unseen = Number(rows.find((row) => row.id === null)?.unseen ?? 0);
  return { inserted, unseenLeft: Math.max(0, unseen - inserted.length) };
}

/**
 * Known articles whose source says they changed since we fetched them (a feed item's
 * `updated`/`lastmod` later than our fetch): the caller fetches them again, and changed
 * content becomes a new revision rather than a duplicate. With `limit`, the most recently
 * updated first; the others are still "changed" at the next poll.
 */
export async function selectChangedArticles(
  db: Queryable,
  items: readonly (DiscoveredArticle & { updatedAt: string | null })[],
  limit?: number,
): Promise<{ id: string; url: string }[]> {
  const dated = items.flatMap((item) => {
    const updatedAt = validDateOrNull(item.updatedAt);
    return updatedAt ? [{ canonicalUrl: item.canonicalUrl, updatedAt: updatedAt.toISOString() }] : [];
  });
  if (dated.length === 0 || limit === 0) return [];
  const { rows } = await db.query<{ id: string; url: string }>(
    `select a.id, a.url from articles a
     join unnest($1::text[], $2::timestamptz[]) as item(canonical_url, updated_at) on a.canonical_url = item.canonical_url
     where a.fetched_at is not null and a.fetched_at < item.updated_at
     order by item.updated_at desc limit $3`,
    [dated.map((item) => item.canonicalUrl), dated.map((item) => item.updatedAt), limit ?? null],
  );
  return rows;
}

function validDateOrNull(text: string | null): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function getArticle(db: Queryable, id: string): Promise<ArticleRecord | null> {
  const { rows } = await db.query(`select ${COLUMNS} from articles where id = $1`, [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getArticleByCanonicalUrl(db: Queryable, canonicalUrl: string): Promise<ArticleRecord | null> {
  const { rows } = await db.query(`select ${COLUMNS} from articles where canonical_url = $1`, [canonicalUrl]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getRawHtml(db: Queryable, id: string): Promise<{ raw: Buffer; contentType: string | null } | null> {
  const { rows } = await db.query<{ raw_html: Uint8Array | null; content_type: string | null }>(
    'select raw_html, content_type from articles where id = $1',
    [id],
  );
  const row = rows[0];
  return row?.raw_html ? { raw: Buffer.from(row.raw_html), contentType: row.content_type } : null;
}

/** The stored article with its kept bytes, in one read (the process stage's). */
export interface ArticleWithRaw {
  article: ArticleRecord;
  raw: Buffer | null;
  /** Where the bytes came from, after redirects (null for rows fetched before this was kept). */
  fetchedUrl: string | null;
}

export async function getArticleWithRaw(db: Queryable, id: string): Promise<ArticleWithRaw | null> {
  const { rows } = await db.query(`select ${COLUMNS}, raw_html, fetched_url from articles where id = $1`, [id]);
  const row = rows[0] as (Record<string, unknown> & { raw_html: Uint8Array | null; fetched_url: string | null }) | undefined;
  if (!row) return null;
  return { article: toRecord(row), raw: row.raw_html ? Buffer.from(row.raw_html) : null, fetchedUrl: row.fetched_url ?? null };
}

export interface FetchedContent {
  rawCompressed: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /**
   * The page's revision hash when the fetch stage computed one (a refetch of a processed
   * article); null when it did not (a first fetch: the process stage hashes the page in its
   * parse, saveProcessedArticle). Null is never "the same content".
   */
  contentHash: string | null;
  finalUrl: string;
}

/**
 * Keeps the fetched bytes. Content that changed under the same URL becomes a new revision (the
 * old one is kept in article_revisions); the same content again changes nothing.
 * Returns whether the content is new (first fetch or a changed revision).
 */
export async function saveFetchedContent(db: Queryable, id: string, content: FetchedContent): Promise<{ changed: boolean; revision: number }> {
  const { rows } = await db.query<{ content_hash: string | null; revision: number; raw_html: Uint8Array | null; text: string | null }>(
    'select content_hash, revision, raw_html, text from articles where id = $1',
    [id],
  );
  const current = rows[0];
  if (!current) return { changed: false, revision: 0 };
  if (content.contentHash !== null && current.content_hash === content.contentHash) {
    await db.query('update articles set fetched_at = now(), http_etag = $2, http_last_modified = $3, updated_at = now() where id = $1', [
      id,
      content.etag,
      content.lastModified,
    ]);
    return { changed: false, revision: Number(current.revision) };
  }
  const revision = Number(current.revision) + 1;
  if (current.content_hash) {
    await db.query(
      `insert into article_revisions (article_id, revision, content_hash, raw_html, text) values ($1, $2, $3, $4, $5)
       on conflict do nothing`,
      [id, current.revision, current.content_hash, current.raw_html, current.text],
    );
  }
  await db.query(
    `update articles set raw_html = $2, content_type = $3, http_etag = $4, http_last_modified = $5, content_hash = $6,
       revision = $7, fetched_url = $8, fetched_at = now(), status = 'fetched', error_code = null, error = null, updated_at = now()
     where id = $1`,
    [id, content.rawCompressed, content.contentType, content.etag, content.lastModified, content.contentHash, revision, content.finalUrl],
  );
  return { changed: true, revision };
}


/**
 * `contentHash`: the revision hash the process stage's parse gave (kept when absent). Gives the
 * story the article is in, if any (the process stage's next step asks; read here, it costs no
 * round trip of its own).
 */
export async function saveProcessedArticle(db: Queryable, id: string, article: ProcessedArticle & { contentHash?: string | null }): Promise<{ storyId: string | null }> {
  const { rows } = await db.query<{ story_id: string | null }>(
    `update articles set title = $2, byline = $3, site_name = $4, lang = $5, published_at = $6, published_at_source = $7,
       modified_at = $8, text = $9, content_hash = coalesce($10, content_hash), status = 'processed', error_code = null, error = null,
       processed_at = now(), updated_at = now()
     where id = $1 returning story_id`,
    [
      id,
      article.title,
      article.byline,
      article.siteName,
      article.lang,
      validDateOrNull(article.publishedAt),
      article.publishedAtSource,
      validDateOrNull(article.modifiedAt),
      article.text,
      article.contentHash ?? null,
    ],
  );
  return { storyId: rows[0]?.story_id ?? null };
}

/**
 * Records the page's own canonical URL. When another article already is that page, this one is
 * marked a duplicate of it (and not processed); returns the id of the article it duplicates.
 */
export async function recordPageCanonical(db: Queryable, id: string, pageCanonicalUrl: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `select id from articles where id <> $1 and status <> 'duplicate' and (canonical_url = $2 or page_canonical_url = $2)
     order by created_at limit 1`,
    [id, pageCanonicalUrl],
  );
  const original = rows[0]?.id ?? null;
  if (original) {
    await db.query(`update articles set page_canonical_url = $2, status = 'duplicate', error_code = 'DUPLICATE', error = $3, updated_at = now() where id = $1`, [
      id,
      pageCanonicalUrl,
      `the same page as article ${original} (rel=canonical ${pageCanonicalUrl})`,
    ]);
  } else {
    await db.query('update articles set page_canonical_url = $2, updated_at = now() where id = $1', [id, pageCanonicalUrl]);
  }
  return original;
}

/** One bad article is recorded with its reason; it never fails a batch. */
export async function recordArticleFailure(db: Queryable, id: string, code: string, message: string): Promise<void> {
  await db.query(`update articles set status = 'failed', error_code = $2, error = $3, updated_at = now() where id = $1`, [id, code, message]);
}

export interface ArticleSelection {
  all?: boolean;
  sourceId?: string;
  canonicalUrl?: string;
  since?: Date;
  /** Only articles whose raw HTML is kept (re-processing needs it). */
  withRaw?: boolean;
}

/** Ids of the articles a re-ingest covers, oldest first. */
export async function selectArticleIds(db: Queryable, selection: ArticleSelection): Promise<string[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (selection.sourceId) where.push(`source_id = $${params.push(selection.sourceId)}`);
  if (selection.canonicalUrl) where.push(`canonical_url = $${params.push(selection.canonicalUrl)}`);
  if (selection.since) where.push(`coalesce(published_at, created_at) >= $${params.push(selection.since)}`);
  if (selection.withRaw) where.push('raw_html is not null');
  const { rows } = await db.query<{ id: string }>(
    `select id from articles ${where.length ? `where ${where.join(' and ')}` : ''} order by created_at, id`,
    params,
  );
  return rows.map((row) => row.id);
}

export interface ArticleListQuery {
  sourceId?: string;
  status?: ArticleStatus;
  limit: number;
  cursor?: string;
}

/** Newest first, keyset-paginated on (created_at, id). */
export async function listArticles(db: Queryable, query: ArticleListQuery): Promise<{ articles: ArticleRecord[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.sourceId) where.push(`source_id = $${params.push(query.sourceId)}`);
  if (query.status) where.push(`status = $${params.push(query.status)}`);
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor);
    where.push(`(created_at, id) < ($${params.push(createdAt)}::timestamptz, $${params.push(id)})`);
  }
  const { rows } = await db.query(
    `select ${COLUMNS}, ${exactInstantSql('created_at')} as cursor_at from articles ${where.length ? `where ${where.join(' and ')}` : ''}
     order by created_at desc, id desc limit ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { articles: page.map(toRecord), nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursor_at as string, last.id as string]) : null };
}

/**
 * A timestamp column as text with all its microseconds, for a cursor: the ISO form records carry
 * has milliseconds only, and a page cut between rows of the same millisecond (one transaction's
 * events, one poll's articles) would skip the rest of them on the next page.
 */
export function exactInstantSql(column: string): string {
  return `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(cursor: string): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.every((part) => typeof part === 'string')) return parts;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('cursor', 'not a cursor this API returned');
}
