/**
 * Whether a sentence reports a happening (an act or change with its actor) when no date says
 * when, and how it stands in time: news readers date an undated past act ("Airbus unveiled
 * plans for the A380", "Apple has unveiled iPhone 4") by the day of the report. Opinions,
 * descriptions ("The iPod is a music player"), plans and bare attributions ("X said on Monday")
 * report no act.
 */
import { IRREGULAR_PARTICIPLE_PATTERN, IRREGULAR_PAST_PATTERN, SAME_FORM_PAST } from './verbs.js';

export type PredicateTime = 'past' | 'perfect' | 'pluperfect' | 'future' | 'none';

export interface Predicate {
  time: PredicateTime;
  /** Where the act's verb stands in the sentence (to cut the summary around it). */
  start: number;
  end: number;
}

/** "-ed" words that are no past verbs (nouns, adjectives, numbers). */
const NOT_VERB = new Set([
  'need', 'speed', 'feed', 'seed', 'bed', 'red', 'hundred', 'united', 'based', 'indeed', 'proceed', 'succeed',
  'exceed', 'embed', 'breed', 'greed', 'weed', 'shed', 'sled', 'wed', 'limited', 'related', 'interested',
  'concerned', 'detailed', 'advanced', 'supposed', 'used', 'called', 'named', 'titled', 'entitled',
  'dubbed', 'priced', 'rated', 'located', 'headquartered',
  // states, not acts: "The war has lasted nearly four years", "prices remained high"
  'lasted', 'remained', 'stayed', 'existed', 'seemed', 'appeared', 'belonged', 'contained', 'consisted',
  'depended', 'resembled', 'owned', 'lived', 'looked',
]);

/** Verbs that report speech or thought: alone they date a statement, not a happening. */
export const REPORTING_VERB =
  /^(?:said|says|told|tells|stated|added|noted|wrote|claimed|claims|argued|believed|thought|felt|commented|explained|remarked|insisted|suggested|recalled|asked|replied|continued)$/i;

