/**
 * The distinctive words of an article: what tells its happening from others, weighted without a
 * corpus. A story is compared while it grows, one article at a time, so there is no collection to
 * take document frequencies from, and a frequency list from elsewhere would be a download. The
 * weights therefore come from what a word is, in this text:
 * - a name (capitalised where a sentence does not start) tells most: the participants are what
 *   keep two look-alike happenings apart ("Tara Reid" and "Lindsay Lohan" both enter rehab);
 * - a year comes next (an election in 2008 and the next one in 2013);
 * - words every news text uses ("said", "people", "officials", "week") tell little;
 * - function words and bare numbers tell nothing.
 * Counts are damped (1 + ln tf) so that one repeated word does not outweigh the rest, and the
 * headline's words count twice: it says what the article is about.
 */
import { stem } from '../dedup/event-tokens.js';

/** How much one occurrence of a word of each kind tells (see the header; the order is what matters). */
export const TERM_WEIGHT = { name: 3, year: 2, plain: 1, common: 0.3 } as const;

/** How many terms a profile keeps: the rest add little to a cosine and would bloat the store. */
export const MAX_TERMS = 40;

const FUNCTION_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves ' +
    'out over own same she should so some such than that the their theirs them themselves then there these they this those through ' +
    'to too under until up very was we were what when where which while who whom why will with would you your yours yourself ' +
    'yourselves shall may might must ever even yet still though although whether upon onto per via among amid within without ' +
    'let lets one two three four five six seven eight nine ten first second third us mr mrs ms dr st jr'
  ).split(/\s+/),
);

/**
 * Words any news text uses whatever it reports: reporting verbs, time words, generic roles and
 * places. Chosen by what they are, not from the benchmark; stems are compared, so one form each.
 */
const COMMON_WORDS = new Set(
  (
    'say said says tell told told report reported reports reporting according claim claimed add added note noted state stated ' +
    'announce announced confirm confirmed statement statements comment comments interview spokesman spokeswoman spokesperson ' +
    'source sources news press media story stories article magazine newspaper website online web site page read ' +
    'time times day days week weeks month months year years today yesterday tomorrow tonight morning afternoon evening night ' +
    'monday tuesday wednesday thursday friday saturday sunday weekend january february march april may june july august ' +
    'september october november december ago earlier later last next recent recently early late former current ' +
    'people person man men woman women child children family friend friends official officials member members group groups ' +
    'government country countries city state states world nation national local public home house place area part ' +
    'make made making get got getting go going gone went come came coming take took taken give gave given see saw seen ' +
    'know knew known think thought want wanted need needed use used find found look looked seem seemed become became ' +
    'keep kept put puts show showed shown call called ask asked work worked try tried leave left help helped turn turned ' +
    'start started begin began end ended hold held run ran bring brought set move moved live lived play played ' +
    'new old good bad great big small large long little high low right wrong best better well much many lot lots ' +
    'thing things way ways case cases point points number numbers percent fact facts issue issues question questions ' +
    'like just really also already still around back away again something nothing anything everything someone anyone ' +
    'told including include included across along another every both several whose'
  )
    .split(/\s+/)
    .map((w) => singleLetters(stem(w))),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/**
 * Weighted terms of a headline and text, L2-normalised, the MAX_TERMS heaviest. `names` is
 * nameLikeWords(title, text), when the caller has read it already (article-profile.ts does).
 */
export function distinctiveTerms(title: string | null, text: string, names: ReadonlySet<string> = nameLikeWords(title, text)): Record<string, number> {
  const counts = new Map<string, number>();
  const add = (source: string, times: number) => {
    for (const token of tokensOf(source)) counts.set(token, (counts.get(token) ?? 0) + times);
  };
  add(text, 1);
  if (title) add(title, 2);
  const weighted: Array<[string, number]> = [];
  for (const [term, count] of counts) {
    const weight = termWeight(term, names);
    if (weight > 0) weighted.push([term, (1 + Math.log(count)) * weight]);
  }
  weighted.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = weighted.slice(0, MAX_TERMS);
  const norm = Math.sqrt(kept.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
  return Object.fromEntries(kept.map(([term, w]) => [term, round(w / norm)]));
}

/** Lower-cased, stemmed content tokens (no function words, no one-letter words). */
export function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]).replace(/['’]s$/u, '').replace(/['’]/gu, '');
    if (word.length < 2 || FUNCTION_WORDS.has(word)) continue;
    out.push(/^\d+$/.test(word) ? word : termOf(word));
  }
  return out;
}

