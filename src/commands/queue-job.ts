import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { DEFAULT_JOB_OPTIONS } from '../../jobs/queues.js';
import { readJobStatus } from '../../jobs/job-status.js';
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
    return await followJob(job, queue, connection, request);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/**
 * Waits for the job to finish, drawing its progress on a terminal, and prints its result.
 *
 * The end is read from the job's state, polled: a QueueEvents listener starts reading its
 * stream at "now" only once its first blocking read is sent, so a job that ends in between (an
 * unknown source fails in milliseconds) would be missed and the command would wait forever.
 * Events are used for the progress bar only.
 */
async function followJob(job: Job, queue: Queue, connection: Redis, request: QueuedJobRequest): Promise<number> {
  const { io } = request;
  const events = new QueueEvents('reingest', { connection: connection.duplicate(), prefix: request.config.redis.prefix });
  const draw = (progress: unknown) => {
    if (!io.isTTY || typeof progress !== 'object' || progress === null) return;
    io.stderr.write(`\r${request.describeProgress(progress as Record<string, number>)}`);
  };
  events.on('progress', ({ jobId, data }) => jobId === job.id && draw(data));
  const waiting = setTimeout(() => io.stderr.write(`waiting for a running chronicle to take job ${job.id}…\n`), 10_000).unref();
  try {
    const result = await finishedResult(queue, job.id!);
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

const POLL_MS = 250;

/** The job's return value once it completed; throws its failure reason once it failed. */
async function finishedResult(queue: Queue, jobId: string): Promise<unknown> {
  for (;;) {
    const status = await readJobStatus(queue, jobId);
    if (!status) throw new Error('the job was removed before it finished');
    if (status.state === 'completed') return status.job.returnvalue;
    if (status.state === 'failed') throw new Error(status.job.failedReason);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** `[#########.....] 3/5` */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}
