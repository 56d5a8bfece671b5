/**
 * "One year later he was fired", "Two days later, the company …": a span after the happening the
 * text told last. The tagger reads "One year" as a duration (TimeML: no point of its own), so the
 * sentence would take its scene's date unchanged; the act is that date moved on by the span, at
 * the coarser of the span's unit and the scene date's granularity ("1984" + a year → 1985, a
 * year; "June 7" + two days → June 9, a day; "June" + two weeks → a month is all it can say).
 */
import { eventDate } from './event-date.js';
import type { EventDate, Granularity } from './event-types.js';
import { addDays, addMonths, formatDay, formatMonth, formatWeek, monthOf, parseDay, yearOf } from './timex/calendar.js';
import type { Timex } from './tag-timexes.js';

/** A span in whole days, weeks, months or years ("P1Y", "P2D"), as the tagger values it. */
const SPAN = /^P(\d+)([DWMY])$/;
/** The span is followed by the word that makes it a step after the scene. */
const LATER = /^\s*(?:later|afterwards?)\b/i;

const ORDER: Granularity[] = ['day', 'week', 'month', 'quarter', 'year'];
const UNIT: Record<string, Granularity> = { D: 'day', W: 'week', M: 'month', Y: 'year' };

/**
 * The date a "<span> later" in the sentence gives, stepped on from the scene's date; null when
 * the sentence has none, or the step would start after the report's day (then it is no past scene's).
 */
export function laterThanScene(text: string, timexes: readonly Timex[], scene: EventDate | null, published: string): EventDate | null {
  if (!scene) return null;
  for (const timex of timexes) {
    const span = timex.type === 'DURATION' ? SPAN.exec(timex.value) : null;
    if (!span || !LATER.test(text.slice(timex.end, timex.end + 12))) continue;
    const stepped = step(scene, Number(span[1]), span[2]);
    return stepped && stepped.from <= published ? stepped : null;
  }
  return null;
}

function step(scene: EventDate, n: number, unit: string): EventDate | null {
  const from = parseDay(scene.from);
  if (!from) return null;
  const moved = unit === 'Y' || unit === 'M' ? monthsLater(from, unit === 'Y' ? 12 * n : n) : addDays(from, unit === 'W' ? 7 * n : n);
  const granularity = ORDER[Math.max(ORDER.indexOf(scene.granularity), ORDER.indexOf(UNIT[unit]))];
  if (granularity === 'day') return eventDate(formatDay(moved));
  if (granularity === 'week') return eventDate(formatWeek(moved));
  if (granularity === 'month') return eventDate(formatMonth(yearOf(moved), monthOf(moved)));
  if (granularity === 'quarter') return eventDate(`${yearOf(moved)}-Q${Math.floor((monthOf(moved) - 1) / 3) + 1}`);
  return eventDate(String(yearOf(moved)));
}

function monthsLater(day: Date, months: number): Date {
  const { year, month } = addMonths(yearOf(day), monthOf(day), months);
  return new Date(Date.UTC(year, month - 1, Math.min(day.getUTCDate(), 28)));
}
