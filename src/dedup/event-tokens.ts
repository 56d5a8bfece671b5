/**
 * The content words of an event, for comparing two reports of it: lower-cased words of three
 * letters or more, without function words and reporting verbs, which every outlet uses and
 * which say nothing about which event it is.
 */
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

/** A fresh set each call (callers may change it); the words are read once per text (see Memo). */
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

/**
 * The last results of a pure function of a text. The merge compares each new event with every
 * stored event near its date, so a stored event's sentence and summary were tokenised again for
 * each comparison: 14% of the merge's main-thread CPU on the benchmark pages. Bounded; past the
 * bound the oldest text goes (a new article's events and their candidates are what repeat).
 */
class Memo<T> {
  private readonly results = new Map<string, T>();

  constructor(
    private readonly compute: (text: string) => T,
    private readonly max: number,
  ) {}

  get(text: string): T {
    let result = this.results.get(text);
    if (result === undefined) {
      result = this.compute(text);
      if (this.results.size >= this.max) this.results.delete(this.results.keys().next().value as string);
      this.results.set(text, result);
    }
    return result;
  }
}

/** 20,000 texts of a few hundred characters: a few MB at most. */
const MEMO_TEXTS = 20_000;
const tokensOf = new Memo(readContentTokens, MEMO_TEXTS);
const fingerprints = new Memo((sentence: string) => (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' '), MEMO_TEXTS);
