/**
 * Small helpers over the linkedom DOM. linkedom follows the DOM standard closely enough for these,
 * but it is not a browser: there is no layout, so "hidden" can only be read from attributes.
 */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE;
}

export function tagOf(el: Element): string {
  return el.localName ?? el.tagName.toLowerCase();
}

/** Children that are elements, as an array that stays valid while the tree is changed. */
export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) if (isElement(c)) out.push(c);
  return out;
}

/** Every element under root in document order (root excluded). */
export function descendants(root: Element): Element[] {
  const out: Element[] = [];
  const stack: Element[] = elementChildren(root).reverse();
  while (stack.length) {
    const el = stack.pop()!;
    out.push(el);
    const kids = elementChildren(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The class and id of an element as one lower-case string, for pattern tests. */
export function classAndId(el: Element): string {
  const cls = el.getAttribute('class') ?? '';
  const id = el.getAttribute('id') ?? '';
  return `${cls} ${id}`.toLowerCase();
}

export interface TextStats {
  /** Characters of visible text, whitespace collapsed (approximately: runs counted once). */
  text: number;
  /** Of which inside <a>. */
  link: number;
  /** Characters inside <p> elements. */
  para: number;
}

/**
 * Text statistics for every element, in one post-order walk, so that rules can ask "how much text
 * and how much of it is links" for any element without walking its subtree again.
 */
export function computeStats(root: Element): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  const visit = (el: Element, inLink: boolean, inPara: boolean): TextStats => {
    const tag = tagOf(el);
    const link = inLink || tag === 'a';
    const para = inPara || tag === 'p';
    const s: TextStats = { text: 0, link: 0, para: 0 };
    for (let c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT_NODE) {
        const n = countChars(c.nodeValue ?? '');
        s.text += n;
        if (link) s.link += n;
        if (para) s.para += n;
      } else if (isElement(c)) {
        const k = visit(c, link, para);
        s.text += k.text;
        s.link += k.link;
        s.para += k.para;
      }
    }
    stats.set(el, s);
    return s;
  };
  visit(root, false, false);
  return stats;
}

/** Length of text with runs of whitespace counted as one character. */
function countChars(text: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    const isSpace = ch === 32 || ch === 10 || ch === 9 || ch === 13 || ch === 12 || ch === 160;
    if (isSpace) {
      if (!space) n++;
      space = true;
    } else {
      n++;
      space = false;
    }
  }
  return n;
}

export function removeAll(elements: Iterable<Element>): void {
  for (const el of elements) el.parentNode?.removeChild(el);
}

/**
 * The deepest element whose weight (text it holds, summed from below) reaches `share` of
 * `total`: the tightest box around most of the article's text.
 */
export function deepestHolding(weight: Map<Element, number>, share: number, total: number): Element | null {
  let best: Element | null = null;
  let bestDepth = -1;
  for (const [el, w] of weight) {
    if (w < share * total) continue;
    let depth = 0;
    for (let a = el.parentElement; a; a = a.parentElement) depth++;
    if (depth > bestDepth) {
      best = el;
      bestDepth = depth;
    }
  }
  return best;
}
