/**
 * How long until a source is polled again. Pure, so that the scheduler and its tests agree.
 *
 * A failing source is never dropped: each consecutive failure doubles the interval, capped at
 * 24× the base or 6 hours (whichever is smaller, but never below the base itself), so a dead
 * feed costs its host a few requests a day and recovers by itself once it answers again.
 */

/** ×2 per failure stops here: 2^4.58 ≈ 24, i.e. a 5-minute feed is retried every 2 hours at worst. */
export const MAX_BACKOFF_FACTOR = 24;
/** A failing source is still tried four times a day, whatever its base interval. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;
/** Never zero: even a misconfigured `every: 0s` cannot turn a source into a busy loop. */
export const MIN_POLL_DELAY_MS = 1_000;

export interface PollDelayInput {
  /** The source's `every` (or the time to its next cron firing). */
  baseIntervalMs: number;
  consecutiveFailures: number;
  /** The server's own hint (feed <ttl>, Cache-Control max-age); polling sooner is pointless. */
  minIntervalMs?: number | null;
  /** 0.1 → ±10 %, so that sources added together do not poll together forever. */
  jitterRatio?: number;
  /** Injected for tests; Math.random otherwise. */
  random?: () => number;
}

export function nextPollDelayMs(input: PollDelayInput): number {
  const base = Math.max(input.baseIntervalMs, input.minIntervalMs ?? 0, MIN_POLL_DELAY_MS);
  const delay = withBackoff(base, Math.max(0, Math.floor(input.consecutiveFailures)));
  const jitter = clampRatio(input.jitterRatio ?? 0) * delay * ((input.random ?? Math.random)() * 2 - 1);
  return Math.max(MIN_POLL_DELAY_MS, Math.round(delay + jitter));
}

function withBackoff(base: number, failures: number): number {
  if (failures === 0) return base;
  const cap = Math.max(base, Math.min(base * MAX_BACKOFF_FACTOR, MAX_BACKOFF_MS));
  // 2 ** failures overflows to Infinity long after the cap applies; Math.min keeps it finite.
  return Math.min(base * 2 ** Math.min(failures, 64), cap);
}

function clampRatio(ratio: number): number {
  return Number.isFinite(ratio) ? Math.min(Math.max(ratio, 0), 0.5) : 0;
}
