import { parseDuration } from '../config.js';
import { PermanentFetchError } from '../errors.js';
import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { findFeedLinks, looksLikeHtml } from './autodiscover-feed.js';
import { walkSitemap } from './discover-sitemap.js';
import { findListingLinks } from './find-listing-links.js';
import { parseFeed } from './parse-feed.js';
import { isWithinMaxAge } from './parse-sitemap.js';
import type { DiscoveredItem, DiscoverResult, SourceDefinition, SourcePollState } from './types.js';

/**
 * One poll of one source:
 *   1. fetch the source URL conditionally (the ETag / Last-Modified kept from the last poll);
 *   2. on 304, report "not modified" and keep the state;
 *   3. read items by kind: feed (autodiscovering the feed when the URL is a web page), sitemap
 *      (with its index's children), or listing page (selector or heuristics);
 *   4. drop items older than `maxAge` (items without a date are kept), and items whose URL is
 *      longer than the sitemaps.org limit (one would fail the store's index, and the poll);
 *   5. return the new poll state, with the server's hint on how often polling is worthwhile.
 * Fetch and parse failures propagate as Permanent/TransientFetchError for the caller to record
 * on the source; partial problems (a salvaged feed, one broken child sitemap) come back as warnings.
 */
export interface DiscoverOptions {
  now?: Date;
  /** Hosts the operator vouches for (see FetchRequest.trustedHosts); none when absent. */
  trustedHosts?: readonly string[];
}

/** A feed's <ttl> or Cache-Control may ask for long pauses; beyond 6 hours a news source goes stale. */
export const MAX_MIN_INTERVAL_MS = 6 * 3_600_000;

const ACCEPT_BY_KIND: Record<SourceDefinition['kind'], string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1',
  sitemap: 'application/xml, text/xml;q=0.9, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
};

export async function discoverSource(source: SourceDefinition, state: SourcePollState, fetcher: Fetcher, options: DiscoverOptions = {}): Promise<DiscoverResult> {
  const now = options.now ?? new Date();
  const result = source.kind === 'feed' ? await discoverFeed(source, state, fetcher, options, now) : await discoverDocument(source, state, fetcher, options, now);
  const maxAgeMs = source.maxAge ? parseDuration(source.maxAge) : null;
  const usable = result.items.filter((item) => item.url.length <= MAX_ITEM_URL_LENGTH && item.canonicalUrl.length <= MAX_ITEM_URL_LENGTH);
  const warnings = usable.length < result.items.length ? [...(result.warnings ?? []), `${result.items.length - usable.length} items with a URL longer than ${MAX_ITEM_URL_LENGTH} characters were skipped`] : result.warnings;
  return { ...result, items: usable.filter((item) => isWithinMaxAge([item.publishedAt, item.updatedAt], maxAgeMs, now)), warnings };
}

/**
 * sitemaps.org: "must be less than 2,048 characters"; browsers and CDNs draw the line there too.
 * PostgreSQL's btree index refuses a key over about 2,700 bytes (after compression), so one
 * longer URL in a feed failed the insert of all its items.
 */
export const MAX_ITEM_URL_LENGTH = 2_048;

async function discoverFeed(source: SourceDefinition, state: SourcePollState, fetcher: Fetcher, options: DiscoverOptions, now: Date): Promise<DiscoverResult> {
  const trustedHosts = options.trustedHosts ?? [];
  const knownFeed = state.feedUrl ?? null;
  let response: FetchResult;
  try {
    response = await fetcher.fetch({ url: knownFeed ?? source.url, etag: state.etag, lastModified: state.lastModified, accept: ACCEPT_BY_KIND.feed, trustedHosts });
  } catch (error) {
    // The feed autodiscovery found is gone: look again from the page the source names.
    if (!knownFeed || !(error instanceof PermanentFetchError)) throw error;
    return discoverFeed(source, { etag: null, lastModified: null, minIntervalMs: state.minIntervalMs, feedUrl: null }, fetcher, options, now);
  }
  if (response.notModified) return notModified(response, state, knownFeed);
  if (!isFeedDocument(response)) return autodiscover(response, fetcher, trustedHosts);
  const feed = parseFeed(response.text, response.url);
  const resolvedFeedUrl = knownFeed ?? undefined;
  return { items: feed.items, state: nextState(response, feed.ttlMinutes, knownFeed), notModified: false, ...(resolvedFeedUrl ? { resolvedFeedUrl } : {}), warnings: feed.warnings };
}