const PAST = new RegExp(`\\b(?:${IRREGULAR_PAST_PATTERN}|[a-z]{2,}ed)\\b`, 'g');
const PERFECT = new RegExp(
  `\\b(?:has|have)\\s+(?:(?:also|now|just|already|finally|since|recently|officially|not|never|been)\\s+){0,2}((?:${IRREGULAR_PARTICIPLE_PATTERN}|[a-z]{2,}ed))\\b`,
  'g',
);
const PLUPERFECT = /\bhad\s+(?:(?:also|already|just|been|not|never)\s+){0,2}[a-z]{2,}\b/;
const FUTURE = /\b(?:will|shall|won't|'ll|(?:is|are)\s+(?:going|due|set|scheduled|slated|expected|planning)\s+to|plans?\s+to|intends?\s+to)\b/;
/** A first-person or opinion frame: "I think", "we believe", "it is important". */
const OPINION = /^\s*["“]?\s*(?:I|We|You)\s+(?:think|believe|feel|love|hope|want|know|have\s+always)\b|\b(?:should|ought\s+to)\b/;
/** Adjectival "-ed" after a determiner or a copula ("the planned merger", "is based"). */
// A present passive ("is made by", "are based in") describes; a past one ("was introduced by") reports.
// After a linking verb or a preposition an "-ed" word is an adjective: "remain unresolved",
// "the future of occupied territory".
const ADJECTIVE_BEFORE =
  /\b(?:the|a|an|its|their|his|her|our|this|that|these|those|is|are|am|be|being|very|more|most|newly|so-called|remains?|remained|seems?|seemed|becomes?|became|stays?|stayed|of|in|on|for|with|from|into|at|about|including)\s+$/i;

/** The predicate that makes the sentence a happening, or null when it reports none. */
export function happeningOf(sentence: string): Predicate | null {
  const unquoted = outsideQuotes(sentence);
  // An opinion or question inside a quote is its speaker's statement ("“We think it's the
  // future of notebooks,” said Jobs"): only the report's own words can make it no happening.
  if (/\?\s*["”]?\s*$/.test(unquoted) || OPINION.test(unquoted)) return null;
  const perfect = firstMatch(PERFECT, unquoted, (word, at) => (!REPORTING_VERB.test(word) || isDirective(word, unquoted, at)) && !NOT_VERB.has(word.toLowerCase()));
  const past = firstMatch(PAST, unquoted, (word, at) => isPastAct(word, unquoted, at));
  if (past && (!perfect || past.start < perfect.start)) {
    if (!PLUPERFECT.test(unquoted.slice(Math.max(0, past.start - 30), past.end))) return { ...past, time: 'past' };
    // "Jobs said that buyers who had purchased a bumper will get a refund": the past perfect is
    // inside what was said; the statement is the happening.
    return statementOf(sentence, unquoted) ?? { ...past, time: 'pluperfect' };
  }
  if (perfect) return toldInThePast(unquoted, perfect.start) ?? { ...perfect, time: 'perfect' };
  if (FUTURE.test(unquoted)) return { time: 'future', start: 0, end: 0 };
  return statementOf(sentence, unquoted);
}

/**
 * "Jobs also noted that over five billion apps have been purchased": a present perfect told in a
 * past statement is perfect at the telling, not at the report (the sequence of tenses); the
 * statement is the happening, dated as a past act is. A present telling ("Apple says it has
 * sold …") leaves the perfect the report's.
 */
const PAST_TELLING = /\b(?:said|noted|added|stated|told|explained|claimed|argued|wrote|insisted|admitted|acknowledged|confirmed|revealed|announced|reported)\b/g;

function toldInThePast(unquoted: string, at: number): Predicate | null {
  const before = unquoted.slice(0, at);
  let telling: RegExpExecArray | null = null;
  PAST_TELLING.lastIndex = 0;
  for (let m = PAST_TELLING.exec(before); m; m = PAST_TELLING.exec(before)) telling = m;
  // The perfect must lie in what was told: no sentence break or new clause of the report between.
  if (!telling || /[;:]/.test(before.slice(telling.index))) return null;
  return { time: 'past', start: telling.index, end: telling.index + telling[0].length };
}

const STATEMENT = /\b(?:said|told|stated|added|wrote|claimed|argued|explained|insisted|admitted|acknowledged|confirmed|revealed)\b/;

/**
 * Reported speech with what was said ("Jobs said that the phones can be returned", "“…,” said
 * Jobs"): the statement is the happening the report tells, dated as told. A bare attribution
 * ("Apple said on Monday") has no content and is none.
 */
function statementOf(sentence: string, unquoted: string): Predicate | null {
  const verb = STATEMENT.exec(unquoted);
  if (!verb) return null;
  const rest = sentence.slice(verb.index + verb[0].length);
  // A quote, also one opened in an earlier sentence ("… into the cloud," said Steve Jobs).
  const quoted = /[“"][^“”"]{15,}/.test(sentence) || /^[^“”"]{15,}[,.!?]?\s*[”"]/.test(sentence);
  const clause = /^\s+(?:\S+\s+){0,4}?that\s+\S+\s+\S+/.test(rest) || /^(?:\s+[\p{L}’'.-]+){0,4}?\s+(?:he|she|it|they|the|its|his|her|their)\s+\S+\s+\S+/u.test(rest);
  return quoted || clause ? { time: 'past', start: verb.index, end: verb.index + verb[0].length } : null;
}

/**
 * A participle in a modal or infinitive frame tells a plan or a condition, not an act: "Sanctions
 * would be gradually lifted", "Ukraine would be permanently barred", "are expected to be cut".
 */
const MODAL_FRAME_BEFORE = /\b(?:would|could|might|may|must|should|will|shall|can|to)\s+(?:not\s+)?(?:\w+ly\s+)?(?:be|have\s+been|get)\s+(?:\w+ly\s+)?$/i;

/** Same-form pasts ("cut", "shed") matched PAST only in a past verb's context (verbs.ts). */
const SAME_FORM = new Set<string>(SAME_FORM_PAST);

/**
 * "called", "named", "dubbed" name a thing after a noun ("a program called iTunes"), and are an
 * act after their subject: a name or a subject pronoun ("Jobs called the new software …", "He
 * called it …", "GM named Fritz Henderson chief executive").
 */
const NAMING_VERB = /^(?:called|named|dubbed)$/;
const NAMING_SUBJECT = /(?:\b(?:he|she|they|we|I|it)|(?:^|\s)\p{Lu}[\p{L}.’'-]*)\s+$/u;

function isNamingAct(word: string, text: string, at: number): boolean {
  return NAMING_VERB.test(word) && NAMING_SUBJECT.test(text.slice(Math.max(0, at - 30), at)) && /^\s+\S/.test(text.slice(at + word.length));
}

function isPastAct(word: string, text: string, at: number): boolean {
  if (isNamingAct(word, text, at)) return true;
  if ((NOT_VERB.has(word.toLowerCase()) && !SAME_FORM.has(word)) || (REPORTING_VERB.test(word) && !isDirective(word, text, at))) return false;
  if (MODAL_FRAME_BEFORE.test(text.slice(Math.max(0, at - 48), at))) return false;
  // "Apple-branded", "The United": a capitalised or hyphenated "-ed" word is a name or adjective.
  if (/[A-Z]/.test(word[0]) || text[at - 1] === '-') return false;
  return !ADJECTIVE_BEFORE.test(text.slice(Math.max(0, at - 16), at));
}

/**
 * "I have asked Tim Cook to be responsible for …", "told the board to find a successor": a verb
 * of asking or telling with someone to do something is a directive, an act of its own, not a
 * report of speech. Without the someone ("who asked to remain anonymous", "asked not to be
 * named") it stays a telling.
 */
const DIRECTIVE_VERB = /^(?:asked|told|tells)$/i;
const DIRECTED = /^\s+(?!(?:not|never|only|also)\s)(?:[\p{L}'’.-]+\s+){1,4}?to\s+\p{Ll}{2,}/u;

function isDirective(word: string, text: string, at: number): boolean {
  return DIRECTIVE_VERB.test(word) && DIRECTED.test(text.slice(at + word.length, at + word.length + 60));
}

function firstMatch(re: RegExp, text: string, accept: (word: string, at: number) => boolean): Omit<Predicate, 'time'> | null {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[1] ?? m[0];
    const at = m.index + m[0].length - word.length;
    if (accept(word, at)) return { start: at, end: at + word.length };
  }
  return null;
}

/** The sentence with quoted passages blanked (same length): a quote's verbs are the speaker's, not the report's. */
function outsideQuotes(sentence: string): string {
  const blank = (quote: string): string => ' '.repeat(quote.length);
  // A quote opened in the sentence before closes in this one ('… into the cloud," said Jobs'):
  // first, or its closing mark would be read as the opening of a quote running to the end.
  // A short quote ('commonly called "apps," have been purchased') is a word or a name, not
  // speech: it is passed over whole, so that its closing mark opens no quote.
  return sentence.replace(/^[^“”"]{15,}[,.!?][”"]/, blank).replace(/[“"][^“”"]*(?:[”"]|$)/g, (quote) => (quote.length - 2 >= 15 ? blank(quote) : quote));
}

/**
 * A bare attribution: the sentence's only act is a statement and what was said is no clause
 * ("The White House said on Saturday evening", "Apple said in a statement").
 */
export function isBareAttribution(sentence: string): boolean {
  const words = sentence.trim().split(/\s+/);
  if (words.length > 12) return false;
  const reporting = words.findIndex((w) => REPORTING_VERB.test(w.replace(/[^\p{L}]/gu, '')));
  // Words before the verb are its subject only: "The group would leave as soon as Tuesday,
  // Castro said" reports what was said before the comma.
  if (reporting < 0 || reporting > 6 || /[,;:]/.test(words.slice(0, reporting).join(' '))) return false;
  // What follows the verb: a date, a place, a medium; no "that …" clause, no quote.
  const after = words.slice(reporting + 1).join(' ');
  return !/["“”]|\bthat\b/.test(after) && !/["“”]/.test(sentence) && happeningOf(sentence) === null;
}

/**
 * Verbs of telling whose complement clause can hold a date of its own. Not "added", "noted",
 * "explained": they go on with a statement already told, they are no new telling.
 */
const TELLING = /\b(?:said|says|announced|announces|told|tells|stated|states|revealed|reveals|confirmed|confirms|reported|reports|claimed|claims)\b/g;
/** What starts a told clause between the verb and the date: "that", or a finite verb of its own. */
const TOLD_CLAUSE = new RegExp(`\\b(?:that|would|will|had|has|have|is|are|was|were|could|can|may|might|must|should|${IRREGULAR_PAST_PATTERN}|[a-z]{3,}ed)\\b`);

/**
 * The verb of telling when a date at `at` lies inside what was told ("Steve announced that
 * Leopard would be released in 2007", "Jobs said that his company sold 13.7 million Macs last
 * year"): the date is the told happening's, and the telling is a happening of its own. None when
 * the date follows the verb directly ("announced Monday that …": it dates the telling) or when
 * no verb of telling stands before it outside a quote.
 */
export function tellingBefore(sentence: string, at: number): Predicate | null {
  const unquoted = outsideQuotes(sentence).slice(0, at);
  TELLING.lastIndex = 0;
  for (let m = TELLING.exec(unquoted); m; m = TELLING.exec(unquoted)) {
    const between = unquoted.slice(m.index + m[0].length);
    if (!TOLD_CLAUSE.test(between)) continue;
    // A present telling ("Apple Corps claims that …") is the report's day's, as a present perfect is.
    const time: PredicateTime = /s$/.test(m[0]) ? 'perfect' : 'past';
    return { time, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/**
 * An act told as background to the news: a past perfect ("had introduced"), or a past marked as
 * the first of its kind or as the time of something else ("first introduced", "when Jobs
 * introduced"). It may retell an act the article dated before.
 */
export function isBackground(sentence: string, predicate: Predicate): boolean {
  if (predicate.time === 'pluperfect' || isLongAgo(sentence)) return true;
  const lead = sentence.slice(Math.max(0, predicate.start - 60), predicate.start);
  return predicate.time === 'past' && (/\b(?:first|originally|initially)\s+$/i.test(lead) || /\bwhen\s+(?:[\p{L}'’.-]+\s+){0,5}$/iu.test(lead));
}

/**
 * "was announced at a different Apple event several months ago", "a few years ago": a vague
 * stretch back (the tagger gives no date for it, only a duration) says the act is not the day's
 * news, though it names no day; like a past perfect, it is dated by an act the article dates or
 * not at all, never by the report's day.
 */
const LONG_AGO = /\b(?:several|a\s+few|few|some|many|a\s+couple\s+of)\s+(?:weeks|months|years|decades)\s+ago\b/i;

export function isLongAgo(sentence: string): boolean {
  return LONG_AGO.test(sentence);
}

/**
 * Whether a report's clause tells its act as background ("When Jobs first introduced iPhone 4"):
 * dated by its report's day only for want of a date, it happened some time before that day.
 */
export function toldAsBackground(clause: string): boolean {
  const predicate = happeningOf(clause);
  return predicate !== null && isBackground(clause, predicate);
}
