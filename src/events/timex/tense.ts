/**
 * The tense that anchors a relative date. News reports mostly look back, so a weekday or a
 * month with no tense cue is read as past; a future cue ("will", "is due to", "next") close to
 * the expression turns it forward. The cue nearest to the expression wins, because a reporting
 * verb ("said on Monday that he will …") is usually the one the date belongs to.
 */
import { IRREGULAR_PAST_PATTERN } from '../verbs.js';

export type Tense = 'past' | 'present' | 'future' | 'none';

/** Characters looked at each side of an expression: a clause, and a bound on the work per match. */
const WINDOW = 160;

// "planned" looks ahead only with what was planned ("planned to leave on Thursday", "was planned
// for Friday"); alone it is an adjective or a past verb ("the hastily planned trip"). "plan to"
// looks ahead in any person ("did not plan to remove him on Thursday").
const FUTURE_CUE =
  /\b(?:will|won't|shall|planning|planned\s+(?:to|for)|(?:is|are|was|were|be|been)\s+planned|scheduled|slated|as\s+(?:soon|early)\s+as|postponed|delayed|deadline|(?:is|are|was|were)\s+(?:due|set|scheduled|slated|expected|poised|going)\s+to|going\s+to|plans?\s+to|intends?\s+to|hopes?\s+to|wants?\s+to|aims?\s+to|seeks?\s+to|would|upcoming|next(?!\s+to\b)|ahead|to\s+(?:be\s+)?(?:hold|meet|sign|start|begin|visit|travel|vote|announce|present|return|decide|finali[sz]e|secure|complete|launch|release|resume|open|close)|will\s+be|'ll)\b/gi;

// Regular past forms are the "-ed" words (the filter below drops the ones that are not verbs).
const PAST_CUE = new RegExp(`\\b(?:says|was|were|had|did|been|${IRREGULAR_PAST_PATTERN}|[a-z]{3,}ed)\\b`, 'gi');

/** Words ending in -ed that are not past tense verbs (or that point forward). */
const NOT_PAST = new Set([
  'need', 'needed', 'speed', 'feed', 'seed', 'bed', 'red', 'hundred', 'united', 'based', 'indeed',
  'proceed', 'succeed', 'exceed', 'scheduled', 'expected', 'planned', 'slated', 'intended',
  'related', 'limited', 'advanced', 'detailed', 'concerned', 'interested', 'supposed', 'embed',
  'breed', 'greed', 'weed', 'shed', 'sled', 'wed', 'anticipated', 'armed', 'unrelated', 'proposed',
]);

// "has/have" are left out: the present perfect reports the past ("has acknowledged").
const PRESENT_CUE = /\b(?:is|are|am|says|meets|begins|starts|opens|holds|remains)\b/gi;

interface Cue { index: number; tense: Tense }

const PAST_PERFECT = /\bhad\s+(?:\w+\s+)?\w+(?:ed|en|t)\b/i;

/** A past form that is not a passive participle ("would be paid") nor a known non-verb. */
function isPastVerb(word: string, text: string, index: number): boolean {
  if (NOT_PAST.has(word.toLowerCase())) return false;
  const before = text.slice(Math.max(0, index - 8), index);
  // Passive participles ("would be paid", "the case is heard in May": the auxiliary carries the
  // tense) and adjectives ("a still unspecified date").
  if (/\b(?:be|been|being|is|are|am|a|an|the|still|its|their)\s+$/i.test(before)) return false;
  // "were planning to", "was due to": the auxiliary of a future.
  const after = text.slice(index + word.length, index + word.length + 12);
  return !/^\s+(?:planning|going|set|due|expected|scheduled|slated|poised|about)\b/i.test(after);
}

function collect(re: RegExp, text: string, tense: Tense, offset: number, filter?: (w: string, i: number) => boolean): Cue[] {
  const cues: Cue[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (filter && !filter(m[0], m.index)) continue;
    cues.push({ index: offset + m.index + m[0].length / 2, tense });
  }
  return cues;
}

