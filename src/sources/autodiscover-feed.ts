import { relIncludes } from './canonical-url.js';
import { baseUrlFrom } from './html-base.js';
import { scanTags } from './html-tags.js';

/**
 * Feed autodiscovery: a `feed` source may name a site's page rather than its feed. Pages
 * announce their feeds with `<link rel="alternate" type="application/rss+xml" href>` (the RSS
 * Advisory Board's autodiscovery spec; Atom and JSON Feed use their own media types). Pure.
 */
export interface FeedLink {
  url: string;
  type: string;
  title: string | null;
}

/** Preference when a page offers several: RSS and Atom are the most complete in practice. */
const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/rdf+xml'];

/** Feed links sit in the head, sometimes as `<a rel=alternate>` in the body: the first 1 MB is read. */
const SCAN_CHARS = 1_000_000;
const SCAN_TAGS = new Set(['link', 'a', 'base']);

/**
 * The advertised feeds in order of preference (page order within one type); comment feeds last.
 * A tag scan, linear in the page and without a tree (see html-tags.ts: a DOM of a deeply nested
 * page costs seconds).
 */
export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  let baseHref: string | undefined;
  const candidates: { href: string; type: string; title: string | null }[] = [];
  scanTags(html, { names: SCAN_TAGS, maxChars: SCAN_CHARS }, (name, attributes) => {
    if (!attributes) return;
    if (name === 'base') {
      if (attributes.href !== undefined) baseHref ??= attributes.href;
      return;
    }
    const type = (attributes.type ?? '').toLowerCase().split(';')[0].trim();
    if (attributes.href === undefined || !relIncludes(attributes.rel, 'alternate') || !FEED_TYPES.includes(type)) return;
    candidates.push({ href: attributes.href, type, title: attributes.title?.trim() || null });
  });
  // The first <base> counts wherever it is in the page (HTML §4.2.3), as it did in the DOM.
  const base = baseUrlFrom(baseHref, pageUrl);
  const links: FeedLink[] = [];
  for (const { href, type, title } of candidates) {
    const url = resolveHttp(href, base);
    if (url && !links.some((link) => link.url === url)) links.push({ url, type, title });
  }
  return links.sort((a, b) => rank(a) - rank(b));
}

function rank(link: FeedLink): number {
  // WordPress advertises each post's comment feed next to the site feed; it has no articles.
  const comments = /comment/i.test(`${link.title ?? ''} ${link.url}`) ? FEED_TYPES.length : 0;
  return FEED_TYPES.indexOf(link.type) + comments;
}

function resolveHttp(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Whether a fetched body is an HTML page rather than a feed (so autodiscovery should run). */
export function looksLikeHtml(contentType: string | null, text: string): boolean {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('html')) return true; // text/html and application/xhtml+xml
  if (/xml|json/.test(type)) return false;
  return /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1024).replace(/^\uFEFF/, '').replace(/^(\s*<!--[\s\S]*?-->)*/, ''));
}
