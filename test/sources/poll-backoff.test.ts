import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextPollDelayMs } from '../../src/sources/poll-backoff.js';

const MINUTE = 60_000;

describe('nextPollDelayMs', () => {
  it('is the base interval when healthy', () => {
    expect(nextPollDelayMs({ baseIntervalMs: 5 * MINUTE, consecutiveFailures: 0 })).toBe(5 * MINUTE);
  });

  it('doubles per failure, capped at 24× the base', () => {
    const delays = [1, 2, 3, 4, 5, 10, 1000].map((failures) => nextPollDelayMs({ baseIntervalMs: 5 * MINUTE, consecutiveFailures: failures }));
    expect(delays).toEqual([10, 20, 40, 80, 120, 120, 120].map((minutes) => minutes * MINUTE));
  });

  it('is capped at 6 hours for slow sources but never below the base', () => {
    expect(nextPollDelayMs({ baseIntervalMs: 60 * MINUTE, consecutiveFailures: 10 })).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelayMs({ baseIntervalMs: 24 * 60 * MINUTE, consecutiveFailures: 10 })).toBe(24 * 60 * MINUTE);
  });

  it('honours the server hint and is never zero', () => {
    expect(nextPollDelayMs({ baseIntervalMs: MINUTE, consecutiveFailures: 0, minIntervalMs: 15 * MINUTE })).toBe(15 * MINUTE);
    expect(nextPollDelayMs({ baseIntervalMs: 0, consecutiveFailures: 0 })).toBeGreaterThan(0);
  });

  it('applies jitter within the ratio', () => {
    expect(nextPollDelayMs({ baseIntervalMs: 100_000, consecutiveFailures: 0, jitterRatio: 0.1, random: () => 0 })).toBe(90_000);
    expect(nextPollDelayMs({ baseIntervalMs: 100_000, consecutiveFailures: 0, jitterRatio: 0.1, random: () => 1 })).toBe(110_000);
  });
});
