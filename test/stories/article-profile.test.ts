import { describe, expect, it } from 'vitest';
import { actorKey, articleProfile } from '../../src/stories/article-profile.js';
import { distinctiveTerms, termOf } from '../../src/stories/distinctive-terms.js';

describe('distinctive terms', () => {
  it('weighs names above plain words and plain words above words every report uses', () => {
    const terms = distinctiveTerms(null, 'The police said on Thursday that Hakim died. Officials said the bomb exploded at the bank in Woodburn.');
    expect(terms[termOf('woodburn')]).toBeGreaterThan(terms.bomb);
    expect(terms.hakim).toBeGreaterThan(terms.bomb);
    expect(terms.bomb).toBeGreaterThan(terms.said ?? 0);
    expect(terms.the).toBeUndefined();
    // Capitalised, and still a word any report uses.
    expect(terms.thursday ?? 0).toBeLessThan(terms.bomb);
  });

  it('counts a year, not other numbers', () => {
    const terms = distinctiveTerms(null, 'Turkmenistan held a parliamentary election in 2013, with 283 candidates.');
    expect(terms['2013']).toBeGreaterThan(0);
    expect(terms['283']).toBeUndefined();
  });

  it('writes the spellings of one name that differ in a doubled letter as one term', () => {
    const a = distinctiveTerms(null, 'President Volodymyr Zelenskyy met envoys in Kyiv.');
    const b = distinctiveTerms(null, 'President Volodymyr Zelensky met envoys in Kyiv.');
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  });

  it('is L2-normalised', () => {
    const terms = distinctiveTerms('Klitschko stops Thompson', 'Wladimir Klitschko stopped Tony Thompson in the sixth round in Bern.');
    const norm = Math.sqrt(Object.values(terms).reduce((s, w) => s + w * w, 0));
    expect(norm).toBeCloseTo(1, 3);
  });
});

describe('article profile', () => {
  const text = 'Well, it happened. Actress Tara Reid checked into rehab, her publicist said. Reid was seen in Malibu on Tuesday.';
  const events = [
    { date: '2025-12-30', granularity: 'day' as const, dateText: 'Tuesday', actors: ['Reid', 'Malibu'] },
    { date: '2008-12-09', granularity: 'day' as const, dateText: 'December 9, 2008', actors: ['Tara Reid'] },
    { date: '2025-12', granularity: 'month' as const, dateText: 'December', actors: ['Well'] },
  ];

  it('ranks actors by mention, one entry a person under the longer name, sentence openers left out', () => {
    const profile = articleProfile({ title: 'Tara Reid enters rehab', text, events, publishedAt: '2025-12-31T00:00:00Z' });
    expect(profile.actors[0]).toBe('tara reid');
    expect(profile.actors).toContain('malibu');
    expect(profile.actors).not.toContain('reid');
    expect(profile.actors).not.toContain('well');
  });

  it('keeps day-precise dates and the publication day when the date is known', () => {
    const profile = articleProfile({ title: null, text, events, publishedAt: '2025-12-31T00:00:00Z' });
    expect(profile.days).toEqual(['2008-12-09', '2025-12-30', '2025-12-31']);
  });

  it('keeps only the dates spelled out with their year when the publication date is a guess', () => {
    const profile = articleProfile({ title: null, text, events, publishedAt: '2026-01-01T00:00:00Z', publishedAtKnown: false });
    expect(profile.days).toEqual(['2008-12-09']);
    expect(profile.publishedAt).toBe('2026-01-01T00:00:00Z');
  });

  it("writes an actor as the terms write its words: case and accents folded, O'Brien one word", () => {
    expect(actorKey("Jim O'Brien")).toBe('jim obrien');
    expect(actorKey('Jean-Noël Barrot’s')).toBe('jean noel barrot');
    const profile = articleProfile({ title: null, text: "The 76ers fired coach Jim O'Brien on Monday. O'Brien led the team for a year.", events: [{ date: '2005-05-23', granularity: 'day', dateText: 'Monday', actors: ["Jim O'Brien"] }], publishedAt: '2005-05-24' });
    expect(profile.actors).toEqual(['jim obrien']);
    expect(profile.terms.obrien).toBeGreaterThan(0);
  });

  it('reads the names of a Title Case headline as the words the text writes as names, a hyphen between two', () => {
    const body = 'One report said the Washington Nationals raised their offer to Mark Teixeira. The Boston Red Sox have an offer on the table, and Teixeira may still wait.';
    const event = (actors: string[]) => ({ date: '2008-12-23', granularity: 'day' as const, dateText: 'Tuesday', actors });
    const profile = articleProfile({ title: "Nationals' Eight-Year Offer to Teixeira Reportedly Bumped", text: body, events: [event(['Boston Red Sox']), event(['Boston Red Sox'])], publishedAt: '2008-12-23' });
    // The headline's two names outweigh the Red Sox the events name twice; its other capitalised words are no names.
    expect(profile.actors.slice(0, 2).sort()).toEqual(['nationals', 'teixeira']);
    expect(profile.actors.join(' ')).not.toMatch(/offer|reportedly|bumped/);
    const rumour = articleProfile({ title: 'Red Sox-Teixeira Rumor', text: body, events: [], publishedAt: '2008-12-23' });
    expect(rumour.actors.slice(0, 2)).toEqual(['red sox', 'teixeira']);
  });
});
