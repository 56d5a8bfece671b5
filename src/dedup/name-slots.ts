/**
 * Names that fill the same slot of two reports: "the library of Norcott" / "the library of
 * Hollis", "a store in Paris" / "a store in London", "a court in Farrow" / "a court in Brisk".
 * A slot is a content word and the preposition that attaches a name to it ("library of",
 * "store in"), an article between them skipped. Two reports that give one slot names with
 * nothing in common tell of two places, organisations or people, however many words they
 * share: two happenings. A slot only one report fills says nothing.
 */
import { contentTokens } from './event-tokens.js';
import { namesMeet } from './same-actors.js';
import { TextMemo } from './text-memo.js';

const PREPOSITIONS = new Set(['of', 'in', 'near', 'at', 'from', 'to', 'for', 'by', 'into', 'against', 'with']);
const ARTICLES = new Set(['the', 'a', 'an']);
/** Capitalised words that are dates, not names: the dates are compared apart (dates-agree.ts). */
const NOT_NAMES = /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/i;
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}.'’-]*/gu;

/** The names each slot of a sentence holds, by slot ("library of" → ["Norcott"]), read once per sentence (text-memo.ts). */
export function nameSlots(sentence: string): ReadonlyMap<string, readonly string[]> {
  return slotMemo.get(sentence);
}

function readNameSlots(sentence: string): ReadonlyMap<string, readonly string[]> {
  const tokens = sentence.match(TOKEN) ?? [];
  const slots = new Map<string, string[]>();
  for (let i = 2; i < tokens.length; i++) {
    if (!isNameWord(tokens[i]) || isNameWord(tokens[i - 1])) continue;
    let name = tokens[i];
    for (let j = i + 1; j < tokens.length && isNameWord(tokens[j]); j++) name += ` ${tokens[j]}`;
    const slot = slotBefore(tokens, i);
    if (slot) slots.set(slot, [...(slots.get(slot) ?? []), bareName(name)]);
  }
  return slots;
}

/** Whether some slot holds names in both sentences and none of them meet. */
export function slotNamesDiffer(a: string, b: string): boolean {
  return slotsDiffer(nameSlots(a), nameSlots(b));
}

/** The same, for the slots of two sentences read already (nameSlots). */
export function slotsDiffer(sa: ReadonlyMap<string, readonly string[]>, sb: ReadonlyMap<string, readonly string[]>): boolean {
  for (const [slot, names] of sa) {
    const other = sb.get(slot);
    if (other && !names.some((x) => other.some((y) => namesMeet(x, y)))) return true;
  }
  return false;
}

/** Without a possessive or the sentence's full stop ("Hollis's", "the United States."); "U.S." keeps its dots. */
function bareName(name: string): string {
  const bare = name.replace(/['’]s$/, '');
  return /(?:^|\s)(?:\p{Lu}\.)+$/u.test(bare) ? bare : bare.replace(/\.+$/, '');
}

function isNameWord(token: string): boolean {
  return /^\p{Lu}/u.test(token) && !NOT_NAMES.test(token);
}

function slotBefore(tokens: string[], index: number): string | null {
  let k = index - 1;
  if (ARTICLES.has(tokens[k].toLowerCase())) k -= 1;
  const preposition = tokens[k]?.toLowerCase();
  if (!preposition || !PREPOSITIONS.has(preposition)) return null;
  const head = contentTokens(tokens[k - 1] ?? '');
  return head.size === 1 ? `${[...head][0]} ${preposition}` : null;
}

const slotMemo = new TextMemo(readNameSlots);
