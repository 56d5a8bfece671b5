import { QuoteType, Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * A linear pass over a page's tags without building a tree, for the few elements that the
 * fetch and discover stages read (`<link rel=canonical>`, `<link rel=alternate>`, `<base>`).
 * Why not a DOM: parse5 (cheerio's parser) and htmlparser2's Parser keep a stack of open
 * elements that costs O(depth) per tag, so a page of 40,000 nested `<div>`s took 16.7 s in
 * `cheerio.load`; the bare tokenizer keeps no stack. Script, style and title contents stay
 * text, as in a browser. Attribute values have their entities decoded; names are lowercased.
 */
export type TagAttributes = Record<string, string>;

/**
 * Called for each opening tag named in `names` (with its attributes) and each closing tag of
 * one (attributes null); answering false stops the pass.
 */
export type TagVisitor = (name: string, attributes: TagAttributes | null) => boolean | void;

/** Tokenizer input is written in pieces so that a stop is noticed without reading the rest. */
export const CHUNK_CHARS = 64 * 1024;

/** The tokens a tag scan does not look at; each scan spreads these and overrides what it reads. */
export const IGNORED_TOKENS = {
  ontext() {},
  ontextentity() {},
  oncdata() {},
  oncomment() {},
  ondeclaration() {},
  onprocessinginstruction() {},
  onend() {},
} satisfies Partial<TokenizerCallbacks>;

export function scanTags(html: string, options: { names: ReadonlySet<string>; maxChars: number }, visit: TagVisitor): void {
  const input = html.length > options.maxChars ? html.slice(0, options.maxChars) : html;
  let stopped = false;
  let tagName = '';
  let wanted = false;
  let attributes: TagAttributes = {};
  let attributeName = '';
  let attributeValue = '';
  const stop = (answer: boolean | void) => {
    if (answer === false) {
      stopped = true;
      tokenizer.pause();
    }
  };
  const openingEnd = () => {
    if (wanted && !stopped) stop(visit(tagName, attributes));
    wanted = false;
  };
  const callbacks: TokenizerCallbacks = {
    onopentagname(start, end) {
      tagName = input.slice(start, end).toLowerCase();
      wanted = options.names.has(tagName);
      attributes = {};
    },
    onattribname(start, end) {
      if (wanted) attributeName = input.slice(start, end).toLowerCase();
      attributeValue = '';
    },
    onattribdata(start, end) {
      if (wanted) attributeValue += input.slice(start, end);
    },
    onattribentity(codepoint) {
      if (wanted) attributeValue += String.fromCodePoint(codepoint);
    },
    onattribend(quote, _end) {
      // The first of a repeated attribute wins, as in the HTML parser.
      if (wanted && !(attributeName in attributes)) attributes[attributeName] = quote === QuoteType.NoValue ? '' : attributeValue;
    },
    onopentagend: openingEnd,
    onselfclosingtag: openingEnd,
    onclosetag(start, end) {
      const name = input.slice(start, end).toLowerCase();
      if (options.names.has(name) && !stopped) stop(visit(name, null));
    },
    ...IGNORED_TOKENS,
  };
  const tokenizer = new Tokenizer({ decodeEntities: true }, callbacks);
  for (let index = 0; index < input.length && !stopped; index += CHUNK_CHARS) tokenizer.write(input.slice(index, index + CHUNK_CHARS));
  if (!stopped) tokenizer.end();
}
