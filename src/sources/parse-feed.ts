import { XMLParser } from 'fast-xml-parser';
import { PermanentFetchError } from '../errors.js';
import { stripInvalidCodePoints } from '../text-hygiene.js';
import { tryCanonicalizeUrl } from './canonical-url.js';
import { ENTITY_LIMITS, asArray, asObject, parseXmlLeniently, attributeOf, plainTitle, stripXmlPreamble, textOf, type XmlNode, type XmlObject } from './feed-text.js';
import { parseFeedDate } from './parse-date.js';
import type { DiscoveredItem } from './types.js';

/**
 * RSS 0.9x/2.0, RSS 0.90/1.0 (RDF), Atom 1.0 and JSON Feed 1.x into discovered items. Pure.
 *
 * Malformed documents: feeds in the wild break XML in small ways (a stray `&`, a truncated last
 * item), and losing a whole poll for that hides news. So a document that fails validation is
 * parsed leniently; if that yields items they are returned with a warning naming the fault, and
 * only when nothing can be salvaged does it throw PermanentFetchError('MALFORMED_FEED', reason).
 */
export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface ParsedFeed {
  items: DiscoveredItem[];
  /** RSS <ttl>, or the RSS 1.0 syndication module's updatePeriod/updateFrequency, in minutes. */
  ttlMinutes: number | null;
  format: FeedFormat;
  title: string | null;
  warnings: string[];
}

/** Elements that may repeat; always arrays so that one-item feeds look like the rest. */
const REPEATED = new Set(['item', 'entry', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true, // dc:date → date, content:encoded → encoded, rdf:RDF → RDF
  parseTagValue: false, // a numeric guid must stay a string
  parseAttributeValue: false,
  trimValues: true,
  processEntities: ENTITY_LIMITS,
  isArray: (name) => REPEATED.has(name),
  // Article bodies are never read here; kept as raw text they cost nothing, and deeply nested
  // XHTML in them cannot trip the parser's 100-level nesting limit and sink the whole feed.
  stopNodes: ['*.content', '*.encoded', '*.description', '*.summary'],
});

export function parseFeed(text: string, baseUrl: string): ParsedFeed {
  const source = stripXmlPreamble(text);
  if (source.startsWith('{') || source.startsWith('[')) return parseJsonFeed(source, baseUrl);
  const warnings: string[] = [];
  const { document, fault } = parseXmlLeniently(parser, source, malformed);
  const feed = readXmlFeed(document, baseUrl);
  if (!feed) throw malformed(fault ?? `root element <${rootName(document)}> is not rss, RDF or feed`);
  if (fault) {
    if (feed.items.length === 0) throw malformed(fault);
    warnings.push(`malformed feed (${fault}); ${feed.items.length} items salvaged`);
  }
  return { ...feed, warnings: [...warnings, ...feed.warnings] };
}

function malformed(reason: string): PermanentFetchError {
  return new PermanentFetchError('MALFORMED_FEED', `malformed feed: ${reason}`);
}

function rootName(document: XmlObject): string {
  return Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#') && !key.startsWith('!')) ?? 'none';
}

function readXmlFeed(document: XmlObject, baseUrl: string): ParsedFeed | null {
  const rss = asObject(document.rss ?? null);
  if (rss) return readRss(asObject(asArray(rss.channel)[0]) ?? {}, asArray(asObject(asArray(rss.channel)[0])?.item), baseUrl, 'rss');
  const rdf = asObject(document.RDF ?? null);
  if (rdf) return readRss(asObject(asArray(rdf.channel)[0]) ?? {}, asArray(rdf.item), baseUrl, 'rdf');
  const atom = asObject(document.feed ?? null);
  if (atom) return readAtom(atom, baseUrl);
  return null;
}

// --- RSS 0.9x / 1.0 / 2.0 -------------------------------------------------------------------

function readRss(channel: XmlObject, rawItems: XmlNode[], baseUrl: string, format: 'rss' | 'rdf'): ParsedFeed {
  const items = collect(rawItems.map((node) => rssItem(asObject(node) ?? {}, baseUrl)));
  return { items: items.items, ttlMinutes: rssTtl(channel), format, title: plainTitle(textOf(channel.title)), warnings: items.warnings };
}

function rssItem(item: XmlObject, baseUrl: string): DiscoveredItem | null {
  const guid = textOf(item.guid);
  const guidIsLink = attributeOf(asArray(item.guid)[0], 'isPermaLink') !== 'false';
  // FeedBurner rewrites <link> to its own redirector and keeps the publisher's URL in origLink.
  const candidates = [textOf(item.origLink), rssLink(item.link), attributeOf(item, 'about'), guidIsLink ? guid : null];
  return buildItem(candidates, baseUrl, {
    title: plainTitle(textOf(item.title)),
    publishedAt: parseFeedDate(textOf(item.pubDate) ?? textOf(item.date) ?? textOf(item.issued) ?? textOf(item.published)),
    updatedAt: parseFeedDate(textOf(item.updated) ?? textOf(item.modified)),
    guid,
  });
}

/** An RSS <link> is text; with namespaces removed, an atom:link may sit beside it as {@_href}. */
function rssLink(node: XmlNode): string | null {
  const links = asArray(node);
  for (const link of links) if (typeof link === 'string' && link.trim()) return link.trim();
  for (const link of links) {
    const rel = attributeOf(link, 'rel') ?? 'alternate';
    if (rel === 'alternate' && attributeOf(link, 'href')) return attributeOf(link, 'href');
  }
  return null;
}

