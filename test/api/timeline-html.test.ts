import { describe, expect, it } from 'vitest';
import { dateHeading, renderEvent, renderTimeline, type TimelineFilters } from '../../src/api/timeline-html.js';
import type { PublicEvent } from '../../src/store/event-store.js';

describe('timeline date headings', () => {
  it('spell out every granularity in words', () => {
    expect(dateHeading('2025-11-27')).toBe('Thursday 27 November 2025');
    // ISO week 7 of 2026 starts on Monday 9 February.
    expect(dateHeading('2026-W07')).toBe('Week of Monday 9 February 2026');
    // Week 1 of 2026 starts in 2025 (29 December): ISO 8601's first Thursday rule.
    expect(dateHeading('2026-W01')).toBe('Week of Monday 29 December 2025');
    expect(dateHeading('2025-12')).toBe('December 2025');
    expect(dateHeading('2026-Q1')).toBe('January–March 2026');
    expect(dateHeading('2025')).toBe('2025');
  });
});

function event(id: string, date: string, firstSeenAt: string): PublicEvent {
  return { id, date, granularity: 'day', dateBasis: 'explicit', modality: 'occurred', summary: id, actors: [], dateText: date, sentence: id, sourceCount: 1, mentionCount: 1, sources: [], story: null, firstSeenAt, updatedAt: firstSeenAt };
}
const noFilters: TimelineFilters = { q: '', source: '', since: '', until: '', modality: '', fresh: false, story: '' };
const liveAttribute = (html: string, name: string) => new RegExp(`id="live"[^>]*\\b${name}="([^"]*)"`).exec(html)?.[1];

describe('the live update on the timeline page', () => {
  it('asks for events first seen after the latest first-seen shown, not the top event\'s', () => {
    // Newest by date first; the older event's report came in later.
    const html = renderTimeline({ events: [event('evt_a', '2026-02-07', '2026-02-07T10:00:00.000Z'), event('evt_b', '2025-11-20', '2026-02-07T11:30:00.000Z')], filters: noFilters, sources: [], nextCursor: null });
    expect(liveAttribute(html, 'data-after')).toBe('2026-02-07T11:30:00.000Z');
  });

  it('polls at the period of ?live=N when given, and keeps it in the filter form', () => {
    const plain = renderTimeline({ events: [], filters: noFilters, sources: [], nextCursor: null });
    expect(liveAttribute(plain, 'data-period')).toBeUndefined();
    expect(plain).not.toContain('name="live"');
    const fast = renderTimeline({ events: [], filters: noFilters, sources: [], nextCursor: null, pollSeconds: 5 });
    expect(liveAttribute(fast, 'data-period')).toBe('5');
    expect(fast).toContain('<input type="hidden" name="live" value="5">');
  });
});

describe('how an event\'s date was found, in words', () => {
  it('names the sentence before, with its words when it kept any, never as empty quotes', () => {
    const carried = { ...event('evt_c', '2025-11-21', '2026-02-07T10:00:00.000Z'), dateBasis: 'context' };
    expect(renderEvent({ ...carried, dateText: 'on Friday' })).toContain('dated by the sentence before (&quot;on Friday&quot;)');
    const bare = renderEvent({ ...carried, dateText: '' });
    expect(bare).toContain('dated by the sentence before ·');
    expect(bare).not.toContain('(&quot;&quot;)');
  });
});
