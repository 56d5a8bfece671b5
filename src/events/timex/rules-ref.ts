/** The vague anchors TimeML writes as PRESENT_REF, PAST_REF and FUTURE_REF. */
import { B, E, rx } from './patterns.js';
import type { Rule } from './types.js';

export const refRules: Rule[] = [
  {
    name: 'present-ref',
    pattern: rx(`${B}(?:[Nn]ow|[Cc]urrently|[Pp]resently|[Nn]owadays|[Tt]hese\\s+days|[Aa]t\\s+present|[Tt]he\\s+present|[Cc]urrent)${E}(?!-)`),
    build: (m, ctx) => {
      // "now" as a discourse particle ("Now, …") at a sentence start is still annotated in TimeBank.
      if (/^current$/i.test(m[0])) {
        const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
        if (/^\s+(?:account|affairs|events|form|members?|and|or)\b/i.test(after)) return null;
      }
      return { type: 'DATE', value: 'PRESENT_REF' };
    },
  },
  {
    name: 'past-ref',
    pattern: rx(`${B}(?:[Rr]ecently|[Rr]ecent|[Ll]ately|[Tt]he\\s+past)${E}(?!-)`),
    // "previously" and "formerly" are left out: TimeBank rarely marks them, so they cost precision.
    build: () => ({ type: 'DATE', value: 'PAST_REF' }),
  },
  {
    name: 'future-ref',
    pattern: rx(`${B}(?:(?:[Tt]he\\s+)?(?:near\\s+|distant\\s+)?[Ff]uture|[Ss]oon|(?:[Tt]he\\s+)?(?:near|short|long)\\s+term|[Aa]\\s+later\\s+date|[Aa]s\\s+soon\\s+as\\s+possible|(?:[Tt]he\\s+)?coming\\s+(?:days|weeks|months|years))${E}(?!-)`),
    build: (m, ctx) => {
      if (/^(?:long|short|near)\s+term$/i.test(m[0])) return null;
      const before = ctx.text.slice(Math.max(0, m.index - 4), m.index);
      const after = ctx.text.slice(m.index + m[0].length, m.index + m[0].length + 16);
      // "as soon as Tuesday", "soon after the vote": a conjunction, not a time.
      if (/^soon$/i.test(m[0]) && (/as\s$/i.test(before) || /^\s+(?:after|before|as)\b/i.test(after))) return null;
      // "future earnings": an adjective.
      if (/^future$/i.test(m[0]) && /^\s+[a-z]/.test(after) && !/^\s+(?:in|of|and|or|is|was|will|looks)\b/.test(after)) return null;
      if (/coming\s+(?:days|weeks)$/i.test(m[0])) return null;
      return { type: 'DATE', value: 'FUTURE_REF' };
    },
  },
];
