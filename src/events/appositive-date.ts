/**
 * A date inside a participle set off by commas after the subject: "Jobs, born in San Francisco
 * on February 24, 1955, has built the most valuable technology company", "Apple, founded in
 * 1976, has sold …". The date is the participle's act (a birth, a founding), told as background
 * beside the sentence's own predicate; it does not date that predicate, which is read as if the
 * participle were not there.
 */
import { IRREGULAR_PAST_PATTERN } from './verbs.js';

export interface Apposition {
  /** Where the participle's text lies in the sentence, its opening comma to its closing one. */
  start: number;
  end: number;
  /** The subject with its participle ("Jobs, born in San Francisco on February 24, 1955"): the background act's summary. */
  summary: string;
}

/** The participles of acts that name what someone or something is by its origin. */
const OPENER = /,\s*(?:born|founded|established|formed|created|incorporated|launched|opened|built|started)\s+(?:[^,;.]|,\s*\d)*$/i;
/** What follows the closing comma: the sentence's predicate, a finite verb first. */
const PREDICATE_AFTER = new RegExp(`^\\s*(?:\\w+ly\\s+)?(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|says|said|[a-z]+ed|${IRREGULAR_PAST_PATTERN})\\b`);
/** The subject before the participle: a name or a noun phrase of a few words, no clause. */
const SUBJECT = /^[^,;:]{1,60}$/;

/** The apposition holding the date at [start, end) of the sentence, or null when the date dates the predicate. */
export function appositionOf(sentence: string, start: number, end: number): Apposition | null {
  const opener = OPENER.exec(sentence.slice(0, start));
  if (!opener || !SUBJECT.test(sentence.slice(0, opener.index))) return null;
  // The participle closes right after the date ("…, 1955, has built"), or a few words later.
  const close = /^[^,;.]{0,40},/.exec(sentence.slice(end));
  if (!close) return null;
  const after = end + close[0].length;
  if (!PREDICATE_AFTER.test(sentence.slice(after))) return null;
  return { start: opener.index, end: after, summary: sentence.slice(0, end + close[0].length - 1) };
}
