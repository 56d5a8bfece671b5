import { contentTokens, jaccard, sentenceFingerprint } from './event-tokens.js';

export interface ComparableEvent {
  date: string;
  summary: string;
  sentence: string;
  actors: readonly string[];
}

/**
 * Share of content words (of summary, sentence and actors) two reports must have in common to be
 * the same event. Measured on the five seed articles: reports of one event (the Thanksgiving
 * deadline told by two outlets, the Geneva joint statement told twice) share 0.28–0.35, while
 * different events on the same day of the same story share at most 0.16.
 */
export const SAME_EVENT_SIMILARITY = 0.25;

/**
 * Whether two reports tell the same event: the same date at the same granularity, and either the
 * same sentence or enough of the same content words (summary, sentence and actors together).
 * The date must match exactly: merging "2025-11" with "2025-11-20" would merge a month's news.
 */
export function isSameEvent(a: ComparableEvent, b: ComparableEvent): boolean {
  if (a.date !== b.date) return false;
  if (sentenceFingerprint(a.sentence) === sentenceFingerprint(b.sentence)) return true;
  return similarity(a, b) >= SAME_EVENT_SIMILARITY;
}

export function similarity(a: ComparableEvent, b: ComparableEvent): number {
  return jaccard(eventWords(a), eventWords(b));
}

function eventWords(event: ComparableEvent): Set<string> {
  return contentTokens(`${event.summary} ${event.sentence} ${event.actors.join(' ')}`);
}

/** The best match among the candidates on the same date, or null when none is the same event. */
export function findSameEvent<T extends ComparableEvent>(candidate: ComparableEvent, existing: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = -1;
  for (const event of existing) {
    if (!isSameEvent(candidate, event)) continue;
    const score = sentenceFingerprint(candidate.sentence) === sentenceFingerprint(event.sentence) ? 2 : similarity(candidate, event);
    if (score > bestScore) {
      best = event;
      bestScore = score;
    }
  }
  return best;
}