/** Bounds of the clause-sized window around [start, end): stops at sentence ends and line breaks. */
export function sentenceWindow(text: string, start: number, end: number): [number, number] {
  let from = Math.max(0, start - WINDOW);
  const before = text.slice(from, start);
  const stop = Math.max(before.lastIndexOf('\n'), lastSentenceEnd(before), lastQuote(before));
  if (stop >= 0) from += stop + 1;
  let to = Math.min(text.length, end + WINDOW);
  const after = text.slice(end, to);
  const next = firstSentenceEnd(after);
  if (next >= 0) to = end + next + 1;
  return [from, to];
}

/** A quotation mark ends the clause too: the reporting verb outside a quote does not date what is inside. */
function lastQuote(s: string): number {
  return Math.max(s.lastIndexOf('"'), s.lastIndexOf('“'), s.lastIndexOf('”'), s.lastIndexOf("''"), s.lastIndexOf('``'));
}

function lastSentenceEnd(s: string): number {
  const re = /[.!?]["'”’]?\s+(?=["'“‘]?[A-Z])/g;
  let last = -1;
  for (let m = re.exec(s); m; m = re.exec(s)) last = m.index + m[0].length - 1;
  return last;
}

function firstSentenceEnd(s: string): number {
  const m = /[.!?]["'”’]?\s+(?=["'“‘]?[A-Z])|\n|["“”]|''|``/.exec(s);
  return m ? m.index : -1;
}

/** The tense of the clause that holds text[start, end). */
export function tenseAt(text: string, start: number, end: number): Tense {
  // "Wednesday's ruling": a possessive date names something that has happened.
  if (/^['’]s\b/.test(text.slice(end, end + 3))) return 'past';
  // A preposition right before the expression settles it: "by Jan. 14" ahead, "since Tuesday" behind.
  const just = text.slice(Math.max(0, start - 20), start);
  if (/\b(?:by|before)\s+(?:the\s+)?$/i.test(just)) {
    // "had filed reports by Wednesday", "By Monday, troops had taken the town": the past perfect
    // of the clause puts the limit in the past.
    const [from, to] = sentenceWindow(text, start, end);
    return PAST_PERFECT.test(text.slice(Math.max(from, start - 80), Math.min(to, end + 80))) ? 'past' : 'future';
  }
  if (/\b(?:payable|effective|due|of\s+record)\s+(?:the\s+)?$/i.test(just)) return 'future';
  if (/\b(?:since|ended)\s+$/i.test(just)) return 'past';
  // "has until Monday to pay": a limit looks ahead unless its clause is past ("stayed until
  // Monday"), or a past verb leads to it though a present one follows ("who served as minister
  // until July and is …").
  if (/\b(?:until|till)\s+(?:the\s+)?$/i.test(just)) {
    const tense = clauseTense(text, start, end);
    if (tense === 'future' || tense === 'past') return tense;
    const [from] = sentenceWindow(text, start, end);
    const left = text.slice(from, start);
    return collect(PAST_CUE, left, 'past', from, (w, i) => isPastVerb(w, left, i)).length > 0 ? 'past' : 'future';
  }
  return clauseTense(text, start, end);
}

/** The tense of the nearest cue in the clause around text[start, end), or 'none'. */
function clauseTense(text: string, start: number, end: number): Tense {
  const [from, to] = sentenceWindow(text, start, end);
  const left = text.slice(from, start);
  const right = text.slice(end, to);
  const cues = [
    ...collect(FUTURE_CUE, left, 'future', from),
    ...collect(FUTURE_CUE, right, 'future', end),
    ...collect(PAST_CUE, left, 'past', from, (w, i) => isPastVerb(w, left, i)),
    ...collect(PAST_CUE, right, 'past', end, (w, i) => isPastVerb(w, right, i)),
    ...collect(PRESENT_CUE, left, 'present', from),
    ...collect(PRESENT_CUE, right, 'present', end),
  ];
  if (cues.length === 0) return 'none';
  const centre = (start + end) / 2;
  // Cues before the expression bind a little more strongly: English puts the verb first.
  const distance = (c: Cue): number => Math.abs(c.index - centre) * (c.index < centre ? 1 : 2.5);
  cues.sort((a, b) => distance(a) - distance(b));
  return cues[0].tense;
}
