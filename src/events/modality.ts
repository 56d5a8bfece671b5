/**
 * How an event stands to the publication date:
 * - deadline: the date is a limit ("by June", "before Thanksgiving", "no later than Friday");
 * - reported: a statement dated by its reporting verb ("said on Monday", "told reporters Friday");
 * - scheduled: the date lies after publication, or the clause is future ("will return on Wednesday");
 * - occurred: otherwise.
 */
import type { EventDate, Modality } from './event-types.js';
import { tenseAt } from './timex/tense.js';

const DEADLINE_BEFORE = /\b(?:by|before|no\s+later\s+than|not\s+later\s+than|ahead\s+of|deadline\s+(?:of|is|was)?)\s*["“‘']?\s*(?:the\s+)?(?:end\s+of\s+|close\s+of\s+)?$/i;

const REPORTING =
  '(?:said|says|told|wrote|stated|added|announced|declared|noted|reported|disclosed|confirmed|tweeted|posted|insisted|argued|warned)';
// The verb may stand a few words off: "told reporters on Monday", "said French Foreign Minister Jean-Noël Barrot Thursday".
const REPORTED_BEFORE = new RegExp(`\\b${REPORTING}(?:\\s+[\\p{L}'’.-]+){0,5}?\\s+(?:on\\s+|late\\s+|early\\s+)?$`, 'iu');
// After the date only names may stand between it and the verb: "On Sunday, Ukraine and the US said".
const REPORTED_AFTER = new RegExp(`^\\s*,?(?:\\s+(?:the|a|an|and|[\\p{Lu}][\\p{L}'’.-]*)){0,6}?\\s+${REPORTING}\\b`, 'u');

export function modalityOf(text: string, start: number, end: number, date: EventDate, publishedDay: string): Modality {
  const before = text.slice(Math.max(0, start - 40), start);
  if (DEADLINE_BEFORE.test(before)) return pastState(text, end, before, date, publishedDay) ? 'occurred' : 'deadline';
  // "until Tuesday" ends a state in the past ("served until July") but sets a limit ahead.
  if (/\b(?:until|till)\s+$/i.test(before) && date.from > publishedDay) return 'deadline';
  // A statement is made on or before publication; a later date belongs to what was announced.
  const reported = REPORTED_BEFORE.test(text.slice(Math.max(0, start - 90), start)) || REPORTED_AFTER.test(text.slice(end, end + 80));
  if (reported && date.to <= publishedDay) return 'reported';
  if (date.from > publishedDay) return 'scheduled';
  if (date.to >= publishedDay && tenseAt(text, start, end) === 'future') return 'scheduled';
  return 'occurred';
}

/**
 * "By early 2025, 70 % of the terrain remained uncleared": a fronted "By"/"Before" with a date
 * already begun and a past clause after it tells how things stood then; it sets no limit.
 * (The tense module turns a "by" back only for a past perfect, "By Monday, troops had taken …";
 * a simple past such as "remained" is decided here.)
 */
const FRONTED_LIMIT = /(?:^|[\n.:•]\s*)(?:By|Before)\s+(?:the\s+)?(?:end\s+of\s+)?$/;

function pastState(text: string, end: number, before: string, date: EventDate, publishedDay: string): boolean {
  if (!FRONTED_LIMIT.test(before) || date.from >= publishedDay) return false;
  const clause = /^[^.!?\n]*/.exec(text.slice(end, end + 300))?.[0] ?? '';
  return /\b(?:had|was|were|[a-z]{3,}ed)\b/.test(clause) && !/\b(?:will|would|must|shall|should)\b/.test(clause);
}
