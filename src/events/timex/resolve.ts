/**
 * Anchoring underspecified dates (a weekday, a month, a day of a month) on the document date,
 * in the direction the tense gives. Same-day counts: "denied on Friday" in a Friday paper is
 * that Friday.
 */
import {
  addDays, type Day, dateOf, isoWeekday, makeDay, monthOf, yearOf, isValidDate, quarterOf,
} from './calendar.js';
import type { Tense } from './tense.js';

export type Direction = 'back' | 'forward';

/** Past and unmarked clauses look back (news reports what happened); future and present forward. */
export function directionOf(tense: Tense): Direction {
  return tense === 'future' || tense === 'present' ? 'forward' : 'back';
}

export function weekdayNear(dct: Day, weekday: number, dir: Direction, strict = false): Day {
  const today = isoWeekday(dct);
  if (dir === 'back') {
    let back = (today - weekday + 7) % 7;
    if (strict && back === 0) back = 7;
    return addDays(dct, -back);
  }
  let ahead = (weekday - today + 7) % 7;
  if (strict && ahead === 0) ahead = 7;
  return addDays(dct, ahead);
}

/** The weekday inside the ISO week that is `weeks` away from the document's week. */
export function weekdayInWeek(dct: Day, weekday: number, weeks: number): Day {
  return addDays(dct, weeks * 7 + weekday - isoWeekday(dct));
}

/** The year of a month named without one. Unmarked clauses keep the document's year. */
export function yearForMonth(dct: Day, month: number, tense: Tense): number {
  const y = yearOf(dct);
  const ahead = month - monthOf(dct);
  // A past clause may still name next month ("cut supplies in September", written in August).
  if (tense === 'past') return ahead > 1 ? y - 1 : y;
  if (tense === 'future') return ahead < -1 ? y + 1 : y;
  // No cue: news looks back, up to eight months; forward only a little.
  if (ahead > 3) return y - 1;
  if (ahead < -9) return y + 1;
  return y;
}

/** The year of a day-of-month named without one; null if no such date exists in that year. */
export function yearForMonthDay(dct: Day, month: number, day: number, tense: Tense): number | null {
  const y = yearOf(dct);
  let year = y;
  const diff = (makeDay(y, month, Math.min(day, 28)).getTime() - dct.getTime()) / 86_400_000;
  // A few weeks' slack either way: deadlines in past clauses ("was told to leave by Jan. 14").
  // A tense settles the direction: a past clause never looks into next year ("the fiscal year
  // ended Jan. 31", written in October, is this January), nor a future one into last year.
  if (tense === 'past') { if (diff > 45) year = y - 1; }
  else if (tense === 'future') { if (diff < -45) year = y + 1; }
  // No cue: news looks back some three months ahead of the date already, forward less.
  else if (diff > 100) year = y - 1;
  else if (diff < -250) year = y + 1;
  // 29 February exists in leap years only; "nothing invented" means no date at all otherwise.
  return isValidDate(year, month, day) ? year : null;
}

/** The year of a quarter named without one. */
export function yearForQuarter(dct: Day, quarter: number, tense: Tense): number {
  const y = yearOf(dct);
  const q = quarterOf(dct);
  if (tense === 'past' && quarter > q) return y - 1;
  // Results for the quarter just ended are "expected" in the future tense, and stay this year's.
  if (tense === 'future' && quarter < q - 1) return y + 1;
  return y;
}
