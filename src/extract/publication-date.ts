import { articleObjects, stringOf } from './json-ld.js';
import type { MetaIndex } from './meta-index.js';

export type DateSource = 'json-ld' | 'meta' | 'itemprop' | 'time' | 'url' | 'dateline' | 'feed';

export interface FoundDate {
  value: string;
  source: DateSource;
}

const PUBLISHED_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished', 'date',
  'pubdate', 'publishdate', 'publish-date', 'publish_date', 'published_time', 'dc.date.issued', 'dc.date',
  'dcterms.created', 'dcterms.date', 'sailthru.date', 'parsely-pub-date', 'article.published', 'cxenseparse:recs:publishtime',
];
const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'dc.date.modified', 'dcterms.modified', 'last-modified'];

// Dates before the web or far ahead are misreadings (a phone number, a product code).
const MIN_YEAR = 1995;
const MAX_YEAR = 2100;

/**
 * Normalises a found date to ISO 8601, keeping it "as found" when it already is ISO (so a
 * date-only value stays a date and an offset stays an offset).
 */
export function normaliseDate(raw: string): string | null {
  const text = raw.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (iso) {
    if (!plausible(+iso[1], +iso[2], +iso[3])) return null;
    return text.replace(' ', 'T');
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return plausible(+compact[1], +compact[2], +compact[3]) ? `${compact[1]}-${compact[2]}-${compact[3]}` : null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms);
  if (!plausible(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())) return null;
  return d.toISOString();
}

