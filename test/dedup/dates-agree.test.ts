import { describe, expect, it } from 'vitest';
import { datesAgree, isFinerDate } from '../../src/dedup/dates-agree.js';

describe('datesAgree', () => {
  it('joins a day to the week or month that holds it, not to a year', () => {
    expect(datesAgree({ date: '2008-10-06' }, { date: '2008-W41' })).toBe(true);
    expect(datesAgree({ date: '2008-10' }, { date: '2008-10-06' })).toBe(true);
    expect(datesAgree({ date: '2008-10-13' }, { date: '2008-W41' })).toBe(false);
    expect(datesAgree({ date: '2008' }, { date: '2008-10-06' })).toBe(false);
  });

  it('keeps apart one year told as parts of it that cannot meet ("mid-2011" / "the fall of 2011")', () => {
    expect(datesAgree({ date: '2011', dateText: 'mid-2011' }, { date: '2011', dateText: 'the fall of 2011' })).toBe(false);
    expect(datesAgree({ date: '2011', dateText: 'early 2011' }, { date: '2011', dateText: 'the spring of 2011' })).toBe(true);
    // A part on one side only, or none, says nothing.
    expect(datesAgree({ date: '2011', dateText: 'mid-2011' }, { date: '2011', dateText: '2011' })).toBe(true);
    expect(datesAgree({ date: '2011' }, { date: '2011', dateText: 'the fall of 2011' })).toBe(true);
  });

  it('lets publication days a day apart agree, but not two text dates', () => {
    expect(datesAgree({ date: '2010-06-07', dateBasis: 'publication' }, { date: '2010-06-08', dateBasis: 'publication' })).toBe(true);
    expect(datesAgree({ date: '2010-06-07', dateBasis: 'text' }, { date: '2010-06-08', dateBasis: 'publication' })).toBe(true);
    expect(datesAgree({ date: '2010-06-07', dateBasis: 'text' }, { date: '2010-06-08', dateBasis: 'text' })).toBe(false);
    expect(datesAgree({ date: '2010-06-06', dateBasis: 'publication' }, { date: '2010-06-08', dateBasis: 'publication' })).toBe(false);
  });

  it('prefers the finer date, and a text date to a publication day', () => {
    expect(isFinerDate({ date: '2008-10-06' }, { date: '2008-W41' })).toBe(true);
    expect(isFinerDate({ date: '2008-10' }, { date: '2008-10-06' })).toBe(false);
    expect(isFinerDate({ date: '2010-06-07', dateBasis: 'text' }, { date: '2010-06-08', dateBasis: 'publication' })).toBe(true);
    expect(isFinerDate({ date: '2010-06-07' }, { date: '2010-06-07' })).toBe(false);
  });
});

describe('dateAgreement', () => {
  it('calls a day inside a year loose: the same happening only on strong evidence', async () => {
    const { dateAgreement } = await import('../../src/dedup/dates-agree.js');
    expect(dateAgreement({ date: '2003-04-28' }, { date: '2003' })).toBe('loose');
    expect(dateAgreement({ date: '2003-04-28' }, { date: '2003-04' })).toBe('agree');
    expect(dateAgreement({ date: '2003-04-28' }, { date: '2004' })).toBe('no');
  });
});

describe('a background act dated only by its report\'s day', () => {
  const retold = { date: '2010-08-09', dateBasis: 'publication', modality: 'occurred', summary: 'When Apple CEO Steve Jobs first introduced iPhone 4' };

  it('may be an earlier report\'s happening, up to a year back, and takes that report\'s date', async () => {
    const { dateAgreement } = await import('../../src/dedup/dates-agree.js');
    const dated = { date: '2010-06-07', dateBasis: 'text' };
    expect(dateAgreement(retold, dated)).toBe('prior');
    expect(dateAgreement(dated, retold)).toBe('prior');
    expect(isFinerDate(dated, retold)).toBe(true);
    expect(isFinerDate(retold, dated)).toBe(false);
    // Not a later date, nor one more than a year back.
    expect(dateAgreement(retold, { date: '2010-09-01', dateBasis: 'text' })).toBe('no');
    expect(dateAgreement(retold, { date: '2009-06-07', dateBasis: 'text' })).toBe('no');
  });

  it('is not any act dated by its report\'s day: the news of the day happened that day', async () => {
    const { dateAgreement } = await import('../../src/dedup/dates-agree.js');
    const news = { ...retold, summary: 'Apple CEO Steve Jobs introduced iPhone 4' };
    expect(dateAgreement(news, { date: '2010-06-07', dateBasis: 'text' })).toBe('no');
    expect(dateAgreement({ ...retold, dateBasis: 'text' }, { date: '2010-06-07', dateBasis: 'text' })).toBe('no');
  });
});
