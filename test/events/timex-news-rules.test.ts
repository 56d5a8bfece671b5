/**
 * One test per general rule of English news dating added for issue #4 (value F1 on TimeML):
 * a sentence, a document date, the value expected. A regression in a rule fails its test here.
 */
import { describe, expect, it } from 'vitest';
import { tagTimexes } from '../../src/events/tag-timexes.js';

function valueOf(text: string, dct: string, expression: string): string {
  const hit = tagTimexes(text, dct).find((t) => t.text === expression);
  if (!hit) throw new Error(`no timex «${expression}» in «${text}»`);
  return hit.value;
}

describe('timex news rules', () => {
  it('"Wednesday evening" keeps the part of day (TEV); "Friday night" and "Friday morning" stay the day', () => {
    // 2000-03-29 is a Wednesday.
    expect(valueOf('As of Wednesday evening, the family had not agreed.', '2000-03-29', 'Wednesday evening')).toBe('2000-03-29TEV');
    expect(valueOf('Protesters rallied in the plaza Friday night.', '2000-01-08', 'Friday night')).toBe('2000-01-07');
    expect(valueOf('The commemorations began Friday morning.', '2000-01-29', 'Friday morning')).toBe('2000-01-28');
  });
});
