/** The discover stage's public surface, for workers/ and the API. */
export * from './types.js';
export { discoverSource, type DiscoverOptions } from './discover-source.js';
export { parseFeed, type ParsedFeed, type FeedFormat } from './parse-feed.js';
export { parseSitemap, isWithinMaxAge, type ParsedSitemap, type SitemapRef } from './parse-sitemap.js';
export { findListingLinks, looksLikeArticlePath } from './find-listing-links.js';
export { findFeedLinks, looksLikeHtml, type FeedLink } from './autodiscover-feed.js';
export { canonicalizeUrl, tryCanonicalizeUrl, canonicalFromHtml, isTrackingParameter } from './canonical-url.js';
export { nextPollDelayMs, MAX_BACKOFF_FACTOR, MAX_BACKOFF_MS, MIN_POLL_DELAY_MS, type PollDelayInput } from './poll-backoff.js';
export { contentHash, normalizeForHash } from './content-revision.js';
