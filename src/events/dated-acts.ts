/**
 * The acts an article has dated, so that a later bare mention of the same act takes that date
 * and not the report's day. "Apple launched the iTunes Music Store on April 28, 2003. … Since its
 * launch the store has sold more than 3 billion songs": the selling runs from the launch, as it
 * would from "since April 28, 2003"; "Jobs has been on medical leave since January. … Cook has
 * been serving as interim CEO since the beginning of Jobs' medical leave": the serving began in
 * January. Likewise a past act told as background ("had introduced", "first introduced") that
 * the article dated before, with one of the same names, is that earlier act.
 *
 * Acts are known by word stems ("launched", "launch" → "launch"; "introduced", "introduction" →
 * "introduc"), taken from the clause of each date that lies before publication.
 */
import type { EventDate } from './event-types.js';
import { IRREGULAR_BASE } from './verbs.js';

export interface DatedAct {
  date: EventDate;
  /** Stems of the content words of the dated clause. */
  stems: ReadonlySet<string>;
  /** Capitalised words of the dated clause: the act's participants, to tell one act from another of the same kind. */
  names: ReadonlySet<string>;
}

/** Words that name no act: function words, reporting verbs, auxiliaries, calendar words. */
const NOT_ACT = new Set([
  'said', 'says', 'told', 'tell', 'stated', 'added', 'reported', 'been', 'have', 'having', 'were', 'would', 'will',
  'could', 'should', 'that', 'this', 'these', 'those', 'with', 'from', 'into', 'about', 'after', 'before', 'since',
  'during', 'their', 'there', 'which', 'while', 'when', 'where', 'what', 'also', 'than', 'then', 'year', 'years',
  'month', 'months', 'week', 'weeks', 'today', 'yesterday', 'tomorrow', 'early', 'earlier', 'later', 'last', 'next',
  'first', 'time', 'company', 'people', 'some', 'more', 'most', 'other', 'same', 'such', 'very', 'just', 'only',
  'beginning', 'start', 'end', 'middle', 'part', 'because', 'until',
]);

/** A rough stem: "launched"/"launch" and "introduced"/"introduction" meet; short stems are dropped. */
export function actStem(word: string): string | null {
  // A capitalised word is a name (or opens a sentence), not an act.
  const w = word.replace(/['’]s?$/, '');
  if (w.length < 4 || NOT_ACT.has(w) || !/^\p{Ll}+$/u.test(w)) return null;
  const base = IRREGULAR_BASE[w] ?? w;
  const stem = base.replace(/(?:ations?|tions?|ments?|ings?|ed|es|s)$/, '').replace(/e$/, '');
  return stem.length >= 4 ? stem : null;
}

/** The act of one dated clause (its words as written, lower-case ones stemmed). */
export function datedAct(clause: string, date: EventDate): DatedAct {
  const stems = new Set<string>();
  const names = new Set<string>();
  for (const word of clause.split(/[^\p{L}'’-]+/u)) {
    const name = nameOf(word);
    if (name) names.add(name);
    const stem = actStem(word);
    if (stem) stems.add(stem);
  }
  return { date, stems, names };
}

/**
 * "since its launch", "since the beginning of Jobs' medical leave", "since his leave": the noun
 * phrase after "since" (a determiner or possessive first) names an act; at most three words,
 * stopping at the next determiner or verb ("Since its launch the store …").
 */
const SINCE_ACT =
  /\b[Ss]ince\s+(?:the\s+(?:start|beginning|outset|time)\s+of\s+)?(?:the|its|his|her|their|this|that|[\p{Lu}][\p{L}-]*(?:['’]s|['’]))\s+((?:[\p{Ll}-]+\s*){1,3})/u;
const PHRASE_STOP = /^(?:the|a|an|his|her|its|their|has|have|had|is|are|was|were|and|or|in|on|at|of|to|as|by)$/;

/** Where "since <act>" stands in the sentence, and the date of that act when the article gave it. */
export function sinceAct(sentence: string, acts: readonly DatedAct[]): { date: EventDate; start: number; end: number } | null {
  const m = SINCE_ACT.exec(sentence);
  if (!m) return null;
  const words: string[] = [];
  for (const word of m[1].trim().split(/\s+/)) {
    if (PHRASE_STOP.test(word)) break;
    words.push(word);
  }
  // The head noun is the last word of the phrase ("medical leave" → "leave").
  for (const word of words.reverse()) {
    const stem = actStem(word);
    const act = stem ? latestWith(acts, (a) => a.stems.has(stem)) : null;
    if (act) return { date: act.date, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * The earlier dated act a background verb retells: same stem and at least one name in common
 * ("Apple introduced iPhone 4 on June 7. … when Jobs first introduced iPhone 4, …").
 */
export function retoldAct(verb: string, sentence: string, acts: readonly DatedAct[]): DatedAct | null {
  const stem = actStem(verb);
  if (!stem) return null;
  const names = sentence.split(/[^\p{L}'’-]+/u).map(nameOf).filter((n): n is string => n !== null);
  return latestWith(acts, (a) => a.stems.has(stem) && names.some((n) => a.names.has(n)));
}

/** Words that open sentences in capitals but name nobody. */
const NOT_NAME = /^(?:The|A|An|In|On|At|When|While|After|Before|Since|It|He|She|They|This|That|Its|His|Her|Their|But|And|As|For|With|By)$/;

/** A name: a word with a capital ("Jobs", "iPhone", "CEO"), possessive dropped; none for a capitalised opener such as "The". */
function nameOf(word: string): string | null {
  const name = word.replace(/['’]s?$/, '');
  return name.length > 1 && /\p{Lu}/u.test(name) && !NOT_NAME.test(name) ? name : null;
}

function latestWith(acts: readonly DatedAct[], accept: (act: DatedAct) => boolean): DatedAct | null {
  for (let i = acts.length - 1; i >= 0; i--) if (accept(acts[i])) return acts[i];
  return null;
}
