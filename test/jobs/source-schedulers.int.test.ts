import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pollDueSourcesNow, syncSourceSchedulers } from '../../jobs/schedulers.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let connection: Redis;

beforeAll(async () => {
  redis = await startTestRedis();
  connection = new Redis(redis.url, { maxRetriesPerRequest: null });
});

afterAll(async () => {
  connection?.disconnect();
  await redis?.stop();
});

/** When each queued discover job of a source may run (its timestamp plus delay). */
async function runTimes(queue: Queue, sourceId: string): Promise<number[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.filter((job) => job.data.sourceId === sourceId).map((job) => job.timestamp + (job.delay ?? 0)).sort((a, b) => a - b);
}

describe('source schedulers on Redis', () => {
  it('polls a due source once at start, and its scheduler not again within the interval', async () => {
    const queue = new Queue('discover', { connection, prefix: redis.prefix() });
    const sources = [
      { id: 'every-ten', every: '10m', nextPollAt: null },
      { id: 'every-five', every: '5m', nextPollAt: null },
      { id: 'on-cron', cron: '* * * * *', nextPollAt: null },
    ];
    const now = Date.now();
    await syncSourceSchedulers(queue, sources, now);
    expect(await pollDueSourcesNow(queue, sources, now)).toBe(3);

    for (const [id, everyMs] of [['every-ten', 600_000], ['every-five', 300_000]] as const) {
      const times = await runTimes(queue, id);
      // One run now (the start-up poll) and the scheduler's first, an interval or more later.
      expect(times).toHaveLength(2);
      expect(times[0]).toBeLessThanOrEqual(now + 1_000);
      expect(times[1]).toBeGreaterThanOrEqual(now + everyMs);
    }
    // A cron scheduler waits for its next tick instead of running at once beside the start-up poll.
    const cron = await runTimes(queue, 'on-cron');
    expect(cron).toHaveLength(2);
    expect(cron[1]).toBeGreaterThan(now + 1_000);

    // A restart keeps the schedulers' slots: nothing new is queued for them.
    const scheduled = (await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s.next]);
    await syncSourceSchedulers(queue, sources, now + 5_000);
    expect((await queue.getJobSchedulers(0, -1)).map((s) => [s.key, s.next])).toEqual(scheduled);
    await queue.obliterate({ force: true });
    await queue.close();
  });
});
