import type { Logger } from 'pino';
import { PermanentFetchError } from '../errors.js';
import type { Fetcher } from '../fetch/fetcher.js';
import { compressRaw } from '../fetch/raw-body.js';
import { canonicalFromHtml } from '../sources/canonical-url.js';
import { isSameSite } from '../sources/same-site.js';
import { contentHash, pageTextForHash } from '../sources/content-revision.js';
import type { Database } from '../store/database.js';
import { getArticle, recordArticleFailure, recordPageCanonical, saveFetchedContent } from '../store/article-store.js';
import { getSource } from '../store/source-store.js';
import { trustedHostsOf } from './source-trust.js';

export interface FetchOutcome {
  status: 'fetched' | 'unchanged' | 'duplicate' | 'failed' | 'skipped';
  reason?: string;
  revision: number;
}

/**
 * The fetch stage for one article: download it politely, keep the raw bytes compressed, and
 * tell whether its content is new (first fetch, or changed under the same URL: a new revision).
 * A page whose rel=canonical names an article already stored on the same site is marked a
 * duplicate of it; a claim on another site's URL is ignored (see isSameSite).
 * A permanent failure is recorded on the article and rethrown (the job is not retried); a
 * transient one is rethrown for the queue's backoff.
 */
export async function fetchArticle(
  db: Database,
  fetcher: Fetcher,
  articleId: string,
  options: { logger?: Logger } = {},
): Promise<FetchOutcome> {
  const { logger } = options;
  const article = await getArticle(db, articleId);
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
  const pageCanonical = canonicalFromHtml(result.text, result.url);
  // The page's own site is where its bytes came from, after redirects.
  if (pageCanonical && pageCanonical !== article.canonicalUrl && isSameSite(pageCanonical, result.url)) {
    const original = await recordPageCanonical(db, articleId, pageCanonical);
    if (original) return { status: 'duplicate', reason: `the same page as article ${original}`, revision: article.revision };
  }
  const saved = await saveFetchedContent(db, articleId, {
    rawCompressed: compressRaw(result.body),
    contentType: result.contentType,
    etag: result.etag,
    lastModified: result.lastModified,
    // The hash is of the page's visible text: a re-encoded page, or one with a new nonce or
    // inline timestamp, is no new revision.
    contentHash: contentHash(pageTextForHash(result.text)),
    finalUrl: result.url,
  });
  return { status: saved.changed ? 'fetched' : 'unchanged', revision: saved.revision };
}
