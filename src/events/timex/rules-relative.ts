/**
 * Dates relative to the document date: "yesterday", "on Thursday", "Thursday next week",
 * "last week", "this month", "next year", "two weeks ago", "Friday night".
 */
import {
  addDays, addMonths, formatDay, formatMonth, formatWeek, makeDay, monthOf, yearOf, type Day,
} from './calendar.js';
import { COUNT_PATTERN, PART_OF_DAY, countValue, monthNumber, weekdayNumber } from './lexicon.js';
import { B, E, MONTH, WEEKDAY, rx } from './patterns.js';
import { directionOf, weekdayInWeek, weekdayNear, yearForMonthDay } from './resolve.js';
import type { Rule, RuleContext } from './types.js';
import { YEAR_AGO_PREFIX } from './types.js';

/** Anaphoric dates ("that day", "the following year"): resolved later against the last date mentioned. */
export const ANAPHOR_PREFIX = 'REF:';

const DAY_WORD: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1, tonight: 0 };

function partSuffix(part: string | undefined): string {
  return part ? `T${PART_OF_DAY[part.toLowerCase()]}` : '';
}

/**
 * The part of day a weekday keeps in its value. TimeML writes "Friday evening" as …TEV, and
 * TimeBank + AQUAINT agree (3 of 3, and 1 "Friday evening" TIME). "Friday night" and "Friday
 * morning" are valued as the plain day there more often than not (night: 9 plain of 14, TNI 5;
 * morning: 5 plain of 8), so they stay the day, as counted; "afternoon" follows the guideline.
 */
function weekdayPartSuffix(part: string | undefined): string {
  const p = part?.toLowerCase();
  return p === 'evening' || p === 'afternoon' ? partSuffix(p) : '';
}

/**
 * "today's world", "today's youth", "many of today's computers", "the leaders of tomorrow": the
 * generic present or future (nowadays, one day), not the document's day. TimeBank and AQUAINT
 * leave all five such uses unmarked, and mark "today's editions", "today's quiz".
 */
