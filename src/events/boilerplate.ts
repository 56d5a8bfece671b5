/**
 * Residue that extraction leaves around an article and that must never yield an event: reading
 * times, copyright lines, donation appeals, gallery captions, comment and adblock notices,
 * "Related"/"Recommended" headers, bylines and datelines, "date 2025-11-21" stamps. Checked per
 * sentence (and its line), so one bad line never drops the paragraph around it.
 */
const RESIDUE_LINE = new RegExp(
  [
    '^\\s*\\d+\\s*(?:min(?:ute)?s?|hours?)\\s+read\\b',
    '^\\s*(?:©|\\(c\\)|copyright\\b)',
    '\\ball rights reserved\\b',
    '^\\s*open image in gallery\\b',
    '^\\s*(?:read more|support now|leave a comment|you may also like|table of contents|related\\b|recommended\\b|explore\\b|source\\s*:|advertisement\\b|share (?:this|on)\\b|sign up\\b|subscribe\\b|follow us\\b|click here\\b)',
    '\\badblock',
    '\\byour (?:support|donation)\\b',
    '\\b(?:donate|donation)s?\\b.*\\b(?:journalism|reporting)\\b',
    '^\\s*date\\s+\\d{4}-\\d{2}-\\d{2}\\b',
    '^\\s*(?:by|from)\\s+[\\p{Lu}][\\p{L}.\'-]+(?:\\s+[\\p{Lu}][\\p{L}.\'-]+){0,3}\\s*$',
    '^\\s*(?:updated|published|posted|last updated)\\b',
    'this site uses akismet',
    '^\\s*to contact\\b',
  ].join('|'),
  'iu',
);

/** A line that is only a date, or a name and a date (a byline's date line, a dateline). */
const DATE_ONLY = /^\s*(?:[\p{Lu}][\p{L}.'-]+\s+){0,3}[\p{L}\d ,.-]{0,30}\d{4}\s*$/u;

export function isResidue(sentence: string, line: string): boolean {
  if (RESIDUE_LINE.test(sentence) || RESIDUE_LINE.test(line)) return true;
  if (DATE_ONLY.test(sentence) && sentence.split(/\s+/).length <= 6) return true;
  return false;
}

/** The dateline prefix of a story ("NAIROBI, Kenya (AP) _", "WASHINGTON, Aug. 11 (Xinhua) --"). */
export const DATELINE = /^\s*[\p{Lu}][\p{Lu} .'-]{2,40},[^\n]{0,40}?(?:\([^)]{1,30}\))?\s*(?:_|--|—|–)\s*/u;
