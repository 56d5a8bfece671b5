import { describe, expect, it } from 'vitest';
import { tagTimexes, type Timex } from '../../src/events/tag-timexes.js';
import { seedText } from './seeds.js';

function find(timexes: Timex[], text: string, after = 0): Timex {
  // The seeds keep their non-breaking spaces; compare with plain ones.
  const hit = timexes.find((t) => t.text.replace(/\s/g, ' ') === text && t.start >= after);
  if (!hit) throw new Error(`no timex «${text}» in ${JSON.stringify(timexes.map((t) => t.text))}`);
  return hit;
}

function valueOf(text: string, dct: string, expression: string): string {
  return find(tagTimexes(text, dct), expression).value;
}

describe('tagTimexes: the issue examples on the seeds', () => {
  it('003 (Friday 2025-11-21): "denied on Friday" is that Friday, "on Thursday" the day before', () => {
    const text = seedText('003');
    const timexes = tagTimexes(text, '2025-11-21');
    const denied = text.indexOf('denied on Friday');
    expect(find(timexes, 'Friday', denied).value).toBe('2025-11-21');
    const thursday = text.indexOf('said on Thursday');
    expect(find(timexes, 'Thursday', thursday).value).toBe('2025-11-20');
    const met = text.indexOf('met a US Army delegation on Thursday');
    expect(find(timexes, 'Thursday', met).value).toBe('2025-11-20');
  });

  it('004 (2025-11-20): "before Thanksgiving" on Thursday next week is 2025-11-27; "last week" is 2025-W46', () => {
    const text = seedText('004');
    const timexes = tagTimexes(text, '2025-11-20');
    expect(find(timexes, 'Thanksgiving').value).toBe('2025-11-27');
    expect(find(timexes, 'Thursday next week').value).toBe('2025-11-27');
    expect(find(timexes, 'last week').value).toBe('2025-W46');
    expect(find(timexes, '2014').value).toBe('2014');
  });

  it('002 (Monday 2025-11-24): "before Thanksgiving on Thursday" looks ahead to 2025-11-27', () => {
    const text = seedText('002');
    const timexes = tagTimexes(text, '2025-11-24');
    const at = text.indexOf('before Thanksgiving on Thursday');
    expect(find(timexes, 'Thanksgiving', at).value).toBe('2025-11-27');
    expect(find(timexes, 'Thursday', at).value).toBe('2025-11-27');
    expect(find(timexes, 'Sunday').value).toBe('2025-11-23');
  });

  it('000 (February 2026): "by June" is 2026-06', () => {
    const text = seedText('000');
    expect(find(tagTimexes(text, '2026-02-07'), 'June').value).toBe('2026-06');
  });

  it('001: "Q1 2026" is 2026-Q1, and a FAQ label "Q1:" is no date', () => {
    const text = seedText('001');
    const timexes = tagTimexes(text, '2025-12-22');
    expect(find(timexes, 'Q1 2026').value).toBe('2026-Q1');
    expect(timexes.some((t) => t.text === 'Q1' && text.slice(t.end, t.end + 1) === ':')).toBe(false);
  });
});

