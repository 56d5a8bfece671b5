/** Clock times: "10:35 a.m.", "6 p.m. EST Tuesday", "noon Thursday", "midnight". */
import { addDays, formatDay, makeDay, type Day } from './calendar.js';
import { monthNumber, weekdayNumber } from './lexicon.js';
import { B, E, MONTH, WEEKDAY, rx } from './patterns.js';
import { directionOf, weekdayNear, yearForMonthDay } from './resolve.js';
import type { Rule, RuleContext } from './types.js';

const ZONE = '(?:\\s+(?:[ECMP][SD]?T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|local\\s+time|\\(\\d{4}\\s+GMT\\)))?';
const DAY_REF = `(?:,?\\s+(?:on\\s+)?(${WEEKDAY}|today|yesterday|tomorrow|${MONTH}\\s+\\d{1,2}))?`;

function dayOf(ctx: RuleContext, m: RegExpExecArray, word: string | undefined): Day {
  if (!word) return ctx.dct;
  const w = word.toLowerCase();
  const md = /^([A-Za-z]+)\.?\s+(\d{1,2})$/.exec(word);
  if (md && monthNumber(md[1]) > 0) {
    const month = monthNumber(md[1]);
    const year = yearForMonthDay(ctx.dct, month, Number(md[2]), ctx.tenseAt(m.index, m.index + m[0].length));
    if (year !== null) return makeDay(year, month, Number(md[2]));
  }
  if (w === 'today') return ctx.dct;
  if (w === 'yesterday') return addDays(ctx.dct, -1);
  if (w === 'tomorrow') return addDays(ctx.dct, 1);
  return weekdayNear(ctx.dct, weekdayNumber(word), directionOf(ctx.tenseAt(m.index, m.index + m[0].length)));
}

/** A day named just before the time: "March 16th at 8pm", "Tuesday at 10:30 a.m.". */
const DAY_BEFORE = new RegExp(`(${WEEKDAY}|${MONTH}\\s+\\d{1,2})(?:st|nd|rd|th)?,?\\s+at\\s+$`);

/** The day a clock time falls on: a day named after it, else one named just before it, else the document's. */
function clockDay(ctx: RuleContext, m: RegExpExecArray, after: string | undefined): Day {
  if (after) return dayOf(ctx, m, after);
  const before = DAY_BEFORE.exec(ctx.text.slice(Math.max(0, m.index - 24), m.index));
  return dayOf(ctx, m, before?.[1]);
}

const pad = (n: number): string => String(n).padStart(2, '0');

export const timeRules: Rule[] = [
  {
    name: 'clock-time',
    pattern: rx(`${B}(?:(?:around|about|shortly\\s+(?:before|after))\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?\\s?([ap])(?:\\.m\\.?|m)(?=\\W|$)${ZONE}${DAY_REF}${E}`, 'gi'),
    build: (m, ctx) => {
      let hour = Number(m[1]);
      const minute = m[2] ? Number(m[2]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      if (m[3].toLowerCase() === 'p' && hour < 12) hour += 12;
      if (m[3].toLowerCase() === 'a' && hour === 12) hour = 0;
      const day = formatDay(clockDay(ctx, m, m[4]));
      return { type: 'TIME', value: `${day}T${pad(hour)}:${pad(minute)}`, priority: 2 };
    },
  },
  {
    name: 'noon-midnight',
    pattern: rx(`${B}(?:[Mm]id|[Ee]arly|[Ll]ate\\s+)?(noon|[Nn]oon|[Mm]idnight|[Mm]idday|[Mm]id-?afternoon)${DAY_REF}${E}`),
    build: (m, ctx) => {
      const word = m[1].toLowerCase();
      const day = formatDay(dayOf(ctx, m, m[2]));
      if (/afternoon/.test(word)) return { type: 'TIME', value: `${day}TAF`, priority: 2 };
      return { type: 'TIME', value: `${day}T${word === 'midnight' ? '24:00' : '12:00'}`, priority: 2 };
    },
  },
];
