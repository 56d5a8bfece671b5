import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { JOB_NAMES, reingestPayload, type ReingestPayload } from '../../jobs/queues.js';
import { writeJsonLine, type CommandIO } from './command-io.js';
import { progressBar, queueJob } from './queue-job.js';

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
  return queueJob({
    config,
    name: JOB_NAMES.reingest,
    data: request.payload,
    wait: request.wait,
    io,
    describeProgress: (progress) => {
      const { total, done, failed, eventsCreated } = progress as unknown as ReingestProgress;
      return `${progressBar(done, total)} articles, ${failed} failed, ${eventsCreated} new events`;
    },
    printResult: (jobId, result) => {
      writeJsonLine(io.stdout, { jobId, state: 'completed', ...(result as ReingestProgress) });
      return 0;
    },
  });
}
