import { descendants, tagOf } from './dom-utils.js';
import { toBlocks, type TextBlock } from './text-blocks.js';

/**
 * Step 4e: the standfirst. Sites set the lead paragraph apart from the body, in the article's
 * <header>, beside the headline, in a box of its own ("subtitle", "intro", "excerpt", "bajada"),
 * and Readability, which reads the body, leaves it out. Here the prose between the page's headline
 * (<h1>) and the start of the kept body is put before the body: the text there is the headline's
 * deck, byline, date line and share bar, and of those only the deck reads as sentences.
 */
export interface StandfirstOptions {
  /** A deck is a sentence or two; a byline, a date line or a label is shorter. */
  minChars: number;
  /** Share of link text above which a block is a link (a byline, a category), not a deck. */
  maxLinkShare: number;
  /** A deck runs to a paragraph or two at most; more between headline and body is something else. */
  maxBlocks: number;
}

export const defaultStandfirstOptions: StandfirstOptions = { minChars: 50, maxLinkShare: 0.2, maxBlocks: 2 };

// A sentence ends in any of the corpus's scripts: Latin, CJK full stops, Arabic question mark.
// A deck is written as sentences and ends like one; a kicker or a second headline does not.
const SENTENCE_END = /[.!?。！？؟]["'”’»)\]]*$/u;

export function standfirst(cleaned: Element, body: Element, blocks: TextBlock[], options = defaultStandfirstOptions): TextBlock[] {
  const kept = new Set(blocks.map((b) => b.text.toLowerCase()));
  const all = descendants(cleaned);
  const h1s = all.filter((el) => tagOf(el) === 'h1');
  // Only the headline before the body, and only one: several <h1> are a listing's titles.
  const at = new Map(all.map((el, i) => [el, i]));
  const before = h1s.filter((h) => (at.get(h) ?? 0) < (at.get(body) ?? 0) && !h.contains(body));
  if (before.length !== 1 || h1s.some((h) => body.contains(h))) return blocks;
  const h1 = before[0];
  const out: TextBlock[] = [];
  for (const el of between(all, h1, body)) {
    for (const b of toBlocks(el)) {
      if (b.text.length < options.minChars || b.linkShare > options.maxLinkShare) continue;
      if (!SENTENCE_END.test(b.text)) continue;
      if (kept.has(b.text.toLowerCase())) continue;
      out.push(b);
    }
  }
  return out.length <= options.maxBlocks ? [...out, ...blocks] : blocks;
}

/** The largest elements after `first` ends and before `last` begins, in document order. */
function between(all: Element[], first: Element, last: Element): Element[] {
  const out: Element[] = [];
  let skipInside: Element | null = null;
  let started = false;
  for (const el of all) {
    if (el === last) break;
    if (!started) {
      if (el === first) {
        started = true;
        skipInside = first;
      }
      continue;
    }
    if (skipInside && skipInside.contains(el)) continue;
    if (el.contains(last)) continue; // an ancestor of the body: look inside it
    out.push(el);
    skipInside = el;
  }
  return out;
}
