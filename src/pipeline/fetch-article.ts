import type { Logger } from 'pino';
import { PermanentFetchError } from '../errors.js';
import type { Fetcher } from '../fetch/fetcher.js';
import { compressRaw } from '../fetch/raw-body.js';
import { contentHash } from '../sources/content-revision.js';
import type { Database } from '../store/database.js';
import { getArticle, recordArticleFailure, saveFetchedContent } from '../store/article-store.js';

export interface FetchOutcome {
  status: 'fetched' | 'unchanged' | 'failed' | 'skipped';
  reason?: string;
  revision: number;
}

/**
 * The fetch stage for one article: download it politely, keep the raw bytes compressed, and
 * tell whether its content is new (first fetch, or changed under the same URL: a new revision).
 * A permanent failure is recorded on the article and rethrown (the job is not retried); a
 * transient one is rethrown for the queue's backoff.
 */
export async function fetchArticle(db: Database, fetcher: Fetcher, articleId: string, logger?: Logger): Promise<FetchOutcome> {
  const article = await getArticle(db, articleId);
  if (!article) return { status: 'skipped', reason: 'article not found', revision: 0 };
  let result;
  try {
    result = await fetcher.fetch({ url: article.url });
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
    // The hash is of the decoded text, so a re-encoded but identical page is no new revision.
    contentHash: contentHash(result.text),
    finalUrl: result.url,
  });
  return { status: saved.changed ? 'fetched' : 'unchanged', revision: saved.revision };
}
