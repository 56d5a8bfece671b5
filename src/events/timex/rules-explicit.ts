/**
 * Calendar dates written out: "Nov. 20, 2025", "20 November 2025", "Sept. 30", "June 1989",
 * "2025-11-20", "11/20/2025", bare years and decades. A day that does not exist in its month
 * ("31 February") yields nothing rather than a guess.
 */
import { formatDay, formatMonth, isValidDate, makeDay, isoWeekday, yearOf } from './calendar.js';
import { monthNumber, weekdayNumber } from './lexicon.js';
import { B, DAY, E, MONTH, PRE, WEEKDAY, YEAR, rx } from './patterns.js';
import { yearForMonth, yearForMonthDay } from './resolve.js';
import { BLOCKED, type Rule, type RuleContext } from './types.js';

/** "May" counts as the month only after a word that can introduce a month. */
const MAY_AFTER =
  '(?<=(?:\\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Tt]ill|[Ff]rom|[Oo]f|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Dd]uring|[Bb]efore|[Aa]fter|[Tt]hrough|[Ee]nd|[Ss]tart|[Mm]id)[\\s-]))';

const SPOKEN_TENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SPOKEN_UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

/** A year said in words, without capture groups so that other patterns can embed it. */
const SPOKEN_YEAR =
  `(?:nineteen[\\s-]+(?:${Object.keys(SPOKEN_TENS).join('|')})(?:[\\s-]+(?:${Object.keys(SPOKEN_UNITS).join('|')}))?|` +
  `two\\s+thousand(?:\\s+(?:and\\s+)?(?:${Object.keys(SPOKEN_UNITS).join('|')}))?)`;

/** The year a SPOKEN_YEAR match names ("nineteen ninety-seven" 1997, "two thousand and one" 2001). */
function spokenYear(text: string): number | null {
  const words = text.toLowerCase().replace(/^the\s+year\s+/, '').split(/[\s-]+/).filter((w) => w !== 'and');
  if (words[0] === 'two' && words[1] === 'thousand') return 2000 + (words[2] ? SPOKEN_UNITS[words[2]] ?? 0 : 0);
  if (words[0] !== 'nineteen' || !(words[1] in SPOKEN_TENS)) return null;
  return 1900 + SPOKEN_TENS[words[1]] + (words[2] ? SPOKEN_UNITS[words[2]] ?? 0 : 0);
}

function dayValue(year: number, month: number, day: number): string | null {
  return isValidDate(year, month, day) ? formatDay(makeDay(year, month, day)) : null;
}

/** Year of a day-month named without a year; a weekday named beside it settles the year. */
function inferYear(ctx: RuleContext, start: number, end: number, month: number, day: number, weekday?: string): number | null {
  if (weekday) {
    const wd = weekdayNumber(weekday);
    const y = yearOf(ctx.dct);
    for (const cand of [y, y - 1, y + 1]) {
      if (isValidDate(cand, month, day) && isoWeekday(makeDay(cand, month, day)) === wd) return cand;
    }
  }
  return yearForMonthDay(ctx.dct, month, day, ctx.tenseAt(start, end));
}

function fullDate(monthWord: string, dayText: string, yearText: string | undefined, weekday: string | undefined,
  m: RegExpExecArray, ctx: RuleContext) {
  const month = monthNumber(monthWord);
  const day = Number(dayText);
  const year = yearText ? Number(yearText) : inferYear(ctx, m.index, m.index + m[0].length, month, day, weekday);
  const value = year === null ? null : dayValue(year, month, day);
  // "31 February": no such day. The span is kept as a blocker so that no part of it ("February")
  // is read as a date either; blockers are dropped before output.
  return value ? { type: 'DATE' as const, value, priority: 3 } : { type: 'DATE' as const, value: BLOCKED, priority: 3 };
}

