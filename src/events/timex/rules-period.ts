/**
 * Named periods: quarters ("Q1 2026", "the third quarter"), halves, seasons ("last fall") and
 * holidays ("Thanksgiving", "Christmas"), each anchored on the document date.
 */
import {
  addDays, easter, formatDay, makeDay, monthOf, nthWeekday, quarterOf, yearOf, type Day,
} from './calendar.js';
import { SEASON } from './lexicon.js';
import { B, E, YEAR, rx } from './patterns.js';
import { directionOf, yearForQuarter } from './resolve.js';
import type { Rule, RuleContext } from './types.js';

const ORDINAL: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
};

function previousQuarter(dct: Day): string {
  const q = quarterOf(dct);
  return q === 1 ? `${yearOf(dct) - 1}-Q4` : `${yearOf(dct)}-Q${q - 1}`;
}

function nextQuarter(dct: Day): string {
  const q = quarterOf(dct);
  return q === 4 ? `${yearOf(dct) + 1}-Q1` : `${yearOf(dct)}-Q${q + 1}`;
}

/** The season a day falls in, and the year TimeML gives it (December belongs to the next winter). */
function seasonOf(d: Day): { season: string; year: number } {
  const m = monthOf(d);
  if (m >= 3 && m <= 5) return { season: 'SP', year: yearOf(d) };
  if (m >= 6 && m <= 8) return { season: 'SU', year: yearOf(d) };
  if (m >= 9 && m <= 11) return { season: 'FA', year: yearOf(d) };
  return { season: 'WI', year: m === 12 ? yearOf(d) + 1 : yearOf(d) };
}

const SEASON_ORDER = ['WI', 'SP', 'SU', 'FA'];

function seasonYear(ctx: RuleContext, season: string, mod: string): number {
  const now = seasonOf(ctx.dct);
  const cmp = SEASON_ORDER.indexOf(season) - SEASON_ORDER.indexOf(now.season);
  if (mod === 'last' || mod === 'past' || mod === 'this past') return cmp < 0 ? now.year : now.year - 1;
  if (mod === 'next' || mod === 'coming' || mod === 'this coming') return cmp > 0 ? now.year : now.year + 1;
  return now.year;
}

