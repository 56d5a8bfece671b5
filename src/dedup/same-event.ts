/**
 * Whether two reports tell one happening (within an article or across outlets), and which of
 * several stored events a new report repeats.
 *
 * 1. what tells two happenings apart keeps them apart, whatever else they share
 *    (merge-evidence.ts): dates that cannot be one happening's, nobody named on either side,
 *    "a second"/"another" instance, named participants with no name in common, different names
 *    in one slot, kinds of act with nothing in common, quantities with none in common;
 * 2. an exact repeat of the sentence is the same happening (at the same date, or the same clause);
 * 3. otherwise the evidence is weighed (merge-score.ts: shared words of the sentence, the clause
 *    and its object, the same participant, act, quantity and modality, how the dates agree) and
 *    the reports merge when it says one happening more likely than two.
 */
import { contentTokens, sentenceFingerprint } from './event-tokens.js';
import { mergeEvidenceUnlessApart, type ComparableEvent } from './merge-evidence.js';
import { mergeScore } from './merge-score.js';

export type { ComparableEvent } from './merge-evidence.js';

/** The log-odds of one happening (merge-score.ts), or null when something keeps them apart. */
export function sameEventScore(a: ComparableEvent, b: ComparableEvent): number | null {
  const evidence = mergeEvidenceUnlessApart(a, b);
  if (!evidence) return null;
  // One sentence may tell several happenings, each with its own date ("… sign by Thursday, with
  // the aim of presenting a deal later this month"): the same sentence is the same happening
  // only at the same date or with the same summary, and then surely.
  // Two clauses of one sentence with nothing in common but their subject ("While introducing
  // iPhone 4, … Jobs started by hinting …") are two happenings at one date.
  if (sentenceFingerprint(a.sentence) === sentenceFingerprint(b.sentence)) return sameSentenceSameEvent(a, b) ? EXACT_REPEAT : null;
  const score = mergeScore(evidence);
  return score >= 0 ? score : null;
}

export function isSameEvent(a: ComparableEvent, b: ComparableEvent): boolean {
  return sameEventScore(a, b) !== null;
}

/** An exact repeat outweighs any paraphrase among the candidates. */
const EXACT_REPEAT = 100;

/**
 * Two summaries of one sentence name the same clause when most of their words are shared (the
 * same clause cut a little differently, as a re-ingest under new rules may do); the clauses of
 * coordinated predicates share few.
 */
const SAME_CLAUSE = 0.5;

/**
 * At one date, two summaries of one sentence are cut from different clauses when most words of
 * the shorter are not in the longer. A clause cut wider or narrower (a re-ingest under new rules)
 * lies mostly inside the other.
 */
const CLAUSE_INSIDE = 0.5;

function sameSentenceSameEvent(a: ComparableEvent, b: ComparableEvent): boolean {
  if (a.summary === b.summary) return true;
  const [ta, tb] = [contentTokens(a.summary), contentTokens(b.summary)];
  let shared = 0;
  for (const token of ta) if (tb.has(token)) shared += 1;
  const all = ta.size + tb.size - shared;
  const shorter = Math.min(ta.size, tb.size);
  if (all > 0 && shared / all >= SAME_CLAUSE) return true;
  return a.date === b.date && (shorter === 0 || shared / shorter >= CLAUSE_INSIDE);
}

/** The best match among the candidates (the strongest evidence), or null when none is the same event. */
export function findSameEvent<T extends ComparableEvent>(candidate: ComparableEvent, existing: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = -Infinity;
  for (const event of existing) {
    const score = sameEventScore(candidate, event);
    if (score !== null && score > bestScore) {
      best = event;
      bestScore = score;
    }
  }
  return best;
}
