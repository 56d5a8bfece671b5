/** Regex pieces shared by the rules. Every piece is free of nested quantifiers (no backtracking blow-up). */
import { MONTH_PATTERN, WEEKDAY_PATTERN } from './lexicon.js';

/** Word start: not inside a word, a number, a hyphenated compound or an amount. */
export const B = "(?<![\\w$£€'’-])";
/** Word end. */
export const E = '(?![\\w])';

/** Vagueness before a month or a year: "early", "late", "mid-", "the end of". */
export const PRE =
  '(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Tt]he\\s+(?:end|beginning|start|middle|first\\s+half|second\\s+half|turn)\\s+of)[\\s-]+)?';

export const MONTH = MONTH_PATTERN;
export const WEEKDAY = WEEKDAY_PATTERN;
export const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
export const YEAR = '((?:1[89]|20)\\d\\d)';

export function rx(source: string, flags = 'g'): RegExp {
  return new RegExp(source, flags);
}
