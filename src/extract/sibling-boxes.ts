import { collapse, deepestHolding, computeStats, descendants, elementChildren, tagOf, type TextStats } from './dom-utils.js';
import { toBlocks, type TextBlock } from './text-blocks.js';

/**
 * Step 4d: the article's body split into sibling boxes. CMSs built from "paragraph" components
 * (Drupal's `paragraph--type--text`, page builders' sections, org-mode's outline sections) give
 * every part of the body a box of its own, and Readability and the density pick each take one.
 * From the box the kept text sits in, the siblings on either side are read outward and joined
 * while they read as more of the same text: prose, with headings, lists and tables between prose.
 * The walk stops at the first sibling that reads as furniture (links, a form, a box of labels),
 * and climbs to the parent only when no sibling stopped it: an article is one contiguous run.
 */
export interface SiblingOptions {
  /** A block is prose from this many characters, with a sentence ending and few links. */
  proseChars: number;
  /** Share of link text above which a sibling is furniture (a list of links, a teaser). */
  maxLinkShare: number;
  /** Share of the kept blocks' text the starting box must hold. */
  containerShare: number;
}

export const defaultSiblingOptions: SiblingOptions = { proseChars: 80, maxLinkShare: 0.3, containerShare: 0.8 };

const BUTTON_CHARS = 30;
const STOP_TAGS = new Set(['nav', 'aside', 'footer', 'form', 'header', 'menu', 'dialog', 'button', 'select']);
const NEUTRAL_TAGS = new Set(['hr', 'br', 'img', 'picture', 'figure', 'svg', 'iframe', 'video', 'audio', 'noscript']);

// A sentence ends in any of the corpus's scripts: Latin, CJK full stops, Arabic question mark.
const SENTENCE_END = /[.!?。！？؟]["'”’»)\]]*(\s|$)/u;
// A teaser's summary is cut off mid-sentence.
const CUT_OFF = /(\.\.\.|…)["'”’»)\]]*$/u;

// Past these the walk does not look: an <article> or <main> is the article's own boundary, and the
// body's children are the page's regions (header, consent banners, footer), not parts of a text.
const BOUNDARY_TAGS = new Set(['article', 'main', 'body']);

const key = (text: string) => collapse(text).toLowerCase();

type Verdict = 'prose' | 'bridge' | 'stop' | 'empty';

export interface JoinedArticle {
  blocks: TextBlock[];
  /** The first element of the article's body in the cleaned page (null: not found). */
  first: Element | null;
}

export function joinSiblingBoxes(cleaned: Element, blocks: TextBlock[], options = defaultSiblingOptions): JoinedArticle {
  if (blocks.length === 0) return { blocks, first: null };
  const stats = computeStats(cleaned);
  const start = keptContainer(cleaned, blocks, stats, options.containerShare);
  if (!start || start === cleaned) return { blocks, first: null };
  const kept = new Set(blocks.map((b) => key(b.text)));
  const before: Element[] = [];
  const after: Element[] = [];
  for (let box: Element = start; box.parentElement && box !== cleaned; box = box.parentElement) {
    if (BOUNDARY_TAGS.has(tagOf(box)) || box.parentElement === cleaned) break;
    const siblings = elementChildren(box.parentElement);
    const at = siblings.indexOf(box);
    const left = walk(siblings.slice(0, at).reverse(), stats, options);
    const right = walk(siblings.slice(at + 1), stats, options);
    before.unshift(...left.joined.reverse());
    after.push(...right.joined);
    if (left.stopped || right.stopped) break;
  }
  if (before.length === 0 && after.length === 0) return { blocks, first: start };
  const extra = (els: Element[]) => els.flatMap((el) => toBlocks(el)).filter((b) => !kept.has(key(b.text)));
  return { blocks: [...extra(before), ...blocks, ...extra(after)], first: before[0] ?? start };
}

/** Siblings read outward from the box: prose joins (with the bridges before it); a stop ends the walk. */
function walk(siblings: Element[], stats: Map<Element, TextStats>, options: SiblingOptions): { joined: Element[]; stopped: boolean } {
  const joined: Element[] = [];
  let pending: Element[] = [];
  for (const el of siblings) {
    const v = verdict(el, stats, options);
    if (v === 'stop') return { joined, stopped: true };
    if (v === 'empty') continue;
    if (v === 'bridge') {
      pending.push(el);
      continue;
    }
    joined.push(...pending, el);
    pending = [];
  }
  // Bridges after the last prose (a "Related" heading, a tag list) are not joined, and do not stop the climb.
  return { joined, stopped: false };
}

function verdict(el: Element, stats: Map<Element, TextStats>, options: SiblingOptions): Verdict {
  const tag = tagOf(el);
  const s = stats.get(el);
  if (!s || s.text === 0) return 'empty';
  if (NEUTRAL_TAGS.has(tag)) return 'empty';
  if (STOP_TAGS.has(tag)) return 'stop';
  // A lone short link ("Read aloud", "Print", "Back") is a button, not a list of other stories.
  if (s.text <= BUTTON_CHARS && s.link === s.text && el.getElementsByTagName('a').length === 1) return 'empty';
  if (s.link > options.maxLinkShare * s.text) return 'stop';
  const blocks = toBlocks(el);
  // A headline that is a link is another story's teaser, whatever follows it.
  if (blocks.some((b) => b.linkShare > 0.5)) return 'stop';
  const prose = blocks.some(
    (b) => b.text.length >= options.proseChars && SENTENCE_END.test(b.text) && !CUT_OFF.test(b.text),
  );
  return prose ? 'prose' : 'bridge';
}

/**
 * The deepest element of the cleaned page that holds `share` of the kept blocks' text, found by
 * matching the blocks to the elements whose text they are.
 */
function keptContainer(root: Element, blocks: TextBlock[], stats: Map<Element, TextStats>, share: number): Element | null {
  const lengths = new Set(blocks.map((b) => b.text.length));
  const keys = new Set(blocks.map((b) => key(b.text)));
  const weight = new Map<Element, number>();
  let total = 0;
  for (const el of descendants(root)) {
    const s = stats.get(el);
    // Stats count a whitespace run as one character and keep an edge space or two.
    if (!s || !(lengths.has(s.text) || lengths.has(s.text - 1) || lengths.has(s.text - 2))) continue;
    const k = key(el.textContent ?? '');
    if (!keys.has(k)) continue;
    keys.delete(k); // the outermost element of a block's text counts once
    total += k.length;
    // The element itself counts: a box that holds one block alone is where the walk starts.
    for (let a: Element | null = el; a; a = a.parentElement) weight.set(a, (weight.get(a) ?? 0) + k.length);
  }
  if (total === 0) return null;
  return deepestHolding(weight, share, total);
}
