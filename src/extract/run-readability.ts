import { Readability } from '@mozilla/readability';
import { descendants } from './dom-utils.js';

export interface ReadabilityResult {
  content: Element | null;
  byline: string | null;
  /** Readability gave up before touching the document (too many elements, or it threw). */
  aborted: boolean;
}

/**
 * Step 3: @mozilla/readability (pinned at 0.6.0) on the cleaned DOM. The serializer hands back
 * the article element itself, so that step 6 reads structure instead of re-parsing HTML.
 * JSON-LD is off because step 7 reads it from the untouched parse. Readability gives up (and
 * step 4 takes over) on pages with more than `maxElements` elements.
 */
export function runReadability(document: Document, charThreshold: number, maxElements: number): ReadabilityResult {
  // Readability's own maxElemsToParse counts with getElementsByTagName('*'), which linkedom
  // answers with 0, so the count is made here.
  if (document.body && descendants(document.body).length > maxElements) return { content: null, byline: null, aborted: true };
  const reader = new Readability<Element>(document, {
    charThreshold,
    disableJSONLD: true,
    serializer: (node) => node as Element,
  });
  try {
    const article = reader.parse();
    return { content: article?.content ?? null, byline: article?.byline ?? null, aborted: false };
  } catch {
    // Over maxElemsToParse, or a page that trips Readability: the density fallback takes over.
    return { content: null, byline: null, aborted: true };
  }
}
