import { CHROME_TOKEN, FURNITURE_LABEL, FURNITURE_ROLES, FURNITURE_TOKEN } from './boilerplate-patterns.js';
import { collapse, computeStats, descendants, removeAll, tagOf, TEXT_NODE, type TextStats } from './dom-utils.js';

/** Tags that are page furniture wherever they stand. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer', 'figcaption']);

/** Containers that hold the article and must never be removed by their class alone. */
const ARTICLE_TAGS = new Set(['html', 'body', 'main', 'article']);

export interface PreCleanOptions {
  /**
   * An element holding more than this share of the page's paragraph text is never furniture,
   * whatever its class says (WordPress puts `tag-…` and `category-…` on the article itself).
   */
  maxShareOfText: number;
  /**
   * An element holding more than this share of the page's text outside links is never furniture
   * either: the same guard for pages whose text is not in <p> elements.
   */
  maxShareOfOwnText: number;
  /** Share of link text above which a list or box counts as a list of links. */
  linkDensity: number;
}

export const defaultPreCleanOptions: PreCleanOptions = { maxShareOfText: 0.35, maxShareOfOwnText: 0.5, linkDensity: 0.6 };

/**
 * Step 2: remove furniture by structure (tag, role, class/id tokens) and by text (a box that
 * opens with "Related", "Most popular", "Support us"… or a run of links). Hashed class names
 * (`sc-1tqg9nf-0`) say nothing, so the text rules matter as much as the class rules.
 */
export function preClean(body: Element, options: PreCleanOptions = defaultPreCleanOptions): void {
  dropOtherArticles(body);
  const stats = computeStats(body);
  const bodyStats = stats.get(body);
  const total = bodyStats?.para ?? 0;
  const totalOwn = bodyStats ? bodyStats.text - bodyStats.link : 0;
  const drop: Element[] = [];
  const dropped = new Set<Element>();
  const all = descendants(body);
  const markedChain = markedBodyChain(all, stats);
  const groupCache = new Map<string, number>();
  for (const el of all) {
    if (el.parentElement && dropped.has(el.parentElement)) {
      dropped.add(el);
      continue;
    }
    const s = stats.get(el);
    if (!s || markedChain.has(el)) continue;
    // A run of siblings sharing a class (live-ticker entries classed 'live-comment') is judged
    // as one: together they may hold the article even when each alone is small.
    const group = siblingGroupPara(el, stats, groupCache);
    if (group > options.maxShareOfText * total && total > 0) continue;
    if (s.para > options.maxShareOfText * total && total > 0) continue;
    // Pages written without <p> (Blogger's `widget Blog`, <br>-separated posts) show no paragraph
    // text at all: there, an element holding most of the page's text outside links is the article.
    if (s.text - s.link > options.maxShareOfOwnText * totalOwn && totalOwn > 0) continue;
    if (isFurniture(el, s, options)) {
      drop.push(el);
      dropped.add(el);
    }
  }
  removeAll(drop);
}

/**
 * Paragraph text of an element and its siblings with the same first class token (0 for an
 * element without a class or a sibling of its kind). Cached per parent and class.
 */
