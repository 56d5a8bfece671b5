/**
 * Dates as feeds and sitemaps write them: RFC 822/1123 (RSS pubDate), RFC 3339/W3C-DTF (Atom,
 * sitemaps, dc:date, JSON Feed). `Date.parse` reads both but knows only the US zone names of
 * RFC 822; feeds in the wild also use these, so they are rewritten to offsets first.
 */
const ZONE_OFFSETS: Record<string, string> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000', WET: '+0000', BST: '+0100', IST: '+0530',
  CET: '+0100', CEST: '+0200', MET: '+0100', MEST: '+0200', EET: '+0200', EEST: '+0300', MSK: '+0300', TRT: '+0300',
  EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500', MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700',
  JST: '+0900', KST: '+0900', AEST: '+1000', AEDT: '+1100', HKT: '+0800', SGT: '+0800',
};

/** Earliest and latest years accepted: anything outside is a typo or a placeholder (0000-00-00). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2200;

export function parseFeedDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (!text) return null;
  let time = Date.parse(isoWithoutZone(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(time)) time = Date.parse(withNumericZone(text));
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR ? new Date(time).toISOString() : null;
}

/** `2025-11-20T10:00:00` has no zone; Date.parse would read it in the host's zone, UTC is deterministic. */
function isoWithoutZone(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
}

function withNumericZone(text: string): string {
  return text
    .replace(/\b([A-Z]{1,4})$/, (zone) => ZONE_OFFSETS[zone] ?? zone)
    .replace(/^[A-Za-z]{3,9},?\s+/, ''); // a misspelt weekday ("Thur,") makes Date.parse give up
}
