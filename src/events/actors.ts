/**
 * Who an event involves: the people, organisations and countries a sentence names.
 *
 * Why our own rules and not an NLP library: measured on the five seed articles (4,861 words) on
 * one core, compromise 14 (people/organizations/places) took 137 ms per 1,000 words and wink-nlp
 * with its lite web model (tokens, POS, entities) 19 ms per 1,000 words — both far over the
 * 10 ms budget for the whole event stage — and wink's model has no person or organisation
 * entities. News English capitalises names, so proper-noun chunks with titles stripped give the
 * actors at well under 1 ms per 1,000 words.
 */
// A possessive ends a name ("Russia’s General Staff" is two), an inner apostrophe does not ("O'Brien").
const WORD = "(?<![\\p{L}\\p{N}])(?:[\\p{Lu}][\\p{L}\\p{M}.-]*(?:['’][\\p{Lu}][\\p{L}\\p{M}.-]*)?|[\\p{Lu}]{2,}\\d*|G\\d+)";
// "iPhone", "iTunes", "eBay": one name each (a lower-case prefix before a capital), never "Phone"
// or "Tunes"; such a name opens a chunk ("iTunes Music Store") but joins no name before it
// ("United Kingdom iTunes store").
const CAMEL = "(?<![\\p{L}\\p{N}])\\p{Ll}{1,2}\\p{Lu}[\\p{L}\\p{M}]*";
// Lower-case particles inside names: "Joint Chiefs of Staff", "Dar es Salaam", "Ursula von der Leyen".
const PARTICLE = '(?:of|for|de|del|der|den|da|das|do|dos|du|des|es|la|le|van|von|al|bin|ibn)';
const CHUNK = new RegExp(`(?:${CAMEL}|${WORD})(?:\\s+(?:${PARTICLE}\\s+){0,2}(?:${WORD}))*`, 'gu');
const PARTICLE_WORD = new RegExp(`^${PARTICLE}$`);

/** Capitalised words that are not names: sentence openers, months, generic nouns in titles. */
const NOT_NAMES = new Set([
  'The', 'A', 'An', 'But', 'And', 'Or', 'However', 'In', 'On', 'At', 'By', 'For', 'From', 'With', 'Without',
  'After', 'Before', 'During', 'Since', 'Until', 'As', 'If', 'When', 'While', 'Although', 'Though', 'Despite',
  'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'His', 'Her', 'Their',
  'Our', 'My', 'Your', 'There', 'Here', 'What', 'Who', 'Why', 'How', 'Meanwhile', 'Still', 'Yet', 'Also',
  'Some', 'Many', 'Most', 'All', 'Both', 'One', 'Two', 'Asked', 'According', 'Speaking', 'Under', 'Within',
  'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February',
  'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
  'Thanksgiving', 'Christmas', 'Easter', 'Breaking', 'Read', 'More', 'Date', 'Venue', 'Background', 'Action',
  'Outcome', 'Q', 'A', 'Yes', 'No', 'Not', 'Now', 'Then', 'Today', 'Tomorrow', 'Yesterday', 'Signed',
  'Prosecutors', 'Funds', 'Private', 'Point', 'Peace', 'Talks', 'Plan', 'Key', 'New', 'Next', 'Last',
  'Ukrainian', 'Russian', 'American', 'European', 'French', 'Polish', 'British', 'German', 'Chinese',
  'Israeli', 'Iranian', 'Western', 'Eastern', 'Northern', 'Southern', 'Former', 'Senior', 'Top', 'Deputy',
  'About', 'Contrary', 'Unlike', 'Like', 'Among', 'Amid', 'Earlier', 'Later', 'Instead', 'Nearly', 'Only', 'Rather',
  // Demonyms describe, they do not name: "Kenyan police" names no actor by itself.
  'Kenyan', 'Tanzanian', 'Pakistani', 'Cuban', 'Iraqi', 'Syrian', 'Turkish', 'Japanese', 'Indian', 'Italian',
  'Spanish', 'Canadian', 'Mexican', 'Saudi', 'Egyptian', 'Afghan', 'African', 'Asian', 'Arab', 'Palestinian',
  'Korean', 'Venezuelan', 'Lebanese', 'Georgian', 'Belarusian', 'Hungarian', 'Czech', 'Dutch', 'Swedish',
  'Finnish', 'Norwegian', 'Danish', 'Greek', 'Romanian', 'Serbian', 'Croatian', 'Moldovan',
]);

