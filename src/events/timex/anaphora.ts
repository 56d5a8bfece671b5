/**
 * Expressions dated by what the text mentioned before them, not by the document date.
 * - "a year ago", "the year-earlier quarter": TimeBank resolves these against the period the
 *   sentence is about, so after a quarter ("third-quarter profit fell from a year ago") the value
 *   is that quarter a year back (1988-Q3); "two years earlier" follows the last year mentioned;
 *   otherwise the document year.
 * - "that day", "the following year", "the next morning": the last date of that granularity.
 * With nothing to refer to, the document date stands in (news anchors on it by default).
 */
import { addDays, addMonths, formatDay, formatMonth, formatWeek, makeDay, yearOf, type Day } from './calendar.js';
import { ANAPHOR_PREFIX } from './rules-relative.js';
import { YEAR_AGO_PREFIX, type Candidate } from './types.js';

/** How far back a quarter or year may be for "a year ago" (characters): about two sentences. */
const REACH = 400;
/** How far back "that day" may look: a few paragraphs. */
const ANAPHOR_REACH = 1500;

export function resolveAnaphora(timexes: Candidate[], dct: Day): Candidate[] {
  const out: Candidate[] = [];
  // Only expressions dated in their own right may serve as references (no chains of "a year ago").
  const anchors: Candidate[] = [];
  for (const t of timexes) {
    if (t.value.startsWith(YEAR_AGO_PREFIX)) out.push({ ...t, value: yearAgo(t, anchors, dct) });
    else if (t.value.startsWith(ANAPHOR_PREFIX)) out.push({ ...t, value: anaphor(t, anchors, dct) });
    else { out.push(t); anchors.push(t); }
  }
  return out;
}

function yearAgo(t: Candidate, before: Candidate[], dct: Day): string {
  const [n, anchor] = t.value.slice(YEAR_AGO_PREFIX.length).split(':');
  const recent = before.filter((p) => t.start - p.end <= REACH).reverse();
  const quarter = recent.find((p) => /^\d{4}-Q\d$/.test(p.value));
  // "the 1988 period": a named year, in the quarter the text is about.
  if (anchor === 'in') return quarter ? `${n}${quarter.value.slice(4)}` : n;
  const years = Number(n);
  const year = recent.find((p) => /^\d{4}(?:$|-)/.test(p.value));
  if (quarter) return `${Number(quarter.value.slice(0, 4)) - years}${quarter.value.slice(4)}`;
  if (anchor !== 'ago' && year) return String(Number(year.value.slice(0, 4)) - years);
  return String(yearOf(dct) - years);
}

const GRANULARITY: Record<string, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})/,
  week: /^(\d{4})-(\d{2})-(\d{2})|^\d{4}-W\d{2}/,
  month: /^(\d{4})-(\d{2})/,
  year: /^(\d{4})/,
};

function anaphor(t: Candidate, before: Candidate[], dct: Day): string {
  const [unit, shiftText] = t.value.slice(ANAPHOR_PREFIX.length).split(':');
  const shift = Number(shiftText);
  const ref = before.filter((p) => t.start - p.end <= ANAPHOR_REACH && GRANULARITY[unit].test(p.value)).pop();
  const base = ref ? refDay(ref.value, dct) : dct;
  switch (unit) {
    case 'day': return formatDay(addDays(base, shift));
    case 'week': return formatWeek(addDays(base, 7 * shift));
    case 'month': { const r = addMonths(yearOf(base), base.getUTCMonth() + 1, shift); return formatMonth(r.year, r.month); }
    default: return String(yearOf(base) + shift);
  }
}

/** A representative day of a value (its first day), for arithmetic. */
function refDay(value: string, dct: Day): Day {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) return dct;
  if (/^\d{4}-W\d{2}/.test(value)) {
    const week = Number(value.slice(6, 8));
    const jan4 = makeDay(Number(m[1]), 1, 4);
    return addDays(jan4, (week - 1) * 7 - ((jan4.getUTCDay() + 6) % 7));
  }
  return makeDay(Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1));
}

