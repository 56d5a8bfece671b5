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

  it('"planned" looks ahead only as "planned to/for" or a passive; "a hastily planned trip" does not; "plan to" does', () => {
    // 1998-08-17 is a Monday.
    expect(valueOf('On Friday, when Albright set aside vacation plans for the hastily planned trip, she met them.', '1998-08-17', 'Friday')).toBe('1998-08-14');
    // 1998-09-30 is a Wednesday.
    expect(valueOf('The team planned to leave Nairobi on Thursday.', '1998-09-30', 'Thursday')).toBe('1998-10-01');
    expect(valueOf('The talks were planned for Friday.', '1998-09-30', 'Friday')).toBe('1998-10-02');
    // 2000-03-29 is a Wednesday.
    expect(valueOf('Officials said they did not plan to remove him on Thursday morning.', '2000-03-29', 'Thursday morning')).toBe('2000-03-30');
  });

  it('a past clause never puts a day of a month into next year ("the fiscal year ended Jan. 31")', () => {
    expect(valueOf('In the fiscal year ended Jan. 31, the company reported sales of $59.5 million.', '1989-10-31', 'Jan. 31')).toBe('1989-01-31');
    expect(valueOf('The company reported a loss for the month that ended Jan. 31.', '1989-12-20', 'Jan. 31')).toBe('1989-01-31');
  });

  it('a participle after "is/are" is a present passive, not a past verb ("the case is heard in May")', () => {
    expect(valueOf('The family may lose when the case is heard in May in the appeals court.', '2000-03-29', 'May')).toBe('2000-05');
  });

  it('"today\'s world" and "the people of tomorrow" are generic, not the day; "as of tomorrow" and "today\'s editions" are dates', () => {
    const none = (text: string) => tagTimexes(text, '2000-01-07').filter((t) => /today|tomorrow/i.test(t.text));
    expect(none('The case is for today\'s youth what the blockade was for their parents.')).toEqual([]);
    expect(none('Intel chips are in many of today\'s personal computers.')).toEqual([]);
    expect(none('If I were choosing the people of tomorrow, I would choose them.')).toEqual([]);
    expect(valueOf('The rule applies as of tomorrow.', '2000-01-07', 'tomorrow')).toBe('2000-01-08');
    expect(valueOf('The offer was advertised in today\'s editions.', '2000-01-07', 'today')).toBe('2000-01-07');
  });
});
