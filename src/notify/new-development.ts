import { periodOf } from '../dedup/event-period.js';

/**
 * How far before its article's publication an event may lie and still be news. A week covers
 * "last Monday" and "last week" in a weekly round-up; older dates are background history
 * ("the 2014 annexation of Crimea") that is stored but pages nobody.
 */
export const NEWS_WINDOW_DAYS = 7;

/** A new development is dated recently or ahead of the article that reports it. */
export function isNewDevelopment(eventDate: string, publishedAt: string): boolean {
  const period = periodOf(eventDate);
  const published = Date.parse(publishedAt.slice(0, 10));
  if (!period || Number.isNaN(published)) return false;
  return Date.parse(period.end) >= published - NEWS_WINDOW_DAYS * 86_400_000;
}
