/**
 * Whether two reports' dates can be one happening's: the same value; a finer date inside a
 * coarser one up to a month ("2008-10-06" inside one outlet's "2008-W41" or "2008-10"); or two
 * days a day apart when one of them is only the day its report came out (reports published a
 * day apart say "on Monday" and nothing). A year holds too many happenings to join a day to it.
 */
import { periodOf, type Period } from './event-period.js';

export interface DatedReport {
  date: string;
  /** How the date was found; a stored event from before the field counts as 'text'. */
  dateBasis?: string;
}

const DAY_MS = 86_400_000;
/** The coarsest period a finer date is joined to: a month (31 days). */
const MAX_CONTAINER_DAYS = 31;

export function datesAgree(a: DatedReport, b: DatedReport): boolean {
  return dateAgreement(a, b) === 'agree';
}

/**
 * 'agree' as above; 'loose' when one date lies inside the other's quarter or year (an outlet
 * recalling "the launch in 2003" of what another dates "April 28, 2003"): the same happening only
 * on strong evidence, which the dedup rule asks for; 'no' otherwise.
 */
export function dateAgreement(a: DatedReport, b: DatedReport): 'agree' | 'loose' | 'no' {
  if (a.date === b.date) return 'agree';
  const [pa, pb] = [periodOf(a.date), periodOf(b.date)];
  if (!pa || !pb) return 'no';
  if (contains(pa, pb)) return days(pa) <= MAX_CONTAINER_DAYS ? 'agree' : 'loose';
  if (contains(pb, pa)) return days(pb) <= MAX_CONTAINER_DAYS ? 'agree' : 'loose';
  const publicationAnchored = a.dateBasis === 'publication' || b.dateBasis === 'publication';
  const dayApart = days(pa) === 1 && days(pb) === 1 && Math.abs(Date.parse(pa.start) - Date.parse(pb.start)) <= DAY_MS;
  return publicationAnchored && dayApart ? 'agree' : 'no';
}

/** Whether `a` dates the happening better than `b`: a shorter period, or a text date for a publication day. */
export function isFinerDate(a: DatedReport, b: DatedReport): boolean {
  const [pa, pb] = [periodOf(a.date), periodOf(b.date)];
  if (!pa || !pb || a.date === b.date) return false;
  if (days(pa) !== days(pb)) return days(pa) < days(pb);
  return a.dateBasis === 'text' && b.dateBasis === 'publication';
}

function contains(outer: Period, inner: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function days(period: Period): number {
  return Math.round((Date.parse(period.end) - Date.parse(period.start)) / DAY_MS) + 1;
}
