import { describe, expect, it } from 'vitest';
import { boundedAgoDate } from '../../src/events/bounded-ago.js';
import { extractEvents } from '../../src/events/extract-events.js';

describe('a bounded "… ago"', () => {
  it('dates the event by the smallest period that holds the whole stretch back to the report', () => {
    // 2010-06-16 (Wednesday): two weeks back is 2010-06-02, still June.
    expect(boundedAgoDate('less than two weeks ago', '2010-06-16')).toMatchObject({ date: '2010-06', granularity: 'month' });
    // Three days back from a Friday stays in its week.
    expect(boundedAgoDate('less than three days ago', '2010-06-18')).toMatchObject({ date: '2010-W24', granularity: 'week' });
    // Across a month's end: the quarter.
    expect(boundedAgoDate('under a month ago', '2010-05-10')).toMatchObject({ date: '2010-Q2', granularity: 'quarter' });
    expect(boundedAgoDate('two weeks ago', '2010-06-16')).toBeNull();
    expect(boundedAgoDate('less than several weeks ago', '2010-06-16')).toBeNull();
  });

  it('is what the event takes, so a day inside the stretch can agree with it', () => {
    const [event] = extractEvents('The phone was introduced by Jobs at the conference less than two weeks ago.', { publishedAt: '2010-06-16' });
    expect(event).toMatchObject({ date: '2010-06', granularity: 'month', dateBasis: 'text' });
  });
});
