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

function readVerbs(text: string): ReadonlySet<string> {
  const verbs = new Set<string>();
  for (const word of withoutTellings(text).match(/[a-z]+/g) ?? []) {
    if (NOT_VERBS.has(word) || REPORTING_VERB.test(word)) continue;
    const base = IRREGULAR_BASE[word];
    if (base) verbs.add(key(base));
    else if (word.length > 5 && word.endsWith('ing')) verbs.add(key(word.slice(0, -3)));
    else if (word.length > 4 && word.endsWith('ed')) verbs.add(key(word.slice(0, -2)));
  }
  return verbs;
}

/** One key for a base and its stems: "make"/"mak", "stopp"/"stop", "introduce"/"introduc". */
function key(stem: string): string {
  return stem.replace(/e$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1');
}

const verbMemo = new TextMemo(readVerbs);