export const explicitRules: Rule[] = [
  {
    name: 'iso-date',
    pattern: rx(`${B}(\\d{4})-(\\d{2})-(\\d{2})(?![\\d])`),
    build: (m) => {
      const value = dayValue(Number(m[1]), Number(m[2]), Number(m[3]));
      return { type: 'DATE', value: value ?? BLOCKED, priority: 3 };
    },
  },
  {
    // US order (month first) as in English-language news; a first number above 12 must be the day.
    name: 'numeric-date',
    pattern: rx(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?![\\d/])`),
    build: (m) => {
      let [a, b] = [Number(m[1]), Number(m[2])];
      if (a > 12) [a, b] = [b, a];
      const year = m[3].length === 2 ? 1900 + Number(m[3]) + (Number(m[3]) < 50 ? 100 : 0) : Number(m[3]);
      const value = dayValue(year, a, b);
      return { type: 'DATE', value: value ?? BLOCKED, priority: 3 };
    },
  },
  {
    name: 'month-day-year',
    pattern: rx(`${B}(?:(${WEEKDAY}),?\\s+)?(${MONTH})\\s{0,3}${DAY}(?:,?\\s+${YEAR})?${E}`),
    build: (m, ctx) => fullDate(m[2], m[3], m[4], m[1], m, ctx),
  },
  {
    name: 'day-month-year',
    pattern: rx(`${B}(?:(${WEEKDAY}),?\\s+)?(?:the\\s+)?${DAY}\\s+(?:of\\s+)?(${MONTH})(?:,?\\s+${YEAR})?${E}`),
    build: (m, ctx) => fullDate(m[3], m[2], m[4], m[1], m, ctx),
  },
  {
    name: 'month-year',
    pattern: rx(`${B}${PRE}(${MONTH}),?\\s+(?:of\\s+)?(?:${YEAR}|(${SPOKEN_YEAR}))${E}`),
    build: (m) => {
      const year = m[2] ? Number(m[2]) : spokenYear(m[3]);
      return year === null ? null : { type: 'DATE', value: formatMonth(year, monthNumber(m[1])), priority: 2 };
    },
  },
  {
    name: 'month-relative-year',
    pattern: rx(`${B}${PRE}(${MONTH})\\s+(last|this|next)\\s+year${E}`),
    build: (m, ctx) => {
      const shift = m[2] === 'last' ? -1 : m[2] === 'next' ? 1 : 0;
      return { type: 'DATE', value: formatMonth(yearOf(ctx.dct) + shift, monthNumber(m[1])), priority: 2 };
    },
  },
  {
    // A month alone. "May" needs a preposition or modifier before it: alone it is the modal.
    name: 'bare-month',
    pattern: rx(
      `${B}${PRE}(?:([Ll]ast|[Tt]his|[Nn]ext|[Tt]his\\s+past|[Tt]his\\s+coming)\\s+)?` +
        `(January|February|March|April|June|July|August|September|October|November|December|` +
        `Jan\\.|Feb\\.|Aug\\.|Sept\\.|Oct\\.|Nov\\.|Dec\\.|${MAY_AFTER}May)${E}(?![\\s-]*\\d)(?!\\s+(?:for|of)\\s+(?:the\\s+)?[A-Z])`,
    ),
    build: (m, ctx) => {
      const month = monthNumber(m[2]);
      const start = m.index;
      const end = start + m[0].length;
      const year = m[1] && /last|past/i.test(m[1])
        ? lastMonthYear(ctx, month)
        : m[1] && /next|coming/i.test(m[1])
          ? nextMonthYear(ctx, month)
          : m[1]
            ? yearOf(ctx.dct)
            : yearForMonth(ctx.dct, month, ctx.tenseAt(start, end));
      return { type: 'DATE', value: formatMonth(year, month), priority: 1 };
    },
  },
  {
    name: 'decade',
    pattern: rx(`${B}(?:[Tt]he\\s+)?${PRE}(?:(1[89]|20)(\\d)0s|'(\\d)0s)${E}`),
    build: (m) => {
      const century = m[1] ?? (Number(m[3]) >= 3 ? '19' : '20');
      return { type: 'DATE', value: `${century}${m[2] ?? m[3]}`, priority: 2 };
    },
  },
  {
    name: 'century',
    pattern: rx(`${B}(?:[Tt]he\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\s+century${E}`),
    build: (m) => ({ type: 'DATE', value: String(Number(m[1]) - 1).padStart(2, '0'), priority: 2 }),
  },
  {
    name: 'year',
    pattern: rx(`${B}${PRE}(?:(?:[Ff]iscal|[Cc]alendar|FY)\\s*)?${YEAR}(?![\\w%]|[.,]\\d|-\\d|\\s?(?:GMT|UTC|hrs|hours|local\\s+time|percent|per\\s+cent|people|troops|soldiers|men|women|children|units|km|miles|kilometres|kilometers|hectares|tons|tonnes|dollars|euros|barrels|shares|points|feet|meters|metres|votes|cases|deaths|jobs|workers|employees|residents|civilians|prisoners|POWs|households|families|students|homes|vehicles|rounds|drones|missiles)\\b)`),
    build: (m, ctx) => {
      // A four-digit number after a currency sign or before a unit is an amount, not a year.
      const before = ctx.text.slice(Math.max(0, m.index - 2), m.index);
      if (/[$£€#№]\s?$/.test(before)) return null;
      return { type: 'DATE', value: m[1], priority: 1 };
    },
  },
  {
    // Broadcast transcripts spell years out: "nineteen ninety-six", "the year two thousand".
    name: 'spoken-year',
    pattern: rx(`${B}(?:[Tt]he\\s+year\\s+)?${SPOKEN_YEAR}${E}`),
    build: (m) => {
      // "two thousand" alone is more often a number than a year.
      if (/^two\s+thousand$/i.test(m[0])) return null;
      const year = spokenYear(m[0]);
      return year === null ? null : { type: 'DATE', value: String(year), priority: 2 };
    },
  },
  {
    name: 'year-quarter',
    pattern: rx(`${B}(?:[Tt]he\\s+)?${YEAR}\\s+(?:fiscal\\s+)?(first|second|third|fourth)[\\s-]+quarter${E}`),
    build: (m) => ({ type: 'DATE', value: `${m[1]}-Q${['first', 'second', 'third', 'fourth'].indexOf(m[2]) + 1}`, priority: 3 }),
  },
];

function lastMonthYear(ctx: RuleContext, month: number): number {
  const y = yearOf(ctx.dct);
  return month < ctx.dct.getUTCMonth() + 1 ? y : y - 1;
}

function nextMonthYear(ctx: RuleContext, month: number): number {
  const y = yearOf(ctx.dct);
  return month > ctx.dct.getUTCMonth() + 1 ? y : y + 1;
}
