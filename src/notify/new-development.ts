import { periodOf } from '../dedup/event-period.js';

/**
 * How far before its article's publication an event may lie and still be news, by default
 * (config `notify.recentDays`, a webhook's `notify.recentDays`). A week covers "last Monday" and
 * "last week" in a weekly round-up; older dates are background history ("the 2014 annexation of
 * Crimea") that is stored but pages nobody.
 */
export const NEWS_WINDOW_DAYS = 7;

/** A new development is dated within `recentDays` before the article that reports it, or later. */
export function isNewDevelopment(eventDate: string, publishedAt: string, recentDays = NEWS_WINDOW_DAYS): boolean {
  const period = periodOf(eventDate);
  const published = Date.parse(publishedAt.slice(0, 10));
  if (!period || Number.isNaN(published)) return false;
  return Date.parse(period.end) >= published - recentDays * 86_400_000;
}

/**
 * Background told without a telling date ("Trump returned to office this year", "has been
 * fighting cancer since 2014"): a year or longer span, or a "since"/"in recent years" frame,
 * that reaches back past the window is history even when the period still runs.
 */
export function isBackground(event: { date: string; dateText: string; sentence: string }, publishedAt: string, recentDays = NEWS_WINDOW_DAYS): boolean {
  const period = periodOf(event.date);
  const published = Date.parse(publishedAt.slice(0, 10));
  if (!period || Number.isNaN(published)) return false;
  if (event.dateText && event.sentence.toLowerCase().includes(`since ${event.dateText.toLowerCase()}`)) return true;
  return Date.parse(period.start) < published - recentDays * 86_400_000 && /^\d{4}(?:-Q\d|-H\d)?$/.test(event.date);
}
