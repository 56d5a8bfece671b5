import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/sources/parse-date.js';

describe('parseFeedDate', () => {
  it('reads RFC 822 with numeric and named zones', () => {
    expect(parseFeedDate('Thu, 20 Nov 2025 10:00:00 +0300')).toBe('2025-11-20T07:00:00.000Z');
    expect(parseFeedDate('Thu, 20 Nov 2025 10:00:00 EST')).toBe('2025-11-20T15:00:00.000Z');
    expect(parseFeedDate('Thu, 20 Nov 2025 10:00:00 MSK')).toBe('2025-11-20T07:00:00.000Z');
    expect(parseFeedDate('Thur, 20 Nov 2025 10:00:00 GMT')).toBe('2025-11-20T10:00:00.000Z');
  });

  it('reads RFC 3339 and reads zoneless times as UTC', () => {
    expect(parseFeedDate('2025-11-20T10:00:00+01:00')).toBe('2025-11-20T09:00:00.000Z');
    expect(parseFeedDate('2025-11-20')).toBe('2025-11-20T00:00:00.000Z');
    expect(parseFeedDate('2025-11-20 10:00:00')).toBe('2025-11-20T10:00:00.000Z');
  });

  it('rejects garbage and placeholder dates', () => {
    expect(parseFeedDate('yesterday')).toBeNull();
    expect(parseFeedDate('0000-00-00 00:00:00')).toBeNull();
    expect(parseFeedDate('1970-01-01T00:00:00Z')).toBeNull();
    expect(parseFeedDate(undefined)).toBeNull();
  });
});
