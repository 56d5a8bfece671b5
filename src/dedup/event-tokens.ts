/**
 * The content words of an event, for comparing two reports of it: lower-cased words of three
 * letters or more, without function words and reporting verbs, which every outlet uses and
 * which say nothing about which event it is.
 */
import { TextMemo } from './text-memo.js';

const IGNORED = new Set(
  (
    'the and for that with this from have has had was were are will would could should said says say told ' +
    'according also their there they them then than into onto over under about after before while which ' +
    'who whom whose what when where been being its his her our your not but all any can may might must ' +
    'shall more most such some other only very just on in at by of to a an is it as be or if so no ' +
    'monday tuesday wednesday thursday friday saturday sunday week weeks month months year years day days ' +
    'today yesterday tomorrow last next earlier later'
  ).split(/\s+/),
);

/** A fresh set each call (callers may change it); the words are read once per text (text-memo.ts). */
export function contentTokens(text: string): Set<string> {
  return new Set(tokensOf.get(text));
}

function readContentTokens(text: string): readonly string[] {
  const tokens = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (word.length < 3 || IGNORED.has(word)) continue;
    tokens.add(stem(word));
  }
  return [...tokens];
}

/** A light suffix strip so that "talks"/"talk" and "proposed"/"propose" meet (stories/distinctive-terms.ts too). */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  if (word.length > 4 && word.endsWith('e')) return word.slice(0, -1);
  return word;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** A key for exact repeats: the sentence with case, punctuation and spacing folded away. */
export function sentenceFingerprint(sentence: string): string {
  return fingerprints.get(sentence);
}

const tokensOf = new TextMemo(readContentTokens);
const fingerprints = new TextMemo((sentence: string) => (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' '));
