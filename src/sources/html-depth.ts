import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { PermanentFetchError } from '../errors.js';
import { CHUNK_CHARS, IGNORED_TOKENS } from './html-tags.js';

/**
 * A page's nesting depth, measured in one linear pass before anything builds a tree of it.
 * parse5 (cheerio) and htmlparser2's Parser pay O(depth) per tag for their stack of open
 * elements, so nesting is the one input whose cost grows faster than the page: 10,000 nested
 * `<div>`s cost 0.55 s in `cheerio.load`, 40,000 cost 16.7 s, on the event loop.
 *
 * The count is of elements whose end tag is required: `<p>`, `<li>`, table cells and the other
 * elements that the HTML parser closes by itself (§13.1.2.4 "optional tags") are not counted,
 * so old-style pages that never close their paragraphs are not mistaken for deep ones. Void
 * elements add nothing, nor do self-closed tags inside SVG or MathML (`<path/>`); in HTML,
 * `<div/>` opens a div like `<div>` does.
 */
const OPTIONAL_END = new Set([
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'rb', 'rt', 'rtc', 'rp',
  'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption', 'html', 'head', 'body',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame', 'keygen']);

/**
 * Real pages nest 30–60 elements deep (the extraction benchmark's deepest is under 100; the
 * extractor already flattens past 200). Ten times that is machine-made or hostile, and still
 * cheap to parse (a chain of 1,000 costs parse5 a few milliseconds).
 */
export const MAX_HTML_DEPTH = 1_000;

/**
 * The deepest nesting of required-end-tag elements; stops counting once past `stopAbove`.
 * A stack with push/pop (never shift/unshift) and a count per open name: an end tag pops up to
 * its element when one is open and is ignored otherwise, as the HTML parser does, so each
 * element is pushed and popped once and the pass stays linear whatever the page.
 */
export function htmlNestingDepth(html: string, stopAbove = Number.POSITIVE_INFINITY): number {
  const stack: string[] = [];
  const openByName = new Map<string, number>();
  let deepest = 0;
  let name = '';
  const counted = (tag: string) => !OPTIONAL_END.has(tag) && !VOID.has(tag);
  const inForeign = () => (openByName.get('svg') ?? 0) + (openByName.get('math') ?? 0) > 0;
  const open = () => {
    if (!counted(name)) return;
    stack.push(name);
    openByName.set(name, (openByName.get(name) ?? 0) + 1);
    if (stack.length > deepest) deepest = stack.length;
    if (deepest > stopAbove) tokenizer.pause();
  };
  const close = (closed: string) => {
    if (!openByName.get(closed)) return;
    for (let popped = stack.pop(); popped !== undefined; popped = stack.pop()) {
      openByName.set(popped, openByName.get(popped)! - 1);
      if (popped === closed) return;
    }
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      name = html.slice(start, end).toLowerCase();
    },
    onopentagend: open,
    onselfclosingtag() {
      if (!inForeign()) open();
    },
    onclosetag(start, end) {
      close(html.slice(start, end).toLowerCase());
    },
    onattribname() {},
    onattribdata() {},
    onattribentity() {},
    onattribend() {},
    ...IGNORED_TOKENS,
  };
  const tokenizer = new Tokenizer({ decodeEntities: false }, callbacks);
  for (let index = 0; index < html.length && deepest <= stopAbove; index += CHUNK_CHARS) tokenizer.write(html.slice(index, index + CHUNK_CHARS));
  if (deepest <= stopAbove) tokenizer.end();
  return deepest;
}

/**
 * Refuses, before a tree parse, a page nested deeper than `maxDepth`: PermanentFetchError
 * TOO_DEEP, recorded on the source or article like any other reason a page cannot be used.
 */
export function assertHtmlDepth(html: string, what: string, maxDepth = MAX_HTML_DEPTH): void {
  const depth = htmlNestingDepth(html, maxDepth);
  if (depth > maxDepth) throw new PermanentFetchError('TOO_DEEP', `${what} nests elements more than ${maxDepth} deep; refused before parsing`);
}