type HolidayFn = (year: number) => Day;
const HOLIDAYS: Array<[RegExp, HolidayFn]> = [
  [/^thanksgiving/i, (y) => nthWeekday(y, 11, 4, 4)],
  [/^christmas eve/i, (y) => makeDay(y, 12, 24)],
  [/^christmas/i, (y) => makeDay(y, 12, 25)],
  [/^new year'?s eve/i, (y) => makeDay(y, 12, 31)],
  [/^new year/i, (y) => makeDay(y, 1, 1)],
  [/^easter/i, easter],
  [/^good friday/i, (y) => addDays(easter(y), -2)],
  [/^(independence day|the fourth of july|fourth of july)/i, (y) => makeDay(y, 7, 4)],
  [/^labor day/i, (y) => nthWeekday(y, 9, 1, 1)],
  [/^memorial day/i, (y) => nthWeekday(y, 5, 1, -1)],
  [/^election day/i, (y) => addDays(nthWeekday(y, 11, 1, 1), 1)],
  [/^halloween/i, (y) => makeDay(y, 10, 31)],
  [/^valentine/i, (y) => makeDay(y, 2, 14)],
  [/^veterans day/i, (y) => makeDay(y, 11, 11)],
  [/^(armistice|remembrance) day/i, (y) => makeDay(y, 11, 11)],
  [/^(martin luther king|mlk)/i, (y) => nthWeekday(y, 1, 1, 3)],
  [/^presidents'? day/i, (y) => nthWeekday(y, 2, 1, 3)],
];

const HOLIDAY_PATTERN =
  "(?:Thanksgiving(?:\\s+Day)?|Christmas(?:\\s+(?:Eve|Day))?|New\\s+Year['’]?s(?:\\s+(?:Eve|Day))?|Easter(?:\\s+Sunday)?|" +
  "Good\\s+Friday|Independence\\s+Day|(?:the\\s+)?Fourth\\s+of\\s+July|Labor\\s+Day|Memorial\\s+Day|Election\\s+Day|" +
  "Halloween|Valentine['’]?s\\s+Day|Veterans\\s+Day|Armistice\\s+Day|Remembrance\\s+Day|Martin\\s+Luther\\s+King(?:\\s+Jr\\.)?\\s+Day|MLK\\s+Day|Presidents['’]?\\s+Day)";

function holidayDate(ctx: RuleContext, name: string, mod: string | undefined, year: string | undefined,
  start: number, end: number): Day | null {
  const fn = HOLIDAYS.find(([re]) => re.test(name.replace(/’/g, "'")))?.[1];
  if (!fn) return null;
  if (year) return fn(Number(year));
  const y = yearOf(ctx.dct);
  const candidates = [fn(y - 1), fn(y), fn(y + 1)];
  const m = mod?.toLowerCase();
  const dir = m === 'last' ? 'back' : m === 'next' ? 'forward' : directionOf(ctx.tenseAt(start, end));
  // Look for the occurrence on the side the tense points to; a holiday within a week is "this" one.
  const t = ctx.dct.getTime();
  const near = candidates.find((d) => Math.abs(d.getTime() - t) <= 7 * 86_400_000);
  if (near && !m) return near;
  if (dir === 'back') return [...candidates].reverse().find((d) => d.getTime() <= t) ?? candidates[0];
  return candidates.find((d) => d.getTime() >= t) ?? candidates[2];
}

export const periodRules: Rule[] = [
  {
    name: 'quarter',
    pattern: rx(
      `${B}(?:(?:[Tt]he|[Ii]ts|[Tt]his\\s+year['’]s|[Nn]ext\\s+year['’]s|[Ll]ast\\s+year['’]s)\\s+)?(?:(?:fiscal|calendar)[\\s-]+)?` +
        `(first|second|third|fourth|1st|2nd|3rd|4th|[Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)[\\s-]+quarter(?!s)(?:\\s+of\\s+${YEAR}|,?\\s+${YEAR})?${E}`,
    ),
    build: (m, ctx) => {
      const q = ORDINAL[m[1].toLowerCase()];
      const text = m[0].toLowerCase();
      let year = m[2] ?? m[3] ? Number(m[2] ?? m[3]) : null;
      if (year === null && /next year/.test(text)) year = yearOf(ctx.dct) + 1;
      if (year === null && /last year/.test(text)) year = yearOf(ctx.dct) - 1;
      if (year === null && /this year/.test(text)) year = yearOf(ctx.dct);
      if (year === null) year = yearForQuarter(ctx.dct, q, ctx.tenseAt(m.index, m.index + m[0].length));
      return { type: 'DATE', value: `${year}-Q${q}`, priority: 2 };
    },
  },
  {
    name: 'quarter-code',
    pattern: rx(`${B}(?:Q([1-4])(?:\\s+|\\s*-\\s*)(?:FY\\s*)?${YEAR}|${YEAR}\\s*-?\\s*Q([1-4])|(?<=\\b(?:in|by|for|during|until|before|after|from|the)\\s)Q([1-4]))${E}(?!:)`),
    build: (m, ctx) => {
      const q = Number(m[1] ?? m[4] ?? m[5]);
      const year = m[2] ?? m[3] ?? String(yearForQuarter(ctx.dct, q, ctx.tenseAt(m.index, m.index + m[0].length)));
      return { type: 'DATE', value: `${year}-Q${q}`, priority: 2 };
    },
  },
  {
    name: 'relative-quarter',
    pattern: rx(`${B}(?:([Tt]he|[Tt]his|[Ll]ast|[Nn]ext)\\s+)?(?:(current|latest|past|previous|last|next|coming|same|fiscal)\\s+)?(?:quarter|period)${E}(?!s|ly)`),
    build: (m, ctx) => {
      const det = (m[1] ?? '').toLowerCase();
      const mod = (m[2] ?? '').toLowerCase();
      if (!det && !mod) return null;
      const isPeriod = /period$/i.test(m[0]);
      // "the period" alone is too vague; only "the latest period" reads as the quarter reported.
      if (isPeriod && mod !== 'latest') return null;
      if (mod === 'current' || det === 'this') return { type: 'DATE', value: `${yearOf(ctx.dct)}-Q${quarterOf(ctx.dct)}` };
      if (mod === 'next' || mod === 'coming' || det === 'next') return { type: 'DATE', value: nextQuarter(ctx.dct) };
      if (mod === 'same' || mod === 'fiscal') return null;
      // "The quarter" in a results story is the quarter just reported: the one before the document's.
      return { type: 'DATE', value: previousQuarter(ctx.dct) };
    },
  },
  {
    // "the first half of 2026", "the last half of 1989", "the first two quarters of 1990": H1/H2.
    name: 'half-year',
    pattern: rx(
      `${B}(?:[Tt]he\\s+)?(first|second|[Ff]irst|[Ss]econd|latter|last|[Ll]ast)\\s+(?:half|two\\s+quarters)` +
        `(?:\\s+of\\s+(?:(?:the|this)\\s+year|${YEAR}))?${E}`,
    ),
    build: (m, ctx) => {
      const h = /first/i.test(m[1]) ? 1 : 2;
      if (!m[2] && !/year/.test(m[0])) return null;
      return { type: 'DATE', value: `${m[2] ?? yearOf(ctx.dct)}-H${h}`, priority: 2 };
    },
  },
  {
    name: 'season',
    pattern: rx(
      `${B}(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\\s-]+)?(?:([Tt]his\\s+past|[Tt]his\\s+coming|[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Cc]oming|[Tt]he)\\s+)?(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\\s-]+)?` +
        `([Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter)(?:\\s+(?:of\\s+)?${YEAR})?${E}`,
    ),
    build: (m, ctx) => {
      const season = SEASON[m[2].toLowerCase()];
      const mod = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
      // "fall" and "spring" are verbs and nouns too: only a determiner or a year makes them seasons.
      if (!mod && !m[3] && /^(fall|spring)$/i.test(m[2])) return null;
      // "the fall of the regime", "the spring of discontent": the noun, not the season.
      if (mod === 'the' && !m[3] && /^\s+of\b/.test(ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4))) return null;
      if (!mod && !m[3]) {
        const before = ctx.text.slice(Math.max(0, m.index - 4), m.index);
        if (!/\bin\s$/i.test(before)) return null;
      }
      const year = m[3] ? Number(m[3]) : seasonYear(ctx, season, mod);
      return { type: 'DATE', value: `${year}-${season}`, priority: 1 };
    },
  },
  {
    name: 'holiday',
    pattern: rx(`${B}(?:([Ll]ast|[Nn]ext|[Tt]his)\\s+)?(${HOLIDAY_PATTERN})(?:\\s+(?:of\\s+)?${YEAR}|\\s+(last|next|this)\\s+year)?${E}`),
    build: (m, ctx) => {
      // "Christmas last year": that year's holiday, whichever side of the document date it falls.
      const shift = m[4] === 'last' ? -1 : m[4] === 'next' ? 1 : m[4] === 'this' ? 0 : null;
      const year = shift === null ? m[3] : String(yearOf(ctx.dct) + shift);
      const day = holidayDate(ctx, m[2], m[1], year, m.index, m.index + m[0].length);
      return day ? { type: 'DATE', value: formatDay(day), priority: 2 } : null;
    },
  },
];
