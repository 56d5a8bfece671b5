/**
 * Words of English news dates. Month and weekday names must be capitalised (news style): that
 * is what keeps the modal "may" and the verb "march" out, which no case-insensitive rule can.
 */

export const MONTH_PATTERN =
  '(?:Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?|' +
  'Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';

/** Full month names only: an abbreviation alone ("Jan") is too often a name. */
export const FULL_MONTH_PATTERN =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December)';

export function monthNumber(word: string): number {
  const key = word.slice(0, 3).toLowerCase();
  return ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(key) + 1;
}

export const WEEKDAY_PATTERN = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';

/** ISO weekday number, Monday 1 … Sunday 7. */
export function weekdayNumber(word: string): number {
  const key = word.slice(0, 3).toLowerCase();
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(key) + 1;
}

export const PART_OF_DAY: Record<string, string> = {
  morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI', overnight: 'NI', tonight: 'NI',
};

export const SEASON: Record<string, string> = {
  spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI',
};

const SMALL: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12, couple: 2,
  single: 1, half: 0.5,
};

/** Number words that a duration may start with; "a few", "several" give an unknown count. */
export const COUNT_PATTERN =
  '(?:\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?(?:\\s+1/2)?|a\\s+couple\\s+of|a\\s+few|a\\s+dozen|a|an|one|two|three|four|five|six|seven|eight|nine|ten|' +
  'eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|' +
  '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|' +
  'a\\s+hundred|hundreds\\s+of|several|few|many|some|the\\s+next\\s+few|couple\\s+of|dozens\\s+of)';

/** The value of a count phrase, or null for an unknown count ("several"). */
export function countValue(text: string): number | null {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const digits = /^(\d{1,3}(?:,\d{3})*(?:\.\d+)?)( 1\/2)?$/.exec(t);
  if (digits) return Number(digits[1].replace(/,/g, '')) + (digits[2] ? 0.5 : 0);
  if (t === 'a couple of' || t === 'couple of') return 2;
  if (t === 'a dozen') return 12;
  if (t === 'a hundred') return 100;
  const parts = t.split(/[-\s]/);
  if (parts.every((p) => p in SMALL)) return parts.reduce((sum, p) => sum + SMALL[p], 0);
  return null;
}

/** TimeML unit letters; decades and centuries are written in years, as TimeBank mostly does. */
export const UNIT: Record<string, { letter: string; factor: number; time: boolean }> = {
  second: { letter: 'S', factor: 1, time: true },
  minute: { letter: 'M', factor: 1, time: true },
  hour: { letter: 'H', factor: 1, time: true },
  day: { letter: 'D', factor: 1, time: false },
  night: { letter: 'D', factor: 1, time: false },
  week: { letter: 'W', factor: 1, time: false },
  fortnight: { letter: 'W', factor: 2, time: false },
  month: { letter: 'M', factor: 1, time: false },
  // TimeBank writes spans of quarters in months ("the next three quarters" = P9M).
  quarter: { letter: 'M', factor: 3, time: false },
  year: { letter: 'Y', factor: 1, time: false },
  decade: { letter: 'Y', factor: 10, time: false },
  century: { letter: 'Y', factor: 100, time: false },
};

export function unitOf(word: string): (typeof UNIT)[string] | undefined {
  const w = word.toLowerCase().replace(/s$/, '').replace(/centurie$/, 'century');
  return UNIT[w];
}

export const UNIT_PATTERN =
  '(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centuries|century)';