describe('tagTimexes: spans, types and values', () => {
  it('gives spans without a leading "on" or "by", with JS string offsets', () => {
    const text = 'Talks resumed on Thursday and must end by June.';
    const timexes = tagTimexes(text, '2025-11-21');
    expect(timexes.map((t) => t.text)).toEqual(['Thursday', 'June']);
    for (const t of timexes) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('reads tense: a past "on Thursday" is the Thursday before, a future one the Thursday after', () => {
    expect(valueOf('The envoys met on Thursday.', '2025-11-21', 'Thursday')).toBe('2025-11-20');
    expect(valueOf('The envoys will meet on Thursday.', '2025-11-21', 'Thursday')).toBe('2025-11-27');
  });

  it('normalises the TimeML value families', () => {
    const dct = '2025-11-21';
    expect(tagTimexes('It grew in 2024.', dct)[0]).toMatchObject({ type: 'DATE', value: '2024' });
    expect(tagTimexes('Prices rose last month.', dct)[0]).toMatchObject({ type: 'DATE', value: '2025-10' });
    expect(tagTimexes('Sales fell in the third quarter.', dct)[0]).toMatchObject({ type: 'DATE', value: '2025-Q3' });
    expect(tagTimexes('Rates rise this summer.', '2025-05-02')[0]).toMatchObject({ type: 'DATE', value: '2025-SU' });
    expect(tagTimexes('The truce lasted a month.', dct)[0]).toMatchObject({ type: 'DURATION', value: 'P1M' });
    expect(tagTimexes('The talks may take nearly four years.', dct)[0]).toMatchObject({ type: 'DURATION', value: 'P4Y', text: 'nearly four years' });
    expect(tagTimexes('Prices are now higher.', dct)[0]).toMatchObject({ type: 'DATE', value: 'PRESENT_REF' });
    expect(tagTimexes('They met every Monday.', dct)[0]).toMatchObject({ type: 'SET', value: 'XXXX-WXX-1' });
    expect(tagTimexes('Markets trade daily.', dct)[0]).toMatchObject({ type: 'SET', value: 'P1D' });
    expect(tagTimexes('He will speak tonight.', dct)[0]).toMatchObject({ type: 'TIME', value: '2025-11-21TNI' });
    expect(tagTimexes('The vote is at 10:30 a.m.', dct)[0]).toMatchObject({ type: 'TIME', value: '2025-11-21T10:30' });
    expect(tagTimexes('It was signed on Nov. 14, 2025.', dct)[0]).toMatchObject({ value: '2025-11-14', text: 'Nov. 14, 2025' });
    expect(tagTimexes('Signed 14 Dec 2025.', dct)[0]).toMatchObject({ value: '2025-12-14' });
    expect(tagTimexes('Two years ago the war began.', dct)[0]).toMatchObject({ value: '2023' });
    expect(tagTimexes('It ends two weeks from now.', dct)[0]).toMatchObject({ value: '2025-W49', text: 'two weeks from now' });
    expect(tagTimexes('Reports had been filed by Wednesday.', dct)[0]).toMatchObject({ value: '2025-11-19' });
    expect(tagTimexes('Reports must be filed by Wednesday.', dct)[0]).toMatchObject({ value: '2025-11-26' });
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

  it('keeps "May" the modal and "march" the verb out', () => {
    expect(tagTimexes('Zelensky may travel; troops march on.', '2025-11-21')).toEqual([]);
    expect(valueOf('The vote is due in May.', '2025-11-21', 'May')).toMatch(/^202[56]-05$/);
  });
});

describe('tagTimexes: bad input', () => {
  it('returns nothing for empty text', () => {
    expect(tagTimexes('', '2025-11-21')).toEqual([]);
  });

  it('rejects an invalid document date with an error naming it', () => {
    expect(() => tagTimexes('on Friday', '2025-02-30')).toThrow(/document date/);
    expect(() => tagTimexes('on Friday', 'yesterday')).toThrow(/YYYY-MM-DD/);
  });

  it('invents no date for "31 February" or "the 45th"', () => {
    const timexes = tagTimexes('It happened on 31 February 2025, on the 45th, on February 30 and on 2025-02-30.', '2025-03-01');
    expect(timexes).toEqual([]);
    expect(tagTimexes('Leap day: 29 February 2024.', '2025-03-01')[0].value).toBe('2024-02-29');
  });

  it('stays linear on pathological input (blank lines, one endless line of dates)', () => {
    const t0 = performance.now();
    expect(tagTimexes('\n'.repeat(500_000), '2025-11-21')).toEqual([]);
    expect(tagTimexes(' \t'.repeat(300_000), '2025-11-21')).toEqual([]);
    expect(tagTimexes('On Friday, the U.S. said it will meet by June. '.repeat(5_000), '2025-11-21')).toHaveLength(10_000);
    expect(performance.now() - t0).toBeLessThan(3_000);
  });

  it('gets through 1 MB without a full stop quickly', () => {
    const text = `${'the talks went on and on '.repeat(40_000)} on Friday ${'x'.repeat(10_000)}`;
    const t0 = performance.now();
    const timexes = tagTimexes(text, '2025-11-21');
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(timexes.map((t) => t.value)).toContain('2025-11-21');
  });
});
