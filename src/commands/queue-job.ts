import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { DEFAULT_JOB_OPTIONS } from '../../jobs/queues.js';
import { resolveRedis } from '../runtime/embedded-redis.js';
import { writeJsonLine, type CommandIO } from './command-io.js';

/**
 * How a CLI command acts on a running chronicle without opening the store (PGlite allows one
 * process): it adds one job to the `reingest` queue and, with --wait, follows it to its end.
 */
export interface QueuedJobRequest {
  config: Config;
  name: string;
  data: unknown;
  wait: boolean;
  io: CommandIO;
  /** A progress line for a terminal, from the job's progress. */
  describeProgress: (progress: Record<string, number>) => string;
  /** Prints the finished job's result; returns the exit code. */
  printResult: (jobId: string, result: unknown) => number;
}

export async function queueJob(request: QueuedJobRequest): Promise<number> {
  const { config, io } = request;
  const redis = await resolveRedis({ configuredUrl: config.redis.url, dataDir: 'data', allowStart: false });
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('reingest', { connection, prefix: config.redis.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS.reingest });
  try {
    const job = await queue.add(request.name, request.data);
    if (!request.wait) {
      writeJsonLine(io.stdout, { jobId: job.id });
      return 0;
    }
    return await followJob(job, connection, config.redis.prefix, request);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Waits for the job to finish, drawing its progress on a terminal, and prints its result. */
async function followJob(job: Job, connection: Redis, prefix: string, request: QueuedJobRequest): Promise<number> {
  const { io } = request;
  const events = new QueueEvents('reingest', { connection: connection.duplicate(), prefix });
  const draw = (progress: unknown) => {
    if (!io.isTTY || typeof progress !== 'object' || progress === null) return;
    io.stderr.write(`\r${request.describeProgress(progress as Record<string, number>)}`);
  };
  events.on('progress', ({ jobId, data }) => jobId === job.id && draw(data));
  const waiting = setTimeout(() => io.stderr.write(`waiting for a running chronicle to take job ${job.id}…\n`), 10_000).unref();
  try {
    await events.waitUntilReady();
    const result = await job.waitUntilFinished(events);
    if (io.isTTY) io.stderr.write('\n');
    return request.printResult(job.id!, result);
  } catch (error) {
    if (io.isTTY) io.stderr.write('\n');
    io.stderr.write(`chronicle: job ${job.id} failed: ${(error as Error).message}\n`);
    writeJsonLine(io.stdout, { jobId: job.id, state: 'failed', error: (error as Error).message });
    return 1;
  } finally {
    clearTimeout(waiting);
    await events.close();
  }
}

/** `[#########.....] 3/5` */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
