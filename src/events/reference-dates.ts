/**
 * Date expressions that do not date the sentence's happening: a comparison or reference point
 * ("sales dropped 23% compared to March of 2008", "its lowest level since October 1997", "up
 * from a year earlier", "than in 2008", "the same month a year ago") and a date that only
 * qualifies a noun ("this year's conference", "Tuesday's announcement") when the sentence holds
 * another date for its predicate.
 */
import type { Timex } from './tag-timexes.js';

/** Looked at right before the expression: what makes it a point of comparison. */
const COMPARISON_BEFORE =
  /\b(?:compared\s+(?:to|with)|as\s+against|versus|vs\.?|(?<!(?:later|earlier|sooner)\s)than(?:\s+(?:in|on|at|during|for))?|(?:up|down|rise|rose|fell|increase|decrease|drop|gain|jump|climb|change|decline|decrease)\s+(?:\S+\s+){0,4}?from|from\s+(?:the\s+|its\s+)?(?:close|end|level|opening)\s+of(?:\s+(?:trading|business|play))?(?:\s+on)?|(?:same|corresponding)\s+(?:\w+\s+){0,2}(?:of|in))\s+(?:the\s+)?$/i;
/** "since" after a record ("lowest since", "first time since") points back, it dates nothing. */
const RECORD_SINCE = /\b(?:lowest|highest|biggest|largest|smallest|worst|best|first|strongest|weakest|level|levels|time|record)\b[^.;]{0,30}\bsince\s+$/i;
/**
 * Nor does "since" after a counted change ("a drop of only $2.46 since Wednesday's close", "up 5%
 * since Monday"): the count starts there. A change with no amount ("hasn't seen a drop of rain
 * since mid-September") is a state that began then, dated as "since January" is.
 */
const CHANGE_SINCE =
  /\b(?:drop|rise|gain|fall|loss|decline|increase|decrease|change|up|down|rose|fell|gained|lost|climbed|jumped|slid)\s+(?:of\s+)?(?:(?:only|just|about|some|nearly|almost|around|more\s+than|over)\s+)?[$€£]?\d[\d.,]*\s*(?:%|percent|per\s+cent|points?|cents?|pence|dollars?)?\s+since\s+$/i;
/** "a year earlier", "a year ago" right after a comparison word, or as "the same month a year ago". */
const COMPARISON_AFTER_SAME = /\b(?:same|corresponding)\s+(?:\w+\s+){0,2}$/i;
const POSSESSIVE_AFTER = /^['’]s?\s+[\p{L}]/u;

export function isReferenceDate(text: string, timex: Timex, sentenceStart: number): boolean {
  const before = text.slice(Math.max(sentenceStart, timex.start - 60), timex.start);
  if (COMPARISON_BEFORE.test(before) || RECORD_SINCE.test(before) || CHANGE_SINCE.test(before)) return true;
  if (/\b(?:ago|earlier|before)$/i.test(timex.text) && /\b(?:from|than|with|to|over)\s+$/i.test(before)) return true;
  return COMPARISON_AFTER_SAME.test(before) && /\b(?:ago|earlier|last\s+year|previous)\b/i.test(text.slice(timex.start, timex.end + 20));
}

/**
 * "this year's conference": the date names which conference; it yields to a date of the act.
 * So does the date of a source ("According to an April 2nd report …, the company passed Wal-Mart
 * at the beginning of the year", "a Monday statement"): it dates the report, not what it reports.
 */
export function isNounModifier(text: string, timex: Timex): boolean {
  return POSSESSIVE_AFTER.test(text.slice(timex.end, timex.end + 12)) || namedYear(text, timex) || datedSource(text, timex);
}

/** A noun of a written or spoken source, a word or two after its date ("press release", "news report"). */
const SOURCE_AFTER = /^\s+(?:(?:press|news|media|written|internal|research|court|official)\s+)?(?:report|statement|memo|memorandum|release|filing|letter|survey|study|poll|interview|note|briefing|blog\s+post)s?\b/i;

function datedSource(text: string, timex: Timex): boolean {
  return DETERMINER_BEFORE.test(text.slice(Math.max(0, timex.start - 16), timex.start)) && SOURCE_AFTER.test(text.slice(timex.end, timex.end + 40));
}

/** "the 2008 NATO summit", "the company's 2010 Worldwide Developers Conference": a happening named by its year. */
function namedYear(text: string, timex: Timex): boolean {
  return /^\d{4}$/.test(timex.text.trim()) && DETERMINER_BEFORE.test(text.slice(Math.max(0, timex.start - 16), timex.start)) && /^\s+\p{Lu}/u.test(text.slice(timex.end, timex.end + 4));
}

const DETERMINER_BEFORE = /(?:\b(?:the|a|an|its|his|her|their|our|this|that)|['’]s)\s+$/i;

/**
 * "the 1991 agreement", "its 2007 sales": a year between a determiner and a common noun says
 * which agreement; it does not date the sentence's act ("This new settlement replaces the 1991
 * agreement" is news of the day).
 */
export function isAttributiveYear(text: string, timex: Timex): boolean {
  if (!/^\d{4}$/.test(timex.text.trim())) return false;
  return DETERMINER_BEFORE.test(text.slice(Math.max(0, timex.start - 16), timex.start)) && /^\s+\p{Ll}/u.test(text.slice(timex.end, timex.end + 4));
}
