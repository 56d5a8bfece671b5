import { descendants, tagOf } from './dom-utils.js';

/**
 * Everything step 7 reads, gathered in one walk of the untouched document: a page has dozens of
 * meta keys to try and each querySelector would be a walk of its own (3 ms a page, measured).
 */
export interface MetaIndex {
  /** meta[property|name] → content, first occurrence, keys lower-cased. */
  meta: Map<string, string>;
  /** Elements by itemprop (datePublished, dateModified, author, headline…). */
  itemprop: Map<string, Element[]>;
  /** `<time datetime>` elements in document order. */
  times: Element[];
  /** Texts of `<script type="application/ld+json">`. */
  jsonLd: string[];
  canonical: string | null;
  firstH1: Element | null;
  title: string | null;
  /** The first element marked as the author (rel=author, .byline, .author). */
  authorElement: Element | null;
}

export function indexMetadata(document: Document): MetaIndex {
  const index: MetaIndex = {
    meta: new Map(),
    itemprop: new Map(),
    times: [],
    jsonLd: [],
    canonical: null,
    firstH1: null,
    title: null,
    authorElement: null,
  };
  const root = document.documentElement;
  if (!root) return index;
  for (const el of descendants(root)) {
    const tag = tagOf(el);
    const prop = el.getAttribute('itemprop');
    if (prop) {
      for (const p of prop.split(/\s+/)) {
        const list = index.itemprop.get(p);
        if (list) list.push(el);
        else index.itemprop.set(p, [el]);
      }
    }
    if (tag === 'meta') {
      const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').toLowerCase();
      const content = el.getAttribute('content');
      if (key && content && !index.meta.has(key)) index.meta.set(key, content);
    } else if (tag === 'time') {
      if (el.hasAttribute('datetime')) index.times.push(el);
    } else if (tag === 'script') {
      if (/ld\+json/i.test(el.getAttribute('type') ?? '')) index.jsonLd.push(el.textContent ?? '');
    } else if (tag === 'link') {
      if (!index.canonical && /(^|\s)canonical(\s|$)/i.test(el.getAttribute('rel') ?? '')) index.canonical = el.getAttribute('href');
    } else if (tag === 'h1') {
      index.firstH1 ??= el;
    } else if (tag === 'title') {
      index.title ??= el.textContent;
    }
    if (!index.authorElement && isAuthorMark(el)) index.authorElement = el;
  }
  return index;
}

function isAuthorMark(el: Element): boolean {
  if (el.getAttribute('rel') === 'author') return true;
  const cls = el.getAttribute('class');
  return !!cls && /(^|\s)(byline|author)(\s|$)/i.test(cls);
}
