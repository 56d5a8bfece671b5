import { describe, expect, it } from 'vitest';
import { dateHeading } from '../../src/api/timeline-html.js';

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
