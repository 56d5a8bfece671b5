/**
 * The clause that carries an event: the stretch of the sentence around its date expression
 * between clause marks (commas, semicolons, dashes, quotation marks), widened until it holds a
 * few words, with a leading "On Thursday," or connective dropped. A quoted sentence gives the
 * quoted clause, not the whole quote.
 */
const MIN_WORDS = 5;
const MAX_WORDS = 30;
// Clause marks; "and" only where a second predicate starts ("… by June and has offered …").
const BOUNDARY = /[,;:“”"()]|\s[—–-]\s|\s(?:and|but)\s(?=(?:has|have|had|will|would|is|are|was|were|also|then)\s|\w+ing\s)/g;

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
  let clause = sentence.slice(segments[from].start, segments[to].end);
  // A clause cut off after "to", "that", "of" … goes on in the next segment.
  while (DANGLING.test(clause) && to + 1 < segments.length) {
    to++;
    clause = sentence.slice(segments[from].start, segments[to].end);
  }
  // "alleged that Timur Mindich, Zelensky's business partner, had organised …": skip the apposition.
  if (THAT_NAME.test(clause) && to + 2 < segments.length && wordCount(sentence, segments[to + 1]) <= 5) {
    clause = `${clause} ${sentence.slice(segments[to + 2].start, segments[to + 2].end).trim()}`;
  }
  // "Zelenskyy, who met a US Army delegation on Thursday, …": the name stands in for "who".
  const subject = sentence.slice(segments[0].start, segments[0].end).trim();
  if (from > 0 && /^(?:who|which)\s/i.test(clause.trimStart()) && /^(?:[\p{Lu}][\p{L}'’.-]*\s*){1,3}$/u.test(subject)) {
    return `${subject} ${clause.trimStart().replace(/^(?:who|which)\s+/i, '')}`;
  }
  // A clause that starts with its verb lost its subject to an apposition: give it back.
  if (from > 0 && VERB_FIRST.test(clause.trimStart()) && wordCount(sentence, segments[0]) <= 10) {
    clause = `${sentence.slice(segments[0].start, segments[0].end).trim()} … ${clause.trim()}`;
  }
  return clause;
}

const DANGLING = /\b(?:to|that|of|the|a|an|and|or|which|who|with|as|from|for|by|in|on|at|is|are|was|were|be|than)\s*$/i;
const THAT_NAME = /\bthat\s+(?:[\p{Lu}][\p{L}'’.-]*\s*){1,4}$/u;
const VERB_FIRST = /^(?:said|says|told|called|added|announced|declared|warned|urged|denied|accused|has|have|had|will|would|is|was|[a-z]+ed)\b/;

function wordCount(sentence: string, segment: Segment): number {
  return sentence.slice(segment.start, segment.end).split(/\s+/).filter(Boolean).length;
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
