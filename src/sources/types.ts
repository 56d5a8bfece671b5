/**
 * The contracts between the discover stage and its callers (workers/, the store). A source is
 * polled, yields items; the caller keeps the poll state and hands it back next time.
 */

export interface DiscoveredItem {
  /** The URL as the source gave it (absolute). */
  url: string;
  /** `canonicalizeUrl(url)`: the key the store deduplicates on until the page's rel=canonical is known. */
  canonicalUrl: string;
  title: string | null;
  /** ISO 8601 */
  publishedAt: string | null;
  /** ISO 8601 */
  updatedAt: string | null;
  guid: string | null;
}

export interface SourcePollState {
  etag: string | null;
  lastModified: string | null;
  /** server/feed hint: feed <ttl>, Cache-Control max-age */
  minIntervalMs: number | null;
  /**
   * For a `feed` source whose URL is a web page: the feed autodiscovery found last time. The
   * validators above belong to this URL, so the next poll goes straight to it (and rediscovers
   * only when it stops answering). Optional so that callers that do not keep it still work.
   */
  feedUrl?: string | null;
}

export interface DiscoverResult {
  items: DiscoveredItem[];
  state: SourcePollState;
  notModified: boolean;
  /** when autodiscovery found the feed */
  resolvedFeedUrl?: string;
  /**
   * Salvaged-but-malformed documents, skipped child sitemaps and similar: worth recording on the
   * source, not failing the poll. Always set by discoverSource; optional so test doubles may omit it.
   */
  warnings?: string[];
}

export interface SourceDefinition {
  id: string;
  kind: 'feed' | 'sitemap' | 'page';
  url: string;
  select?: string;
  maxAge?: string;
}

export const EMPTY_POLL_STATE: SourcePollState = Object.freeze({ etag: null, lastModified: null, minIntervalMs: null, feedUrl: null });
