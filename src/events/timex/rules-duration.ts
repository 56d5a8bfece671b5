/**
 * Durations ("two weeks", "the past 18 months", "nearly four years") and sets ("daily",
 * "every Friday", "$5 a year"). TimeML keeps the modifier in the span ("nearly two months").
 */
import { COUNT_PATTERN, UNIT_PATTERN, countValue, unitOf, weekdayNumber } from './lexicon.js';
import { B, E, WEEKDAY, rx } from './patterns.js';
import type { Rule } from './types.js';

const DURATION_PREFIX =
  // "within" and "over" before a determiner are prepositions (signals), outside the span in
  // TimeML: "within [the next two weeks]"; "over two years" is kept by the last group below.
  '(?:(?:[Aa]t\\s+least|[Mm]ore\\s+than|[Ll]ess\\s+than|[Uu]p\\s+to|[Nn]o\\s+more\\s+than|[Aa]t\\s+most|[Ff]ewer\\s+than)\\s+)?' +
  '(?:(?:[Tt]he|[Aa]nother|[Aa]n\\s+additional|[Ee]ach\\s+of\\s+the)\\s+)?' +
  '(?:(?:past|last|next|first|final|coming|previous|latest|remaining|initial|[Pp]ast|[Ll]ast|[Nn]ext|[Ff]irst)\\s+)?' +
  '(?:(?:[Aa]bout|[Nn]early|[Aa]lmost|[Ss]ome|[Rr]oughly|[Aa]round|[Aa]pproximately|[Oo]nly|[Jj]ust|[Oo]ver|[Mm]ore\\s+than|[Ll]ess\\s+than|[Aa]t\\s+least)\\s+)?';

/** ISO 8601 duration for n units, written the way TimeBank writes halves (P2Y6M, PT5H30M). */
export function durationValue(n: number | null, unitWord: string): string | null {
  const unit = unitOf(unitWord);
  if (!unit) return null;
  const t = unit.time ? 'T' : '';
  if (n === null) return `P${t}X${unit.letter}`;
  const amount = n * unit.factor;
  if (Number.isInteger(amount)) return `P${t}${amount}${unit.letter}`;
  const whole = Math.floor(amount);
  const half: Record<string, string> = { Y: '6M', M: '15D', W: '3D', D: '12H', H: '30M', M_T: '30S' };
  const rest = half[unit.time && unit.letter === 'M' ? 'M_T' : unit.letter];
  if (amount - whole !== 0.5 || !rest) return null;
  const restT = unit.letter === 'D' && !t ? 'T' : '';
  return `P${t}${whole ? `${whole}${unit.letter}` : ''}${restT}${rest}`;
}

const SET_UNIT: Record<string, string> = {
  daily: 'P1D', weekly: 'P1W', monthly: 'P1M', annually: 'P1Y', yearly: 'P1Y', quarterly: 'P3M', hourly: 'PT1H',
  nightly: 'P1D', biweekly: 'P2W', biannually: 'P6M',
};

