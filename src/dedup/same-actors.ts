import { TextMemo } from './text-memo.js';

/**
 * Whether two reports name a common actor. Names meet when equal after dropping a company's legal
 * suffix, or when one is the other's first or last words ("Jobs" / "Steve Jobs", "Apple" /
 * "Apple Inc."); "Apple Corps" and "Apple Computer" are two companies and do not meet.
 */
const LEGAL_SUFFIX = /[\s,]+(?:inc|corp|corporation|co|ltd|llc|plc|ag|sa|gmbh)\.?$/i;

/** A name's words as names are compared: lower-cased, without a company's legal suffix. Shared: do not change it. */
export function nameWords(name: string): readonly string[] {
  return wordsOfName.get(name);
}

/** The merge compares each report's names with every candidate's: a name is read once. */
const wordsOfName = new TextMemo((name: string) => name.replace(LEGAL_SUFFIX, '').toLowerCase().split(/[\s-]+/).filter(Boolean));

export function namesMeet(a: string, b: string): boolean {
  const [x, y] = [nameWords(a), nameWords(b)];
  if (x.length === 0 || y.length === 0) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return startsWith(long, short, 0) || startsWith(long, short, long.length - short.length);
}

/** Whether `words` holds `part` word for word from `at`. */
function startsWith(words: readonly string[], part: readonly string[], at: number): boolean {
  return part.every((word, i) => words[at + i] === word);
}

export function shareActor(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => namesMeet(x, y)));
}
