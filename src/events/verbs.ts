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

/** The list as a regex alternation. */
export const IRREGULAR_PAST_PATTERN = IRREGULAR_PAST.join('|');

/** Irregular past participles, for the present perfect ("has taken", "have won"). */
export const IRREGULAR_PARTICIPLE = [
  'made', 'taken', 'given', 'begun', 'become', 'held', 'left', 'sent', 'seen', 'got', 'gotten', 'won', 'lost',
  'fallen', 'risen', 'struck', 'spoken', 'written', 'bought', 'sold', 'paid', 'led', 'built', 'brought',
  'caught', 'fought', 'found', 'kept', 'laid', 'shown', 'grown', 'known', 'chosen', 'withdrawn', 'drawn',
  'driven', 'flown', 'run', 'set', 'put', 'cut', 'hit', 'spent', 'stood', 'met', 'told', 'said', 'come', 'gone',
  'broken', 'frozen', 'stolen', 'undertaken', 'overtaken', 'upheld', 'sought', 'dealt', 'shut', 'quit',
] as const;

export const IRREGULAR_PARTICIPLE_PATTERN = IRREGULAR_PARTICIPLE.join('|');
