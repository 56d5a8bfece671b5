import { eventKeys, eventKeySet } from '../dedup/event-keys.js';
import { isFinerDate, isUndatedBackground, MAX_PRIOR_DAYS } from '../dedup/dates-agree.js';
import { periodOf, type Period } from '../dedup/event-period.js';
import { sentenceFingerprint } from '../dedup/event-tokens.js';
import { findSameEvent, type ComparableEvent } from '../dedup/same-event.js';
import type { ExtractedEvent } from '../events/extract-events.js';
import type { Queryable } from '../store/database.js';
import { readMergeInputs, writeMergeOutcome, type MergeEvent, type MergeInputs, type MergeOutcome } from '../store/event-merge-store.js';
import { newId } from '../store/ids.js';

export interface MergeResult {
  createdEventIds: string[];
  updatedEventIds: string[];
  /** The extracted events merged: those with a date the store can place (a period). */
  merged: ExtractedEvent[];
  /** For each of those (same order), the stored event it became or joined. */
  storedIds: string[];
}

/**
 * Step 8 of the process stage: each extracted event joins the stored event of the same
 * happening (told before by this article or another, at the same date or one containing it or a
 * day off a publication date) or becomes a new one. A join never changes the stored id, so an
 * announced event stays the one announced; a finer date replaces a coarser one. The same
 * happening is looked for in the article's story first, then in the rest of the store: within
 * one story a report most likely repeats that story's event, and a look-alike of another story
 * should not take it. Re-processing an article finds its own tellings again and adds nothing.
 *
 * 1. read, in two queries, this article's earlier tellings and the stored events any of its
 *    events may repeat (through the dedup keys' index);
 * 2. decide event by event in memory, exactly as one query per event would (each event sees the
 *    events this article created or changed before it);
 * 3. write the outcome in a few statements. One statement per event and candidate was most of
 *    the stage's time on PGlite and most of its round trips on PostgreSQL.
 */
export async function mergeEvents(tx: Queryable, articleId: string, events: readonly ExtractedEvent[], storyId: string): Promise<MergeResult> {
  const reports = events.flatMap((event) => {
    const period = periodOf(event.date);
    return period ? [{ event, period, keys: eventKeys(event) }] : [];
  });
  const inputs = await readMergeInputs(tx, articleId, reports.map(({ event, period, keys }) => ({ ...lookupPeriod(event, period), keys })));
  const merge = new ArticleMerge(articleId, storyId, inputs, new Set(reports.flatMap((report) => report.keys)));
  for (const report of reports) merge.add(report.event, report.period, report.keys);
  await writeMergeOutcome(tx, articleId, merge.outcome());
  return { ...merge.result, merged: reports.map((report) => report.event) };
}

interface Candidate {
  event: MergeEvent;
  keys: ReadonlySet<string>;
  /** Its place among the candidates: stored ones in the store's order, then those created now (by id). */
  rank: number;
}

interface Change {
  event: MergeEvent;
  addedActors: string[];
  refined: boolean;
  /** A new telling was added (the event is marked updated). */
  touched: boolean;
  /** The article told the event before (re-processing): its search document is made again. */
  toldBefore: boolean;
}

type MergeMention = { sentence: string; summary: string; dateText: string; modality: string };

/** One article's merge, decided in memory over the candidates read for it. */
class ArticleMerge {
  readonly result: Omit<MergeResult, 'merged'> = { createdEventIds: [], updatedEventIds: [], storedIds: [] };
  /** Stored candidates, oldest first (the store's order). */
  private readonly stored: Candidate[];
  /** The events this article created, by id: after the stored ones, as the store orders them. */
  private readonly createdPool: Candidate[] = [];
  /**
   * Every candidate under each of its keys: a report reads those sharing one of its keys from
   * here rather than testing each of the article's candidates (a few hundred on a busy day).
   */
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly changes = new Map<string, Change>();
  private readonly mentions: Array<MergeMention & { eventId: string }> = [];
  /** This article's tellings, stored or added now: sentence and summary → the event. */
  private readonly tellings: Array<{ sentence: string; summary: string; event: MergeEvent }>;
  /** (event, sentence) of each of those: a telling's identity in the store. */
  private readonly told = new Set<string>();

  constructor(
    private readonly articleId: string,
    private readonly storyId: string,
    inputs: MergeInputs,
    /** The keys of the article's reports: the only ones a candidate is looked up by. */
    private readonly reportKeys: ReadonlySet<string>,
  ) {
    this.stored = inputs.candidates.map((event, rank) => this.indexed({ event, keys: eventKeySet(event), rank }));
    this.tellings = [...inputs.tellings];
    for (const telling of this.tellings) this.told.add(tellingKey(telling.event.id, telling.sentence));
  }

