import type { Logger } from 'pino';
import { PermanentFetchError } from '../errors.js';
import { readPageText } from '../extract/page-text.js';
import type { Fetcher } from '../fetch/fetcher.js';
import { compressRaw } from '../fetch/raw-body.js';
import { contentHash, PAGE_TEXT_HASH_PREFIX, pageTextHash, pageTextForHash } from '../sources/content-revision.js';
import { htmlNestingDepth, MAX_HTML_DEPTH } from '../sources/html-depth.js';
import type { Database } from '../store/database.js';
import { getArticle, recordArticleFailure, saveFetchedContent, type ArticleRecord } from '../store/article-store.js';
import { getSource } from '../store/source-store.js';
import { trustedHostsOf } from './source-trust.js';

export interface FetchOutcome {
  status: 'fetched' | 'unchanged' | 'failed' | 'skipped';
  reason?: string;
  revision: number;
}

/**
 * The fetch stage for one article: download it politely, keep the raw bytes compressed (with
 * the URL they came from), and tell whether its content is new. The page is not parsed here:
 * its rel=canonical (a duplicate of another article?) and its revision hash come from the
 * process stage's one pass over the markup. Only a refetch of an article already hashed reads
 * the page, to tell a changed page (a new revision) from the same one again.
 * A permanent failure is recorded on the article and rethrown (the job is not retried); a
 * transient one is rethrown for the queue's backoff.
 */
export async function fetchArticle(
  db: Database,
  fetcher: Fetcher,
  articleId: string,
  /** `article`: the row when the caller has read it already (the fetch worker, for its log). */
  options: { logger?: Logger; article?: ArticleRecord | null } = {},
): Promise<FetchOutcome> {
  const { logger } = options;
  const article = options.article !== undefined ? options.article : await getArticle(db, articleId);
  if (!article) return { status: 'skipped', reason: 'article not found', revision: 0 };
  let result;
  try {
    const source = article.sourceId ? await getSource(db, article.sourceId) : null;
    result = await fetcher.fetch({ url: article.url, trustedHosts: trustedHostsOf(source) });
  } catch (error) {
    if (error instanceof PermanentFetchError) {
      await recordArticleFailure(db, articleId, error.code, error.message);
      logger?.warn({ code: error.code }, `fetch failed for good: ${error.message}`);
    }
    throw error;
  }
  const saved = await saveFetchedContent(db, articleId, {
    rawCompressed: compressRaw(result.body),
    contentType: result.contentType,
    etag: result.etag,
    lastModified: result.lastModified,
    contentHash: article.contentHash ? revisionHashLike(article.contentHash, result.text) : null,
    finalUrl: result.url,
  });
  return { status: saved.changed ? 'fetched' : 'unchanged', revision: saved.revision };
}

/**
 * The hash of a refetched page in the scheme of the stored one, so that like is compared with
 * like: a revision hashed by an earlier version (`sha256:`) is no new revision just because the
 * scheme changed. The hash is of the page's visible text: a re-encoded page, or one with a new
 * nonce or inline timestamp, is no new revision.
 */
function revisionHashLike(stored: string, html: string): string | null {
  if (!stored.startsWith(PAGE_TEXT_HASH_PREFIX)) return contentHash(pageTextForHash(html));
  // The pass keeps a stack of open elements; a page past the analysis's nesting limit would make
  // it quadratic here, on the event loop. Such a page is new content (and refused by the analysis).
  if (htmlNestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) return null;
  return pageTextHash(readPageText(html));
}
