import { articleObjects, namesOf, readJsonLd, stringOf } from './json-ld.js';
import { indexMetadata, type MetaIndex } from './meta-index.js';
import { collapse } from './dom-utils.js';
import { findModified, findPublished, type DateSource } from './publication-date.js';

export interface ArticleMetadata {
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  lang: string | null;
  /** ISO 8601 (date or date-time as found, e.g. "2025-11-21T10:00:00Z" or "2025-11-21"). */
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  modifiedAt: string | null;
}

function meta(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = index.meta.get(key);
    if (v && v.trim()) return collapse(v);
  }
  return null;
}

function resolve(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return null;
  }
}

/** `Headline | Site` → `Headline`, when the part cut off names the site (or is short). */
function stripSiteSuffix(title: string, siteName: string | null, loose: boolean): string {
  const m = /^(.{15,}?)\s+[|–—·:-]\s+([^|–—·]{2,60})$/.exec(title);
  if (!m) return title;
  const tail = m[2].toLowerCase();
  if (siteName && (tail.includes(siteName.toLowerCase()) || siteName.toLowerCase().includes(tail))) return m[1];
  // A <title> often ends in a short site name not given elsewhere; a headline may end in a name.
  return loose && m[2].split(/\s+/).length <= 4 ? m[1] : title;
}

/**
 * Step 7: metadata. Read from the untouched parse (before any pruning), because the JSON-LD
 * scripts, meta tags and `<time>` elements that carry it are removed by the later steps.
 */
export function readMetadata(document: Document, url: string | undefined): ArticleMetadata {
  const index = indexMetadata(document);
  const jsonLd = readJsonLd(index.jsonLd);
  const ld = articleObjects(jsonLd)[0] ?? {};
  const canonicalUrl = resolve(index.canonical, url) ?? resolve(meta(index, 'og:url'), url);
  const siteName =
    meta(index, 'og:site_name', 'application-name', 'twitter:site') ??
    stringOf((ld.publisher as Record<string, unknown> | undefined)?.name ?? null);
  const h1 = collapse(index.firstH1?.textContent ?? '') || null;
  const docTitle = collapse(index.title ?? '') || null;
  const title =
    meta(index, 'og:title', 'twitter:title') ??
    stringOf(ld.headline) ??
    h1 ??
    (docTitle ? stripSiteSuffix(docTitle, siteName, true) : null);
  const authors = namesOf(ld.author);
  const byline =
    (authors.length ? authors.join(', ') : null) ??
    meta(index, 'author', 'article:author', 'parsely-author', 'sailthru.author') ??
    (collapse((index.authorElement ?? index.itemprop.get('author')?.[0])?.textContent ?? '') || null);
  const lang =
    document.documentElement?.getAttribute('lang')?.trim() ||
    meta(index, 'og:locale', 'language', 'content-language')?.replace('_', '-') ||
    null;
  const published = findPublished(document, index, jsonLd, [url, canonicalUrl]);
  return {
    canonicalUrl,
    title: title ? stripSiteSuffix(title, siteName, false) : null,
    byline: byline && byline.length <= 200 ? byline.replace(/^by\s+/i, '') : null,
    siteName,
    lang,
    publishedAt: published?.value ?? null,
    publishedAtSource: published?.source ?? null,
    modifiedAt: findModified(index, jsonLd),
  };
}
