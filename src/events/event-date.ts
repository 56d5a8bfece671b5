/**
 * From a TimeML value to an event date at one of the granularities the service stores. Values
 * that name no definite period (PRESENT_REF, "XXXX-WXX-1", decades) give none: an event needs a
 * date. Seasons and halves are kept at year granularity rather than invented as months.
 */
import type { EventDate } from './event-types.js';

export type { EventDate } from './event-types.js';

const pad = (n: number): string => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string {
  return `${y}-${pad(m)}-${pad(d)}`;
}

function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isoWeekRange(y: number, w: number): [string, string] {
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - (((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000) + (w - 1) * 7 * 86_400_000;
  const iso = (t: number): string => new Date(t).toISOString().slice(0, 10);
  return [iso(monday), iso(monday + 6 * 86_400_000)];
}

export function eventDate(value: string): EventDate | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/.exec(value);
  if (m) {
    const d = `${m[1]}-${m[2]}-${m[3]}`;
    return { date: d, granularity: 'day', from: d, to: d };
  }
  m = /^(\d{4})-W(\d{2})(?:-WE)?$/.exec(value);
  if (m) {
    const [from, to] = isoWeekRange(Number(m[1]), Number(m[2]));
    return { date: `${m[1]}-W${m[2]}`, granularity: 'week', from, to };
  }
  m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { date: value, granularity: 'month', from: day(y, mo, 1), to: day(y, mo, lastDay(y, mo)) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { date: value, granularity: 'quarter', from: day(y, q * 3 - 2, 1), to: day(y, q * 3, lastDay(y, q * 3)) };
  }
  m = /^(\d{4})(?:-(?:H[12]|SP|SU|FA|WI))?$/.exec(value);
  if (m) return { date: m[1], granularity: 'year', from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  return null;
}