function plausible(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

// "February 30th" or "31 April" is a misreading, not a day to date events from.
function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function metaContent(index: MetaIndex, names: string[]): string | null {
  for (const name of names) {
    const v = index.meta.get(name);
    if (v) return v;
  }
  return null;
}

function fromItemprop(index: MetaIndex, prop: string): string | null {
  for (const el of index.itemprop.get(prop) ?? []) {
    const v = el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent;
    const d = v && normaliseDate(v);
    if (d) return d;
  }
  return null;
}

function fromTime(index: MetaIndex): string | null {
  const times = index.times;
  // A <time pubdate> or one marked "publish…" says what it is; otherwise the first one on the page.
  const marked = times.find((t) => t.hasAttribute('pubdate') || /publish|posted|created/i.test(t.getAttribute('class') ?? ''));
  for (const t of marked ? [marked, ...times] : times) {
    const v = normaliseDate(t.getAttribute('datetime') ?? '');
    if (v) return v;
  }
  return null;
}

/** /2025/11/21/, /2025-11-21/, /20251121/ in the path. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:\/|[-_]|$)/.exec(path) ?? /\/((?:19|20)\d{2})(\d{2})(\d{2})(?:\/|[-_]|$)/.exec(path);
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (!plausible(y, mo, d)) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// A day may carry its ordinal suffix ("22nd", "4th"); the day-first form may say "the 4th of
// October" and put a comma after the month ("4 October, 2013"). A time or zone after the year is
// left alone: the dateline gives the day, and a clock time with a zone name ("EDT", "AEST") is no
// instant Date.parse reads reliably.
const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?${MONTH},?\\s+(\\d{4})\\b`, 'i');
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})\\b`, 'i');

// A date in figures: year first ("2013-09-26", "2013/09/26"), or year last, with slashes
// ("08/02/2013", "6/6/2013 8:13 AM PDT") or dots ("08.07.2012"). Not inside a longer run of
// figures (a phone number, a version).
const YEAR_FIRST = /(?<![\d./-])((?:19|20)\d\d)([-/.])(\d{1,2})\2(\d{1,2})(?![\d./-]|-\d)/;
const YEAR_LAST = /(?<![\d./-])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)(?![\d./]|-\d)/;

/**
 * A visible dateline ("20 November 2025", "November 21, 2025", "December 22nd, 2008 8:55 am",
 * "the 4th of October 2013", "2013-09-26", "Posted: 08/02/2013 11:10 am EDT") in a short line
 * of text.
 */
export function dateFromDateline(text: string): string | null {
  let m = DAY_MONTH_YEAR.exec(text);
  let day: number, month: number, year: number;
  if (m) [day, month, year] = [+m[1], monthNumber(m[2]), +m[3]];
  else if ((m = MONTH_DAY_YEAR.exec(text))) [month, day, year] = [monthNumber(m[1]), +m[2], +m[3]];
  else if ((m = YEAR_FIRST.exec(text))) [year, month, day] = [+m[1], +m[3], +m[4]];
  else if ((m = YEAR_LAST.exec(text))) [[month, day], year] = [figuresMonthDay(+m[1], +m[3], m[2]), +m[4]];
  else return null;
  if (!plausible(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS.findIndex((n) => n.startsWith(name.toLowerCase().slice(0, 3))) + 1;
}

/**
 * Month and day of a year-last date in figures. Slashes put the month first in the English
 * news that writes them so ("08/02/2013 11:10 am EDT" is August 2), dots the day ("08.07.2012"
 * is 8 July); a first number past 12 can only be the day, a second past 12 only the day.
 */
function figuresMonthDay(first: number, second: number, separator: string): [number, number] {
  if (first > 12) return [second, first];
  if (second > 12) return [first, second];
  return separator === '/' ? [first, second] : [second, first];
}

// Datelines stand just after the headline; 80 elements in document order reach past any byline
// block, and a walk (not a sibling selector) keeps this linear on pages with huge sibling lists.
const DATELINE_REACH = 80;
// 80 characters holds "By Jane Doe, Reuters · 20 November 2025, 10:32".
const DATELINE_MAX_CHARS = 80;

// A dateline holds labels, names, weekdays and clock times ("Last updated on:", "By Jane Doe",
// "7:00pm UK, Wednesday"); a short body sentence holds a clause of lower-case words ("was named
// the head coach on May 23, 2005", "is scheduled to open November 20, 2009"), and its date is
// about that happening, not the page's own publication.
const CLAUSE_WORDS = 3;

function readsAsClause(text: string): boolean {
  return (text.match(/(?:^|[\s,;:(])[a-z]{3,}\b/g)?.length ?? 0) >= CLAUSE_WORDS;
}

function fromDateline(index: MetaIndex, document: Document): string | null {
  const start = index.firstH1 ?? document.body;
  if (!start) return null;
  let el: Element | null = start;
  for (let seen = 0; el && seen < DATELINE_REACH; seen++) {
    el = nextInOrder(el);
    if (!el) break;
    const text = (el.textContent ?? '').trim();
    if (text.length === 0 || text.length > DATELINE_MAX_CHARS || readsAsClause(text)) continue;
    const d = dateFromDateline(text);
    if (d) return d;
  }
  return null;
}

/** The next element in document order (first child, else next sibling, else an ancestor's). */
function nextInOrder(el: Element): Element | null {
  if (el.firstElementChild) return el.firstElementChild;
  let node: Element | null = el;
  while (node) {
    if (node.nextElementSibling) return node.nextElementSibling;
    node = node.parentElement;
  }
  return null;
}

/** Publication date, from the most explicit carrier down to the least (order of the issue). */
export function findPublished(
  document: Document,
  index: MetaIndex,
  jsonLd: Record<string, unknown>[],
  urls: Array<string | null | undefined>,
): FoundDate | null {
  for (const obj of articleObjects(jsonLd)) {
    const v = stringOf(obj.datePublished) ?? stringOf(obj.dateCreated);
    const d = v && normaliseDate(v);
    if (d) return { value: d, source: 'json-ld' };
  }
  const meta = metaContent(index, PUBLISHED_META);
  const m = meta && normaliseDate(meta);
  if (m) return { value: m, source: 'meta' };
  const ip = fromItemprop(index, 'datePublished');
  if (ip) return { value: ip, source: 'itemprop' };
  const t = fromTime(index);
  if (t) return { value: t, source: 'time' };
  // The page's own address first, then its canonical one (a page served from a mirror or a
  // test server keeps its dated canonical URL).
  const u = urls.map(dateFromUrl).find((d) => d) ?? null;
  if (u) return { value: u, source: 'url' };
  const dl = fromDateline(index, document);
  if (dl) return { value: dl, source: 'dateline' };
  return null;
}

export function findModified(index: MetaIndex, jsonLd: Record<string, unknown>[]): string | null {
  for (const obj of articleObjects(jsonLd)) {
    const v = stringOf(obj.dateModified);
    const d = v && normaliseDate(v);
    if (d) return d;
  }
  const meta = metaContent(index, MODIFIED_META);
  return (meta && normaliseDate(meta)) ?? fromItemprop(index, 'dateModified');
}
