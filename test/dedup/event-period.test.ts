import { describe, expect, it } from 'vitest';
import { periodOf } from '../../src/dedup/event-period.js';

describe('periodOf', () => {
  it('gives the first and last day of each granularity', () => {
    expect(periodOf('2025-11-20')).toEqual({ start: '2025-11-20', end: '2025-11-20' });
    // ISO week 47 of 2025 runs Monday 17 to Sunday 23 November.
    expect(periodOf('2025-W47')).toEqual({ start: '2025-11-17', end: '2025-11-23' });
    // Week 1 of 2026 starts on Monday 29 December 2025 (the week of the year's first Thursday).
    expect(periodOf('2026-W01')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(periodOf('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf('2014')).toEqual({ start: '2014-01-01', end: '2014-12-31' });
  });

  it('refuses what is not a calendar period', () => {
    expect(periodOf('PRESENT_REF')).toBeNull();
    expect(periodOf('P1M')).toBeNull();
    expect(periodOf('2025-13')).toBeNull();
  });
});
