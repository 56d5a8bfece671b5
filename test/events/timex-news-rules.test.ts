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

  it('reads halves of a year and spoken years beside a month', () => {
    const dct = '1989-11-02';
    expect(valueOf('Earnings fall in the last half of 1989.', dct, 'the last half of 1989')).toBe('1989-H2');
    expect(valueOf('Sales grow through the first two quarters of 1990.', dct, 'the first two quarters of 1990')).toBe('1990-H1');
    expect(valueOf('The bomb went off in January nineteen ninety-seven.', '1998-02-27', 'January nineteen ninety-seven')).toBe('1997-01');
    expect(tagTimexes('Two thousand people marched.', dct)).toEqual([]);
  });

  it('leaves "at" out of a clock time: "at about 10:35 a.m."', () => {
    expect(tagTimexes('The blast came at about 10:35 a.m.', '1998-08-08')[0]).toMatchObject({ text: 'about 10:35 a.m.', value: '1998-08-08T10:35' });
  });

  it('gives a clock time the day named just before it: "March 16th at 8pm"', () => {
    expect(valueOf('The match is on March 16th at 8pm.', '2013-03-14', '8pm')).toBe('2013-03-16T20:00');
    expect(valueOf('The match starts at 8pm.', '2013-03-14', '8pm')).toBe('2013-03-14T20:00');
  });

  it('reads "until Monday" ahead unless its clause is past', () => {
    expect(valueOf('Cyprus has until Monday to raise the money.', '2013-03-22', 'Monday')).toBe('2013-03-25');
    expect(valueOf('He stayed until Monday.', '2013-03-22', 'Monday')).toBe('2013-03-18');
    expect(valueOf('Umerov, who served as defence minister until July and is an ally, denied it.', '2025-11-21', 'July')).toBe('2025-07');
    expect(valueOf('Officials postponed until Tuesday any action.', '2013-03-22', 'Tuesday')).toBe('2013-03-26');
  });

  it('leaves the prepositions "over" and "within" out of a duration', () => {
    expect(tagTimexes('Over the past decade, attacks tripled.', '2013-03-22')[0]).toMatchObject({ text: 'the past decade', value: 'P10Y' });
    expect(tagTimexes('It will be done within the next two weeks.', '2013-03-22')[0]).toMatchObject({ text: 'the next two weeks', value: 'P2W' });
    expect(tagTimexes('It took over two years.', '2013-03-22')[0]).toMatchObject({ text: 'over two years', value: 'P2Y' });
  });

  it('dates "that night" by the day mentioned before it, and takes no "1830 GMT" for a year', () => {
    expect(valueOf('Rebels attacked on March 2. That night, the fire spread.', '2013-03-22', 'That night')).toBe('2013-03-02');
    const timexes = tagTimexes('The attack came around 9:30 p.m. local time (1830 GMT).', '2013-03-22');
    expect(timexes.map((t) => t.value)).toEqual(['2013-03-22T21:30']);
  });

  it('reads "this past weekend" and US zone abbreviations like PT', () => {
    expect(valueOf('This past weekend, the rebels moved.', '2013-03-22', 'This past weekend')).toBe('2013-W11-WE');
    expect(valueOf('Kickoff is at 7:30 p.m. PT Sunday.', '2013-03-22', '7:30 p.m. PT Sunday')).toMatch(/^2013-03-\d\dT19:30$/);
  });

  it('reads "Christmas last year" in that year, and a fronted "By Monday," before a past perfect as past', () => {
    expect(valueOf('Talks failed before Christmas last year.', '2025-11-21', 'Christmas last year')).toBe('2024-12-25');
    expect(valueOf('By Monday, troops had taken the town.', '2025-11-21', 'Monday')).toBe('2025-11-17');
    expect(valueOf('Troops must leave by Monday, officials said.', '2025-11-21', 'Monday')).toBe('2025-11-24');
  });
});
