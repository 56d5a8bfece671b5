/**
 * The index keys of an event: a stored event can be the same happening as a new report only if
 * they share one of them, so the merge reads its candidates through an index on these keys (and
 * the date period) instead of every event near the date, and its cost per event does not grow
 * with the store.
 *
 * The keys are chosen so that the index drops no pair the merge rule (same-event.ts) could join:
 * - its content words (event-tokens.ts) of summary and sentence: every overlap the score weighs
 *   (words, clause, object) is a share of these;
 * - each word of each actor's name, as written (lower-cased, no length floor: "EU", "Xi"): two
 *   reports share a participant only when one name is the other's first or last words
 *   (same-actors.ts), so they share a word of it;
 * - the sentence's fingerprint: an exact repeat, even of a sentence with no content word.
 * Without a shared word and a shared participant the score cannot reach a merge: the most the
 * other features add (same day, act, number, modality) stays under the bias (merge-score.ts; a
 * test holds the two together).
 *
 * One exception, the store's (event-merge-store.ts): a key that more than COMMON_KEY events near
 * the date share is not looked up, so a pair that shares only such keys is not compared.
 *
 * The store keeps each event's keys as they were computed when it was written: a change to what
 * they are (or to content-word tokenising) needs a migration that writes every event's keys
 * again (store/event-keys-store.ts writeAllEventKeys), or stored events would be missed.
 */
import { contentTokens, sentenceFingerprint } from './event-tokens.js';
import { nameWords } from './same-actors.js';
import { ReportMemo } from './text-memo.js';

export interface KeyedEvent {
  summary: string;
  sentence: string;
  actors: readonly string[];
}

export function eventKeys(event: KeyedEvent): string[] {
  return [...eventKeySet(event)];
}

/**
 * The same keys as a set, read once per text: the merge asks for those of every candidate, and
 * a stored event is read anew for each article it is a candidate of. Shared: do not change it.
 */
export function eventKeySet(event: KeyedEvent): ReadonlySet<string> {
  // openerNamed plays no part in the keys: left out, so that reports differing in it share them.
  return keySets.get({ summary: event.summary, sentence: event.sentence, actors: event.actors });
}

const keySets = new ReportMemo(({ summary, sentence, actors }) => {
  const keys = new Set<string>();
  for (const word of contentTokens(`${summary} ${sentence}`)) keys.add(`w:${word}`);
  for (const actorKey of actorKeys(actors)) keys.add(actorKey);
  keys.add(`s:${sentenceFingerprint(sentence)}`);
  return keys as ReadonlySet<string>;
});

/** The keys an event's actors give (also those a merge adds to a stored event). */
export function actorKeys(actors: readonly string[]): string[] {
  return [...new Set(actors.flatMap((actor) => nameWords(actor).map((word) => `a:${word}`)))];
}
