/**
 * What two reports of events say about being one happening, as numbers the merge decision weighs
 * (same-event.ts): each feature is computed once here from the pieces the dedup rules already
 * have (dates, named participants, kinds of act, quantities, content words, modality).
 */
import { actsOf, isActWord } from './event-acts.js';
import { dateAgreement } from './dates-agree.js';
import { verbsOf } from './event-verbs.js';
import { numbersOf } from './event-numbers.js';
import { contentTokens, jaccard } from './event-tokens.js';
import { namedParticipants, sureNames } from './named-participants.js';
import { shareActor } from './same-actors.js';
import { nameSlots, slotsDiffer } from './name-slots.js';
import { ReportMemo, type MemoReport } from './text-memo.js';
import { modelNamesOf, modelsDiffer } from './model-names.js';

export interface ComparableEvent {
  date: string;
  dateBasis?: string;
  /** occurred, scheduled, deadline or reported; a stored event from before the field has none. */
  modality?: string;
  summary: string;
  sentence: string;
  /** The date as the text wrote it: parts of a year stored as the year still tell two times apart (dates-agree.ts). */
  dateText?: string;
  actors: readonly string[];
  /** The one-word actor opening the sentence is a name, as its article shows (named-participants.ts). */
  openerNamed?: boolean;
  /** The articles (ids or addresses) that told it, when known. */
  reportedIn?: readonly string[];
}

/** "A second A380", "another plane": a further instance of what the other report names. */
const ANOTHER = /\b(?:a\s+(?:second|third|fourth)|another|the\s+other)\s+\S/i;
/**
 * "Apple also announced an iTunes phone", "A new version of iTunes was also announced": within
 * one article, "also" tells an act besides one the article has told; across outlets it says
 * nothing of the other outlet's report.
 */
const ALSO = /\balso\b/i;

/** Kinds of act (event-acts.ts) a participant does once: one resignation, one death. */
const ONCE_ACTS = new Set(['resign', 'die']);

export interface MergeEvidence {
  /** The same date value. */
  sameDate: boolean;
  /** A date inside the other's week or month, or publication days a day apart. */
  dateInside: boolean;
  /** A date inside the other's quarter or year: weak. */
  dateLoose: boolean;
  /** One report's act is background dated only by its report's day, the other's earlier (dates-agree.ts): weak. */
  datePrior: boolean;
  /** Both name participants and share one. */
  sharedParticipant: boolean;
  /**
   * Both tell a kind of act (event-acts.ts) and share one, or their clauses share a verb in any
   * of its forms (event-verbs.ts: "fought" / "has been fighting").
   */
  sameAct: boolean;
  /**
   * The shared kind of act is one a participant does once ("resigned" / "has chosen to step
   * down", "died" / "death"): with a shared participant and agreeing dates, it is the same
   * happening whatever the words (an article tells its lead again in other words).
   */
  onceAct: boolean;
  /** Both give quantities and share one. */
  sharedNumber: boolean;
  /**
   * Jaccard of the content words of summary and sentence less the actors' names (counted apart):
   * sentences of one story name its parties over and over ("During the case Apple Corps showed
   * the court …" / "Apple Corps lost its court case against Apple Computer").
   */
  wordOverlap: number;
  /** Jaccard of the summaries' content words (0 when one has fewer than three). */
  clauseOverlap: number;
  /**
   * Jaccard of what the two clauses tell beyond who and which kind of act: the summaries' content
   * words less the actors' names and the act words ("announced a new iCloud service" /
   * "unveiling a new iTunes feature" share little; "fought pancreatic cancer" / "fighting
   * pancreatic cancer" share it all). One keynote announces many things.
   */
  objectOverlap: number;
  /** Both carry a modality and it is the same. */
  sameModality: boolean;
  /**
   * Both told by one article: an article tells its story's happenings once each and its
   * protagonist's acts many times ("Jobs also announced …", "Jobs then unveiled …"), so the same
   * participant and act say less there than across outlets.
   */
  sameArticle: boolean;
  /**
   * What tells two happenings apart, whatever else they share: "a second"/"another" on one side
   * only, named participants with no name in common, different names in one slot ("the library
   * of Norcott" / "of Hollis"), models with none in common ("iOS 4" / "iPhone 4"), kinds of act with nothing in common, quantities with none in
   * common, dates that cannot be one happening's, or nobody named on either side (words and a
   * day alone are no proof).
   */
  contradiction: Contradiction | null;
}

