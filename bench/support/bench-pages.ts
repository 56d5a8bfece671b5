import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pipeline benchmark's pages: the article-extraction benchmark's real markup, copied as many
 * times as the run needs and each copy made a page of its own, as a news site would serve it.
 */

/** One page of the extraction benchmark, as stored. */
export interface BasePage {
  id: string;
  html: string;
  /** Path of the page's original URL (dates in it help the publication date, as on the web). */
  path: string;
}

/** One page the loopback site serves: a copy of a base page with its own URL and its own news. */
export interface BenchPage {
  index: number;
  base: BasePage;
  host: number;
  /** Path on its host (unique across the run). */
  path: string;
  /** The invented name only this copy's extra paragraph uses: its event is news of its own. */
  name: string;
  title: string;
}

export function loadBasePages(htmlDir: string): BasePage[] {
  if (!existsSync(htmlDir)) throw new Error(`no benchmark pages at ${htmlDir} (give the folder of the extraction benchmark's html/ as the first argument)`);
  const truthFile = join(htmlDir, '..', 'ground-truth.json');
  const urls: Record<string, { url?: string }> = existsSync(truthFile) ? JSON.parse(readFileSync(truthFile, 'utf8')) : {};
  const pages = readdirSync(htmlDir)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .map((file) => {
      const id = file.slice(0, -'.html'.length);
      return { id, html: readFileSync(join(htmlDir, file), 'utf8'), path: originalPath(urls[id]?.url) };
    });
  if (pages.length === 0) throw new Error(`no .html pages in ${htmlDir}`);
  return pages;
}

function originalPath(url: string | undefined): string {
  try {
    // Characters a path may carry unescaped only; the rest of the original is of no use here.
    const path = url ? new URL(url).pathname.replace(/[^A-Za-z0-9/_.-]/g, '') : '';
    return path.length > 1 ? path.replace(/\/+$/, '') : '/article';
  } catch {
    return '/article';
  }
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'te', 'vu', 'so', 'ne', 'di', 'ba', 'zo', 'fe', 'gu', 'ho', 'pi', 'ru', 'sa', 'to', 'wa', 'ye'];

/** A pronounceable name from a number, different for every number (three syllables per 8,000). */
export function inventedName(n: number): string {
  let name = '';
  let rest = n;
  do {
    name += SYLLABLES[rest % SYLLABLES.length];
    rest = Math.floor(rest / SYLLABLES.length);
  } while (rest > 0 || name.length < 6);
  return name[0].toUpperCase() + name.slice(1);
}

/** Page `index` of a run: copies cycle through the base pages, hosts take turns. */
export function benchPage(bases: readonly BasePage[], index: number, hosts: number): BenchPage {
  const base = bases[index % bases.length];
  const name = inventedName(index);
  return { index, base, host: index % hosts, path: `/p${index}${base.path}`, name, title: `${name} report ${index}` };
}

const VERBS = ['approved', 'rejected', 'announced', 'postponed', 'signed', 'cancelled'];
const THINGS = ['a new harbour budget', 'a rail contract', 'a water treaty', 'a school reform', 'a bridge repair plan', 'a port expansion'];

/** The copy's own news: one act by an actor no other copy names, dated by its publication. */
export function uniqueSentence(page: BenchPage): string {
  const verb = VERBS[page.index % VERBS.length];
  const thing = THINGS[Math.floor(page.index / VERBS.length) % THINGS.length];
  return `The ${page.name} city council ${verb} ${thing} for the ${page.name} district, the council's chair ${page.name}ov said.`;
}

/**
 * The copy's markup: its own canonical URL (a copy claiming the original's URL would be another
 * site's page), its own title, and its own paragraph after the page's longest paragraph (inside
 * the article, where the extractor keeps it). The base page is cut once around those three
 * places (`pageTemplate`), so that serving a copy is a concatenation, not a rewrite: the site
 * shares the machine with the service it feeds.
 */
export function pageHtml(page: BenchPage, url: string): string {
  return pageTemplate(page.base)(url, page.title, `<p>${uniqueSentence(page)}</p>`);
}

type Template = (url: string, title: string, paragraph: string) => string;
const templates = new WeakMap<BasePage, Template>();
const URL_SLOT = '\u0000URL\u0000';
const TITLE_SLOT = '\u0000TITLE\u0000';
const PARAGRAPH_SLOT = '\u0000PARAGRAPH\u0000';

function pageTemplate(base: BasePage): Template {
  const known = templates.get(base);
  if (known) return known;
  let html = base.html
    .replace(/<link\b[^>]*\brel=["']?canonical\b[^>]*>/gi, `<link rel="canonical" href="${URL_SLOT}">`)
    .replace(/<meta\b[^>]*\bproperty=["']og:url["'][^>]*>/gi, `<meta property="og:url" content="${URL_SLOT}">`)
    .replace(/<title\b[^>]*>([\s\S]*?)<\/title>/i, (_all, title: string) => `<title>${title.trim()} (${TITLE_SLOT})</title>`);
  const at = endOfLongestParagraph(html);
  html = at === null ? html.replace(/<\/body>/i, `${PARAGRAPH_SLOT}</body>`) : `${html.slice(0, at)}${PARAGRAPH_SLOT}${html.slice(at)}`;
  const pieces = html.split(/(\u0000(?:URL|TITLE|PARAGRAPH)\u0000)/);
  const template: Template = (url, title, paragraph) =>
    pieces.map((piece) => (piece === URL_SLOT ? url : piece === TITLE_SLOT ? title : piece === PARAGRAPH_SLOT ? paragraph : piece)).join('');
  templates.set(base, template);
  return template;
}
function endOfLongestParagraph(html: string): number | null {
  let best: { end: number; length: number } | null = null;
  for (const match of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    const length = match[1].replace(/<[^>]*>/g, '').trim().length;
    if (!best || length > best.length) best = { end: (match.index ?? 0) + match[0].length, length };
  }
  return best ? best.end : null;
}
