import { parseArgs } from 'node:util';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { DEFAULT_JOB_OPTIONS, JOB_NAMES, reingestPayload, type ReingestPayload } from '../../jobs/queues.js';
import { resolveRedis } from '../runtime/embedded-redis.js';
import { writeJsonLine, type CommandIO } from './command-io.js';

export const reingestUsage = `Usage: chronicle reingest (--all | --source ID | --url URL) [--since DATE] [--refetch] [--wait] [--config FILE]

Re-runs processing for stored articles on a running chronicle: it adds one job to the queue
and prints {"jobId"}; the service does the work. It never opens the store itself.
  --all            every stored article
  --source ID      the articles of one source
  --url URL        one article
  --since DATE     only articles published (or first seen) on or after DATE (YYYY-MM-DD)
  --refetch        download the pages again instead of using the stored HTML
  --wait           follow the job to its end (progress on a terminal) and print its summary
  --config FILE    config file (default config/chronicle.yaml), for redis.url and redis.prefix`;

interface ReingestProgress {
  total: number;
  done: number;
  failed: number;
  eventsCreated: number;
}

function parseRequest(argv: string[]): { payload: ReingestPayload; wait: boolean; configPath: string; explicitConfig: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      all: { type: 'boolean' },
      source: { type: 'string' },
      url: { type: 'string' },
      since: { type: 'string' },
      refetch: { type: 'boolean' },
      wait: { type: 'boolean' },
      config: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const parsed = reingestPayload.safeParse({ all: values.all, sourceId: values.source, url: values.url, since: values.since, refetch: values.refetch ?? false });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = { all: '--all', sourceId: '--source', url: '--url', since: '--since' }[String(issue.path[0])] ?? '--all';
    throw new UsageError(`${flag}: ${issue.path[0] === 'all' ? 'give exactly one of --all, --source ID or --url URL' : issue.message}`);
  }
  return { payload: parsed.data, wait: values.wait ?? false, configPath: values.config ?? 'config/chronicle.yaml', explicitConfig: values.config !== undefined };
}

export async function runReingest(argv: string[], io: CommandIO): Promise<number> {
  let request;
  try {
    request = parseRequest(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n\n${reingestUsage}\n`);
    return 2;
  }
  const config = loadConfig(request.configPath, { required: request.explicitConfig });
  const redis = await resolveRedis({ configuredUrl: config.redis.url, dataDir: 'data', allowStart: false });
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queue = new Queue('reingest', { connection, prefix: config.redis.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS.reingest });
  try {
    const job = await queue.add(JOB_NAMES.reingest, request.payload);
    if (!request.wait) {
      writeJsonLine(io.stdout, { jobId: job.id });
      return 0;
    }
    return await followJob(job, connection, config.redis.prefix, io);
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** Waits for the job to finish, drawing its progress on a terminal, and prints its summary. */
async function followJob(job: Job, connection: Redis, prefix: string, io: CommandIO): Promise<number> {
  const events = new QueueEvents('reingest', { connection: connection.duplicate(), prefix });
  const draw = (progress: unknown) => {
    if (!io.isTTY || typeof progress !== 'object' || progress === null) return;
    const { total, done, failed, eventsCreated } = progress as ReingestProgress;
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} articles, ${failed} failed, ${eventsCreated} new events`);
  };
  events.on('progress', ({ jobId, data }) => jobId === job.id && draw(data));
  const waiting = setTimeout(() => io.stderr.write(`waiting for a running chronicle to take job ${job.id}…\n`), 10_000).unref();
  try {
    await events.waitUntilReady();
    const result = await job.waitUntilFinished(events);
    if (io.isTTY) io.stderr.write('\n');
    writeJsonLine(io.stdout, { jobId: job.id, state: 'completed', ...result });
    return 0;
  } catch (error) {
    if (io.isTTY) io.stderr.write('\n');
    writeJsonLine(io.stdout, { jobId: job.id, state: 'failed', error: (error as Error).message });
    return 1;
  } finally {
    clearTimeout(waiting);
    await events.close();
  }
}
