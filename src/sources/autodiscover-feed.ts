import * as cheerio from 'cheerio';
import { documentBaseUrl } from './html-base.js';

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

/** The advertised feeds in order of preference (page order within one type); comment feeds last. */
export function findFeedLinks(html: string, pageUrl: string): FeedLink[] {
  const $ = cheerio.load(html.slice(0, 1_000_000));
  const base = documentBaseUrl($, pageUrl);
  const links: FeedLink[] = [];
  $('link[rel][href], a[rel][href]').each((_, element) => {
    const node = $(element);
    const rel = (node.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (node.attr('type') ?? '').toLowerCase().split(';')[0].trim();
    if (!rel.includes('alternate') || !FEED_TYPES.includes(type)) return;
    const url = resolveHttp(node.attr('href') ?? '', base);
    if (url && !links.some((link) => link.url === url)) links.push({ url, type, title: node.attr('title')?.trim() || null });
  });
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