const SY_PERIOD_MINUTES: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10_080, monthly: 43_200, yearly: 525_600 };

function rssTtl(channel: XmlObject): number | null {
  const ttl = Number(textOf(channel.ttl));
  if (Number.isFinite(ttl) && ttl > 0) return ttl;
  const period = SY_PERIOD_MINUTES[(textOf(channel.updatePeriod) ?? '').toLowerCase()];
  if (!period) return null;
  const frequency = Number(textOf(channel.updateFrequency) ?? 1);
  return Number.isFinite(frequency) && frequency > 0 ? Math.round(period / frequency) : period;
}

// --- Atom 1.0 (RFC 4287) --------------------------------------------------------------------

function readAtom(feed: XmlObject, baseUrl: string): ParsedFeed {
  const feedBase = resolveBase(attributeOf(feed, 'base'), baseUrl);
  const items = collect(asArray(feed.entry).map((node) => atomEntry(asObject(node) ?? {}, feedBase)));
  return { items: items.items, ttlMinutes: null, format: 'atom', title: plainTitle(textOf(feed.title)), warnings: items.warnings };
}

function atomEntry(entry: XmlObject, baseUrl: string): DiscoveredItem | null {
  const entryBase = resolveBase(attributeOf(entry, 'base'), baseUrl);
  return buildItem([atomLink(entry.link), textOf(entry.origLink)], entryBase, {
    title: plainTitle(textOf(entry.title)),
    publishedAt: parseFeedDate(textOf(entry.published) ?? textOf(entry.issued) ?? textOf(entry.updated)),
    updatedAt: parseFeedDate(textOf(entry.updated) ?? textOf(entry.modified)),
    guid: textOf(entry.id),
  });
}

/** RFC 4287 §4.2.7.2: a link without rel is rel="alternate"; prefer an HTML alternate. */
function atomLink(node: XmlNode): string | null {
  const alternates = asArray(node).filter((link) => (attributeOf(link, 'rel') ?? 'alternate') === 'alternate' && attributeOf(link, 'href'));
  const html = alternates.find((link) => /html/i.test(attributeOf(link, 'type') ?? 'text/html'));
  return attributeOf(html ?? alternates[0], 'href');
}

function resolveBase(base: string | null, parent: string): string {
  if (!base) return parent;
  try {
    return new URL(base, parent).toString();
  } catch {
    return parent;
  }
}

// --- JSON Feed 1.0/1.1 (jsonfeed.org) -------------------------------------------------------

function parseJsonFeed(text: string, baseUrl: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw malformed(`not valid JSON (${(error as Error).message})`);
  }
  const feed = document && typeof document === 'object' && !Array.isArray(document) ? (document as Record<string, unknown>) : null;
  if (!feed || !Array.isArray(feed.items)) throw malformed('JSON document has no "items" array (not a JSON Feed)');
  const items = collect(feed.items.map((item) => jsonItem(item, baseUrl)));
  return { items: items.items, ttlMinutes: null, format: 'json', title: stringOrNull(feed.title), warnings: items.warnings };
}

function jsonItem(raw: unknown, baseUrl: string): DiscoveredItem | null {
  if (!raw || typeof raw !== 'object') return null;
  const item = raw as Record<string, unknown>;
  return buildItem([stringOrNull(item.url), stringOrNull(item.external_url)], baseUrl, {
    title: plainTitle(stringOrNull(item.title)),
    publishedAt: parseFeedDate(stringOrNull(item.date_published)),
    updatedAt: parseFeedDate(stringOrNull(item.date_modified)),
    guid: item.id === undefined || item.id === null ? null : stringOrNull(String(item.id)),
  });
}

/** JSON's `\u0000` escapes are expanded by JSON.parse, after decodeBody cleaned the bytes. */
function stringOrNull(value: unknown): string | null {
  const text = typeof value === 'string' ? stripInvalidCodePoints(value).trim() : '';
  return text || null;
}

// --- shared ---------------------------------------------------------------------------------

type ItemFields = Omit<DiscoveredItem, 'url' | 'canonicalUrl'>;

/** The first candidate that is an http(s) URL (relative ones resolved against the base). */
function buildItem(candidates: (string | null)[], baseUrl: string, fields: ItemFields): DiscoveredItem | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const canonicalUrl = tryCanonicalizeUrl(candidate, baseUrl);
    if (canonicalUrl) return { url: new URL(candidate.trim(), baseUrl).toString(), canonicalUrl, ...fields };
  }
  return null;
}

/** Drops items without a usable link (counted in a warning) and repeats of one canonical URL. */
function collect(candidates: (DiscoveredItem | null)[]): { items: DiscoveredItem[]; warnings: string[] } {
  const seen = new Set<string>();
  const items: DiscoveredItem[] = [];
  let unusable = 0;
  for (const item of candidates) {
    if (!item) unusable += 1;
    else if (!seen.has(item.canonicalUrl)) {
      seen.add(item.canonicalUrl);
      items.push(item);
    }
  }
  return { items, warnings: unusable ? [`${unusable} items without a usable http(s) link were skipped`] : [] };
}
