import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { isWithinMaxAge, parseSitemap, type SitemapRef } from './parse-sitemap.js';
import type { DiscoveredItem } from './types.js';

/**
 * The I/O half of sitemap discovery: a sitemap index's children are fetched, newest first,
 * skipping those whose lastmod is outside `maxAge`, bounded in count and depth so that a site
 * with 10,000 archive sitemaps costs one poll a few requests, not an afternoon.
 */
/** A news site's index lists one sitemap per day or month; the newest 20 cover any `maxAge` in use. */
export const MAX_CHILD_SITEMAPS = 20;
/** sitemaps.org forbids nested indexes; some sites nest once anyway. Deeper is a loop or a trap. */
export const MAX_SITEMAP_DEPTH = 2;

export interface SitemapWalk {
  items: DiscoveredItem[];
  warnings: string[];
}

export async function walkSitemap(top: FetchResult, fetcher: Fetcher, maxAgeMs: number | null, now: Date, trustedHosts: readonly string[]): Promise<SitemapWalk> {
  const walk: SitemapWalk = { items: [], warnings: [] };
  await visit(top, 1, { fetcher, maxAgeMs, now, trustedHosts, seen: new Set([top.url]) }, walk);
  return walk;
}

interface WalkContext {
  fetcher: Fetcher;
  maxAgeMs: number | null;
  now: Date;
  trustedHosts: readonly string[];
  seen: Set<string>;
}

async function visit(response: FetchResult, depth: number, context: WalkContext, walk: SitemapWalk): Promise<void> {
  const parsed = parseSitemap(response.text, response.url);
  walk.warnings.push(...parsed.warnings);
  walk.items.push(...parsed.items);
  if (parsed.kind === 'urlset') return;
  if (depth >= MAX_SITEMAP_DEPTH + 1) {
    walk.warnings.push(`${response.url}: sitemap index nested deeper than ${MAX_SITEMAP_DEPTH}; not followed`);
    return;
  }
  const children = chooseChildren(parsed.sitemaps, context).filter((child) => !context.seen.has(child.url));
  const failures: unknown[] = [];
  for (const child of children) {
    context.seen.add(child.url);
    try {
      const childResponse = await context.fetcher.fetch({ url: child.url, accept: 'application/xml,text/xml;q=0.9,*/*;q=0.5', trustedHosts: context.trustedHosts });
      await visit(childResponse, depth + 1, context, walk);
    } catch (error) {
      failures.push(error);
      walk.warnings.push(`${child.url}: ${(error as Error).message}`);
    }
  }
  // One broken child is a warning; all of them broken is the source failing.
  if (children.length > 0 && failures.length === children.length) throw failures[0];
}

function chooseChildren(sitemaps: SitemapRef[], context: WalkContext): SitemapRef[] {
  const recent = sitemaps.filter((sitemap) => isWithinMaxAge([sitemap.lastmod], context.maxAgeMs, context.now));
  const newestFirst = [...recent].sort((a, b) => (b.lastmod ?? '').localeCompare(a.lastmod ?? ''));
  return newestFirst.slice(0, MAX_CHILD_SITEMAPS);
}
