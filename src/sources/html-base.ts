import type { CheerioAPI } from 'cheerio';

/**
 * The URL relative links in a page resolve against: its first `<base href>` (HTML §4.2.3),
 * itself resolved against the page URL, or the page URL. Only http(s) bases count.
 */
export function documentBaseUrl($: CheerioAPI, pageUrl: string): string {
  return baseUrlFrom($('base[href]').first().attr('href'), pageUrl);
}

/** The same from the first `<base>`'s href found by other means (a tag scan, no tree). */
export function baseUrlFrom(href: string | undefined, pageUrl: string): string {
  if (!href) return pageUrl;
  try {
    const base = new URL(href.trim(), pageUrl);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.toString() : pageUrl;
  } catch {
    return pageUrl;
  }
}
