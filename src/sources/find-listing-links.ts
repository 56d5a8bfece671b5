import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { tryCanonicalizeUrl } from './canonical-url.js';
import { documentBaseUrl } from './html-base.js';
import { assertHtmlDepth } from './html-depth.js';
import { dropComments, dropRawTextElements } from './strip-markup.js';
import { parseFeedDate } from './parse-date.js';
import type { DiscoveredItem } from './types.js';

type CheerioNode = cheerio.Cheerio<AnyNode>;

/**
 * Article links on a listing page (a section front, a live-blog index, a search page). With a
 * CSS selector from the source, the links it matches (or the first link inside each match);
 * without one, heuristics: same-site links whose path looks like an article and that are not in
 * navigation, header, footer or sidebars. Pure.
 */
/**
 * The parse budget of a listing page, which needs a tree (cards, landmarks, CSS selectors):
 * scripts, styles, templates and comments are blanked first (a linear pass; most of a section
 * front's 0.2–1.5 MB is inline script, and none of it holds links a tree would find), then the
 * first 1 MB of what is left is parsed (parse5 takes ~0.2 s a MB of text, on the discover
 * stage's event loop), and only when nested at most MAX_HTML_DEPTH deep, checked by a linear
 * pre-scan because parse5's cost grows with depth × tags (40,000 nested divs: 16.7 s).
 */
export const MAX_LISTING_CHARS = 1_000_000;

export function findListingLinks(html: string, pageUrl: string, select?: string): DiscoveredItem[] {
  const markup = dropRawTextElements(dropComments(html));
  const page = markup.length > MAX_LISTING_CHARS ? markup.slice(0, MAX_LISTING_CHARS) : markup;
  assertHtmlDepth(page, `listing page ${pageUrl}`);
  const $ = cheerio.load(page);
  const base = documentBaseUrl($, pageUrl);
  const anchors = select ? selectedAnchors($, select) : heuristicAnchors($, base, pageUrl);
  const own = tryCanonicalizeUrl(pageUrl);
  const seen = new Set<string>(own ? [own] : []);
  const items: DiscoveredItem[] = [];
  for (const anchor of anchors) {
    const node = $(anchor);
    const href = node.attr('href');
    const canonicalUrl = href ? tryCanonicalizeUrl(href, base) : null;
    if (!href || !canonicalUrl || seen.has(canonicalUrl)) continue;
    seen.add(canonicalUrl);
    items.push({ url: new URL(href.trim(), base).toString(), canonicalUrl, title: anchorTitle(node), publishedAt: nearbyDate($, node), updatedAt: null, guid: null });
  }
  return items;
}

function selectedAnchors($: cheerio.CheerioAPI, select: string): Element[] {
  const anchors: Element[] = [];
  $(select).each((_, element) => {
    const node = $(element);
    const anchor = node.is('a[href]') ? node : node.find('a[href]').first();
    if (anchor.length) anchors.push(anchor.get(0) as Element);
  });
  return anchors;
}

/** Page chrome: links here are menus, share buttons and related-site lists, not the listing. */
const CHROME = 'nav, aside, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"]';
/** Class/id words of chrome containers. Not "header": cards call their title block card-header. */
const CHROME_CLASS = /(^|[\s_-])(nav|navbar|navigation|menu|footer|breadcrumbs?|sidebar|share|sharing|social|masthead|subnav|skip|cookie|newsletter)([\s_-]|$)/i;
/** With a <main> holding at least this many candidates, links outside it are ignored. */
const MIN_MAIN_CANDIDATES = 3;

function heuristicAnchors($: cheerio.CheerioAPI, base: string, pageUrl: string): Element[] {
  const page = new URL(pageUrl);
  const candidates = $('a[href]')
    .toArray()
    .filter((anchor) => {
      const node = $(anchor);
      if (inPageChrome($, node)) return false;
      const url = resolve(node.attr('href') ?? '', base);
      return url !== null && sameSite(url, page) && looksLikeArticlePath(url.pathname);
    });
  const inMain = candidates.filter((anchor) => $(anchor).closest('main, [role="main"]').length > 0);
  return inMain.length >= MIN_MAIN_CANDIDATES ? inMain : candidates;
}

