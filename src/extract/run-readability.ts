import { Readability } from '@mozilla/readability';

export interface ReadabilityResult {
  content: Element | null;
  byline: string | null;
}

/**
 * Step 3: @mozilla/readability (pinned at 0.6.0) on the cleaned DOM. The serializer hands back
 * the article element itself, so that step 6 reads structure instead of re-parsing HTML.
 * JSON-LD is off because step 7 reads it from the untouched parse.
 */
export function runReadability(document: Document, charThreshold: number): ReadabilityResult {
  const reader = new Readability<Element>(document, {
    charThreshold,
    disableJSONLD: true,
    serializer: (node) => node as Element,
  });
  const article = reader.parse();
  return { content: article?.content ?? null, byline: article?.byline ?? null };
}
