/**
 * The verbs a report tells, each by a key its other forms share ("fought", "fighting" → fight;
 * "introduced", "introducing" → introduc), so that two outlets telling one happening with one verb
 * in other tenses meet even when the verb is in none of event-acts.ts's classes. Without a
 * part-of-speech tagger a verb is an irregular past or participle, or an "-ed"/"-ing" word;
 * reporting verbs and "been"/"being" say nothing of the happening and are left out.
 */
import { REPORTING_VERB } from '../events/happening.js';
import { IRREGULAR_BASE } from '../events/verbs.js';
import { withoutTellings } from './event-acts.js';
import { TextMemo } from './text-memo.js';

const NOT_VERBS = new Set(['been', 'being', 'during', 'according', 'including', 'following', 'morning', 'evening', 'thing', 'nothing', 'something', 'anything', 'everything', 'bring', 'king', 'spring', 'string', 'ring', 'wing', 'sing', 'united', 'based', 'hundred', 'need', 'speed', 'feed']);

/** Read once per text (text-memo.ts): the merge asks again for each candidate. */
export function verbsOf(text: string): ReadonlySet<string> {
  return verbMemo.get(text);
}

/**
 * An "-ing" word is a verb after an auxiliary, a preposition or conjunction of time or means, a
 * verb of beginning or going on, or at the start of its clause ("has been fighting", "While
 * introducing", "by hinting", "after falling"); elsewhere it is mostly a noun or an adjective
 * ("in early trading", "video calling abilities", "the opening ceremony"), which every report
 * of a market or a product tells and which is no act.
 */
const BEFORE_ING_VERB = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'am', 'by', 'after', 'before', 'while', 'when', 'without', 'since', 'upon', 'started', 'began', 'begun', 'stopped', 'continued', 'continue', 'continues', 'keep', 'keeps', 'kept', 'not', 'also', 'still']);

function readVerbs(text: string): ReadonlySet<string> {
  const verbs = new Set<string>();
  const words = withoutTellings(text).match(/[a-z]+|[,;:.!?]/g) ?? [];
  for (const [i, word] of words.entries()) {
    if (NOT_VERBS.has(word) || REPORTING_VERB.test(word)) continue;
    const base = IRREGULAR_BASE[word];
    if (base) verbs.add(key(base));
    else if (word.length > 5 && word.endsWith('ing')) {
      const before = words[i - 1];
      if (before === undefined || /^[,;:.!?]$/.test(before) || BEFORE_ING_VERB.has(before)) verbs.add(key(word.slice(0, -3)));
    } else if (word.length > 4 && word.endsWith('ed')) verbs.add(key(word.slice(0, -2)));
  }
  return verbs;
}

/** One key for a base and its stems: "make"/"mak", "stopp"/"stop", "introduce"/"introduc". */
function key(stem: string): string {
  return stem.replace(/e$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1');
}

const verbMemo = new TextMemo(readVerbs);
