import { XMLParser } from 'fast-xml-parser';
import { PermanentFetchError } from '../errors.js';
import { tryCanonicalizeUrl } from './canonical-url.js';
import { ENTITY_LIMITS, asArray, asObject, parseXmlLeniently, plainTitle, stripXmlPreamble, textOf, type XmlObject } from './feed-text.js';
import { parseFeedDate } from './parse-date.js';
import type { DiscoveredItem } from './types.js';

/**
 * Sitemaps (sitemaps.org 0.9) and Google News sitemaps (news:news with news:publication_date
 * and news:title) into items, and sitemap indexes into the child sitemaps to fetch. Pure: the
 * fetching of children is discover-sitemap.ts.
 */
export interface SitemapRef {
  url: string;
  lastmod: string | null;
}

export interface ParsedSitemap {
  kind: 'urlset' | 'sitemapindex';
  /** urlset entries; publishedAt from news:publication_date, updatedAt from lastmod. */
  items: DiscoveredItem[];
  /** sitemapindex entries */
  sitemaps: SitemapRef[];
  warnings: string[];
}

/** sitemaps.org: at most 50,000 URLs per file; more is a broken or hostile file. */
export const MAX_SITEMAP_ENTRIES = 50_000;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true, // news:news → news, news:publication_date → publication_date
  parseTagValue: false,
  trimValues: true,
  processEntities: ENTITY_LIMITS,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

export function parseSitemap(text: string, baseUrl: string): ParsedSitemap {
  const source = stripXmlPreamble(text);
  const { document, fault } = parseXmlLeniently(parser, source, malformed);
  const parsed = readSitemap(document, baseUrl);
  if (!parsed) throw malformed(fault ?? 'root element is neither urlset nor sitemapindex');
  if (fault) {
    if (parsed.items.length + parsed.sitemaps.length === 0) throw malformed(fault);
    parsed.warnings.unshift(`malformed sitemap (${fault}); ${parsed.items.length + parsed.sitemaps.length} entries salvaged`);
  }
  return parsed;
}

function malformed(reason: string): PermanentFetchError {
  return new PermanentFetchError('MALFORMED_SITEMAP', `malformed sitemap: ${reason}`);
}

function readSitemap(document: XmlObject, baseUrl: string): ParsedSitemap | null {
  const index = asObject(document.sitemapindex ?? null);
  if (index) return { kind: 'sitemapindex', items: [], sitemaps: readIndex(asArray(index.sitemap), baseUrl), warnings: [] };
  const urlset = document.urlset === '' ? {} : asObject(document.urlset ?? null);
  if (!urlset) return null;
  const entries = asArray(urlset.url);
  const warnings = entries.length > MAX_SITEMAP_ENTRIES ? [`sitemap lists ${entries.length} URLs; only the first ${MAX_SITEMAP_ENTRIES} were read`] : [];
  const seen = new Set<string>();
  const items: DiscoveredItem[] = [];
  for (const entry of entries.slice(0, MAX_SITEMAP_ENTRIES)) {
    const item = readUrlEntry(asObject(entry) ?? {}, baseUrl);
    if (item && !seen.has(item.canonicalUrl)) {
      seen.add(item.canonicalUrl);
      items.push(item);
    }
  }
  return { kind: 'urlset', items, sitemaps: [], warnings };
}

function readIndex(entries: unknown[], baseUrl: string): SitemapRef[] {
  return entries.slice(0, MAX_SITEMAP_ENTRIES).flatMap((entry) => {
    const object = asObject(entry as XmlObject) ?? {};
    const loc = textOf(object.loc);
    const url = loc ? resolve(loc, baseUrl) : null;
    return url ? [{ url, lastmod: parseFeedDate(textOf(object.lastmod)) }] : [];
  });
}

function readUrlEntry(entry: XmlObject, baseUrl: string): DiscoveredItem | null {
  const loc = textOf(entry.loc);
  const url = loc ? resolve(loc, baseUrl) : null;
  const canonicalUrl = url ? tryCanonicalizeUrl(url) : null;
  if (!url || !canonicalUrl) return null;
  const news = asObject(asArray(entry.news)[0]) ?? {};
  const lastmod = parseFeedDate(textOf(entry.lastmod));
  return {
    url,
    canonicalUrl,
    title: plainTitle(textOf(news.title)),
    publishedAt: parseFeedDate(textOf(news.publication_date)),
    updatedAt: lastmod,
    guid: null,
  };
}

function resolve(loc: string, baseUrl: string): string | null {
  try {
    const url = new URL(loc, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * `maxAge` filtering: an entry is kept when its newest date (publication or lastmod) is within
 * the window; entries without any date are kept, since dropping them could lose news.
 */
export function isWithinMaxAge(dates: (string | null)[], maxAgeMs: number | null, now: Date): boolean {
  if (maxAgeMs === null) return true;
  const times = dates.filter((date): date is string => date !== null).map((date) => Date.parse(date));
  if (times.length === 0) return true;
  return Math.max(...times) >= now.getTime() - maxAgeMs;
}
