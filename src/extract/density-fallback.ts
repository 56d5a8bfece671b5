import { computeStats, descendants, tagOf } from './dom-utils.js';

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
