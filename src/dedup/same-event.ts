/**
 * Whether two reports tell one happening (within an article or across outlets), and which of
 * several stored events a new report repeats.
 *
 * 1. the dates agree (the same value, a day inside a week or month, publication days a day apart;
 *    a day inside a year only with the same actor, act and words);
 * 2. one of them names a participant: two reports that name no one ("Local businesses welcomed
 *    the news", told after two towns' news) share only words, and words and a day are no proof;
 * 3. an exact repeat of the sentence is the same happening (at the same date, or the same clause);
 * 4. what tells two happenings apart keeps them apart: "a second"/"another" instance, named
 *    participants with no name in common, different names in one slot ("the library of Norcott" /
 *    "the library of Hollis"), kinds of act with nothing in common, quantities with
 *    none in common;
 * 5. then enough shared content words, or a shared actor and kind of act with some shared words.
 */
import { actsOf } from './event-acts.js';
import { numbersOf } from './event-numbers.js';
import { dateAgreement } from './dates-agree.js';
import { contentTokens, jaccard, sentenceFingerprint } from './event-tokens.js';
import { namedParticipants } from './named-participants.js';
import { shareActor } from './same-actors.js';
import { slotNamesDiffer } from './name-slots.js';

export interface ComparableEvent {
  date: string;
  dateBasis?: string;
  summary: string;
  sentence: string;
  actors: readonly string[];
}

/**
 * Share of content words (of summary, sentence and actors) that alone makes two reports one
 * event. Measured on the five seed articles: reports of one event (the Thanksgiving deadline
 * told by two outlets, the Geneva joint statement told twice) share 0.28–0.35, while different
 * events on the same day of the same story share at most 0.16.
 */
export const SAME_EVENT_SIMILARITY = 0.25;
/**
 * With the same actor and the same kind of act, fewer shared words suffice: two outlets word one
 * happening differently ("The company has a deadline set at June 1 to draw up a restructuring
 * plan" / "The automaker has a June 1 deadline to finish a government restructuring plan").
 * Kept above the 0.16 that different events of one story share on the seed articles.
 */
export const SAME_ACT_SIMILARITY = 0.17;

/** "A second A380", "another plane": a further instance of what the other report names. */
const ANOTHER = /\b(?:a\s+(?:second|third|fourth)|another|the\s+other)\s+\S/i;

export function isSameEvent(a: ComparableEvent, b: ComparableEvent): boolean {
  const agreement = dateAgreement(a, b);
  if (agreement === 'no') return false;
  const [pa, pb] = namedParticipants(a, b);
  if (pa.length === 0 && pb.length === 0) return false;
  if (agreement === 'loose') return sameHappening(a, b, true);
  // One sentence may tell several happenings, each with its own date ("… sign by Thursday, with
  // the aim of presenting a deal later this month"): the same sentence is the same happening
  // only at the same date or with the same summary.
  if (sentenceFingerprint(a.sentence) === sentenceFingerprint(b.sentence)) return a.date === b.date || sameClause(a.summary, b.summary);
  return sameHappening(a, b);
}

function sameHappening(a: ComparableEvent, b: ComparableEvent, strict = false): boolean {
  const [ta, tb] = [told(a), told(b)];
  if (ANOTHER.test(ta) !== ANOTHER.test(tb)) return false;
  const [pa, pb] = namedParticipants(a, b);
  const actorsKnown = pa.length > 0 && pb.length > 0;
  if (actorsKnown && !shareActor(pa, pb)) return false;
  if (slotNamesDiffer(a.sentence, b.sentence)) return false;
  const [actsA, actsB] = [actsOf(ta), actsOf(tb)];
  const sameAct = [...actsA].some((act) => actsB.has(act));
  if (actsA.size > 0 && actsB.size > 0 && !sameAct) return false;
  const [na, nb] = [numbersOf(ta), numbersOf(tb)];
  if (na.size > 0 && nb.size > 0 && ![...na].some((n) => nb.has(n))) return false;
  const score = Math.max(similarity(a, b), clauseSimilarity(a, b));
  // A day inside another report's year: the same actor, the same act and many shared words.
  if (strict) return actorsKnown && sameAct && score >= SAME_EVENT_SIMILARITY;
  if (score >= SAME_EVENT_SIMILARITY) return true;
  return actorsKnown && sameAct && score >= SAME_ACT_SIMILARITY;
}

/**
 * Two summaries of one sentence name the same clause when most of their words are shared (the
 * same clause cut a little differently, as a re-ingest under new rules may do); the clauses of
 * coordinated predicates share few.
 */
const SAME_CLAUSE = 0.5;

function sameClause(a: string, b: string): boolean {
  return a === b || jaccard(contentTokens(a), contentTokens(b)) >= SAME_CLAUSE;
}

/**
 * The event's own clauses compared alone, scaled to the whole-sentence scale: a long sentence
 * telling two more things ("He fought pancreatic cancer in 2004 and took six months off in early
 * 2009") drowns the shared clause. Clauses of fewer than three content words say too little.
 */
const CLAUSE_SCALE = SAME_EVENT_SIMILARITY / 0.4;

function clauseSimilarity(a: ComparableEvent, b: ComparableEvent): number {
  const [x, y] = [contentTokens(a.summary), contentTokens(b.summary)];
  if (x.size < 3 || y.size < 3) return 0;
  return jaccard(x, y) * CLAUSE_SCALE;
}

function told(event: ComparableEvent): string {
  return `${event.summary} ${event.sentence}`;
}

export function similarity(a: ComparableEvent, b: ComparableEvent): number {
  return jaccard(eventWords(a), eventWords(b));
}

function eventWords(event: ComparableEvent): Set<string> {
  return contentTokens(`${event.summary} ${event.sentence} ${event.actors.join(' ')}`);
}

/** The best match among the candidates, or null when none is the same event. */
export function findSameEvent<T extends ComparableEvent>(candidate: ComparableEvent, existing: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const event of existing) {
    if (!isSameEvent(candidate, event)) continue;
    const exact = sentenceFingerprint(candidate.sentence) === sentenceFingerprint(event.sentence);
    const score = (exact ? 2 : similarity(candidate, event)) + (candidate.date === event.date ? 0.01 : 0);
    if (score > bestScore) {
      best = event;
      bestScore = score;
    }
  }
  return best;
}
