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
export function filterResidue(blocks: TextBlock[], context: ResidueContext = {}): TextBlock[] {
  const out: TextBlock[] = [];
  let inTail = false;
  let repeated: TextBlock | null = null;
  const titleKey = context.title ? wordsKey(context.title) : null;
  for (const [i, block] of blocks.entries()) {
    // The headline repeated at the top of the body is the title, which is not text.
    if (titleKey && i < TITLE_REACH && wordsKey(block.text) === titleKey) {
      if (block.kind === 'p') repeated ??= block;
      continue;
    }
    const kind = residueKind(block) ?? (isDateLine(block) ? 'date-line' : null) ?? (isLinkLine(block) ? 'link-line' : null);
    if (kind) {
      if (TAIL_OPENERS.has(kind)) inTail = true;
      continue;
    }
    if (inTail && looksLikeHeadline(block)) continue;
    inTail = false;
    out.push(block);
  }
  // A brief of one sentence is its own headline: when the body holds nothing but that sentence,
  // it is the text (a headline proper, with no sentence ending, is still no article).
  if (out.length === 0 && repeated && SENTENCE_END.test(repeated.text)) out.push(repeated);
  return out;
}

const SENTENCE_END = /[.!?]["'”’)]?$/u;

export interface ResidueContext {
  /** The article's title, dropped where the body repeats it near the top. */
  title?: string | null;
}

// The headline is repeated within the first blocks (kicker, headline, deck) when at all.
const TITLE_REACH = 3;

function wordsKey(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ').toLowerCase();
}

// A line with a year and a handful of words and no sentence ending is a dateline or a meta line
// ("segunda-feira, 22 de janeiro de 2018 às 0:13", "02 Ago 2017"), in whatever language.
const DATE_LINE_MAX_CHARS = 70;
const DATE_LINE_MAX_WORDS = 9;

function isDateLine(block: TextBlock): boolean {
  if (block.kind !== 'p' || block.text.length > DATE_LINE_MAX_CHARS || /[.!?"”]$/.test(block.text)) return false;
  // "Date: 18 - 22 Dec 2025" is a labelled fact of the article, not page metadata.
  if (/^[\p{L} ]{2,20}:\s/u.test(block.text)) return false;
  if (!/\b(19|20)\d{2}\b/.test(block.text)) return false;
  const words = block.text.split(/\s+/).length;
  const digits = /\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\b\d{1,2}\b.*\b(19|20)\d{2}\b|\b(19|20)\d{2}\b.*\b\d{1,2}\b/.test(block.text);
  return digits && words <= DATE_LINE_MAX_WORDS;
}

// A paragraph or heading that is all one link, with no sentence ending, is another story's
// headline dropped into the body; 200 characters is beyond any headline.
const LINK_LINE_MAX_CHARS = 200;

function isLinkLine(block: TextBlock): boolean {
  // Headings stay: gift guides and listicles head each item with a link to it.
  if (block.kind !== 'p') return false;
  return block.linkShare >= 0.9 && block.text.length <= LINK_LINE_MAX_CHARS && !/[.!?"”'’»]$/.test(block.text);
}

function looksLikeHeadline(block: TextBlock): boolean {
  if (block.linkShare > 0.6) return true;
  return block.text.length <= HEADLINE_MAX && !/[.!?:;”"]$/.test(block.text);
}
