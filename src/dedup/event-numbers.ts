/**
 * The quantities a report gives ("6.50%", "$199", "21 million", "28-point"), years and days of
 * the month left out (they are the date, compared apart). Two reports of one happening that both
 * give quantities share one; "fell 6.5%" and "fell 2.1%" are two falls.
 */
import { TextMemo } from './text-memo.js';

// "percentage point(s)" and "basis points" before "percent": "0.75 percentage points" is a quantity, not "0.75 percent" glued to "age".
const NUMBER = /(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?\s*(?:percentage\s+points?\b|basis\s+points?\b|%|percent\b|per\s+cent\b|million|billion|bn|m\b)?/gi;
/** Units that make a quantity of any digit run. */
const UNIT = /[%$£€]|million|billion|points?$/i;
const MONTH_BEFORE = /(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$/i;

/** Read once per text (text-memo.ts): the merge asks again for each candidate. */
export function numbersOf(text: string): ReadonlySet<string> {
  return numberMemo.get(text);
}

function readNumbers(text: string): ReadonlySet<string> {
  const numbers = new Set<string>();
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const raw = m[0].trim();
    const digits = raw.replace(/[^\d.]/g, '');
    if (/^(?:1[89]|20)\d\d$/.test(digits) && !UNIT.test(raw)) continue; // a year
    if (/^\d{1,2}$/.test(digits) && MONTH_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue; // "June 1"
    if (/^\d{1,2}$/.test(digits) && /^(?:st|nd|rd|th)\b/.test(text.slice(m.index + m[0].length))) continue;
    // A digit run glued to letters is a name or a model, not a quantity: "3G", "4K", "A4".
    if (!UNIT.test(raw) && !/bn$|m$/i.test(raw) && !/\s$/.test(m[0]) && /^\p{L}/u.test(text.slice(m.index + m[0].length))) continue;
    // Part of a name, not a quantity: "FTSE 100", "iPhone 4", "Dow Jones 30".
    if (!UNIT.test(raw) && /(?:^|\s)\p{L}*\p{Lu}[\p{L}\d-]*\s$/u.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    numbers.add(normalise(raw));
  }
  return numbers;
}

function normalise(raw: string): string {
  if (/points?$/i.test(raw)) return `${raw.replace(/[^\d.]/g, '').replace(/^(\d+)\.0+$/, '$1')}${/basis/i.test(raw) ? 'bp' : 'pp'}`;
  const value = raw.replace(/[$£€,\s]/g, '').toLowerCase().replace(/percent|percent|perc?ent/, '%').replace(/percent/, '%');
  return value.replace(/per\s*cent/, '%').replace(/^(\d+)\.0+(?=\D|$)/, '$1');
}

const numberMemo = new TextMemo(readNumbers);
