import { residueKind } from './residue-rules.js';
import type { TextBlock } from './text-blocks.js';

/** Residue kinds that open a tail of furniture: everything after them that looks like headlines goes. */
const TAIL_OPENERS = new Set(['recommended', 'comment', 'adblock', 'contact', 'copyright']);

// A headline is short and has no sentence ending; 120 characters holds nearly all news headlines.
const HEADLINE_MAX = 120;

/**
 * Step 5: drop residue blocks that survived inside the article body, by kind (rules in
 * residue-rules.ts), and a list of other stories that follows a "Related"/"Explore" label.
 */
export function filterResidue(blocks: TextBlock[]): TextBlock[] {
  const out: TextBlock[] = [];
  let inTail = false;
  for (const block of blocks) {
    const kind = residueKind(block);
    if (kind) {
      if (TAIL_OPENERS.has(kind)) inTail = true;
      continue;
    }
    if (inTail && looksLikeHeadline(block)) continue;
    inTail = false;
    out.push(block);
  }
  return out;
}

function looksLikeHeadline(block: TextBlock): boolean {
  if (block.linkShare > 0.6) return true;
  return block.text.length <= HEADLINE_MAX && !/[.!?:;”"]$/.test(block.text);
}
