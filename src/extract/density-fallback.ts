import { computeStats, descendants, tagOf } from './dom-utils.js';
import type { TextBlock } from './text-blocks.js';

// Block containers that can hold an article's paragraphs.
const CONTAINERS = new Set(['div', 'section', 'article', 'main', 'td', 'body', 'span', 'font', 'center']);

/**
 * Step 4: when Readability returns too little, pick the main block by text density, as
 * trafilatura falls back on its own baseline: the container whose own paragraphs (text outside
 * links) weigh most, counting a grandchild's paragraphs at half weight.
 */
export function densityPick(body: Element): Element | null {
  const stats = computeStats(body);
  const score = new Map<Element, number>();
  const add = (el: Element | null, v: number) => {
    if (el && CONTAINERS.has(tagOf(el))) score.set(el, (score.get(el) ?? 0) + v);
  };
  for (const el of descendants(body)) {
    const tag = tagOf(el);
    if (tag !== 'p' && tag !== 'pre' && tag !== 'blockquote' && tag !== 'li' && !/^h[2-6]$/.test(tag)) continue;
    const s = stats.get(el);
    if (!s) continue;
    const own = s.text - s.link;
    if (own < 25) continue; // a label or a link, not a paragraph
    add(el.parentElement, own);
    add(el.parentElement?.parentElement ?? null, own / 2);
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const [el, v] of score) {
    if (v > bestScore) {
      best = el;
      bestScore = v;
    }
  }
  return best;
}

/**
 * Whether the density pick is the article Readability cut short: it holds (nearly) all the text
 * Readability kept and `ratio` times as much prose, or it outweighs Readability's pick five to one. Readability keeps its best container and the
 * siblings that score well alone, so an article split into sibling boxes (by ads, embeds,
 * "page-section" wrappers) comes back as one box.
 */
export function widerArticle(kept: TextBlock[], dense: TextBlock[], ratio: number): boolean {
  const keptChars = kept.reduce((n, b) => n + b.text.length, 0);
  const denseChars = dense.reduce((n, b) => n + b.text.length, 0);
  if (denseChars < ratio * keptChars) return false;
  // Readability chose a box (a "you may also like" teaser list) holding a fifth of the prose of
  // the densest container: that container is the article, whatever Readability kept.
  if (denseChars >= OUTWEIGH_RATIO * keptChars) return true;
  // Blocks compared as text: Readability may join or split blocks the density pick keeps apart.
  const denseText = ` ${dense.map((b) => wordsOf(b.text)).join(' ')} `;
  const held = kept.reduce((n, b) => n + (denseText.includes(` ${wordsOf(b.text)} `) ? b.text.length : 0), 0);
  return held >= CONTAINED_SHARE * keptChars;
}

// Tried 3, 5 and 8 on both corpora: 3 also swaps a short blog post for its comments.
const OUTWEIGH_RATIO = 5;

// Readability rewrites a few blocks (joins <br> runs, drops empty tags): most, not all, match.
const CONTAINED_SHARE = 0.8;

function wordsOf(text: string): string {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}
