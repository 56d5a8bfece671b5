/**
 * The kind of act a report tells, as a few classes of verbs with their nominalisations, so that
 * "fell"/"drop", "unveiled"/"introduction", "has a deadline"/"must … by" meet. Words outside the
 * classes are their own class after a light stem. Two reports of one happening tell the same
 * kind of act; "land" and "travel" of two planes do not.
 */
import { contentTokens } from './event-tokens.js';
import { TextMemo } from './text-memo.js';

const CLASSES: Record<string, string[]> = {
  fall: ['fall', 'fell', 'fallen', 'drop', 'dropped', 'decline', 'declined', 'decrease', 'decreased', 'slide', 'slid', 'tumble', 'tumbled', 'plunge', 'plunged', 'sink', 'sank', 'falling', 'dropping', 'declining', 'sliding', 'tumbling', 'plunging', 'sinking'],
  rise: ['rise', 'rose', 'risen', 'gain', 'gained', 'increase', 'increased', 'climb', 'climbed', 'jump', 'jumped', 'surge', 'surged', 'grow', 'grew', 'growth', 'soar', 'soared', 'rising', 'gaining', 'increasing', 'climbing', 'jumping', 'surging', 'growing', 'soaring'],
  unveil: ['unveil', 'unveiled', 'unveiling', 'introduce', 'introduced', 'introduction', 'reveal', 'revealed', 'launch', 'launched', 'debut', 'debuted', 'announce', 'announced', 'announcement', 'present', 'presented', 'presentation', 'release', 'released', 'show', 'showed', 'shown', 'introducing', 'revealing', 'launching', 'debuting', 'announcing', 'presenting', 'releasing', 'showing'],
  deadline: ['deadline', 'must', 'due', 'ultimatum', 'until', 'limit'],
  sue: ['sue', 'sued', 'lawsuit', 'suit', 'case', 'litigation', 'filed', 'file', 'suing', 'filing'],
  settle: ['settle', 'settled', 'settlement', 'agreement', 'agreed', 'agree', 'deal', 'settling', 'agreeing'],
  resign: ['resign', 'resigned', 'resignation', 'step', 'stepped', 'quit', 'quits', 'departure', 'resigning', 'stepping', 'quitting'],
  buy: ['buy', 'bought', 'acquire', 'acquired', 'acquisition', 'purchase', 'purchased', 'takeover', 'buying', 'acquiring', 'purchasing'],
  sell: ['sell', 'sold', 'sale', 'sales', 'selling'],
  meet: ['meet', 'met', 'meeting', 'talks', 'talk', 'summit'],
  die: ['die', 'died', 'death', 'dead', 'killed', 'kill', 'dying', 'killing'],
  sign: ['sign', 'signed', 'signing'],
  travel: ['travel', 'travelled', 'traveled', 'travelling', 'traveling', 'fly', 'flew', 'flight', 'trip'],
  land: ['land', 'landed', 'landing', 'arrive', 'arrived', 'arrival', 'arriving'],
};

const CLASS_OF = new Map<string, string>();
for (const [name, words] of Object.entries(CLASSES)) for (const word of words) CLASS_OF.set(word, name);

/** The act classes named in a text, read once per text (text-memo.ts): the merge asks again for each candidate. */
export function actsOf(text: string): ReadonlySet<string> {
  return actMemo.get(text);
}

/**
 * "It was announced that Starbucks would offer …", "Jobs revealed that he had undergone …": a
 * verb of the classes that takes a "that" clause tells what follows; it is a telling, as "said"
 * is, and no act of the happening told (the offer, not an unveiling).
 */
const TELLING_THAT = /\b(?:announc|reveal|show|present)[a-z]*\s+that\b/g;

export function withoutTellings(text: string): string {
  return text.toLowerCase().replace(TELLING_THAT, ' that');
}

function readActs(text: string): ReadonlySet<string> {
  const acts = new Set<string>();
  for (const word of withoutTellings(text).match(/[a-z]+/g) ?? []) {
    const name = CLASS_OF.get(word);
    if (name) acts.add(name);
  }
  return acts;
}

/** Whether a (lower-case, possibly stemmed) word names a kind of act of the classes above. */
export function isActWord(word: string): boolean {
  return CLASS_OF.has(word) || ACT_STEMS.has(word);
}

/** The classes' words as event-tokens.ts stems them ("announced" → "announc"), so both forms meet. */
const ACT_STEMS = new Set([...CLASS_OF.keys()].map((word) => contentTokens(word)).flatMap((set) => [...set]));

const actMemo = new TextMemo(readActs);