function siblingGroupPara(el: Element, stats: Map<Element, TextStats>, cache: Map<string, number>): number {
  const cls = (el.getAttribute('class') ?? '').trim().split(/\s+/)[0];
  const parent = el.parentElement;
  if (!cls || !parent) return 0;
  let id = parentIds.get(parent);
  if (id === undefined) parentIds.set(parent, (id = nextParentId++));
  const key = `${id} ${cls}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let sum = 0;
  let count = 0;
  for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
    if ((c.getAttribute('class') ?? '').trim().split(/\s+/)[0] !== cls) continue;
    sum += stats.get(c)?.para ?? 0;
    count++;
  }
  const value = count >= MIN_GROUP ? sum : 0;
  cache.set(key, value);
  return value;
}

// Three entries make a run; two siblings alike are a pair of boxes, not a list.
const MIN_GROUP = 3;
const parentIds = new WeakMap<Element, number>();
let nextParentId = 0;

/**
 * Class names and itemprops that CMSs put on an article's body: schema.org's articleBody,
 * the hAtom/microformats2 entry content (WordPress, Blogger: `post-body entry-content`) and the
 * common `article-body`/`story-body` spellings.
 */
const BODY_MARKER = /^(entry-content|e-content|post-body|post-content|article-body|articlebody|article-content|article-text|articletext|story-body|story-content)$/i;

// A body marker on a teaser card holds an excerpt; the article's own holds a few paragraphs.
const MIN_MARKED_BODY_CHARS = 200;

/**
 * The element a CMS marked as the article body (the one with most text outside links, when
 * several are marked) and its ancestors: none of them is furniture, whatever their classes say
 * (Blogger wraps the post in `div.widget.Blog`, some sites put the story in an <aside>). Teaser
 * cards of a related-posts box carry the same markers but less text than the article's own.
 */
function markedBodyChain(all: Element[], stats: Map<Element, TextStats>): Set<Element> {
  let best: Element | null = null;
  let bestOwn = MIN_MARKED_BODY_CHARS;
  for (const el of all) {
    const s = stats.get(el);
    if (!s || s.text - s.link < bestOwn || !hasBodyMarker(el)) continue;
    best = el;
    bestOwn = s.text - s.link;
  }
  const chain = new Set<Element>();
  for (let a: Element | null = best; a; a = a.parentElement) chain.add(a);
  return chain;
}

function hasBodyMarker(el: Element): boolean {
  if (/\barticleBody\b/.test(el.getAttribute('itemprop') ?? '')) return true;
  const cls = el.getAttribute('class');
  return !!cls && cls.split(/\s+/).some((t) => BODY_MARKER.test(t));
}

function isFurniture(el: Element, s: TextStats, options: PreCleanOptions): boolean {
  const tag = tagOf(el);
  // An article's own <header> holds its standfirst: prose there is text, not furniture.
  if (tag === 'header') return !holdsProse(el, s);
  if (FURNITURE_TAGS.has(tag)) return true;
  // An image and its caption go; a figure that holds a table or a quote is text and stays.
  if (tag === 'figure') return s.text < 300 && !el.querySelector('table, blockquote, pre');
  const role = el.getAttribute('role');
  if (role && FURNITURE_ROLES.has(role.toLowerCase())) return true;
  if (!ARTICLE_TAGS.has(tag)) {
    if (hasToken(el, FURNITURE_TOKEN)) return true;
    // Page chrome (menus, sidebars, headers) is made of links: a box named so that holds a
    // paragraph's worth of text and not one link is text (a page builder's "widget").
    if (hasToken(el, CHROME_TOKEN) && !(s.link === 0 && s.text >= MIN_LINKLESS_PROSE)) return true;
  }
  if (tag === 'ul' || tag === 'ol' || tag === 'div' || tag === 'section') {
    return isAppealBox(el, s) || isLinkBox(el, s, options);
  }
  return false;
}

// A standfirst runs to a sentence or two; site headers hold menus, logos and short labels.
const MIN_PROSE_CHARS = 80;

/** A <p> of prose: a sentence's worth of text outside links, ending like a sentence. */
function holdsProse(el: Element, s: TextStats): boolean {
  if (s.text - s.link < MIN_PROSE_CHARS) return false;
  for (const p of el.getElementsByTagName('p')) {
    const text = collapse(p.textContent ?? '');
    if (text.length < MIN_PROSE_CHARS) continue;
    let link = 0;
    for (const a of p.getElementsByTagName('a')) link += collapse(a.textContent ?? '').length;
    if (link < 0.5 * text.length && SENTENCE_END.test(text)) return true;
  }
  return false;
}

/** Sentence punctuation of the scripts in the data: Latin, CJK (。！？), Arabic (؟ ۔), Devanagari (।). */
const SENTENCE_END = /[.!?…。！？؟۔।"”»“)]$/u;

const MIN_LINKLESS_PROSE = 200;

function hasToken(el: Element, pattern: RegExp): boolean {
  const tokens = (el.getAttribute('class') ?? '').split(/\s+/).filter(Boolean);
  const id = el.getAttribute('id');
  if (id) tokens.push(id);
  return tokens.some((t) => pattern.test(t));
}

// Donation, newsletter and membership boxes are short: the longest seen in the seeds is about
// 1,100 characters. A longer box that opens with "Support…" is more likely the article.
const MAX_APPEAL_TEXT = 1500;

/** A box that opens with an appeal or a furniture label ("Your support helps…", "Sign up…"). */
function isAppealBox(el: Element, s: TextStats): boolean {
  if (s.text === 0 || s.text > MAX_APPEAL_TEXT) return false;
  return FURNITURE_LABEL.test(leadingText(el, 60));
}

/** The first characters of an element's text, without walking the whole subtree. */
function leadingText(el: Element, max: number): string {
  let out = '';
  const stack: Node[] = [el];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      out += node.nodeValue ?? '';
      if (out.trim()) out += ' ';
      continue;
    }
    const kids: Node[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) kids.push(c);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return collapse(out);
}

const MAX_LINK_BOX_OWN_TEXT = 400;

/**
 * A list or box of other stories: most of its text is links and either it has several links or
 * it opens with a furniture label ("Related", "More from…").
 */
function isLinkBox(el: Element, s: TextStats, options: PreCleanOptions): boolean {
  if (s.text === 0) return false;
  const density = s.link / s.text;
  // Only read the text (a subtree walk) when the cheap figures already point to furniture.
  if (density > 0.3 || s.text < 300) {
    const head = collapse((el.textContent ?? '').slice(0, 200));
    if (FURNITURE_LABEL.test(head)) return true;
  }
  if (density < options.linkDensity) return false;
  // A list of links carries little text of its own (labels, dates); 400 characters outside links
  // is a paragraph or two, which a box of headlines does not have (a short news item may sit
  // in the same box as its sidebar of headlines).
  if (s.text - s.link >= MAX_LINK_BOX_OWN_TEXT) return false;
  const links = el.getElementsByTagName('a').length;
  return links >= 3 && s.para < 0.5 * s.text;
}

/**
 * The page's headline: its one <h1>, or, where the next stories are appended to the page each
 * with an <h1> of its own (endless scrolling), the one <h1> the page's <title> names.
 */
function pageHeadline(body: Element, h1s: Element[]): Element | null {
  if (h1s.length === 1) return h1s[0];
  const title = wordsOf(body.ownerDocument?.querySelector('title')?.textContent ?? '');
  if (!title || h1s.length === 0) return null;
  const named = h1s.filter((h) => {
    const words = wordsOf(h.textContent ?? '');
    return words.length >= MIN_HEADLINE_CHARS && title.includes(words);
  });
  return named.length === 1 ? named[0] : null;
}

// A headline of a few words; shorter <h1>s (a site's name, "News") match any title.
const MIN_HEADLINE_CHARS = 15;

function wordsOf(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}

// Three or more <article> elements on a page with one headline: the others are teasers of other
// stories (related posts, "more in this category").
const MIN_ARTICLES_FOR_TEASERS = 3;
// A headline, a byline and at least a paragraph or two.
const MIN_MAIN_ARTICLE_CHARS = 500;

/**
 * On a story page that also lists other stories as <article> cards, keep the <article> that
 * holds the page's headline (<h1>) and drop the cards that are neither inside nor around it.
 */
function dropOtherArticles(body: Element): void {
  const all = descendants(body);
  const articles = all.filter((el) => tagOf(el) === 'article');
  if (articles.length < MIN_ARTICLES_FOR_TEASERS) return;
  const headline = pageHeadline(body, all.filter((el) => tagOf(el) === 'h1'));
  if (!headline) return;
  const main = articles.filter((a) => a.contains(headline)).pop();
  // Only when that <article> holds the story itself, not just its headline.
  if (!main || collapse(main.textContent ?? '').length < MIN_MAIN_ARTICLE_CHARS) return;
  removeAll(articles.filter((a) => !a.contains(main) && !main.contains(a)));
}