function inPageChrome($: cheerio.CheerioAPI, node: CheerioNode): boolean {
  if (node.closest(CHROME).length) return true;
  // The page's <header>/<footer> is chrome; an article card's own <header> (HTML5 sectioning) is not.
  const landmark = node.closest('header, footer');
  if (landmark.length && !landmark.parent().closest('article, main, section').length) return true;
  return node
    .parents()
    .toArray()
    .some((parent) => CHROME_CLASS.test(`${$(parent).attr('class') ?? ''} ${$(parent).attr('id') ?? ''}`));
}

/** Sections, tags, authors and site pages: never articles, even with a long slug. */
const NON_ARTICLE_SEGMENTS = new Set([
  'tag', 'tags', 'topic', 'topics', 'category', 'categories', 'section', 'sections', 'author', 'authors', 'people', 'profile',
  'search', 'login', 'signin', 'signup', 'register', 'subscribe', 'subscription', 'newsletter', 'newsletters', 'account',
  'about', 'about-us', 'contact', 'contact-us', 'privacy', 'privacy-policy', 'terms', 'cookie-policy', 'cookies', 'advertise',
  'feed', 'rss', 'page', 'archive', 'archives', 'wp-login.php', 'wp-admin', 'cdn-cgi', 'donate', 'jobs', 'careers', 'shop',
]);

/**
 * Article URLs carry a date (/2025/11/20/, 2025-11-20), a long numeric id (CMS ids have 5+
 * digits; shorter numbers are page numbers), or a slug of four or more words.
 */
export function looksLikeArticlePath(pathname: string): boolean {
  const segments = pathname.toLowerCase().split('/').filter(Boolean);
  if (segments.length === 0) return false;
  if (segments.some((segment) => NON_ARTICLE_SEGMENTS.has(segment))) return false;
  if (/\.(jpe?g|png|gif|webp|svg|pdf|mp3|mp4|zip|xml|json|css|js)$/.test(pathname.toLowerCase())) return false;
  const path = `/${segments.join('/')}`;
  if (/\/(19|20)\d{2}\/(0?[1-9]|1[0-2])(\/|$)/.test(path) && segments.length >= 3) return true;
  if (/(19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])/.test(path)) return true;
  if (segments.some((segment) => /(^|[^\d])\d{5,}([^\d]|$)/.test(segment))) return true;
  const slug = segments[segments.length - 1].replace(/\.(s?html?|php|aspx?)$/, '');
  return slug.split(/[-_]+/).filter((word) => /[a-z\u00C0-\uFFFF]/.test(word)).length >= 4 && slug.length >= 20;
}

function sameSite(url: URL, page: URL): boolean {
  const host = url.hostname.replace(/^www\./, '');
  const pageHost = page.hostname.replace(/^www\./, '');
  return host === pageHost || host.endsWith(`.${pageHost}`) || pageHost.endsWith(`.${host}`);
}

function resolve(href: string, base: string): URL | null {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function anchorTitle(node: CheerioNode): string | null {
  const text = (node.find('h1, h2, h3, h4').first().text() || node.text() || node.attr('title') || node.attr('aria-label') || '').replace(/\s+/g, ' ').trim();
  return text || null;
}

/** A `<time datetime>` in the link's card (its closest article or list item), when there is one. */
function nearbyDate($: cheerio.CheerioAPI, node: CheerioNode): string | null {
  const own = node.find('time[datetime]').first();
  const card = own.length ? own : node.closest('article, li').find('time[datetime]').first();
  return card.length ? parseFeedDate(card.attr('datetime') ?? null) : null;
}
