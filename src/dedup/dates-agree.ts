/**
 * Whether two reports' dates can be one happening's: the same value; a finer date inside a
 * coarser one up to a month ("2008-10-06" inside one outlet's "2008-W41" or "2008-10"); or two
 * days a day apart when one of them is only the day its report came out (reports published a
 * day apart say "on Monday" and nothing). A year holds too many happenings to join a day to it.
 */
import { toldAsBackground } from '../events/happening.js';
import { periodOf, type Period } from './event-period.js';
import { TextMemo } from './text-memo.js';

export interface DatedReport {
  date: string;
  /** How the date was found; a stored event from before the field counts as 'text'. */
  dateBasis?: string;
  /** What the report tells (its clause) and how: a background act (priorTo) is read from them. */
  summary?: string;
  modality?: string;
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
export function dateAgreement(a: DatedReport, b: DatedReport): 'agree' | 'loose' | 'prior' | 'no' {
  if (a.date === b.date) return 'agree';
  const [pa, pb] = [periodOf(a.date), periodOf(b.date)];
  if (!pa || !pb) return 'no';
  if (contains(pa, pb)) return days(pa) <= MAX_CONTAINER_DAYS ? 'agree' : 'loose';
  if (contains(pb, pa)) return days(pb) <= MAX_CONTAINER_DAYS ? 'agree' : 'loose';
  const publicationAnchored = a.dateBasis === 'publication' || b.dateBasis === 'publication';
  const dayApart = days(pa) === 1 && days(pb) === 1 && Math.abs(Date.parse(pa.start) - Date.parse(pb.start)) <= DAY_MS;
  if (publicationAnchored && dayApart) return 'agree';
  return priorTo(a, pa, pb) || priorTo(b, pb, pa) ? 'prior' : 'no';
}

/**
 * The longest a background act is looked for before its report: "when Jobs first introduced
 * iPhone 4" in a report two months on. A year holds the retellings of a story's news.
 */
export const MAX_PRIOR_DAYS = 366;

/**
 * 'prior': one report tells its act as background ("When Jobs first introduced iPhone 4, he
 * praised …") and has no date but its report's day, so the act lies some time before that day;
 * the other report dates an act by its text before then. The same happening only on strong
 * evidence (merge-score.ts), and the text's date wins.
 */
function priorTo(background: DatedReport, own: Period, other: Period): boolean {
  if (other.end >= own.start || Date.parse(own.start) - Date.parse(other.end) > MAX_PRIOR_DAYS * DAY_MS) return false;
  return isUndatedBackground(background);
}

/**
 * A report of an act told as background with no date but its report's day: its happening may
 * be any earlier report's up to MAX_PRIOR_DAYS back, so the merge looks that far for it.
 */
export function isUndatedBackground(report: DatedReport): boolean {
  return report.dateBasis === 'publication' && report.modality === 'occurred' && report.summary !== undefined && backgroundMemo.get(report.summary);
}

/** Read once per clause (text-memo.ts): the merge asks again for each earlier candidate. */
const backgroundMemo = new TextMemo(toldAsBackground);

/**
 * Whether `a` dates the happening better than `b`: a text's date for a background act dated only
 * by its report's day (priorTo), a shorter period, or a text date for a publication day.
 */
export function isFinerDate(a: DatedReport, b: DatedReport): boolean {
  const [pa, pb] = [periodOf(a.date), periodOf(b.date)];
  if (!pa || !pb || a.date === b.date) return false;
  if (a.dateBasis !== 'publication' && b.dateBasis === 'publication' && priorTo(b, pb, pa)) return true;
  if (a.dateBasis === 'publication' && priorTo(a, pa, pb)) return false;
  if (days(pa) !== days(pb)) return days(pa) < days(pb);
  return a.dateBasis === 'text' && b.dateBasis === 'publication';
}

function contains(outer: Period, inner: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function days(period: Period): number {
  return Math.round((Date.parse(period.end) - Date.parse(period.start)) / DAY_MS) + 1;
}
