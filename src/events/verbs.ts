/**
 * English verb forms the event rules look for without a part-of-speech tagger: the irregular
 * past tenses news writing uses most. Regular ones are caught as "-ed" words by each rule.
 */
export const IRREGULAR_PAST = [
  'said', 'told', 'met', 'made', 'came', 'went', 'took', 'gave', 'began', 'became', 'held', 'left', 'sent',
  'saw', 'got', 'won', 'lost', 'fell', 'rose', 'struck', 'spoke', 'wrote', 'bought', 'sold', 'paid', 'led',
  'built', 'brought', 'caught', 'fought', 'thought', 'found', 'heard', 'kept', 'laid', 'meant', 'ran', 'sat',
  'shot', 'spent', 'stood', 'swore', 'threw', 'withdrew', 'drove', 'flew', 'grew', 'knew', 'rode', 'shook',
  'stole', 'forgot', 'chose', 'fled', 'fed', 'felt', 'slept', 'swept', 'dealt', 'sought', 'taught',
  'understood', 'overtook', 'upheld', 'undertook',
] as const;

/** Irregular past participles, for the present perfect ("has taken", "have won"). */
export const IRREGULAR_PARTICIPLE = [
  'made', 'taken', 'given', 'begun', 'become', 'held', 'left', 'sent', 'seen', 'got', 'gotten', 'won', 'lost',
  'fallen', 'risen', 'struck', 'spoken', 'written', 'bought', 'sold', 'paid', 'led', 'built', 'brought',
  'caught', 'fought', 'found', 'kept', 'laid', 'shown', 'grown', 'known', 'chosen', 'withdrawn', 'drawn',
  'driven', 'flown', 'run', 'set', 'put', 'cut', 'hit', 'spent', 'stood', 'met', 'told', 'said', 'come', 'gone',
  'broken', 'frozen', 'stolen', 'undertaken', 'overtaken', 'upheld', 'sought', 'dealt', 'shut', 'quit',
] as const;

export const IRREGULAR_PARTICIPLE_PATTERN = IRREGULAR_PARTICIPLE.join('|');

/**
 * Verbs whose past is their base form ("The Federal Reserve cut interest rates", "GM shed 10,000
 * jobs", "shares hit a record low", "Airbus set a deadline"): each is also a noun or a present
 * ("a rate cut", "the set of", "to cut costs", "will hit"), so it is a past verb only in context.
 */
export const SAME_FORM_PAST = ['cut', 'hit', 'set', 'put', 'shut', 'shed', 'quit', 'hurt', 'beat', 'split', 'spread', 'burst', 'upset'] as const;

/**
 * A same-form past in the context that makes it a past verb: after "was"/"were" (a passive), or
 * after a word that can end a subject (a name, a noun, a number; not a determiner, an
 * auxiliary, a modal, "to" or a preposition, nor "and"/"or", which join it to a verb before
 * whose tense it shares: "will close 14 plants and cut 20,000 jobs") and before its object or particle
 * (not before a verb, a preposition or a conjunction: "the rate cut was", "a deadline set at").
 * Written without the u flag, as it joins expressions compiled with and without "i".
 */
const SAME_FORM = SAME_FORM_PAST.join('|');
const NOT_BEFORE_PAST =
  'the|a|an|its|their|his|her|our|my|your|this|that|these|those|to|will|would|can|could|may|might|must|shall|should|' +
  'did|does|do|not|never|is|are|am|be|been|being|has|have|had|having|of|in|on|for|with|from|into|at|about|by|per|and|or';
const NOT_AFTER_PAST =
  'was|were|is|are|has|have|had|will|would|and|or|but|of|in|on|at|to|for|from|by|with|as|than|that|which|who|' +
  'after|before|since|during|because|when|while|if';
export const SAME_FORM_PAST_PATTERN =
  `(?<=\\b(?:was|were)\\s+)(?:${SAME_FORM})(?![\\w-])|` +
  `(?<=[A-Za-z0-9%)'’]\\s+)(?<!\\b(?:${NOT_BEFORE_PAST})\\s+)(?:${SAME_FORM})(?=\\s+(?!(?:${NOT_AFTER_PAST})\\b)[A-Za-z0-9$£€])(?!\\s+[a-z]+ed\\b)`;

/**
 * A past passive with an irregular participle ("Chrysler was given 30 days", "the plant was
 * taken over", "the A380 was shown"): a past act as "was introduced" is, though the participle
 * is no past tense.
 */
const PAST_PASSIVE_PATTERN = `(?<=\\b(?:was|were)\\s+(?:[a-z]+ly\\s+)?)(?:${IRREGULAR_PARTICIPLE.join('|')})`;

/** The list as a regex alternation, with the same-form pasts in their context and the past passives. */
export const IRREGULAR_PAST_PATTERN = `${IRREGULAR_PAST.join('|')}|${SAME_FORM_PAST_PATTERN}|${PAST_PASSIVE_PATTERN}`;


/** The base form of each irregular past and participle above, so that "fought" and "fighting" meet. */
export const IRREGULAR_BASE: Readonly<Record<string, string>> = {
  said: 'say', told: 'tell', met: 'meet', made: 'make', came: 'come', went: 'go', gone: 'go', took: 'take', taken: 'take',
  gave: 'give', given: 'give', began: 'begin', begun: 'begin', became: 'become', become: 'become', held: 'hold',
  left: 'leave', sent: 'send', saw: 'see', seen: 'see', got: 'get', gotten: 'get', won: 'win', lost: 'lose',
  fell: 'fall', fallen: 'fall', rose: 'rise', risen: 'rise', struck: 'strike', spoke: 'speak', spoken: 'speak',
  wrote: 'write', written: 'write', bought: 'buy', sold: 'sell', paid: 'pay', led: 'lead', built: 'build',
  brought: 'bring', caught: 'catch', fought: 'fight', thought: 'think', found: 'find', heard: 'hear', kept: 'keep',
  laid: 'lay', meant: 'mean', ran: 'run', run: 'run', sat: 'sit', shot: 'shoot', spent: 'spend', stood: 'stand',
  swore: 'swear', threw: 'throw', withdrew: 'withdraw', withdrawn: 'withdraw', drove: 'drive', driven: 'drive',
  flew: 'fly', flown: 'fly', grew: 'grow', grown: 'grow', knew: 'know', known: 'know', rode: 'ride', shook: 'shake',
  stole: 'steal', stolen: 'steal', forgot: 'forget', chose: 'choose', chosen: 'choose', fled: 'flee', fed: 'feed',
  felt: 'feel', slept: 'sleep', swept: 'sweep', dealt: 'deal', sought: 'seek', taught: 'teach', understood: 'understand',
  overtook: 'overtake', overtaken: 'overtake', upheld: 'uphold', undertook: 'undertake', undertaken: 'undertake',
  shown: 'show', drawn: 'draw', broken: 'break', frozen: 'freeze', set: 'set', put: 'put', cut: 'cut', hit: 'hit',
  shut: 'shut', quit: 'quit',
};
