import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/events/extract-events.js';

describe('a span "later"', () => {
  it('steps on from the last date the text told, not the first', () => {
    const text = 'He started the company in 1976, and in 1984 the first computer was released to the public. One year later he was fired from the company.';
    const fired = extractEvents(text, { publishedAt: '2011-10-06' }).find((event) => /fired/.test(event.summary));
    expect(fired).toMatchObject({ date: '1985', granularity: 'year', dateBasis: 'context' });
  });

  it('keeps the scene date\'s granularity when the span is finer, and a day when both are days', () => {
    const days = extractEvents('Acme unveiled the phone on June 7, 2010. Two days later, Acme withdrew the phone from sale.', { publishedAt: '2010-06-20' });
    expect(days.find((event) => /withdrew/.test(event.summary))).toMatchObject({ date: '2010-06-09', granularity: 'day' });
    const month = extractEvents('Acme unveiled the phone in March 2010. Two days later, Acme withdrew the phone from sale.', { publishedAt: '2010-06-20' });
    expect(month.find((event) => /withdrew/.test(event.summary))).toMatchObject({ date: '2010-03', granularity: 'month' });
  });

  it('gives nothing past the report\'s day: the sentence is dated as any undated act', () => {
    const events = extractEvents('Acme unveiled the phone on June 7, 2010. Two weeks later, Acme withdrew the phone from sale.', { publishedAt: '2010-06-10' });
    expect(events.find((event) => /withdrew/.test(event.summary))?.date).not.toBe('2010-06-21');
  });
});

describe('coordinated predicates with a date each', () => {
  it('are two events when the second verb is an irregular past', () => {
    const events = extractEvents('He fought pancreatic cancer in 2004 and took six months off in early 2009.', { publishedAt: '2011-01-18' });
    expect(events.map((event) => event.date)).toEqual(['2004', '2009']);
  });
});

describe('a span "later" that reaches the report\'s month', () => {
  it('dates the act in that month when the month has begun by the report\'s day', () => {
    const events = extractEvents('Acme bought the unit on March 3, 2010. Acme sold the unit three months later.', { publishedAt: '2010-06-20' });
    expect(events.find((event) => /sold/.test(event.summary))).toMatchObject({ date: '2010-06', granularity: 'month' });
  });
});
