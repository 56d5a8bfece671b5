import { describe, expect, it } from 'vitest';
import { extractEvents, type ExtractedEvent } from '../../src/events/extract-events.js';
import { SEED_DATES, seedText } from './seeds.js';

const eventsOf = (key: string): ExtractedEvent[] => extractEvents(seedText(key), { publishedAt: SEED_DATES[key] });

/**
 * The dated events a reader finds in the seeds: seed, date, and words of the sentence that
 * reports it. Recall on this list must stay at 0.9 or more.
 */
const EXPECTED: Array<[string, string, string]> = [
  ['000', '2026-06', 'bring their nearly four-year-old war to an end by June'],
  ['000', '2026-02-07', 'comments made public on Saturday'],
  ['000', '2026-06', 'do everything by June'],
  ['000', '2022', 'under Russian occupation since 2022'],
  ['001', '2025-12-22', 'announced on Monday that the core package'],
  ['001', '2025-12-22', 'returning to Kyiv today'],
  ['001', '2025-12-24', 'will return to Moscow on Wednesday'],
  ['001', '2022-02', 'war that began in February 2022'],
  ['001', '2026-Q1', 'first hearings scheduled for Q1 2026'],
  ['001', '2025-12-14', 'Signed 14 Dec 2025'],
  ['002', '2025-11-24', 'in talks throughout Monday'],
  ['002', '2025-11-23', 'after talks in Geneva on Sunday'],
  ['002', '2025-11-27', 'secure a peace deal before Thanksgiving on Thursday'],
  ['002', '2025-11-24', 'returning home on Monday'],
  ['002', '2025-01', 'came into office in January'],
  ['002', '2025-11-24', 'said on Monday that he will continue'],
  ['003', '2025-11-21', 'denied on Friday'],
  ['003', '2025-11-20', 'a senior US official said on Thursday'],
  ['003', '2025-11-21', 'Umerov said on Friday'],
  ['003', '2025-11-20', 'met a US Army delegation on Thursday'],
  ['004', '2025-11-20', 'submitted to Kiev on Thursday a 28-point plan'],
  ['004', '2025-11-27', 'before Thanksgiving” on Thursday next week'],
  ['004', '2014', 'Russia annexed Crimea in 2014'],
  ['004', '2008', 'The 2008 NATO summit in Bucharest'],
  ['004', '2025-11', 'presenting a peace deal in Moscow later this month'],
  ['004', '2025-12', 'concluding the process by early December'],
  ['000', '2026-W07', 'host fresh peace talks between the two sides as early as next week'],
  ['004', '2025-W46', 'alleged last week'],
  ['004', '2025-11-20', 'Putin received a briefing'],
];

/** Residue that must never give an event. */
const RESIDUE = [
  /open image in gallery/i, /your support/i, /min read/i, /leave a comment/i, /adblock/i, /^\s*date \d{4}/i,
  /recommended/i, /you may also like/i, /support now/i, /read more/i, /as of 22 Dec/i, /^\s*\d{1,2} \w+ \d{4}\s*$/,
  /^\s*\w+ \d{1,2}, \d{4}\s*$/, /akismet/i, /Explore/, /France 24, 14 Dec/,
];

const squash = (s: string): string => s.replace(/\s+/g, ' ');

