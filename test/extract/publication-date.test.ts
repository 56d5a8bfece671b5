import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.js';
import { dateFromDateline, dateFromUrl, normaliseDate } from '../../src/extract/publication-date.js';

const body = '<p>The delegations met again on Thursday to work through the remaining points of the draft, officials said, and agreed to meet once more next week in Geneva.</p>'.repeat(3);

describe('publication date', () => {
  it('keeps ISO values as found and normalises others', () => {
    expect(normaliseDate('2025-11-21')).toBe('2025-11-21');
    expect(normaliseDate('2025-11-21T10:00:00Z')).toBe('2025-11-21T10:00:00Z');
    expect(normaliseDate('2025-11-21 10:00:00')).toBe('2025-11-21T10:00:00');
    expect(normaliseDate('Fri, 21 Nov 2025 10:00:00 GMT')).toBe('2025-11-21T10:00:00.000Z');
    expect(normaliseDate('20251121')).toBe('2025-11-21');
    expect(normaliseDate('not a date')).toBeNull();
    expect(normaliseDate('1066-10-14')).toBeNull();
  });

  it('reads dates from URL paths', () => {
    expect(dateFromUrl('https://example.com/world/2025/11/21/slug')).toBe('2025-11-21');
    expect(dateFromUrl('https://example.com/2025-11-21-slug.html')).toBe('2025-11-21');
    expect(dateFromUrl('https://example.com/news/20251121/slug')).toBe('2025-11-21');
    expect(dateFromUrl('https://example.com/story/12345678')).toBeNull();
    expect(dateFromUrl('not a url')).toBeNull();
  });

  it('reads visible datelines', () => {
    expect(dateFromDateline('20 November 2025')).toBe('2025-11-20');
    expect(dateFromDateline('By Jane Doe · November 21, 2025')).toBe('2025-11-21');
    expect(dateFromDateline('Sept. 3, 2024')).toBe('2024-09-03');
    expect(dateFromDateline('no date here')).toBeNull();
  });

  it('reads ordinal days and day-first dates, with or without a time and zone', () => {
    expect(dateFromDateline('December 22nd, 2008 8:55 am')).toBe('2008-12-22');
    expect(dateFromDateline('Posted August 2nd, 2013 at 5:19 pm')).toBe('2013-08-02');
    expect(dateFromDateline('May 3rd, 2013 2:00pm EDT')).toBe('2013-05-03');
    expect(dateFromDateline('Dec. 1st 2008')).toBe('2008-12-01');
    expect(dateFromDateline('4 October 2013, 18:07 (GMT+05:00)')).toBe('2013-10-04');
    expect(dateFromDateline('PUBLISHED: 22:07 GMT, 7 July 2012')).toBe('2012-07-07');
    expect(dateFromDateline('Tuesday 28 April 2009 22.34 BST')).toBe('2009-04-28');
    expect(dateFromDateline('22nd December 2008')).toBe('2008-12-22');
    expect(dateFromDateline('the 4th of October, 2013')).toBe('2013-10-04');
  });

  it('reads datelines in figures: year first, month first with slashes, day first with dots, a number past 12 the day', () => {
    expect(dateFromDateline('2013-09-26')).toBe('2013-09-26');
    expect(dateFromDateline('published: 2012-04-04 11:47:35')).toBe('2012-04-04');
    expect(dateFromDateline('Posted: 08/02/2013 11:10 am EDT')).toBe('2013-08-02');
    expect(dateFromDateline('10:10 AM PDT 6/6/2013')).toBe('2013-06-06');
    expect(dateFromDateline('Posted: 04/9/2012 8:33 am')).toBe('2012-04-09');
    expect(dateFromDateline('Article posted on 08.07.2012')).toBe('2012-07-08');
    expect(dateFromDateline('27/09/2013-Turkmenistan to hold elections')).toBe('2013-09-27');
  });

  it('reads no date from figures that are not one: a longer run, a month past 12', () => {
    expect(dateFromDateline('Call 555-2013-12-12')).toBeNull();
    expect(dateFromDateline('version 1.2.2013.4')).toBeNull();
    expect(dateFromDateline('13/13/2013')).toBeNull();
    expect(dateFromDateline('Score: 3-1')).toBeNull();
  });

  it('reads no dateline from an ordinal that is not a day or a day the month lacks', () => {
    expect(dateFromDateline('named the 21st head coach in 2005')).toBeNull();
    expect(dateFromDateline('February 30th, 2013')).toBeNull();
    expect(dateFromDateline('31 April 2013')).toBeNull();
    expect(dateFromUrl('https://example.com/2013/02/30/slug')).toBeNull();
  });

  it('dates a page from an ordinal dateline or a "First Published:" line under the headline', () => {
    const ordinal = `<html><body><article><h1>Talks resume</h1><p>December 22nd, 2008 8:55 am</p>${body}</article></body></html>`;
    expect(extractArticle(ordinal, { url: 'https://example.com/news/talks-resume' })).toMatchObject({ publishedAt: '2008-12-22', publishedAtSource: 'dateline' });
    const labelled = `<html><body><article><h1>Talks resume</h1><div class="byline"><span>By Jane Doe</span> <span>First Published: 4 October 2013, 18:07 (GMT+05:00)</span></div>${body}</article></body></html>`;
    expect(extractArticle(labelled, { url: 'https://example.com/news/talks-resume' })).toMatchObject({ publishedAt: '2013-10-04', publishedAtSource: 'dateline' });
  });

  it('takes no date from a long body sentence about another happening', () => {
    const html = `<html><body><article><h1>Talks resume</h1>${body}<p>The first round of these talks, held in Geneva on March 3rd, 2011, ended without any agreement at all.</p></article></body></html>`;
    expect(extractArticle(html, { url: 'https://example.com/news/talks-resume' }).publishedAt).toBeNull();
  });

  it('takes no date from a short body sentence under the headline, but keeps a labelled dateline', () => {
    const sentence = (line: string) => `<html><body><article><h1>Coach fired</h1><p>${line}</p>${body}</article></body></html>`;
    expect(extractArticle(sentence('Cheeks was named the 21st head coach in team history on May 23rd, 2005.')).publishedAt).toBeNull();
    expect(extractArticle(sentence('The sequel is tentatively scheduled to open November 20, 2009.')).publishedAt).toBeNull();
    expect(extractArticle(sentence('Posted 1 year, 160 days ago [downloaded on 2 October 2013]')).publishedAt).toBeNull();
    expect(extractArticle(sentence('Last updated on: November 11, 2011 19:04 IST')).publishedAt).toBe('2011-11-11');
    expect(extractArticle(sentence('Posted by the editor on Tuesday, 16 December 2008 13:45.')).publishedAt).toBe('2008-12-16');
  });

  it('falls back to a visible dateline under the headline', () => {
    const html = `<html><body><article><h1>Talks resume</h1><div class="meta">21 November 2025</div>${body}</article></body></html>`;
    const a = extractArticle(html, { url: 'https://example.com/news/talks-resume' });
    expect(a.publishedAt).toBe('2025-11-21');
    expect(a.publishedAtSource).toBe('dateline');
  });

  it('prefers JSON-LD over meta over itemprop over <time>', () => {
    const html = `<html><head>
      <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-11-20T08:00:00Z","dateModified":"2025-11-20T09:00:00Z"}</script>
      <meta property="article:published_time" content="2025-11-19T08:00:00Z"></head>
      <body><article><h1>Talks resume</h1><time datetime="2025-11-18">18 Nov</time>${body}</article></body></html>`;
    const a = extractArticle(html);
    expect(a.publishedAt).toBe('2025-11-20T08:00:00Z');
    expect(a.publishedAtSource).toBe('json-ld');
    expect(a.modifiedAt).toBe('2025-11-20T09:00:00Z');
  });
});