/**
 * A folded word's term: its stem with runs of one letter written once, so that the spellings of
 * one name that differ in a doubled letter meet ("Zelenskyy"/"Zelensky", "Gadaffi"/"Gadafi").
 * Both sides of every comparison go through it, so the rare plain words it joins ("hoping",
 * "hopping") join everywhere alike.
 */
export function termOf(word: string): string {
  let term = terms.get(word);
  if (term === undefined) {
    term = singleLetters(stem(word));
    if (terms.size >= MAX_KNOWN_TERMS) terms.clear();
    terms.set(word, term);
  }
  return term;
}

/**
 * Terms of the words seen: an article's words repeat, and the profile reads each text twice (its
 * terms, its name-like words). Bounded; past the bound it starts again.
 */
const terms = new Map<string, string>();
const MAX_KNOWN_TERMS = 50_000;

/** Runs of one letter written once: "zelenskyy" is "zelensky". */
export function singleLetters(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

/** Whether a term is one of the words any news text uses (see COMMON_WORDS). */
export function isCommonTerm(term: string): boolean {
  return COMMON_WORDS.has(term);
}

/** Lower case without accents: "Zelenskyy"/"ZELENSKYY", "Noël"/"Noel" meet. */
export function fold(word: string): string {
  // Most words are ASCII, and NFKD is the slow part.
  if (!/[^\x00-\x7f]/.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function termWeight(term: string, names: ReadonlySet<string>): number {
  if (/^\d+$/.test(term)) return /^(1[89]|20)\d\d$/.test(term) ? TERM_WEIGHT.year : 0;
  if (/\d/.test(term)) return TERM_WEIGHT.common;
  // Before names: "Thursday" and "Government" are capitalised and still say nothing.
  if (COMMON_WORDS.has(term)) return TERM_WEIGHT.common;
  if (names.has(term)) return TERM_WEIGHT.name;
  return TERM_WEIGHT.plain;
}

/**
 * Stems of words written capitalised where no sentence starts, more often than not: names.
 * A headline in Title Case or capitals says nothing about case, so it is read only when it is
 * written as a sentence.
 */
export function nameLikeWords(title: string | null, text: string): Set<string> {
  const capital = new Map<string, number>();
  const lower = new Map<string, number>();
  const read = (source: string) => {
    for (const match of source.matchAll(WORD)) {
      const raw = match[0];
      if (raw.length < 2 || /^\p{Lu}+$/u.test(raw) && raw.length > 4) continue;
      const term = termOf(fold(raw).replace(/['’]s$/u, '').replace(/['’]/gu, ''));
      if (/^\p{Lu}/u.test(raw)) {
        if (!startsSentence(source, match.index)) capital.set(term, (capital.get(term) ?? 0) + 1);
      } else if (/^\p{Ll}/u.test(raw)) lower.set(term, (lower.get(term) ?? 0) + 1);
    }
  };
  read(text);
  if (title && !isTitleCase(title)) read(title);
  const names = new Set<string>();
  for (const [term, count] of capital) if (count > (lower.get(term) ?? 0) && !FUNCTION_WORDS.has(term)) names.add(term);
  return names;
}

function startsSentence(source: string, index: number): boolean {
  const before = source.slice(Math.max(0, index - 4), index);
  return index === 0 || /(?:^|[.!?:;]["'”’)]?\s+|\n\s*|^\s*|["“‘(]\s*)$/u.test(before);
}

/** "Lindsay Lohan Checks Into Rehab": (nearly) every word longer than three letters capitalised. */
export function isTitleCase(title: string): boolean {
  const words = title.match(/\p{L}{4,}/gu) ?? [];
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length > 0 && capitalised / words.length > 0.85;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
