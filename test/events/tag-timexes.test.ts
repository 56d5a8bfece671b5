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
