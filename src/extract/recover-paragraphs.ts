import { collapse, deepestHolding, computeStats, descendants, tagOf } from './dom-utils.js';
import { toBlocks, type TextBlock } from './text-blocks.js';

/**
 * Step 4b: Readability keeps the best-scored container and only those siblings that score well
 * on their own, so a site that wraps every paragraph in a card of its own loses the cards that
 * hold a link or a short sentence. Here the paragraphs of the article's own container (the
 * deepest element of the cleaned page that holds most of what Readability kept) that Readability
 * left out are put back in reading order, when they read as prose.
 */
export interface RecoverOptions {
  /** Share of the kept paragraphs' text the container must hold (the rest may be strays). */
  containerShare: number;
  /** A paragraph put back has at least this many characters and this little link text. */
  minChars: number;
  maxLinkShare: number;
  /** A list or table put back holds at least this much text and this little link text. */
  minListChars: number;
  maxListLinkShare: number;
}

const LIST_TAGS = new Set(['ul', 'ol', 'dl', 'table']);

export const defaultRecoverOptions: RecoverOptions = { containerShare: 0.8, minChars: 60, maxLinkShare: 0.5, minListChars: 40, maxListLinkShare: 0.2 };

const key = (text: string) => collapse(text).toLowerCase();

export function recoverParagraphs(cleaned: Element, blocks: TextBlock[], options = defaultRecoverOptions): TextBlock[] {
  const kept = new Set(blocks.map((b) => key(b.text)));
  const paragraphs = descendants(cleaned).filter((el) => tagOf(el) === 'p');
  const matched = paragraphs.filter((p) => kept.has(key(p.textContent ?? '')));
  if (matched.length < 2) return blocks;
  const container = articleContainer(matched, options.containerShare);
  if (!container) return blocks;

  const stats = computeStats(container);
  const out: TextBlock[] = [];
  let lastKeptIndex = -1;
  const indexOf = new Map(blocks.map((b, i) => [key(b.text), i]));
  let skipInside: Element | null = null;
  for (const p of descendants(container)) {
    if (skipInside?.contains(p)) continue;
    const tag = tagOf(p);
    if (LIST_TAGS.has(tag)) {
      // A list or table between kept text that Readability cleaned away (short items, no
      // sentence endings): put back whole when none of it was kept and it is not links.
      const s = stats.get(p);
      if (!s || s.text < options.minListChars || s.link > options.maxListLinkShare * s.text) continue;
      if (lastKeptIndex < 0 || lastKeptIndex >= blocks.length - 1) continue;
      const items = toBlocks(p);
      if (items.some((b) => indexOf.has(key(b.text)))) continue;
      out.push(...items);
      skipInside = p;
      continue;
    }
    if (tag !== 'p') continue;
    const k = key(p.textContent ?? '');
    const at = indexOf.get(k);
    if (at !== undefined) {
      // Copy Readability's blocks up to and including this one, in their order.
      for (let i = lastKeptIndex + 1; i <= at; i++) out.push(blocks[i]);
      lastKeptIndex = Math.max(lastKeptIndex, at);
      continue;
    }
    const s = stats.get(p);
    if (!s || s.text < options.minChars || s.link / s.text > options.maxLinkShare) continue;
    if (lastKeptIndex < 0 || lastKeptIndex >= blocks.length - 1) continue; // only between kept text
    if (!/[.!?"”’)]$/.test(k)) continue; // prose ends a sentence; teasers and labels do not
    out.push({ kind: 'p', text: collapse(p.textContent ?? ''), linkShare: s.link / s.text });
  }
  for (let i = lastKeptIndex + 1; i < blocks.length; i++) out.push(blocks[i]);
  return out;
}

/** The deepest ancestor holding `share` of the matched paragraphs' text. */
function articleContainer(matched: Element[], share: number): Element | null {
  const weight = new Map<Element, number>();
  let total = 0;
  for (const p of matched) {
    const n = (p.textContent ?? '').length;
    total += n;
    for (let a = p.parentElement; a; a = a.parentElement) weight.set(a, (weight.get(a) ?? 0) + n);
  }
  return deepestHolding(weight, share, total);
}
