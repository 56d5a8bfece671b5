import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { INGEST_MAX_URLS, ingestPayload, JOB_NAMES } from '../../jobs/queues.js';
import { readAll, writeJsonLine, type CommandIO } from './command-io.js';
import { progressBar, queueJob } from './queue-job.js';

export const ingestUsage = `Usage: chronicle ingest URL… [--wait] [--config FILE]

Fetches, processes and stores pages that no source lists, on a running chronicle: it adds one
job to the queue and prints {"jobId"}; the service does the work, with the same politeness,
robots.txt and address rules as for sources created through the API (public addresses only
unless security.allowPrivateNetworks). It never opens the store itself.
  URL…             http(s) URLs of article pages; '-' reads them from standard input, one a line
  --wait           follow the job to its end and print one line per URL:
                   {url, articleId, status, error?, events: [...]}; exit 1 if any URL failed
  --config FILE    config file (default config/chronicle.yaml), for redis.url and redis.prefix`;

export async function runIngest(argv: string[], io: CommandIO): Promise<number> {
  let values: { wait?: boolean; config?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: { wait: { type: 'boolean' }, config: { type: 'string' } }, strict: true, allowPositionals: true }));
  } catch (error) {
    io.stderr.write(`ingest: ${(error as Error).message}\n\n${ingestUsage}\n`);
    return 2;
  }
  const urls: string[] = [];
  for (const input of positionals) {
    if (input === '-') urls.push(...(await readAll(io.stdin)).split(/\r?\n/).map((line) => line.trim()).filter(Boolean));
    else urls.push(input);
  }
  const parsed = ingestPayload.safeParse({ urls });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const which = typeof issue.path[1] === 'number' ? `"${urls[issue.path[1]]}": ` : '';
    const message = urls.length === 0 ? 'give at least one URL' : urls.length > INGEST_MAX_URLS ? `at most ${INGEST_MAX_URLS} URLs a run` : issue.message;
    io.stderr.write(`ingest: ${which}${message}\n\n${ingestUsage}\n`);
    return 2;
  }
  const config = loadConfig(values.config ?? 'config/chronicle.yaml', { required: values.config !== undefined });
  return queueJob({
    config,
    name: JOB_NAMES.ingest,
    data: parsed.data,
    wait: values.wait ?? false,
    io,
    describeProgress: (progress) => `${progressBar(progress.done, progress.total)} pages, ${progress.failed} failed`,
    printResult: (_jobId, result) => {
      const { urls } = result as { urls: { status: string }[] };
      for (const each of urls) writeJsonLine(io.stdout, each);
      return urls.some((each) => each.status === 'failed') ? 1 : 0;
    },
  });
}
