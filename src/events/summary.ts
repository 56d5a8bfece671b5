/**
 * The clause that carries an event: the stretch of the sentence around its date expression
 * between clause marks (commas, semicolons, dashes, quotation marks), widened until it holds a
 * few words, with a leading "On Thursday," or connective dropped. A quoted sentence gives the
 * quoted clause, not the whole quote.
 */
import { findActors } from './actors.js';
import { IRREGULAR_PAST_PATTERN } from './verbs.js';

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
  // Quotes are read in pairs, so that a short one ('commonly called "apps," have …') is no quote
  // of a clause and its closing mark opens none.
  const m = [...sentence.matchAll(/[“"]([^“”"]*)[”"]/g)].find((q) => q[1].length >= 12) ?? (openedBefore(sentence) ? /^([^“”"]{12,})[”"]/.exec(sentence) : null);
  if (!m) return null;
  const first = m[1].split(/[,;:]\s|\s[—–-]\s/)[0];
  return first.split(/\s+/).length >= 4 ? first.trim() : m[1].trim();
}

/** The first quotation mark closes a quote: a typographic closing one, or an odd count of straight ones. */
function openedBefore(sentence: string): boolean {
  const first = /["“”]/.exec(sentence)?.[0];
  return first === '”' || (first === '"' && (sentence.match(/"/g) ?? []).length % 2 === 1);
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
  // "…, possibly in Miami, within the coming week": adverbials modify the clause before them.
  while (from > 0 && !hasPredicate(sentence.slice(segments[from].start, segments[to].end))) from--;
  // "Speaking to reporters in comments made public on Saturday, Zelensky disclosed …": an opening
  // participial phrase belongs to the main clause that follows it.
  if (from === 0 && to === 0 && OPENING_PARTICIPLE.test(sentence.slice(segments[0].start)) && segments.length > 1) to++;
  // "In a July 16 press conference, Jobs said …": a fronted phrase with no verb dates the clause
  // that follows it.
  while (from === 0 && to + 1 < segments.length && !hasPredicate(sentence.slice(segments[from].start, segments[to].end))) to++;
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
  // A clause too long to read at a glance keeps the subordinate clause that holds the date.
  if (clause.split(/\s+/).filter(Boolean).length > MAX_WORDS) clause = subordinateAround(clause, start - segments[from].start);
  // "…, who served as defence minister until July": a relative clause says nothing without
  // what its pronoun stands for.
  if (from > 0 && RELATIVE_START.test(clause.trimStart())) return withAntecedent(sentence, segments, from, clause.trim());
  // A clause that starts with its verb lost its subject to an apposition: give it back.
  if (from > 0 && VERB_FIRST.test(clause.trimStart())) {
    const subject = subjectOf(sentence.slice(segments[0].start, segments[0].end).trim());
    if (subject) clause = `${subject} … ${clause.trim()}`;
  }
  return clause;
}

/** What a verb-first clause lacks: a short first clause whole, or a long one's words before its verb. */
function subjectOf(first: string): string | null {
  if (first.split(/\s+/).length <= 10) return first;
  const verb = FINITE.exec(first);
  const subject = verb ? first.slice(0, verb.index).trim() : '';
  return subject && subject.split(/\s+/).length <= 6 ? subject : null;
}

/** Where a subordinate clause with its own subject starts: "… as Ukrainian and American officials work …". */
const SUBORDINATOR = /\b(?:that|as|while|because|after|since|although|when|where|whereas)\s+(?=(?:the|a|an|he|she|they|it|we|I|his|her|their|its)\s|[\p{Lu}])/gu;

/** The last subordinate clause that begins before the date at `at` and still reads as a clause. */
function subordinateAround(clause: string, at: number): string {
  let cut = 0;
  SUBORDINATOR.lastIndex = 0;
  for (let m = SUBORDINATOR.exec(clause); m && m.index < at; m = SUBORDINATOR.exec(clause)) {
    const rest = m.index + m[0].length;
    if (rest <= at && clause.slice(rest).split(/\s+/).filter(Boolean).length >= MIN_WORDS) cut = rest;
  }
  return clause.slice(cut);
}

const DANGLING = /\b(?:to|that|of|the|a|an|and|or|which|who|with|as|from|for|by|in|on|at|is|are|was|were|be|than)\s*$/i;
const THAT_NAME = /\bthat\s+(?:[\p{Lu}][\p{L}'’.-]*\s*){1,4}$/u;
const VERB_FIRST = /^(?:said|says|told|called|added|announced|declared|warned|urged|denied|accused|has|have|had|will|would|is|was|[a-z]+ed)\b/;

/** "who served …", "which has been …", "from which it was expelled …", "whose …". */
const RELATIVE_START = /^(?:(?:[a-z]+\s+)?(?:which|whom)|who|whose)\s/i;
/** The pronoun is the subject when a verb, not a subject of its own, follows: "who served", not "which it". */
const SUBJECT_RELATIVE = /^(?:who|which)\s+(?!(?:the|a|an|it|he|she|they|we|you|i|this|that|these|those|his|her|its|their|our)\b)[a-z]/i;
const DETERMINER = /^(?:the|a|an|its|their|his|her|our|this|that|these|those)$/i;
/** A finite verb, case-sensitive so that "United" is none. */
const FINITE = new RegExp(
  '\\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|' +
    `${IRREGULAR_PAST_PATTERN}|` +
    // present forms of reporting and planning verbs
    'says|tells|writes|adds|warns|insists|claims|argues|notes|meets|plans|wants|expects|begins|ends|remains|' +
    '[a-z]{2,}ed)\\b|\\b(?:I|we|they|he|she)\\s+[a-z]{2,}\\b',
);
const NOUN_PHRASE_WORDS = 8;
/** A participle as a predicate ("presenting a deal", "vowing to end"), not after a determiner ("the coming week"). */
const PARTICIPLE = /(?<!\b(?:the|a|an|this|that|its|their|his|her|our|next)\s)\b(?!(?:during|morning|evening|nothing|something|anything|everything|thing|things|king|spring|string|ceiling)\b)[a-z]{2,}ing\b/;
const OPENING_PARTICIPLE = /^\s*(?:[\p{Lu}][a-z]+ing|Asked|Quoted|Interviewed)\b/u;

function hasPredicate(clause: string): boolean {
  return FINITE.test(clause) || PARTICIPLE.test(clause);
}

/**
 * A relative clause with its antecedent: the antecedent takes the place of a subject pronoun
 * ("Rustem Umerov served as defence minister until July"); any other relative clause follows the
 * clause that names its antecedent ("… rejoin the G8, from which it was expelled in 2014").
 */
function withAntecedent(sentence: string, segments: Segment[], from: number, clause: string): string {
  const holder = antecedentSegment(sentence, segments, from);
  const before = sentence.slice(segments[holder].start, segments[holder].end).trim();
  const antecedent = /^who\b/i.test(clause) ? trailingName(before) ?? trailingNounPhrase(before) : trailingNounPhrase(before);
  if (antecedent && SUBJECT_RELATIVE.test(clause)) return `${antecedent} ${clause.replace(/^\S+\s+/, '')}`;
  const words = (s: string): number => s.split(/\s+/).length;
  if (antecedent && words(before) + words(clause) > MAX_WORDS) return `${antecedent}, ${clause}`;
  return `${before}, ${clause}`;
}

/** The segment before the relative clause, or the one before that when it is an apposition ("Umerov, secretary of …, who"). */
function antecedentSegment(sentence: string, segments: Segment[], from: number): number {
  const previous = sentence.slice(segments[from - 1].start, segments[from - 1].end);
  const apposition = from > 1 && !FINITE.test(previous) && wordCount(sentence, segments[from - 1]) <= NOUN_PHRASE_WORDS;
  return apposition ? from - 2 : from - 1;
}

/** The name a segment ends with, without its title ("… from Chief of Staff Valery Gerasimov" → "Valery Gerasimov"). */
function trailingName(segment: string): string | null {
  const name = /(?:[\p{Lu}][\p{L}\p{M}'’.-]*\s+){0,3}[\p{Lu}][\p{L}\p{M}'’.-]*$/u.exec(segment)?.[0];
  if (!name) return null;
  const bare = findActors(name).at(-1);
  return bare && name.endsWith(bare) ? bare : name;
}

/** The noun phrase a segment ends with: from its last determiner, a trailing name, or a short verbless segment. */
function trailingNounPhrase(segment: string): string | null {
  const words = segment.split(/\s+/);
  let at = words.length - 1;
  while (at >= 0 && !DETERMINER.test(words[at])) at--;
  const phrase = words.slice(at).join(' ');
  if (at >= 0 && words.length - at <= NOUN_PHRASE_WORDS && !FINITE.test(phrase)) return phrase;
  if (words.length <= 4 && !FINITE.test(segment)) return segment;
  return trailingName(segment);
}

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

/** A clause cut out of a quote keeps only the quotation marks that still pair up. */
function withoutStrayQuotes(s: string): string {
  const stray = new Set<number>();
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '“') open.push(i);
    else if (s[i] === '”' && open.pop() === undefined) stray.add(i);
  }
  for (const i of open) stray.add(i);
  const lastStraight = s.lastIndexOf('"');
  if ((s.match(/"/g)?.length ?? 0) % 2 === 1) stray.add(lastStraight);
  if (stray.size === 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) if (!stray.has(i)) out += s[i];
  return out.replace(/\s{2,}/g, ' ');
}

function tidy(clause: string): string {
  let s = withoutStrayQuotes(clause.replace(/\s+/g, ' ').trim());
  s = s.replace(/^(?:and|but|or|so|yet|however|meanwhile|also|then|that)\s+/i, '');
  // The sentence's full stop goes, also inside a closing quote ("… members of NATO.”").
  s = s.replace(/[.!?,;:\s]+$/u, '').replace(/[.,;:]+([”"’])$/u, '$1');
  const words = s.split(' ');
  if (words.length > MAX_WORDS) s = `${words.slice(0, MAX_WORDS).join(' ')}…`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}
