import { parseHTML } from 'linkedom';
import { densityPick } from './density-fallback.js';
import { dropNonContent } from './drop-non-content.js';
import { runReadability } from './run-readability.js';
import { toBlocks, type TextBlock } from './text-blocks.js';

/**
 * Step 5b, the safety net: the article as bare Readability (or, when it finds nothing, the
 * density pick) reads the page with no pre-clean, for the pages where the tuned path came back
 * with little or nothing. The pre-clean rules are tuned on the pages we have; on a page built
 * unlike any of them a rule can take the article's container, and then the answer must not be
 * worse than what Readability alone would give. Parses the pruned page again, so it is only run
 * when the tuned result is short.
 */
export function untunedArticle(pruned: string, charThreshold: number, maxElements: number): TextBlock[] {
  const { document } = parseHTML(pruned);
  const body = document.body as unknown as Element | null;
  if (!body) return [];
  dropNonContent(body);
  const copy = body.cloneNode(true) as Element;
  const readable = runReadability(document as unknown as Document, charThreshold, maxElements);
  const read = readable.content ? toBlocks(readable.content) : [];
  const main = densityPick(readable.aborted ? body : copy);
  const dense = main ? toBlocks(main) : [];
  return chars(read) >= chars(dense) ? read : dense;
}

export function chars(blocks: TextBlock[]): number {
  return blocks.reduce((n, b) => n + b.text.length, 0);
}
