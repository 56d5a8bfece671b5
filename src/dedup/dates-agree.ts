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
  /** The date as the text wrote it ("mid-2011", "the fall of 2011"), when known. */
  dateText?: string;
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
  if (a.date === b.date) return partsOfYearApart(a, b) ? 'no' : 'agree';
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

/**
 * Parts of a year a text names, as months: a season or half is stored at year granularity
 * (event-date.ts), so "to be released in mid-2011" and "will be released in the fall of 2011"
 * both carry the date 2011; the texts still say two times. Rough on purpose: the parts overlap
 * where usage does ("early" and "spring"), so that only parts that cannot meet keep apart.
 */
const PARTS_OF_YEAR: Array<[RegExp, number[]]> = [
  [/\bearly\b|\bbeginning\s+of\b|\bstart\s+of\b/, [1, 2, 3, 4]],
  [/\bmid\b|\bmiddle\s+of\b/, [5, 6, 7, 8]],
  [/\blate\b|\bend\s+of\b/, [9, 10, 11, 12]],
  [/\bspring\b/, [3, 4, 5, 6]],
  [/\bsummer\b/, [6, 7, 8, 9]],
  [/\b(?:fall|autumn)\b/, [9, 10, 11, 12]],
  [/\bwinter\b/, [12, 1, 2, 3]],
  [/\bfirst\s+half\b/, [1, 2, 3, 4, 5, 6]],
  [/\bsecond\s+half\b/, [7, 8, 9, 10, 11, 12]],
];

function monthsNamed(dateText: string | undefined): Set<number> | null {
  if (!dateText) return null;
  const text = dateText.toLowerCase();
  const part = PARTS_OF_YEAR.find(([pattern]) => pattern.test(text));
  return part ? new Set(part[1]) : null;
}

/** Two year dates whose texts name parts of the year with no month in common. */
function partsOfYearApart(a: DatedReport, b: DatedReport): boolean {
  if (!/^\d{4}$/.test(a.date)) return false;
  const [ma, mb] = [monthsNamed(a.dateText), monthsNamed(b.dateText)];
  return ma !== null && mb !== null && ![...ma].some((month) => mb.has(month));
}
