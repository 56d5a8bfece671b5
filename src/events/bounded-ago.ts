/**
 * "less than two weeks ago", "under a month ago": a bound, not a point. The happening lies
 * somewhere between that far back and the report's day, so the event takes the smallest period
 * (week, month, quarter, year) that holds the whole stretch: a precise-looking week two weeks
 * back would be wrong most of the time, and would keep the event from merging with another
 * outlet's exact day inside the stretch.
 */
import { eventDate } from './event-date.js';
import type { EventDate } from './event-types.js';
import { addDays, formatMonth, formatWeek, monthOf, parseDay, quarterOf, yearOf } from './timex/calendar.js';
import { COUNT_PATTERN, countValue } from './timex/lexicon.js';

const BOUNDED_AGO = new RegExp(`^(?:less\\s+than|under|fewer\\s+than|not\\s+even|within)\\s+(${COUNT_PATTERN})\\s+(days?|weeks?|months?)\\s+ago$`, 'i');

/** The period holding the stretch a bounded "… ago" leaves open, or null for any other expression. */
export function boundedAgoDate(timexText: string, published: string): EventDate | null {
  const m = BOUNDED_AGO.exec(timexText.trim().replace(/\s+/g, ' '));
  const today = parseDay(published);
  if (!m || !today) return null;
  const n = countValue(m[1]);
  if (n === null || !Number.isInteger(n) || n <= 0) return null;
  const unit = m[2].toLowerCase().replace(/s$/, '');
  const days = unit === 'month' ? 31 * n : unit === 'week' ? 7 * n : n;
  const earliest = addDays(today, -days);
  const candidates = [
    formatWeek(earliest) === formatWeek(today) ? formatWeek(today) : null,
    formatMonth(yearOf(earliest), monthOf(earliest)) === formatMonth(yearOf(today), monthOf(today)) ? formatMonth(yearOf(today), monthOf(today)) : null,
    yearOf(earliest) === yearOf(today) && quarterOf(earliest) === quarterOf(today) ? `${yearOf(today)}-Q${quarterOf(today)}` : null,
    yearOf(earliest) === yearOf(today) ? String(yearOf(today)) : null,
  ];
  const value = candidates.find((c) => c !== null);
  return value ? eventDate(value) : null;
}
