/**
 * Calendar arithmetic on plain UTC days. Everything here works on `Day` values (a UTC Date at
 * midnight) so that no local time zone or daylight-saving shift can move a date by one.
 */
export type Day = Date;

export function makeDay(year: number, month: number, day: number): Day {
  return new Date(Date.UTC(year, month - 1, day));
}

/** Parses 'YYYY-MM-DD' (or an ISO date-time, whose date part is used); null if not a real date. */
export function parseDay(text: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? makeDay(y, mo, d) : null;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(day: Day, n: number): Day {
  return new Date(day.getTime() + n * 86_400_000);
}

export const yearOf = (d: Day): number => d.getUTCFullYear();
export const monthOf = (d: Day): number => d.getUTCMonth() + 1;
export const dateOf = (d: Day): number => d.getUTCDate();
/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (d: Day): number => ((d.getUTCDay() + 6) % 7) + 1;
export const quarterOf = (d: Day): number => Math.floor((monthOf(d) - 1) / 3) + 1;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDay(d: Day): string {
  return `${pad(yearOf(d), 4)}-${pad(monthOf(d))}-${pad(dateOf(d))}`;
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month)}`;
}

/** ISO 8601 week of a day: the week belongs to the year that holds its Thursday. */
export function isoWeek(d: Day): { year: number; week: number } {
  const thursday = addDays(d, 4 - isoWeekday(d));
  const year = yearOf(thursday);
  const jan1 = makeDay(year, 1, 1);
  const week = Math.floor((thursday.getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
  return { year, week };
}

export function formatWeek(d: Day): string {
  const { year, week } = isoWeek(d);
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** Adds whole months, clamping the day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The nth (1-based) given weekday of a month; n = -1 for the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): Day {
  if (n > 0) {
    const first = makeDay(year, month, 1);
    return addDays(first, ((weekday - isoWeekday(first) + 7) % 7) + (n - 1) * 7);
  }
  const last = makeDay(year, month, daysInMonth(year, month));
  return addDays(last, -((isoWeekday(last) - weekday + 7) % 7));
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(year: number): Day {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDay(year, month, day);
}