  add(event: ExtractedEvent, period: Period, keys: readonly string[]): void {
    const mention = { sentence: event.sentence, summary: event.summary, dateText: event.dateText, modality: event.modality };
    // This article's own telling, when it was processed before: the same event again, whatever
    // merges and refined dates happened since (re-processing adds nothing).
    const existing = this.tellings.find((telling) => telling.sentence === mention.sentence && telling.summary === mention.summary)?.event ?? this.sameEvent(event, period, keys);
    if (!existing) {
      this.create(event, period, mention);
      return;
    }
    const fromNewArticle = existing.reportedIn.length === 0;
    const toldBefore = this.changes.get(existing.id)?.toldBefore ?? (!fromNewArticle && !this.isCreated(existing));
    const added = this.addMention(existing, mention);
    const refined = isFinerDate(event, existing);
    // Told again on re-processing: its search document is made again even when nothing else
    // changed (the article may have a new title).
    if (!added && !refined && !toldBefore) {
      this.result.storedIds.push(existing.id);
      return;
    }
    const change = this.changeOf(existing, toldBefore);
    if (refined) {
      Object.assign(existing, { date: event.date, granularity: event.granularity, dateBasis: event.dateBasis, dateText: event.dateText, dateStart: period.start, dateEnd: period.end });
      change.refined = true;
    }
    if (added) {
      change.touched = true;
      const newActors = [...new Set(event.actors)].filter((actor) => !existing.actors.includes(actor));
      if (newActors.length > 0) {
        existing.actors = [...existing.actors, ...newActors];
        change.addedActors.push(...newActors);
        const candidate = this.candidateOf(existing);
        if (candidate) this.rekeyed(candidate, eventKeySet(existing));
      }
      if (fromNewArticle && !this.result.createdEventIds.includes(existing.id) && !this.result.updatedEventIds.includes(existing.id)) this.result.updatedEventIds.push(existing.id);
    }
    this.result.storedIds.push(existing.id);
  }

  outcome(): MergeOutcome {
    const created = this.createdPool.map((candidate) => candidate.event);
    return { created, changed: [...this.changes.values()].filter((change) => !created.includes(change.event)), mentions: this.mentions };
  }

  /** The stored or new event this report repeats: candidates near its date sharing a key, in the article's story first. */
  private sameEvent(event: ExtractedEvent, period: Period, keys: readonly string[]): MergeEvent | null {
    // The index's conditions: a key in common, and periods that overlap or lie a day apart.
    const lookup = lookupPeriod(event, period);
    const [from, to] = [shiftDay(lookup.start, -1), shiftDay(lookup.end, 1)];
    const sharing = new Set<Candidate>();
    for (const key of keys) for (const candidate of this.byKey.get(key) ?? []) sharing.add(candidate);
    const near = [...sharing]
      .filter(({ event: candidate }) => candidate.dateEnd >= from && candidate.dateStart <= to)
      .sort(byRank)
      .map((candidate) => candidate.event);
    const report: ComparableEvent = { ...event, reportedIn: [this.articleId] };
    return findSameEvent(report, near.filter((candidate) => candidate.storyId === this.storyId)) ?? findSameEvent(report, near.filter((candidate) => candidate.storyId !== this.storyId));
  }

  private create(event: ExtractedEvent, period: Period, mention: MergeMention): void {
    const created: MergeEvent = {
      ...event,
      actors: [...event.actors],
      id: newId('evt'),
      dateStart: period.start,
      dateEnd: period.end,
      fingerprint: sentenceFingerprint(event.sentence),
      storyId: this.storyId,
      reportedIn: [this.articleId],
    };
    const entry = this.indexed({ event: created, keys: eventKeySet(created), rank: this.stored.length });
    const at = this.createdPool.findIndex((candidate) => candidate.event.id > created.id);
    this.createdPool.splice(at < 0 ? this.createdPool.length : at, 0, entry);
    this.addMention(created, mention);
    this.result.createdEventIds.push(created.id);
    this.result.storedIds.push(created.id);
  }

  /** False when this article told this event in this sentence already. */
  private addMention(event: MergeEvent, mention: MergeMention): boolean {
    const key = tellingKey(event.id, mention.sentence);
    if (this.told.has(key)) return false;
    this.told.add(key);
    this.tellings.push({ sentence: mention.sentence, summary: mention.summary, event });
    this.mentions.push({ eventId: event.id, ...mention });
    event.reportedIn = [this.articleId];
    return true;
  }

  private indexed(candidate: Candidate): Candidate {
    for (const key of candidate.keys) this.underKey(key, candidate);
    return candidate;
  }

  /** A merged event gained actors, so keys: it is found under those too (its keys only grow). */
  private rekeyed(candidate: Candidate, keys: ReadonlySet<string>): void {
    for (const key of keys) if (!candidate.keys.has(key)) this.underKey(key, candidate);
    candidate.keys = keys;
  }

  private underKey(key: string, candidate: Candidate): void {
    if (!this.reportKeys.has(key)) return;
    const list = this.byKey.get(key);
    if (list) list.push(candidate);
    else this.byKey.set(key, [candidate]);
  }

  private changeOf(event: MergeEvent, toldBefore: boolean): Change {
    let change = this.changes.get(event.id);
    if (!change) {
      change = { event, addedActors: [], refined: false, touched: false, toldBefore };
      this.changes.set(event.id, change);
    }
    return change;
  }

  private isCreated(event: MergeEvent): boolean {
    return this.createdPool.some((candidate) => candidate.event === event);
  }

  private candidateOf(event: MergeEvent): Candidate | undefined {
    return this.stored.find((candidate) => candidate.event === event) ?? this.createdPool.find((candidate) => candidate.event === event);
  }
}

/**
 * Where a report's happening may stand: its own period, or for an act told as background with no
 * date but the report's day ("When Jobs first introduced iPhone 4, …"), the stretch before it
 * in which the dedup rule lets an earlier report's date agree (dates-agree.ts). A report told
 * before its background retelling is found this way; the other order (the retelling stored
 * first) is not looked for, as every report would then look ahead a year.
 */
function lookupPeriod(event: ExtractedEvent, period: Period): Period {
  return isUndatedBackground(event) ? { start: shiftDay(period.start, -MAX_PRIOR_DAYS), end: period.end } : period;
}

/** The order the candidates were weighed in when each was tested in turn: a tie goes to the first. */
function byRank(a: Candidate, b: Candidate): number {
  return a.rank - b.rank || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0);
}

function tellingKey(eventId: string, sentence: string): string {
  return `${eventId}\u0000${sentence}`;
}

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}
