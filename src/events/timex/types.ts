import type { Day } from './calendar.js';
import type { Tense } from './tense.js';

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

/** What a rule proposes: a span and its TimeML reading. Overlaps are settled later, longest first. */
export interface Candidate {
  start: number;
  end: number;
  type: TimexType;
  value: string;
  /** Among spans of the same length the higher priority wins (explicit dates over guesses). */
  priority?: number;
  /** The rule that proposed it (for diagnostics: bench/timex.ts --rules). */
  rule?: string;
}

/** What a rule may look at: the text, the document date, the tense around a span. */
export interface RuleContext {
  text: string;
  dct: Day;
  tenseAt(start: number, end: number): Tense;
}

export interface Rule {
  name: string;
  /** Must be global ('g'); matches exactly the expression (never a leading "on"/"by"). */
  pattern: RegExp;
  build(match: RegExpExecArray, ctx: RuleContext): Omit<Candidate, 'start' | 'end'> | null;
}

/** Placeholder value for "a year ago"/"year-earlier": resolved against the last mentioned date. */
export const YEAR_AGO_PREFIX = 'YEAR_AGO:';
/** Value of a span that looks like a date but names none ("31 February"): it hides its parts, then goes. */
export const BLOCKED = 'BLOCKED';
