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

/**
 * The one place that keeps the Job Schedulers in step with the source list: one scheduler per
 * source, upserted (idempotent across restarts and processes), and the schedulers of sources
 * no longer listed removed.
 */
export async function syncSourceSchedulers(discover: Queue, sources: readonly ScheduledSource[]): Promise<void> {
  const wanted = new Set<string>();
  for (const source of sources) {
    const schedulerId = `${SCHEDULER_PREFIX}${source.id}`;
    wanted.add(schedulerId);
    const data: DiscoverPayload = { sourceId: source.id };
    const template = { name: JOB_NAMES.discover, data, opts: DEFAULT_JOB_OPTIONS.discover };
    if (source.cron) {
      await discover.upsertJobScheduler(schedulerId, { pattern: source.cron, immediately: true }, template);
    } else {
      const everyMs = sourceIntervalMs(source);
      await discover.upsertJobScheduler(schedulerId, { every: everyMs, offset: pollOffsetMs(source.id, everyMs) }, template);
    }
  }
  for (const scheduler of await discover.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (id.startsWith(SCHEDULER_PREFIX) && !wanted.has(id)) await discover.removeJobScheduler(id);
  }
}

/**
 * Queues one poll right away for each source that is due (never polled, or its next poll has
 * passed): an `every` scheduler's first run waits for its interval (and offset), and a source
 * added with `every: 1h` should not stay unread for an hour.
 */
export async function pollDueSourcesNow(discover: Queue, sources: readonly (ScheduledSource & { nextPollAt: string | null })[], now = Date.now()): Promise<number> {
  const due = sources.filter((source) => source.nextPollAt === null || Date.parse(source.nextPollAt) <= now);
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
