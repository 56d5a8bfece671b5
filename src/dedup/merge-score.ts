/**
 * How strongly two reports' evidence (merge-evidence.ts) says they tell one happening, as a
 * weighted sum in log-odds: positive means more likely one happening than two. The weights say
 * what each piece of evidence is worth, so that no single threshold carries the decision:
 *
 * - shared content words are the main evidence, the event's own clause and what it tells of
 *   (its object) counting beside the whole sentence, so that a long sentence telling more does
 *   not drown the shared clause;
 * - the same participant and the same kind of act (or verb) add to it, the same quantity more;
 * - an act a participant does once (a resignation, a death) shared with that participant nearly
 *   settles it, whatever the words; it needs a shared participant, so it never merges what the
 *   index keys (event-keys.ts) would keep apart;
 * - a date inside a quarter or year is weak (a year holds many happenings of one actor), and so
 *   is a background act dated only by its report's day meeting an earlier date (dates-agree.ts:
 *   somewhere in the year before, as loose as a year); the same modality (two plans, two
 *   deadlines) counts a little.
 *
 * Set on half A of the TimeLine trial topic and the seed-site tests, checked on half B
 * (`npm run bench:merges` prints both). Half A holds only six pairs of one happening, too few to
 * fit ten weights, so they are round numbers chosen by what each feature means and placed so
 * that half A's pairs fall on the right side, precision first: a pair the evidence leaves near
 * zero stays apart. Within one article the bar is higher (sameArticle): its protagonist's acts
 * of one kind on one day are many happenings ("announced …", "also announced …").
 */
import type { MergeEvidence, MergeFeature } from './merge-evidence.js';

export const MERGE_WEIGHTS: Readonly<Record<MergeFeature, number>> = {
  sameDate: 0.3,
  dateInside: 0,
  dateLoose: -0.4,
  datePrior: -0.4,
  sharedParticipant: 0.8,
  sameAct: 0.8,
  onceAct: 3.5,
  sharedNumber: 2,
  wordOverlap: 10,
  clauseOverlap: 4,
  objectOverlap: 3,
  sameModality: 0.3,
  sameArticle: -1.5,
};

/** The log-odds with no evidence at all: two reports of one day are rarely one happening. */
export const MERGE_BIAS = -4;

/** The weights as pairs, made once: the merge scores hundreds of pairs an article. */
const WEIGHTED = Object.entries(MERGE_WEIGHTS) as Array<[MergeFeature, number]>;

export function mergeScore(evidence: MergeEvidence): number {
  let score = MERGE_BIAS;
  for (const [feature, weight] of WEIGHTED) score += weight * Number(evidence[feature]);
  return score;
}