/** A compound adjective describes what follows it: "Russian-occupied Ukraine", "Kremlin-backed", "US-led". */
const COMPOUND_ADJECTIVE = /^[\p{Lu}][\p{L}.]*-\p{Ll}+$/u;

/** Nouns that name no one on their own ("the Council", "Army" left over from a title). */
const GENERIC = new Set([
  'Council', 'Army', 'Cyber', 'Defense', 'Defence', 'Creation', 'Security', 'Office', 'Committee', 'Ministry',
  'Department', 'Government', 'Party', 'Court', 'Commission', 'Agency', 'Bureau', 'Forces', 'Staff', 'Secretary',
  'Minister', 'President', 'Envoy', 'General', 'Chief', 'House', 'Parliament', 'Administration', 'Officials',
  'Embassy', 'Police', 'Congress Committee', 'Navy', 'Cabinet',
]);

const ORGANISATION =
  /\b(?:Bureau|Council|Committee|Ministry|Department|Agency|Office|Party|Court|Commission|Bank|Fund|Union|Alliance|Organi[sz]ation|Service|Command|Forces|Army|Navy|Guard|Parliament|Congress|Senate|House|Assembly|Company|Corp\.?|Inc\.?|Group|Institute|University|Centre|Center|News|Times|Post|Journal)$/u;

/** Titles and roles before a name ("French Foreign Minister Jean-Noël Barrot" → "Jean-Noël Barrot"). */
const TITLE = /^(?:(?:US|U\.S\.|UK|EU|UN|Ukrainian|Russian|American|European|French|Polish|British|German|Chinese|Israeli|Iranian|Former|Senior|Deputy|Acting|Special|Top|Chief|Vice|Prime|Foreign|Defence|Defense|Interior|Justice|Energy|Finance|Army|Navy|Air|State|Press|National|Security|Secretary|Minister|President|Presidential|Envoy|Adviser|Advisor|Spokesman|Spokeswoman|Spokesperson|Ambassador|General|Gen\.|Gov\.|Governor|Sen\.|Senator|Rep\.|Representative|Mr\.|Mrs\.|Ms\.|Dr\.|Sir|Dame|Lord|Chancellor|King|Queen|Prince|Pope|Commander|Colonel|Col\.|Lt\.|Admiral|Chairman|Chairwoman|Director|Mayor|Judge|Justice|Leader|Head|Aide|Official|Officials|Staff|Chief\s+of\s+Staff|Joint\s+Chiefs\s+of\s+Staff|of)\s+)+/u;

const SAME_AS: Record<string, string> = {
  US: 'United States', 'U.S.': 'United States', USA: 'United States', 'U.S.A.': 'United States',
  America: 'United States', UK: 'United Kingdom', 'U.K.': 'United Kingdom', Britain: 'United Kingdom',
  Kiev: 'Kyiv', Zelenskiy: 'Zelensky', Zelenskyy: 'Zelensky',
};

/**
 * Actors named in `sentence`, in order of first mention; `skip` holds spans (date expressions) to
 * ignore. `commonWords` (commonWordsOf the article) tells a capitalised sentence opener that is a
 * common word ("Shop owners said …", "Supporters said …", "Local businesses …": the article
 * writes "shop", "supporters", "local" elsewhere) from a name ("Apple unveiled …"); `names`
 * (namesInTextOf the article) keeps an opener the article also writes as a name ("Jobs resigned"
 * beside "Steve Jobs" and "cut 500 jobs").
 */
export function findActors(sentence: string, skip: Array<[number, number]> = [], commonWords?: ReadonlySet<string>, names?: ReadonlySet<string>): string[] {
  const found: string[] = [];
  // Blank the date expressions out so that "Barrot Thursday" still yields "Barrot".
  let masked = sentence;
  for (const [s, e] of skip) masked = masked.slice(0, s) + '|'.repeat(Math.max(0, e - s)) + masked.slice(e);
  const chunks: Array<{ text: string; start: number; end: number }> = [];
  CHUNK.lastIndex = 0;
  for (let m = CHUNK.exec(masked); m; m = CHUNK.exec(masked)) chunks.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  for (let i = 0; i < chunks.length; i++) {
    let text = chunks[i].text;
    // "Immigration and Naturalization Service": one organisation across "and".
    const next = chunks[i + 1];
    if (next && /^\s+and\s+$/.test(masked.slice(chunks[i].end, next.start)) && ORGANISATION.test(next.text)) {
      text = `${text} and ${next.text}`;
      i++;
    }
    if (commonWords && isCommonOpener(text, chunks[i].start, masked, commonWords, names)) continue;
    const name = cleanName(text);
    if (name && !found.includes(name)) found.push(name);
  }
  return dropContained(found);
}

