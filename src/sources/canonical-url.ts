import { baseUrlFrom } from './html-base.js';
import { scanTags } from './html-tags.js';

/**
 * Query parameters that only say how a reader arrived (campaign, click and mail-list tracking).
 * Two links that differ only in these are the same article. Prefix rules cover families
 * (utm_source, utm_medium, …); the names below are the ones the big ad and mail platforms add.
 */
const TRACKING_PREFIXES = ['utm_', 'mc_', 'pk_', 'mtm_', 'hsa_', 'oly_', '_hs'];
const TRACKING_NAMES = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'igsh', 'mkt_tok', '_ga', '_gl', 'vero_id', 'vero_conv', '__s', 'ncid', 'cmpid', 'ocid',
  'sr_share', 'ref_src', 'ref_url', 'spm', 'at_medium', 'at_campaign', 'cmp', 'wt_mc', 'wt.mc_id',
]);

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_NAMES.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * One spelling per article URL: lowercase scheme and host (WHATWG URL does this), no default
 * port, no fragment, no tracking parameters, remaining parameters sorted. The path is left alone
 * — a trailing slash can name a different resource (RFC 3986 §6.2.3 only allows adding "/" for
 * an empty path) — and so are http vs https and www vs bare host, which a site may serve
 * differently. Throws TypeError on a string that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(url: string): string {
  const parsed = new URL(url.trim());
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParameter(name));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  parsed.search = kept.length ? new URLSearchParams(kept).toString() : '';
  return parsed.toString();
}

/** `canonicalizeUrl` that answers null instead of throwing (for links scraped from documents). */
export function tryCanonicalizeUrl(url: string, base?: string): string | null {
  try {
    return canonicalizeUrl(base ? new URL(url.trim(), base).toString() : url);
  } catch {
    return null;
  }
}

/**
 * The page's own `<link rel=canonical>` (RFC 6596), canonicalized. Ignored when it points at a
 * site's home page while the page itself is deeper: a common CMS misconfiguration that would
 * otherwise merge every article of the site into one.
 *
 * Read by a tag scan of the page's head (no tree: a deep page cost `cheerio.load` 16.7 s at
 * 40,000 nested divs, on the fetch stage's event loop), up to `</head>` or `<body>` (a canonical
 * link in the body is ignored, as Google does) and at most the first 512 KB.
 */
const HEAD_SCAN_CHARS = 512_000;
const HEAD_SCAN_TAGS = new Set(['link', 'base', 'head', 'body']);

export function canonicalFromHtml(html: string, pageUrl: string): string | null {
  let href: string | undefined;
  let baseHref: string | undefined;
  scanTags(html, { names: HEAD_SCAN_TAGS, maxChars: HEAD_SCAN_CHARS }, (name, attributes) => {
    if (name === 'body' || (name === 'head' && attributes === null)) return false;
    if (name === 'base' && attributes?.href !== undefined) baseHref ??= attributes.href;
    if (name === 'link' && href === undefined && relIncludes(attributes?.rel, 'canonical')) href = attributes?.href ?? '';
  });
  if (!href) return null;
  const canonical = tryCanonicalizeUrl(href, baseUrlFrom(baseHref, pageUrl));
  if (!canonical) return null;
  const page = new URL(pageUrl);
  if (new URL(canonical).pathname === '/' && page.pathname !== '/') return null;
  return canonical;
}

/** `rel` is a set of space-separated, case-insensitive tokens (HTML §4.6.7). */
export function relIncludes(rel: string | undefined, token: string): boolean {
  return (rel ?? '').toLowerCase().split(/\s+/).includes(token);
}