export type Contradiction = 'dates' | 'nobody named' | 'another instance' | 'participants' | 'slot names' | 'models' | 'acts' | 'quantities';

/** The features a score weighs, in the order of the weights. */
export const MERGE_FEATURES = ['sameDate', 'dateInside', 'dateLoose', 'datePrior', 'sharedParticipant', 'sameAct', 'onceAct', 'sharedNumber', 'wordOverlap', 'clauseOverlap', 'objectOverlap', 'sameModality', 'sameArticle'] as const;
export type MergeFeature = (typeof MERGE_FEATURES)[number];

export function mergeEvidence(a: ComparableEvent, b: ComparableEvent): MergeEvidence {
  const pair = readPair(a, b);
  return { ...weighedFeatures(a, b, pair), contradiction: contradictionOf(a, b, pair) };
}

/**
 * The evidence, or null when something keeps the two reports apart: the merge's path. Most
 * candidates of a report are kept apart (other participants, other acts), and weighing their
 * words would be most of the work of comparing them.
 */
export function mergeEvidenceUnlessApart(a: ComparableEvent, b: ComparableEvent): MergeEvidence | null {
  const pair = readPair(a, b);
  if (contradictionOf(a, b, pair)) return null;
  return { ...weighedFeatures(a, b, pair), contradiction: null };
}

/** What both the contradictions and the weighed features read of a pair. */
interface PairReading {
  agreement: ReturnType<typeof dateAgreement>;
  fa: ReportFeatures;
  fb: ReportFeatures;
  /** The participants each surely names (named-participants.ts). */
  pa: string[];
  pb: string[];
  sharedParticipant: boolean;
  sameActClass: boolean;
  sharedNumber: boolean;
  sameArticle: boolean;
}

/** Whether the two sets share a member (one `within` also holds, when given); no array is made. */
function setsMeet(a: ReadonlySet<string>, b: ReadonlySet<string>, within?: ReadonlySet<string>): boolean {
  for (const member of a) if (b.has(member) && (!within || within.has(member))) return true;
  return false;
}

function readPair(a: ComparableEvent, b: ComparableEvent): PairReading {
  const fa = featuresOf(a);
  const fb = featuresOf(b);
  const [pa, pb] = namedParticipants(a, b, [fa.sure, fb.sure]);
  return {
    agreement: dateAgreement(a, b),
    fa,
    fb,
    pa,
    pb,
    sharedParticipant: pa.length > 0 && pb.length > 0 && shareActor(pa, pb),
    sameActClass: setsMeet(fa.acts, fb.acts),
    sharedNumber: setsMeet(fa.numbers, fb.numbers),
    sameArticle: (a.reportedIn ?? []).some((article) => b.reportedIn?.includes(article)),
  };
}

/** The first of MergeEvidence.contradiction's reasons that holds, in the order it lists them. */
function contradictionOf(a: ComparableEvent, b: ComparableEvent, pair: PairReading): Contradiction | null {
  const { pa, pb } = pair;
  if (pair.agreement === 'no') return 'dates';
  if (pa.length === 0 && pb.length === 0) return 'nobody named';
  if (pair.fa.another !== pair.fb.another) return 'another instance';
  if (pair.sameArticle && (ALSO.test(a.summary) || ALSO.test(b.summary))) return 'another instance';
  if (pa.length > 0 && pb.length > 0 && !pair.sharedParticipant) return 'participants';
  if (slotsDiffer(pair.fa.slots, pair.fb.slots)) return 'slot names';
  if (modelsDiffer(pair.fa.models, pair.fb.models)) return 'models';
  if (pair.fa.acts.size > 0 && pair.fb.acts.size > 0 && !pair.sameActClass) return 'acts';
  if (pair.fa.numbers.size > 0 && pair.fb.numbers.size > 0 && !pair.sharedNumber) return 'quantities';
  return null;
}