/** The lower-case words of a text (a word written so at least once is a common word there). */
export function commonWordsOf(text: string): Set<string> {
  return new Set(text.match(/(?<![\p{L}\p{N}'’-])\p{Ll}[\p{L}]*/gu) ?? []);
}

/**
 * The words a text writes as a name inside a sentence: capitalised after a word of the same
 * sentence and ending its run of capitalised words ("at Apple", "Apple's", "Steve Jobs said",
 * "by Airbus."). A sentence opener is capitalised whatever it is; a word written so elsewhere is
 * a name, so the article's "Apple unveiled …" names Apple. The first word of a longer name
 * ("the Local Government Association") is left out: "Local businesses …" still names no one.
 */
export function namesInTextOf(text: string): Set<string> {
  const names = new Set<string>();
  const tokens = text.match(/\S+/g) ?? [];
  for (let i = 1; i < tokens.length; i++) {
    const word = /^(\p{Lu}[\p{L}\p{M}-]*)(?:['’]s)?([^\p{L}\p{N}]*)$/u.exec(tokens[i]);
    // After a full stop, a colon, an opening quote or bracket, a capital may open a sentence.
    if (!word || /[.!?:;"“”‘(\[]$/u.test(tokens[i - 1]) || !/[\p{L}\p{N},’']$/u.test(tokens[i - 1])) continue;
    const next = tokens[i + 1];
    if (word[2] === '' && next && /^\p{Lu}/u.test(next)) continue;
    names.add(word[1]);
  }
  return names;
}

/**
 * A lone capitalised word opening the sentence that the article also writes in lower case, and
 * never as a name inside a sentence ("jobs" and "Steve Jobs … by Jobs": a name).
 */
function isCommonOpener(chunk: string, start: number, sentence: string, commonWords: ReadonlySet<string>, names?: ReadonlySet<string>): boolean {
  if (/\s/.test(chunk) || /[^\p{L}]/u.test(chunk) || !/^[^\p{L}\p{N}]*$/u.test(sentence.slice(0, start))) return false;
  return commonWords.has(chunk.toLowerCase()) && !names?.has(chunk);
}

function cleanName(raw: string): string | null {
  let name = raw.replace(/['’]s$/u, '').replace(/[.,]+$/u, (p) => (/\b\p{Lu}\.$/u.test(raw) ? p : ''));
  // An organisation keeps its whole name ("National Anti-Corruption Bureau"); a person loses the title.
  const titled = ORGANISATION.test(name) ? name : name.replace(TITLE, '');
  // Keep the title only when nothing is left without it ("White House", "Kremlin").
  if (titled && titled !== name && /\p{Lu}/u.test(titled[0]) && !NOT_NAMES.has(titled)) name = titled;
  const words = name.split(/\s+/);
  while (words.length && (NOT_NAMES.has(words[0]) || COMPOUND_ADJECTIVE.test(words[0]))) words.shift();
  while (words.length && PARTICLE_WORD.test(words[words.length - 1])) words.pop();
  if (words.length === 0) return null;
  const joined = words.join(' ');
  if (words.length === 1 && (NOT_NAMES.has(joined) || GENERIC.has(joined) || joined.length < 2)) return null;
  // A possessive name keeps its owner: "Zelenskyy's" → "Zelenskyy" (handled above); normalise aliases.
  return SAME_AS[joined] ?? joined.replace(/\b(Zelenskiy|Zelenskyy)\b/u, 'Zelensky');
}

/** "Zelensky" adds nothing beside "Volodymyr Zelensky": a longer name that ends in it as a word. */
function dropContained(names: string[]): string[] {
  return names.filter((n) => !names.some((o) => o.length > n.length && o.endsWith(n) && /\s/u.test(o[o.length - n.length - 1])));
}
