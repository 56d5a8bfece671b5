/**
 * The calendar period a TimeML date value covers, as first and last day (YYYY-MM-DD), so that
 * events at different granularities can be ordered and compared ("2025-W47" runs from Monday
 * 2025-11-17 to Sunday 2025-11-23, ISO 8601 weeks).
 */
export interface Period {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function utc(year: number, monthIndex: number, day: number): number {
  return Date.UTC(year, monthIndex, day);
}

/** Monday of ISO week 1: the week that holds the year's first Thursday. */
function isoWeekOneMonday(year: number): number {
  const jan4 = utc(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY_MS;
}

export function periodOf(value: string): Period | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) {
    const day = `${match[1]}-${match[2]}-${match[3]}`;
    return Number.isNaN(Date.parse(day)) ? null : { start: day, end: day };
  }
  match = /^(\d{4})-W(\d{2})$/.exec(value);
  if (match) {
    const monday = isoWeekOneMonday(Number(match[1])) + (Number(match[2]) - 1) * 7 * DAY_MS;
    return { start: isoDay(monday), end: isoDay(monday + 6 * DAY_MS) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]) - 1;
    if (month < 0 || month > 11) return null;
    return { start: isoDay(utc(year, month, 1)), end: isoDay(utc(year, month + 1, 0)) };
  }
  match = /^(\d{4})-Q([1-4])$/.exec(value);
  if (match) {
    const year = Number(match[1]);
    const firstMonth = (Number(match[2]) - 1) * 3;
    return { start: isoDay(utc(year, firstMonth, 1)), end: isoDay(utc(year, firstMonth + 3, 0)) };
  }
  match = /^(\d{4})$/.exec(value);
  if (match) return { start: `${match[1]}-01-01`, end: `${match[1]}-12-31` };
  return null;
}
