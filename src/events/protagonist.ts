/**
 * "He has been fighting pancreatic cancer since 2004": a sentence whose subject is "He" or "She"
 * names nobody, yet news writes it of the article's protagonist, the person it names most. The
 * event takes that person among its actors, so that another outlet's "Jobs fought pancreatic
 * cancer in 2004" (or its own "He …") can be found to tell the same happening.
 *
 * A person is told from an organisation by how the article uses the name: a person's last name
 * stands alone ("Steve Jobs" … "Jobs said"), an organisation's last word does not ("Apple
 * Computer" … "Apple said", never "Computer said").
 */
export interface NameTally {
  /** Mentions per last word: "Steve Jobs" and "Jobs" both count for "Jobs". */
  counts: Map<string, number>;
  /** The full name each last word was seen with ("Jobs" → "Steve Jobs"). */
  full: Map<string, string>;
  /** Last words also seen standing alone. */
  alone: Set<string>;
}

export function newNameTally(): NameTally {
  return { counts: new Map(), full: new Map(), alone: new Set() };
}

/** Counts the actors of one sentence. */
export function tallyNames(tally: NameTally, actors: readonly string[]): void {
  for (const actor of actors) {
    const words = actor.split(/\s+/);
    const last = words[words.length - 1];
    tally.counts.set(last, (tally.counts.get(last) ?? 0) + 1);
    if (words.length === 1) tally.alone.add(last);
    else if (PERSON_NAME.test(actor)) tally.full.set(last, actor);
  }
}

/** Two or three capitalised words, as a person's name is written ("Steve Jobs", "Tim Cook"). */
const PERSON_NAME = /^(?:\p{Lu}[\p{Ll}'’-]+\s+){1,2}\p{Lu}[\p{Ll}'’-]+$/u;
/** A protagonist is named more than once. */
const MIN_MENTIONS = 2;

/** The person the article names most so far, or null. */
export function protagonistOf(tally: NameTally): string | null {
  let best: string | null = null;
  let most = MIN_MENTIONS - 1;
  for (const [last, full] of tally.full) {
    const count = tally.counts.get(last) ?? 0;
    if (tally.alone.has(last) && count > most) [best, most] = [full, count];
  }
  return best;
}

const PRONOUN_SUBJECT = /^\s*[“"]?\s*(?:He|She)\b/;

/**
 * The actors of a sentence whose subject is "He"/"She" and that names nobody else: the
 * protagonist. A sentence that names others keeps them alone, so that what tells two acts of
 * one person apart still does ("He also announced QuickTime 7 for Windows" / "Jobs announced
 * that Tiger sold 2 million copies" share no name).
 */
export function withPronounSubject(sentence: string, actors: string[], protagonist: string | null): string[] {
  if (!protagonist || actors.length > 0 || !PRONOUN_SUBJECT.test(sentence)) return actors;
  return [protagonist];
}
