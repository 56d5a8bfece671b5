import { describe, expect, it } from 'vitest';
import { isBackground, isNewDevelopment } from '../../src/notify/new-development.js';
import { matchesFilter } from '../../src/notify/webhook-filter.js';
import { webhookBackoffMs } from '../../workers/notify-worker.js';
import { firstScheduledPollMs, pollOffsetMs } from '../../jobs/schedulers.js';

describe('new developments', () => {
  it('pages for events dated recently or ahead, not for history', () => {
    expect(isNewDevelopment('2025-11-20', '2025-11-21T10:00:00Z')).toBe(true);
    expect(isNewDevelopment('2025-11-27', '2025-11-20')).toBe(true);
    expect(isNewDevelopment('2025-W46', '2025-11-21')).toBe(true);
    expect(isNewDevelopment('2026-06', '2026-02-07')).toBe(true);
    expect(isNewDevelopment('2014', '2025-11-21')).toBe(false);
    expect(isNewDevelopment('2022-02-24', '2025-11-21')).toBe(false);
    expect(isNewDevelopment('2025-10-01', '2025-11-21')).toBe(false);
  });

  it('takes the window in days as a setting', () => {
    expect(isNewDevelopment('2025-11-05', '2025-11-21', 7)).toBe(false);
    expect(isNewDevelopment('2025-11-05', '2025-11-21', 30)).toBe(true);
    expect(isNewDevelopment('2025-11-20', '2025-11-21', 0)).toBe(false);
  });

  it('tells background: "since 2014", a year that began long before the report', () => {
    const told = (date: string, dateText: string, sentence: string) => ({ date, dateText, sentence });
    expect(isBackground(told('2025', 'this year', 'Trump, who returned to office this year, has reoriented US policy.'), '2025-11-21')).toBe(true);
    expect(isBackground(told('2014', '2014', 'The war has gone on since 2014.'), '2025-11-21')).toBe(true);
    expect(isBackground(told('2025-11-20', 'Thursday', 'The US submitted the plan on Thursday.'), '2025-11-21')).toBe(false);
    expect(isBackground(told('2026', 'next year', 'Elections will be held next year.'), '2025-11-21')).toBe(false);
  });
});

describe('webhook filters', () => {
  const event = {
    summary: 'Zelensky rejected the plan',
    sentence: 'Zelensky rejected the plan on Friday.',
    actors: ['Volodymyr Zelensky', 'Ukraine'],
    modality: 'occurred',
    sources: [{ sourceId: 'world-rss' }, { sourceId: null }],
  };
  it('matches keywords as whole words, case-folded, in summary, sentence or actors', () => {
    expect(matchesFilter({}, event)).toBe(true);
    expect(matchesFilter({ keywords: ['ukraine'] }, event)).toBe(true);
    expect(matchesFilter({ keywords: ['Gaza', 'plan'] }, event)).toBe(true);
    expect(matchesFilter({ keywords: ['Ukr'] }, event)).toBe(false);
    expect(matchesFilter({ keywords: ['Gaza'] }, event)).toBe(false);
  });

  it('matches sources and modalities, every part given holding', () => {
    expect(matchesFilter({ sources: ['world-rss'] }, event)).toBe(true);
    expect(matchesFilter({ sources: ['europe-atom', 'world-rss'] }, event)).toBe(true);
    expect(matchesFilter({ sources: ['europe-atom'] }, event)).toBe(false);
    expect(matchesFilter({ modalities: ['occurred', 'reported'] }, event)).toBe(true);
    expect(matchesFilter({ modalities: ['scheduled'] }, event)).toBe(false);
    expect(matchesFilter({ sources: ['world-rss'], modalities: ['occurred'], keywords: ['plan'] }, event)).toBe(true);
    expect(matchesFilter({ sources: ['world-rss'], modalities: ['occurred'], keywords: ['Gaza'] }, event)).toBe(false);
    expect(matchesFilter({ sources: ['world-rss'], modalities: ['deadline'], keywords: ['plan'] }, event)).toBe(false);
    // An ingested article has no source: a sources filter does not match it.
    expect(matchesFilter({ sources: ['world-rss'] }, { ...event, sources: [{ sourceId: null }] })).toBe(false);
    expect(matchesFilter({ sources: [], modalities: [] }, event)).toBe(true);
  });

  it('matches stories: events of one of the stories listed', () => {
    const inStory = { ...event, story: { id: 'sto_talks' } };
    expect(matchesFilter({ stories: ['sto_talks'] }, inStory)).toBe(true);
    expect(matchesFilter({ stories: ['sto_other', 'sto_talks'] }, inStory)).toBe(true);
    expect(matchesFilter({ stories: ['sto_other'] }, inStory)).toBe(false);
    // An event in no story (stored before stories were kept) matches no story filter.
    expect(matchesFilter({ stories: ['sto_talks'] }, { ...event, story: null })).toBe(false);
    expect(matchesFilter({ stories: ['sto_talks'] }, event)).toBe(false);
    expect(matchesFilter({ stories: [] }, event)).toBe(true);
    expect(matchesFilter({ stories: ['sto_talks'], keywords: ['Gaza'] }, inStory)).toBe(false);
  });
});

describe('schedules', () => {
  it('retries deliveries on the Standard Webhooks schedule', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(webhookBackoffMs)).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, 36_000_000]);
  });
  it('spreads sources over their interval, the same offset each time', () => {
    expect(pollOffsetMs('a', 300_000)).toBe(pollOffsetMs('a', 300_000));
    expect(pollOffsetMs('a', 300_000)).toBeLessThan(30_000);
    const offsets = new Set(['a', 'b', 'c', 'd', 'e'].map((id) => pollOffsetMs(id, 300_000)));
    expect(offsets.size).toBeGreaterThan(1);
  });
  it("starts a due source's scheduler an interval after the start-up poll, on its own slot", () => {
    const every = 600_000;
    // Seconds before a 10-minute boundary: the next slot would come within the minute.
    const now = Date.UTC(2026, 11, 1, 20, 49, 58);
    for (const id of ['one-line-listing', 'deep-listing', 'a', 'b']) {
      const first = firstScheduledPollMs({ id, nextPollAt: null }, every, now);
      expect(first).toBeGreaterThanOrEqual(now + every);
      expect(first).toBeLessThan(now + 2 * every);
      expect(first % every).toBe(pollOffsetMs(id, every));
    }
  });
  it('starts a source that is not due yet at its stored next poll', () => {
    const every = 300_000;
    const now = Date.UTC(2026, 11, 1, 12, 0, 0);
    const nextPollAt = new Date(now + 120_000).toISOString();
    const first = firstScheduledPollMs({ id: 'later', nextPollAt }, every, now);
    expect(first).toBeGreaterThanOrEqual(now + 120_000);
    expect(first).toBeLessThan(now + 120_000 + every);
    // Due (its next poll has passed): an interval from now, as for a new source.
    expect(firstScheduledPollMs({ id: 'later', nextPollAt: new Date(now - 1).toISOString() }, every, now)).toBeGreaterThanOrEqual(now + every);
  });
});
