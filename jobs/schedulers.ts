import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { sourceIntervalMs } from '../src/config.js';
import { DEFAULT_JOB_OPTIONS, JOB_NAMES, type DiscoverPayload } from './queues.js';

/** What scheduling needs of a source. */
export interface ScheduledSource {
  id: string;
  every?: string | null;
  /** API-created sources have a higher floor on `every` (config.ts MIN_EVERY_MS). */
  origin?: 'config' | 'api';
  cron?: string | null;
  /** When the store says the source is next due; null when it was never polled. */
  nextPollAt?: string | null;
}

const SCHEDULER_PREFIX = 'source:';

/**
 * Spreads sources that share an interval over it (up to a tenth of it, at most a minute), the
 * same offset each time for one source, so that twenty feeds set to 5m do not all fire at once.
 */
export function pollOffsetMs(sourceId: string, everyMs: number): number {
  const spread = Math.min(Math.floor(everyMs / 10), 60_000);
  if (spread <= 0) return 0;
  return createHash('sha1').update(sourceId).digest().readUInt32BE(0) % spread;
}

/** Due now: never polled, or its next poll has passed. `pollDueSourcesNow` polls these at once. */
function isDue(source: ScheduledSource, now: number): boolean {
  return !source.nextPollAt || Date.parse(source.nextPollAt) <= now;
}

/**
 * The first run of a new `every` scheduler: the source's own slot (its offset within the
 * interval) at or after one interval from now when the source is due (it is polled at once by
 * `pollDueSourcesNow`, so the scheduler must not poll it again within the minute), or at or
 * after its stored next poll otherwise. BullMQ alone would run it at the next slot, anywhere
 * from a second to an interval away, so a source polled at start was often polled twice.
 */
export function firstScheduledPollMs(source: ScheduledSource, everyMs: number, now = Date.now()): number {
  const from = isDue(source, now) ? now + everyMs : Date.parse(source.nextPollAt as string);
  const offset = pollOffsetMs(source.id, everyMs);
  const slot = Math.floor((from - offset) / everyMs) * everyMs + offset;
  return slot >= from ? slot : slot + everyMs;
}

/**
 * The one place that keeps the Job Schedulers in step with the source list: one scheduler per
 * source, upserted (idempotent across restarts and processes), and the schedulers of sources
 * no longer listed removed. A scheduler that exists keeps its slots; `startDate` only places the
 * first run of a new one (or of one whose interval changed). Neither kind runs at once: that is
 * `pollDueSourcesNow`'s job, once for every source that is due.
 */
export async function syncSourceSchedulers(discover: Queue, sources: readonly ScheduledSource[], now = Date.now()): Promise<void> {
  const wanted = new Set<string>();
  for (const source of sources) {
    const schedulerId = `${SCHEDULER_PREFIX}${source.id}`;
    wanted.add(schedulerId);
    const data: DiscoverPayload = { sourceId: source.id };
    const template = { name: JOB_NAMES.discover, data, opts: DEFAULT_JOB_OPTIONS.discover };
    if (source.cron) {
      await discover.upsertJobScheduler(schedulerId, { pattern: source.cron }, template);
    } else {
      const everyMs = sourceIntervalMs(source);
      const startDate = firstScheduledPollMs(source, everyMs, now);
      await discover.upsertJobScheduler(schedulerId, { every: everyMs, offset: pollOffsetMs(source.id, everyMs), startDate }, template);
    }
  }
  for (const scheduler of await discover.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id)) await discover.removeJobScheduler(id);
  }
}

/**
 * Queues one poll right away for each source that is due (never polled, or its next poll has
 * passed): a scheduler's first run waits an interval (`firstScheduledPollMs`), and a source
 * added with `every: 1h` should not stay unread for an hour.
 */
export async function pollDueSourcesNow(discover: Queue, sources: readonly ScheduledSource[], now = Date.now()): Promise<number> {
  const due = sources.filter((source) => isDue(source, now));
  await discover.addBulk(
    due.map((source) => ({
      name: JOB_NAMES.discover,
      data: { sourceId: source.id } satisfies DiscoverPayload,
      // One per source and minute: several processes starting together add it once.
      opts: { ...DEFAULT_JOB_OPTIONS.discover, jobId: `poll-now-${source.id}-${Math.floor(now / 60_000)}` },
    })),
  );
  return due.length;
}