const GENERIC_AFTER_TODAY =
  /^['’]s\s+(?:world|youth|society|generations?|young|children|kids|families|consumers|students|teenagers|personal|modern|global|economy)\b/i;

function isGenericDayWord(text: string, start: number, end: number): boolean {
  const word = text.slice(start, end).toLowerCase();
  const before = text.slice(Math.max(0, start - 20), start);
  if (word === 'today') return GENERIC_AFTER_TODAY.test(text.slice(end, end + 16)) || /\bmany\s+of\s+$/i.test(before);
  // "the people of tomorrow", but not "as of tomorrow" (a date).
  return word === 'tomorrow' && /\b(?!as\b)[a-z]+\s+of\s+$/i.test(before);
}

function resolveWeekday(ctx: RuleContext, m: RegExpExecArray, word: string, modifier: string | undefined,
  weekShift: string | undefined): Day {
  const wd = weekdayNumber(word);
  const mod = modifier?.toLowerCase().replace(/\s+/g, ' ');
  if (weekShift) return weekdayInWeek(ctx.dct, wd, /next/i.test(weekShift) ? 1 : /last/i.test(weekShift) ? -1 : 0);
  if (mod === 'last' || mod === 'this past' || mod === 'the previous' || mod === 'past')
    return weekdayNear(ctx.dct, wd, 'back', true);
  if (mod === 'next' || mod === 'this coming' || mod === 'coming' || mod === 'the following')
    return weekdayNear(ctx.dct, wd, 'forward', true);
  if (mod === 'this') return weekdayInWeek(ctx.dct, wd, 0);
  return weekdayNear(ctx.dct, wd, directionOf(ctx.tenseAt(m.index, m.index + m[0].length)));
}

function shiftUnit(dct: Day, unit: string, n: number): string {
  switch (unit) {
    case 'week': return formatWeek(addDays(dct, 7 * n));
    case 'month': { const r = addMonths(yearOf(dct), monthOf(dct), n); return formatMonth(r.year, r.month); }
    case 'year': return String(yearOf(dct) + n);
    default: return formatDay(addDays(dct, n));
  }
}

const SHIFT: Record<string, number> = {
  this: 0, current: 0, 'the current': 0, last: -1, past: -1, 'the past': -1, 'the last': -1,
  previous: -1, 'the previous': -1, next: 1, 'the next': 1, coming: 1, 'the coming': 1,
};

export const relativeRules: Rule[] = [
  {
    name: 'day-word',
    pattern: rx(`${B}(?:(?:[Ee]arl(?:y|ier)|[Ll]ater?)\\s+)?([Tt]oday|[Yy]esterday|[Tt]omorrow|[Tt]onight)(?:\\s+(morning|afternoon|evening|night))?${E}`),
    build: (m, ctx) => {
      const word = m[1].toLowerCase();
      if (isGenericDayWord(ctx.text, m.index, m.index + m[0].length)) return null;
      const day = formatDay(addDays(ctx.dct, DAY_WORD[word]));
      if (word === 'tonight') return { type: 'TIME', value: `${day}TNI`, priority: 2 };
      return m[2] ? { type: 'TIME', value: `${day}${partSuffix(m[2])}`, priority: 2 } : { type: 'DATE', value: day, priority: 2 };
    },
  },
  {
    name: 'day-before-after',
    pattern: rx(`${B}(?:[Tt]he\\s+)?day\\s+(before\\s+yesterday|after\\s+tomorrow)${E}`),
    build: (m, ctx) => ({ type: 'DATE', value: formatDay(addDays(ctx.dct, /before/.test(m[1]) ? -2 : 2)), priority: 2 }),
  },
  {
    name: 'part-of-today',
    pattern: rx(`${B}(?:(?:[Ee]arl(?:y|ier)|[Ll]ater?)\\s+)?(?:([Tt]his|[Ll]ast)\\s+(morning|afternoon|evening|night)|([Oo]vernight))${E}`),
    build: (m, ctx) => {
      const last = m[1]?.toLowerCase() === 'last';
      const part = (m[2] ?? 'overnight').toLowerCase();
      const day = formatDay(addDays(ctx.dct, last ? -1 : 0));
      return { type: 'TIME', value: `${day}${partSuffix(part)}`, priority: 2 };
    },
  },
  {
    name: 'weekday',
    pattern: rx(
      `${B}(?:(?:[Ee]arl(?:y|ier)|[Ll]ater?)\\s+)?(?:([Ll]ast|[Nn]ext|[Tt]his(?:\\s+(?:past|coming))?|[Cc]oming|[Pp]ast|[Tt]he\\s+(?:previous|following))\\s+)?` +
        `(${WEEKDAY})(?:\\s+(morning|afternoon|evening|night))?(?:\\s+((?:next|last|this)\\s+week))?${E}`,
    ),
    build: (m, ctx) => {
      const day = formatDay(resolveWeekday(ctx, m, m[2], m[1], m[4]));
      return { type: 'DATE', value: `${day}${weekdayPartSuffix(m[3])}`, priority: 2 };
    },
  },
  {
    name: 'relative-unit',
    pattern: rx(
      `${B}(?:(?:[Ee]arl(?:y|ier)|[Ll]ater?|[Ll]ate|[Mm]id)\\s+(?:in\\s+)?)?` +
        `([Tt]his|[Ll]ast|[Nn]ext|[Tt]he\\s+(?:current|past|previous|coming|last)|[Cc]urrent|[Pp]ast|[Pp]revious|[Cc]oming)\\s+(week|month|year)${E}(?!-)`,
    ),
    build: (m, ctx) => {
      const shift = SHIFT[m[1].toLowerCase().replace(/\s+/g, ' ')];
      return { type: 'DATE', value: shiftUnit(ctx.dct, m[2].toLowerCase(), shift ?? 0), priority: 1 };
    },
  },
  {
    name: 'end-of-unit',
    pattern: rx(
      `${B}(?:[Tt]he\\s+)?(?:end|beginning|start|middle|turn|rest)\\s+of\\s+(?:the|this|next|last)\\s+(week|month|year)${E}|` +
        `${B}(year|month)(?:-end|\\s+end|['’]s\\s+end)${E}`,
    ),
    build: (m, ctx) => {
      const text = m[0].toLowerCase();
      const unit = (m[1] ?? m[2]).toLowerCase();
      const shift = /next/.test(text) ? 1 : /last/.test(text) ? -1 : 0;
      return { type: 'DATE', value: shiftUnit(ctx.dct, unit, shift), priority: 1 };
    },
  },
  {
    name: 'weekend',
    pattern: rx(`${B}(?:([Tt]his\\s+past|[Tt]his\\s+coming|[Tt]his|[Ll]ast|[Nn]ext|[Tt]he\\s+past|[Tt]he\\s+coming|[Tt]he)\\s+)?weekend${E}(?!s)`),
    build: (m, ctx) => {
      const mod = (m[1] ?? 'the').toLowerCase().replace(/\s+/g, ' ');
      const weekday = ctx.dct.getUTCDay() === 0 ? 7 : ctx.dct.getUTCDay();
      let weeks = 0;
      if (mod === 'last' || mod === 'the past' || mod === 'this past') weeks = weekday >= 6 ? 0 : -1;
      else if (mod === 'next') weeks = 1;
      else if (mod === 'the' && directionOf(ctx.tenseAt(m.index, m.index + m[0].length)) === 'back') weeks = weekday >= 6 ? 0 : -1;
      return { type: 'DATE', value: `${formatWeek(addDays(ctx.dct, 7 * weeks))}-WE`, priority: 1 };
    },
  },
  {
    // "two weeks ago": the date that far back, at the unit's granularity.
    name: 'ago',
    pattern: rx(
      `${B}(?:(?:about|nearly|almost|some|roughly|around|just|only|more\\s+than|less\\s+than|over)\\s+)?` +
        `(${COUNT_PATTERN})\\s+(days?|weeks?|months?|years?|decades?)\\s+(ago|earlier|before|from\\s+(?:now|today))${E}`,
      'gi',
    ),
    build: (m, ctx) => {
      const unit = m[2].toLowerCase().replace(/s$/, '');
      const anchor = m[3].toLowerCase();
      // "two weeks from now": the same arithmetic, forward.
      const sign = anchor.startsWith('from') ? -1 : 1;
      const count = countValue(m[1]);
      const n = count === null ? null : count * sign;
      if (sign < 0 && n !== null && Number.isInteger(n)) {
        if (unit === 'year') return { type: 'DATE', value: String(yearOf(ctx.dct) - n) };
        if (unit === 'decade') return null;
      }
      if (n === null || !Number.isInteger(n)) return unit === 'year' || unit === 'decade' ? { type: 'DATE', value: 'PAST_REF' } : null;
      if (anchor !== 'ago' && sign > 0 && unit !== 'year') return null;
      if (unit === 'year') return { type: 'DATE', value: `${YEAR_AGO_PREFIX}${n}:${anchor}` };
      if (unit === 'decade') return { type: 'DATE', value: String(yearOf(ctx.dct) - 10 * n) };
      const days = unit === 'week' ? 7 * n : n;
      if (unit === 'month') return { type: 'DATE', value: shiftUnit(ctx.dct, 'month', -n) };
      return { type: 'DATE', value: unit === 'week' ? formatWeek(addDays(ctx.dct, -days)) : formatDay(addDays(ctx.dct, -days)) };
    },
  },
  {
    // Financial news compares with "the year-ago quarter": the quarter a sentence is about, a year back.
    name: 'year-ago',
    pattern: rx(
      `${B}(?:(?:[Tt]he|[Ii]ts)\\s+)?(?:(?:comparable|same|corresponding)\\s+)?(?:[Yy]ear-(?:ago|earlier)|[Ll]ast\\s+year['’]s)(?:\\s+(?:(?:first|second|third|fourth)\\s+)?(?:quarter|period))?${E}|` +
        `${B}(?:[Tt]he\\s+)?(?:quarter|period)\\s+a\\s+year\\s+(?:ago|earlier)${E}|` +
        `${B}[Tt]he\\s+(?:same|corresponding|comparable)\\s+(?:quarter|period)\\s+(?:of\\s+)?last\\s+year${E}`,
    ),
    build: () => ({ type: 'DATE', value: `${YEAR_AGO_PREFIX}1:ago`, priority: 1 }),
  },
  {
    name: 'year-period',
    pattern: rx(`${B}[Tt]he\\s+((?:19|20)\\d\\d)\\s+(?:quarter|period)${E}`),
    build: (m) => ({ type: 'DATE', value: `${YEAR_AGO_PREFIX}${m[1]}:in`, priority: 2 }),
  },

  {
    name: 'anaphoric',
    pattern: rx(
      `${B}(?:(?:[Ee]arlier|[Ll]ater)\\s+(?:in\\s+)?)?(?:[Tt]hat(?:\\s+same)?|[Tt]he\\s+(?:same|following|next|previous|preceding))\\s+(day|morning|afternoon|evening|night|week|month|year)${E}(?!-)`,
    ),
    build: (m) => {
      const text = m[0].toLowerCase();
      const shift = /following|next/.test(text) ? 1 : /previous|preceding/.test(text) ? -1 : 0;
      // A part of a day is dated as the day, as "Friday night" is (see weekdayPartSuffix).
      const unit = /^(?:morning|afternoon|evening|night)$/i.test(m[1]) ? 'day' : m[1].toLowerCase();
      return { type: 'DATE', value: `${ANAPHOR_PREFIX}${unit}:${shift}` };
    },
  },
  {
    // "the year" is a period in results ("the year ended March 31") and the current year elsewhere.
    name: 'the-year',
    pattern: rx(`${B}(?:(?:[Ee]arlier|[Ll]ater)\\s+in\\s+)?[Tt]he\\s+(?:(full|fiscal|current|calendar|current\\s+fiscal|full\\s+fiscal)\\s+)?year${E}(?!-|['’]s)`),
    build: (m, ctx) => {
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 10);
      if (/^\s+(?:ended|ending|to)\b/.test(after)) return { type: 'DURATION', value: 'P1Y' };
      const before = ctx.text.slice(Math.max(0, m.index - 12), m.index);
      if (!m[1] && !/^(?:earlier|later)/i.test(m[0]) && !/\b(?:for|of|in|during|through)\s+$/i.test(before)) return null;
      return { type: 'DATE', value: String(yearOf(ctx.dct)) };
    },
  },
  {
    name: 'week-of',
    pattern: rx(`${B}[Tt]he\\s+week\\s+of\\s+(${MONTH})\\s+(\\d{1,2})${E}`),
    build: (m, ctx) => {
      const month = monthNumber(m[1]);
      const year = yearForMonthDay(ctx.dct, month, Number(m[2]), ctx.tenseAt(m.index, m.index + m[0].length));
      if (year === null) return null;
      return { type: 'DATE', value: formatWeek(makeDay(year, month, Number(m[2]))), priority: 3 };
    },
  },
];
