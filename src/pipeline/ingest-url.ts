import type { Logger } from 'pino';
import { errorCode } from '../errors.js';
import type { Fetcher } from '../fetch/fetcher.js';
import { canonicalizeUrl } from '../sources/canonical-url.js';
import type { Database } from '../store/database.js';
import { getArticleByCanonicalUrl, insertDiscoveredArticles } from '../store/article-store.js';
import type { DeliveryBatch } from '../store/delivery-store.js';
import { getEvents, listEventIdsOfArticle, type PublicEvent } from '../store/event-store.js';
import { fetchArticle } from './fetch-article.js';
import { processArticle } from './process-article.js';

/** What `chronicle ingest --wait` prints and `GET /v1/ingest/:jobId` answers, per URL. */
export interface IngestedUrl {
  url: string;
  articleId: string | null;
  status: 'processed' | 'duplicate' | 'failed';
  error?: { code: string; message: string };
  /** Every event the page reports (new ones and ones other outlets told first). */
  events: PublicEvent[];
  createdEventIds: string[];
  /** Recorded with the events; the caller queues them. */
  deliveryBatches: DeliveryBatch[];
}

/**
 * One page that no source lists, as numbered steps: 1. record it by its canonical URL (or find
 * the article already stored there), 2. fetch it like any article (politeness, robots.txt; it
 * has no source, so nobody vouches for its host: public addresses only unless
 * `security.allowPrivateNetworks`), 3. process it (events merge with what the store knows, so
 * ingesting a page twice adds nothing), 4. list the events it reports.
 */
export async function ingestUrl(
  db: Database,
  fetcher: Fetcher,
  url: string,
  options: { logger?: Logger; recentDays?: number } = {},
): Promise<IngestedUrl> {
  const result: IngestedUrl = { url, articleId: null, status: 'failed', events: [], createdEventIds: [], deliveryBatches: [] };
  try {
    const canonicalUrl = canonicalizeUrl(url);
    const [created] = await insertDiscoveredArticles(db, null, [{ url, canonicalUrl, title: null, publishedAt: null }]);
    const articleId = created?.id ?? (await getArticleByCanonicalUrl(db, canonicalUrl))?.id ?? null;
    if (!articleId) throw new Error('the page is known under another canonical URL and was not fetched again');
    result.articleId = articleId;

    // No source: nobody vouches for the host (source-trust.ts), so the fetcher lets it reach
    // public addresses only, unless security.allowPrivateNetworks.
    await fetchArticle(db, fetcher, articleId, { logger: options.logger });
    const processed = await processArticle(db, articleId, options.logger, { recentDays: options.recentDays });
    if (processed.status === 'duplicate') {
      result.status = 'duplicate';
      result.error = { code: 'DUPLICATE', message: processed.reason ?? 'a page already stored' };
      return result;
    }
    if (processed.status !== 'processed') {
      result.error = { code: 'NOT_PROCESSED', message: processed.reason ?? 'not processed' };
      return result;
    }
    result.status = 'processed';
    result.createdEventIds = processed.createdEventIds;
    result.deliveryBatches = processed.deliveryBatches;
    const ids = await listEventIdsOfArticle(db, articleId);
    const byId = new Map((await getEvents(db, ids)).map((event) => [event.id, event]));
    result.events = ids.flatMap((id) => byId.get(id) ?? []);
  } catch (error) {
    result.error = { code: errorCode(error), message: (error as Error).message };
    options.logger?.warn({ url, code: result.error.code }, `ingest failed: ${result.error.message}`);
  }
  return result;
}
