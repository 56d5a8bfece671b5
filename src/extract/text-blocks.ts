import { isElement, tagOf, TEXT_NODE } from './dom-utils.js';

/** One block of the article in reading order: a paragraph, heading, list item, quote or row. */
export interface TextBlock {
  kind: 'p' | 'heading' | 'li' | 'quote' | 'row' | 'pre';
  text: string;
  /** Share of the block's text inside links (0–1). */
  linkShare: number;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table',
  'thead', 'tbody', 'tfoot', 'tr', 'address', 'center', 'details', 'summary', 'hr', 'form', 'fieldset',
]);

const CELL_TAGS = new Set(['td', 'th']);

function kindOf(tag: string, inQuote: boolean): TextBlock['kind'] {
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (tag === 'li' || tag === 'dt' || tag === 'dd') return 'li';
  if (tag === 'tr') return 'row';
  if (tag === 'pre') return 'pre';
  return inQuote ? 'quote' : 'p';
}

/**
 * Step 6: turn the article's DOM into blocks in reading order, keeping headings, list items,
 * table rows (cells joined by " | ") and quotes as blocks of their own. Iterative, because pages
 * nest elements thousands deep.
 */
export function toBlocks(root: Element): TextBlock[] {
  const blocks: TextBlock[] = [];
  let text = '';
  let linkChars = 0;
  let kind: TextBlock['kind'] = 'p';
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    if (t) blocks.push({ kind, text: t, linkShare: Math.min(1, linkChars / t.length) });
    text = '';
    linkChars = 0;
  };
  type Frame = { node: Node; exit: boolean; inLink: boolean; inQuote: boolean };
  const stack: Frame[] = [{ node: root, exit: false, inLink: false, inQuote: false }];
  while (stack.length) {
    const f = stack.pop()!;
    const node = f.node;
    if (node.nodeType === TEXT_NODE) {
      const v = node.nodeValue ?? '';
      text += v;
      if (f.inLink) linkChars += v.replace(/\s+/g, ' ').length;
      continue;
    }
    if (!isElement(node)) continue;
    const tag = tagOf(node);
    if (f.exit) {
      if (BLOCK_TAGS.has(tag)) flush();
      else if (CELL_TAGS.has(tag)) text += ' | ';
      continue;
    }
    if (tag === 'br') {
      text += '\n';
      // Two <br> in a row separate paragraphs on sites that do not use <p>.
      if (/\n\s*\n$/.test(text)) flush();
      continue;
    }
    if (tag === 'img' || tag === 'picture' || tag === 'source') continue;
    if (BLOCK_TAGS.has(tag)) {
      flush();
      kind = kindOf(tag, f.inQuote);
    }
    const inLink = f.inLink || tag === 'a';
    const inQuote = f.inQuote || tag === 'blockquote';
    stack.push({ node, exit: true, inLink, inQuote });
    const kids: Node[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false, inLink, inQuote });
  }
  flush();
  return blocks.map((b) => (b.kind === 'row' ? { ...b, text: b.text.replace(/\s*\|\s*$/, '') } : b));
}
