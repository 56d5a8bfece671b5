/**
 * The participants a report surely names: its actors, less a lone capitalised word that opens the
 * sentence and appears nowhere else in it (a word written as no common word is, "NATO", "iPhone",
 * "McDonald", is a name wherever it stands). A sentence opener is capitalised whatever it is, so
 * "Local businesses welcomed the news", "Shop owners said …", "Supporters said …" give actors
 * 'Local', 'Shop', 'Supporters' that name no one; two reports sharing such a word share no
 * participant. A name said again inside the sentence ("Apple … Apple's iPod"), or of two words
 * or more ("Steve Jobs", "Apple Inc"), is kept; so is an opener that meets a name the other
 * report surely gives ("Apple unveiled …" beside "… Apple Inc. has unveiled …").
 *
 * A report can tell: the event extraction reads the whole article and marks a one-word opener
 * it shows to be a name (`openerNamed`: written as a name inside another of its sentences, or
 * the person it names most), so "Apple said …" told by two outlets names Apple in both.
 *
 * What a lone sentence cannot tell: "Zelensky said so." and "Supporters said so." open alike; a
 * one-word opener no article shows to be a name is not counted (such reports merge on their
 * words alone, or not at all when neither names anyone else).
 */
import { namesMeet } from './same-actors.js';

export interface NamingReport {
  sentence: string;
  actors: readonly string[];
  /** The one-word actor opening the sentence is a name, as its article shows (extract-events.ts). */
  openerNamed?: boolean;
}

/**
 * The participants each of two reports surely names. `sure` is each report's sureNames when the
 * caller has them already (the merge reads them once per report, not once per pair).
 */
export function namedParticipants(a: NamingReport, b: NamingReport, sure: [readonly string[], readonly string[]] = [sureNames(a), sureNames(b)]): [string[], string[]] {
  const [sureA, sureB] = sure;
  const confirmed = (report: NamingReport, own: readonly string[], other: readonly string[]) =>
    report.actors.filter((actor) => own.includes(actor) || other.some((name) => namesMeet(actor, name)));
  return [confirmed(a, sureA, sureB), confirmed(b, sureB, sureA)];
}

/** The actors a report names whatever the other report says (all but a lone sentence opener). */
export function sureNames(report: NamingReport): string[] {
  if (report.openerNamed) return [...report.actors];
  return report.actors.filter((actor) => !onlyOpensSentence(actor, report.sentence));
}

function onlyOpensSentence(actor: string, sentence: string): boolean {
  if (/\s/.test(actor.trim()) || isNameByForm(actor)) return false;
  const opener = /^[^\p{L}\p{N}]*([\p{L}\p{N}'’.-]+)/u.exec(sentence)?.[1]?.replace(/['’]s$/, '');
  if (opener !== actor) return false;
  const rest = sentence.slice(sentence.indexOf(actor) + actor.length);
  return !wordPattern(actor).test(rest);
}

/**
 * A word no common word becomes by opening a sentence: a capital past its first letter or a
 * lower-case first letter ("NATO", "EU", "iPhone", "eBay", "McDonald", "YouTube"). Capitalising
 * a sentence's first letter turns "local" into "Local", never into these.
 */
function isNameByForm(word: string): boolean {
  return /^\p{Ll}+\p{Lu}/u.test(word) || /^.\p{L}*\p{Lu}/u.test(word);
}

/**
 * The word as a whole word, compiled once per word: the merge compares each new event with
 * every stored one near its date, on the main thread, and compiling one expression per
 * comparison was 4.4% of that work. Bounded: past the bound the oldest compiled word goes.
 */
const wordPatterns = new Map<string, RegExp>();
const MAX_WORD_PATTERNS = 2_000;

function wordPattern(word: string): RegExp {
  let pattern = wordPatterns.get(word);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(word)}(?![\\p{L}\\p{N}])`, 'u');
    if (wordPatterns.size >= MAX_WORD_PATTERNS) wordPatterns.delete(wordPatterns.keys().next().value as string);
    wordPatterns.set(word, pattern);
  }
  return pattern;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