describe('extractEvents on the seed articles', () => {
  const all = Object.keys(SEED_DATES).flatMap((key) => eventsOf(key).map((e) => ({ key, ...e })));

  it(`recalls at least 90% of the ${EXPECTED.length} expected dated events`, () => {
    const missed = EXPECTED.filter(([key, date, words]) =>
      !all.some((e) => e.key === key && e.date === date && squash(e.sentence).includes(squash(words))));
    const recall = 1 - missed.length / EXPECTED.length;
    expect(missed, `recall ${recall.toFixed(2)}`).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('takes no event from residue lines', () => {
    for (const e of all) for (const re of RESIDUE) expect(e.sentence, e.sentence).not.toMatch(re);
  });

  it('gives the issue examples their dates and modalities', () => {
    const by = (key: string, words: string): ExtractedEvent => {
      const hit = eventsOf(key).find((e) => squash(e.sentence).includes(words));
      if (!hit) throw new Error(`no event with «${words}» in seed ${key}`);
      return hit;
    };
    expect(by('003', 'denied on Friday')).toMatchObject({ date: '2025-11-21', granularity: 'day', dateText: 'Friday' });
    expect(by('003', 'said on Thursday')).toMatchObject({ date: '2025-11-20', modality: 'reported' });
    expect(by('004', 'before Thanksgiving')).toMatchObject({ date: '2025-11-27', granularity: 'day', modality: 'deadline' });
    expect(by('004', 'alleged last week')).toMatchObject({ date: '2025-W46', granularity: 'week' });
    expect(by('000', 'do everything by June')).toMatchObject({ date: '2026-06', granularity: 'month', modality: 'deadline' });
    expect(by('001', 'scheduled for Q1 2026')).toMatchObject({ date: '2026-Q1', granularity: 'quarter', modality: 'scheduled' });
    expect(by('001', 'will return to Moscow on Wednesday')).toMatchObject({ date: '2025-12-24', modality: 'scheduled' });
    expect(by('004', 'submitted to Kiev on Thursday')).toMatchObject({ date: '2025-11-20', modality: 'occurred' });
  });

  it('makes one event per coordinated predicate with a date of its own', () => {
    const first = eventsOf('000').filter((e) => e.sentence.includes('as early as next week'));
    expect(first.map((e) => [e.date, e.modality])).toEqual([['2026-06', 'deadline'], ['2026-W07', 'scheduled']]);
    expect(first[1].summary).toMatch(/peace talks .* as early as next week$/);
  });

  it('keeps background history, dated at year granularity', () => {
    const crimea = eventsOf('004').find((e) => e.sentence.includes('annexed Crimea in 2014'));
    expect(crimea).toMatchObject({ date: '2014', granularity: 'year', modality: 'occurred' });
  });

  it('names the actors and keeps the summary to the clause', () => {
    const denied = eventsOf('003').find((e) => e.sentence.includes('denied on Friday'))!;
    expect(denied.actors).toContain('Volodymyr Zelensky');
    expect(denied.summary).toMatch(/^Ukrainian President .* denied on Friday he had agreed/);
    expect(denied.summary).not.toMatch(/after US officials said/);
    const plan = eventsOf('004').find((e) => e.sentence.includes('submitted to Kiev'))!;
    expect(plan.actors).toEqual(expect.arrayContaining(['Trump', 'Kyiv', 'Russia']));
    const barrot = eventsOf('004').find((e) => e.sentence.includes('Barrot'))!;
    expect(barrot.actors).toContain('Jean-Noël Barrot');
    expect(barrot.modality).toBe('reported');
    for (const key of Object.keys(SEED_DATES)) {
      for (const e of eventsOf(key)) expect(e.summary.split(/\s+/).length).toBeLessThanOrEqual(31);
    }
  });
});

describe('extractEvents: rules and bad input', () => {
  const at = { publishedAt: '2025-11-21' };

  it('accepts an ISO date-time as the publication date and rejects garbage', () => {
    expect(extractEvents('The envoys met on Thursday.', { publishedAt: '2025-11-21T09:30:00Z' })[0].date).toBe('2025-11-20');
    expect(extractEvents('The envoys met on Thursday.', { publishedAt: 'Fri, 21 Nov 2025 10:00:00 GMT' })[0].date).toBe('2025-11-20');
    expect(() => extractEvents('The envoys met on Thursday.', { publishedAt: 'last Friday' })).toThrow(/publishedAt/);
    expect(() => extractEvents('x', { publishedAt: '2025-02-31' })).toThrow(/publishedAt/);
  });

  it('makes no event from durations alone, bylines, datelines, reading times or copyright lines', () => {
    const text = [
      'By Andre Damon', '20 November 2025', '3 min read', '© 2025 Reuters. All rights reserved.',
      'The war has lasted nearly four years.', 'Implementation Status (as of 22 Dec 2025)',
    ].join('\n\n');
    expect(extractEvents(text, at)).toEqual([]);
    // The dateline dates the copy: the act after it is dated by its report, not by "Nov. 20".
    const [aid] = extractEvents('NAIROBI, Nov. 20 (Xinhua) -- Officials met to discuss aid.', at);
    expect(aid).toMatchObject({ date: '2025-11-21', dateBasis: 'publication', sentence: 'Officials met to discuss aid.' });
  });

  it('labels deadlines, scheduled and reported events', () => {
    const [deadline] = extractEvents('Kyiv must answer no later than Thursday next week.', at);
    expect(deadline).toMatchObject({ modality: 'deadline', date: '2025-11-27' });
    const [scheduled] = extractEvents('The ministers will meet in Geneva next week.', at);
    expect(scheduled).toMatchObject({ modality: 'scheduled', date: '2025-W48', granularity: 'week' });
    const [until] = extractEvents('The INS has given the relatives until 9 a.m. Tuesday to sign the paper.', at);
    expect(until).toMatchObject({ modality: 'deadline', date: '2025-11-25' });
    const [pastUntil] = extractEvents('He served as defence minister until July.', at);
    expect(pastUntil).toMatchObject({ modality: 'occurred', date: '2025-07' });
    const [announcedAhead] = extractEvents('The group would leave as soon as Tuesday, Castro said.', at);
    expect(announcedAhead).toMatchObject({ modality: 'scheduled', date: '2025-11-25' });
    const [asOf] = extractEvents('By early 2025, 70 % of the terrain in Donetsk remained uncleared.', at);
    expect(asOf).toMatchObject({ modality: 'occurred', date: '2025' });
    const [stillALimit] = extractEvents('The White House had wanted a deal by the end of the year.', at);
    expect(stillALimit).toMatchObject({ modality: 'deadline', date: '2025' });
    const [reported] = extractEvents('The Kremlin said on Friday that the plan was a basis for talks.', at);
    expect(reported).toMatchObject({ modality: 'reported', date: '2025-11-21' });
  });

  it('reads two expressions of one date as one, but never across a quotation mark', () => {
    const [joined] = extractEvents('They will sign a deal before Thanksgiving on Thursday.', at);
    expect(joined).toMatchObject({ date: '2025-11-27', dateText: 'Thanksgiving on Thursday', modality: 'deadline' });
    const quoted = extractEvents('They added that officials expect Zelensky to sign the agreement “before Thanksgiving” on Thursday next week.', at);
    expect(quoted).toHaveLength(1);
    expect(quoted[0]).toMatchObject({ date: '2025-11-27', dateText: 'Thanksgiving', modality: 'deadline' });
  });

  it('keeps the part of a period in the date text', () => {
    const [close] = extractEvents('The White House wants to end the war before the close of the year.', at);
    expect(close).toMatchObject({ date: '2025', granularity: 'year', modality: 'deadline', dateText: 'the close of the year' });
    const [plain] = extractEvents('The envoys met on Thursday.', at);
    expect(plain.dateText).toBe('Thursday');
  });

  it('finds present-tense predicates but still no verb in a caption or table row', () => {
    expect(extractEvents('Officials expect Zelensky to sign the agreement on Thursday next week.', at)[0]).toMatchObject({ date: '2025-11-27' });
    expect(extractEvents('They want a deal by June.', at)[0]).toMatchObject({ date: '2026-06', modality: 'deadline' });
    expect(extractEvents('The ministers convene in Brussels on Monday.', at)[0]).toMatchObject({ dateText: 'Monday' });
    expect(extractEvents('Trump and Zelensky in the Oval Office at the White House in February', at)).toEqual([]);
    expect(extractEvents('Q1 2026 launch of the cyber shield operations', at)).toEqual([]);
  });

  it('returns nothing for empty text, "31 February" or "the 45th", and is quick on 1 MB without a full stop', () => {
    expect(extractEvents('', at)).toEqual([]);
    expect(extractEvents('   \n\n ', at)).toEqual([]);
    // No such dates: the act is dated as an undated one, by its report.
    expect(extractEvents('The treaty was signed on 31 February and ratified on the 45th.', at).map((e) => e.dateBasis)).toEqual(['publication']);
    const big = `${'the talks went on and on '.repeat(40_000)}on Friday`;
    const t0 = performance.now();
    expect(extractEvents(big, at)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(3_000);
  });
});