/** A page may advertise several feeds; the first few are tried in order of preference. */
const MAX_FEEDS_TRIED = 3;

async function autodiscover(page: FetchResult, fetcher: Fetcher, trustedHosts: readonly string[]): Promise<DiscoverResult> {
  const links = findFeedLinks(page.text, page.url).slice(0, MAX_FEEDS_TRIED);
  if (links.length === 0) throw new PermanentFetchError('NO_FEED_FOUND', `${page.url} is a web page that advertises no RSS, Atom or JSON feed`);
  let lastError: unknown;
  for (const { url: feedUrl } of links) {
    try {
      const response = await fetcher.fetch({ url: feedUrl, accept: ACCEPT_BY_KIND.feed, trustedHosts });
      if (!isFeedDocument(response)) throw new PermanentFetchError('NO_FEED_FOUND', `${feedUrl}, advertised as a feed by ${page.url}, is a web page`);
      const feed = parseFeed(response.text, response.url);
      return { items: feed.items, state: nextState(response, feed.ttlMinutes, feedUrl), notModified: false, resolvedFeedUrl: feedUrl, warnings: feed.warnings };
    } catch (error) {
      // A transient failure says nothing about the next candidate: report it rather than guess.
      if (!(error instanceof PermanentFetchError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

async function discoverDocument(source: SourceDefinition, state: SourcePollState, fetcher: Fetcher, options: DiscoverOptions, now: Date): Promise<DiscoverResult> {
  const trustedHosts = options.trustedHosts ?? [];
  const response = await fetcher.fetch({ url: source.url, etag: state.etag, lastModified: state.lastModified, accept: ACCEPT_BY_KIND[source.kind], trustedHosts });
  if (response.notModified) return notModified(response, state, null);
  let items: DiscoveredItem[];
  let warnings: string[] = [];
  if (source.kind === 'sitemap') {
    const maxAgeMs = source.maxAge ? parseDuration(source.maxAge) : null;
    ({ items, warnings } = await walkSitemap(response, fetcher, maxAgeMs, now, trustedHosts));
  } else {
    items = findListingLinks(response.text, response.url, source.select);
  }
  return { items, state: nextState(response, null, null), notModified: false, warnings };
}

function notModified(response: FetchResult, state: SourcePollState, feedUrl: string | null): DiscoverResult {
  const minIntervalMs = response.cacheMaxAgeMs !== null ? capInterval(response.cacheMaxAgeMs) : state.minIntervalMs;
  return {
    items: [],
    state: { etag: response.etag, lastModified: response.lastModified, minIntervalMs, feedUrl },
    notModified: true,
    ...(feedUrl ? { resolvedFeedUrl: feedUrl } : {}),
    warnings: [],
  };
}

function nextState(response: FetchResult, ttlMinutes: number | null, feedUrl: string | null): SourcePollState {
  const hints = [ttlMinutes !== null ? ttlMinutes * 60_000 : null, response.cacheMaxAgeMs].filter((hint): hint is number => hint !== null && hint > 0);
  return { etag: response.etag, lastModified: response.lastModified, minIntervalMs: hints.length ? capInterval(Math.max(...hints)) : null, feedUrl };
}

function capInterval(ms: number): number | null {
  return ms > 0 ? Math.min(ms, MAX_MIN_INTERVAL_MS) : null;
}

/** Feeds served as text/html exist; the document's first element decides, not the header alone. */
function isFeedDocument(response: FetchResult): boolean {
  const head = response.text.slice(0, 2048).replace(/^\uFEFF/, '').replace(/<!--[\s\S]*?-->/g, '').trimStart();
  if (head.startsWith('{')) return true;
  if (/^(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?(<\?xml-stylesheet[^>]*>\s*)*<(rss|feed|rdf:RDF|RDF)[\s>]/i.test(head)) return true;
  return !looksLikeHtml(response.contentType, response.text);
}
