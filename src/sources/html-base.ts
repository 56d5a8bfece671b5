import type { CheerioAPI } from 'cheerio';

/**
 * The URL relative links in a page resolve against: its first `<base href>` (HTML §4.2.3),
 * itself resolved against the page URL, or the page URL. Only http(s) bases count.
 */
export function documentBaseUrl($: CheerioAPI, pageUrl: string): string {
  const href = $('base[href]').first().attr('href');
  if (!href) return pageUrl;
  try {
    const base = new URL(href.trim(), pageUrl);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.toString() : pageUrl;
  } catch {
    return pageUrl;
  }
}
