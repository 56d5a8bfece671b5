/**
 * The clause that carries an event: the stretch of the sentence around its date expression
 * between clause marks (commas, semicolons, dashes, quotation marks), widened until it holds a
 * few words, with a leading "On Thursday," or connective dropped. A quoted sentence gives the
 * quoted clause, not the whole quote.
 */
const MIN_WORDS = 6;
const MAX_WORDS = 30;
const BOUNDARY = /[,;:“”"()]|\s[—–-]\s/g;

interface Segment { start: number; end: number }

/** Attribution clauses ("a senior US official said on Thursday") get the gist of their quote. */
const ATTRIBUTION = /\b(?:said|says|told|wrote|stated|added|declared|noted)\b/i;

export function summarise(sentence: string, start: number, end: number): string {
  const clause = clauseAround(sentence, start, end);
  if (ATTRIBUTION.test(clause) && clause.split(/\s+/).length <= 10) {
    const quote = firstQuotedClause(sentence);
    if (quote) return tidy(`${clause.replace(/[,.:;\s]+$/u, '')}: ${quote}`);
  }
  return tidy(clause);
}

function firstQuotedClause(sentence: string): string | null {
  // The quote may have opened in the sentence before: then it runs from the start to its close.
  const m = /[“"]([^“”"]{12,})[”"]/.exec(sentence) ?? /^([^“”"]{12,})[”"]/.exec(sentence);
  if (!m) return null;
  const first = m[1].split(/[,;:]\s|\s[—–-]\s/)[0];
  return first.split(/\s+/).length >= 4 ? first.trim() : m[1].trim();
}

function clauseAround(sentence: string, start: number, end: number): string {
  const segments = segmentsOf(sentence);
  let i = segments.findIndex((s) => s.start <= start && start < s.end);
  if (i < 0) i = 0;
  let from = i;
  let to = i;
  const words = (): number => sentence.slice(segments[from].start, segments[to].end).split(/\s+/).filter(Boolean).length;
  while (words() < MIN_WORDS && (to + 1 < segments.length || from > 0)) {
    if (to + 1 < segments.length) to++;
    else from--;
  }
  return sentence.slice(segments[from].start, segments[to].end);
}

/** Quotation marks around a few words ("a “refined peace framework”") belong to the clause. */
const SHORT_QUOTE = 5;

function shortQuoteMarks(sentence: string): Set<number> {
  const marks = new Set<number>();
  const re = /[“"]([^“”"]{0,80})[”"]/g;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (m[1].split(/\s+/).filter(Boolean).length <= SHORT_QUOTE) {
      marks.add(m.index);
      marks.add(m.index + m[0].length - 1);
    }
  }
  return marks;
}

function segmentsOf(sentence: string): Segment[] {
  const out: Segment[] = [];
  let from = 0;
  const inline = shortQuoteMarks(sentence);
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(sentence); m; m = BOUNDARY.exec(sentence)) {
    if (inline.has(m.index)) continue;
    // A comma inside a number ("1,200") or a date ("Nov. 20, 2025") is no clause mark.
    if (m[0] === ',' && /\d/.test(sentence[m.index - 1] ?? '') && /\d/.test(sentence[m.index + 1] ?? sentence[m.index + 2] ?? '')) continue;
    if (m.index > from) out.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  if (from < sentence.length) out.push({ start: from, end: sentence.length });
  return out.filter((s) => /\p{L}/u.test(sentence.slice(s.start, s.end)));
}

function tidy(clause: string): string {
  let s = clause.replace(/\s+/g, ' ').trim();
  s = s.replace(/^(?:and|but|or|so|yet|however|meanwhile|also|then|that)\s+/i, '');
  s = s.replace(/[.!?,;:\s]+$/u, '');
  const words = s.split(' ');
  if (words.length > MAX_WORDS) s = `${words.slice(0, MAX_WORDS).join(' ')}…`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}