function weighedFeatures(a: ComparableEvent, b: ComparableEvent, pair: PairReading): Omit<MergeEvidence, 'contradiction'> {
  const { agreement, fa, fb } = pair;
  return {
    sameDate: a.date === b.date,
    dateInside: agreement === 'agree' && a.date !== b.date,
    dateLoose: agreement === 'loose',
    datePrior: agreement === 'prior',
    sharedParticipant: pair.sharedParticipant,
    sameAct: pair.sameActClass || setsMeet(fa.verbs, fb.verbs),
    onceAct: pair.sharedParticipant && setsMeet(fa.acts, fb.acts, ONCE_ACTS),
    sharedNumber: pair.sharedNumber,
    wordOverlap: jaccard(fa.words, fb.words),
    clauseOverlap: clauseOverlap(fa.summaryWords, fb.summaryWords),
    objectOverlap: jaccard(fa.objectWords, fb.objectWords),
    sameModality: a.modality !== undefined && a.modality === b.modality,
    sameArticle: pair.sameArticle,
  };
}

/** What one report brings to every comparison, read once per report rather than once per pair. */
interface ReportFeatures {
  /** The texts and actors they were read from (a merged event gains actors: read again then). */
  summary: string;
  sentence: string;
  actors: readonly string[];
  /** Summary and sentence: the text acts and quantities are read from. */
  told: string;
  another: boolean;
  openerNamed: boolean | undefined;
  words: ReadonlySet<string>;
  /** The summary's content words (the clause the event is). */
  summaryWords: ReadonlySet<string>;
  objectWords: ReadonlySet<string>;
  /** The participants it names whatever the other report says (named-participants.ts). */
  sure: readonly string[];
  /** What the pair rules read of its texts: kinds of act and quantities told, names by slot, models, the summary's verbs. */
  acts: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  slots: ReadonlyMap<string, readonly string[]>;
  models: ReadonlySet<string>;
  verbs: ReadonlySet<string>;
}

/**
 * A new report is compared with every candidate, and a stored candidate with every report of
 * the article: per pair, these were most of the merge's work. Kept per report object, and read
 * again when its texts or actors changed; and per text (TextMemo), because a stored event is
 * read from the store anew for each article it is a candidate of.
 */
const features = new WeakMap<ComparableEvent, ReportFeatures>();
const featuresByText = new ReportMemo(readFeatures);

function featuresOf(event: ComparableEvent): ReportFeatures {
  const known = features.get(event);
  if (known && known.actors === event.actors && known.summary === event.summary && known.sentence === event.sentence && known.openerNamed === event.openerNamed) return known;
  const read = featuresByText.get(event);
  // The cached features carry this object's own actors array, so the check above holds next time.
  const own = read.actors === event.actors ? read : { ...read, actors: event.actors };
  features.set(event, own);
  return own;
}

function readFeatures(event: MemoReport): ReportFeatures {
  const told = `${event.summary} ${event.sentence}`;
  return {
    summary: event.summary,
    sentence: event.sentence,
    actors: event.actors,
    openerNamed: event.openerNamed,
    told,
    another: ANOTHER.test(told),
    words: withoutNames(contentTokens(told), event),
    summaryWords: contentTokens(event.summary),
    objectWords: objectWords(event),
    sure: sureNames(event),
    acts: actsOf(told),
    numbers: numbersOf(told),
    slots: nameSlots(event.sentence),
    models: modelNamesOf(told),
    verbs: verbsOf(event.summary),
  };
}

function withoutNames(words: Set<string>, event: MemoReport): Set<string> {
  for (const word of contentTokens(event.actors.filter((actor) => !PRODUCT.test(actor)).join(' '))) words.delete(word);
  return words;
}

/**
 * "iPhone", "iTunes Music Store": a product's name is what the act is about, so it stays among
 * the words that tell two acts apart (the parties of a story are counted apart).
 */
const PRODUCT = /^\p{Ll}{1,2}\p{Lu}/u;

function objectWords(event: MemoReport): Set<string> {
  const words = withoutNames(contentTokens(event.summary), event);
  for (const word of words) if (isActWord(word)) words.delete(word);
  return words;
}

function clauseOverlap(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size < 3 || y.size < 3) return 0;
  return jaccard(x, y);
}