export const durationRules: Rule[] = [
  {
    name: 'counted-duration',
    pattern: rx(`${B}${DURATION_PREFIX}(${COUNT_PATTERN})(?:\\s+or\\s+so)?[\\s-]+(?:(?:more|additional|full|straight|consecutive|trading|business|working)\\s+)?(${UNIT_PATTERN})(?:[\\s-]+long)?${E}(?!-old|\\s+old)`, 'gi'),
    build: (m, ctx) => {
      const n = countValue(m[1]);
      const unitWord = m[2].toLowerCase();
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 4);
      // "three-quarters of its food", "a quarter of the market": fractions, not periods.
      if (/^quarter/.test(unitWord) && /^\s+of\b/.test(after)) return null;
      // "will one day be": a vague future, not a day's length.
      if (/^one\s+day$/i.test(m[0]) && /\b(?:will|would|could|may|might|can|hope\s+\w+)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 16), m.index))) {
        return { type: 'DATE', value: 'FUTURE_REF' };
      }
      const plural = /s$/.test(unitWord) || unitWord === 'centuries';
      const count = m[1].toLowerCase();
      // "a day" and "an hour" alone are sets or idioms ("twice a day") far more often than spans.
      if ((count === 'a' || count === 'an') && /^(?:a|an)\s+(day|night|second|minute)$/i.test(m[0])) return null;
      const value = durationValue(n, unitWord);
      return value ? { type: 'DURATION', value } : null;
    },
  },
  {
    // Bare plurals after a word that makes them a span of time: "for years", "in recent weeks".
    name: 'plural-duration',
    // The word before is checked in build(), not in a lookbehind: an unbounded lookbehind rescans
    // all whitespace before every position, quadratic on a page of blank lines.
    pattern: rx(`${B}(?:(?:the\\s+)?(?:recent|coming|past|last|next|several|many|few)\\s+){0,2}(hours|days|weeks|months|years|decades|centuries)${E}`, 'gi'),
    build: (m, ctx) => {
      if (!/\b(?:for|over|within|in|took|take|last|lasted)\s+$/i.test(ctx.text.slice(Math.max(0, m.index - 12), m.index))) return null;
      const value = durationValue(null, m[1]);
      return value ? { type: 'DURATION', value } : null;
    },
  },
  {
    // TimeBank reads "in recent years" as a vague past rather than a span.
    name: 'recent-years',
    pattern: rx(`${B}(?:[Rr]ecent|[Pp]ast)\\s+years${E}`),
    build: () => ({ type: 'DATE', value: 'PAST_REF', priority: 1 }),
  },
  {
    name: 'recent-plural',
    pattern: rx(`${B}(?:(?:the\\s+)?(?:recent|coming|past\\s+few|last\\s+few|next\\s+few|past\\s+several|next\\s+several))\\s+(days|weeks|months|years|decades)${E}`, 'gi'),
    build: (m) => {
      const value = durationValue(null, m[1]);
      return value ? { type: 'DURATION', value } : null;
    },
  },
  {
    name: 'decade-duration',
    pattern: rx(`${B}(?:(?:about|nearly|almost|more\\s+than|less\\s+than)\\s+)?(?:a|one|the(?:\\s+(?:past|last|next|coming))?|past|last|next|coming)\\s+(decade|century)${E}`, 'gi'),
    build: (m) => (/^the\s+(?:decade|century)$/i.test(m[0]) ? null : { type: 'DURATION', value: /century/i.test(m[1]) ? 'P100Y' : 'P10Y' }),
  },
  {
    name: 'set-adverb',
    pattern: rx(`${B}([Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|[Qq]uarterly|[Hh]ourly|[Nn]ightly)${E}`),
    build: (m, ctx) => {
      // "its quarterly dividend": an adjective of the report, not a recurrence TimeBank marks.
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      if (/^quarterly$/i.test(m[1]) && /^\s[a-z]/.test(after)) return null;
      return { type: 'SET', value: SET_UNIT[m[1].toLowerCase()] };
    },
  },
  {
    name: 'set-every',
    pattern: rx(`${B}(?:[Ee]very|[Ee]ach|[Pp]er)\\s+(?:(other|two|three|four|six)\\s+)?(day|night|week|month|quarter|year|hour|minute|morning|evening|${WEEKDAY})s?${E}`),
    build: (m) => {
      const unit = m[2].toLowerCase();
      const wd = /day$/i.test(m[2]) && m[2].length > 5 ? weekdayNumber(m[2]) : 0;
      if (wd > 0) return { type: 'SET', value: `XXXX-WXX-${wd}` };
      if (unit === 'morning' || unit === 'evening') return { type: 'SET', value: `XXXX-XX-XXT${unit === 'morning' ? 'MO' : 'EV'}` };
      const n = m[1] ? (m[1] === 'other' ? 2 : countValue(m[1]) ?? 1) : 1;
      const value = durationValue(n, unit);
      return value ? { type: 'SET', value } : null;
    },
  },
  {
    name: 'set-rate',
    // A rate: "$500 million a year", "700 seats a week" (a number or a plural noun before it).
    pattern: rx(`${B}(?:a|per)\\s+(day|week|month|year|hour)${E}(?!\\s+(?:ago|earlier|later|or|and|before|after))`, 'gi'),
    build: (m, ctx) => {
      const before = ctx.text.slice(Math.max(0, m.index - 24), m.index);
      if (!/(?:\d|%|percent|times|twice|once|billion|million|thousand|\b[a-z]{3,}[^s\W]s)\s+$/i.test(before)) return null;
      return { type: 'SET', value: durationValue(1, m[1]) ?? 'P1Y', priority: 1 };
    },
  },
  {
    name: 'set-weekdays',
    pattern: rx(`${B}(?:[Oo]n\\s+)?(${WEEKDAY})s${E}`),
    build: (m) => ({ type: 'SET', value: `XXXX-WXX-${weekdayNumber(m[1])}` }),
  },
];
