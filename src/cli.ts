#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { describeFailure, failureDetails } from './cli-failure.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { redactCredentials, redactUrl } from './redact.js';
import type { Command, CommandIO } from './commands/command-io.js';
import { QUEUE_NAMES, type QueueName } from '../jobs/queues.js';

const USAGE = `chronicle: follows a developing news story and sends signed webhooks for new events.

Usage: chronicle <command> [options]

Service:
  start [--config FILE]                    scheduler, all workers and the HTTP API in one process
  worker [--queues fetch,process] [--config FILE]
                                           workers only (needs a shared PostgreSQL store)
  migrate [--config FILE]                  apply the store's schema migrations and exit
  reingest (--all | --source ID | --url URL) [--since DATE] [--refetch] [--wait]
                                           re-process stored articles on a running service
  ingest URL… [--wait]                     fetch, process and store pages no source lists

Offline (print JSON Lines):
  extract <file|dir|url>…                  main text and metadata of article pages
  timex --dct YYYY-MM-DD [file|-]          temporal expressions with TimeML values
  timex --batch [file|-]                   lines {id, dct, text} in, {id, timexes} out
  events [--published DATE] <file>…        the dated events an article reports
  stories [--published DATE] <file>…       articles grouped into the stories they belong to

Config: --config FILE (default config/chronicle.yaml); environment overrides REDIS_URL,
DATABASE_URL, CHRONICLE_API_TOKEN, PORT; LOG_LEVEL (trace, debug, info, warn, error; default
info). Every command takes --help and --version; '-' reads standard input where files are taken.
Exit codes: 0 done, 1 failed (an input, or the machine: Redis, the store, the port), 2 bad usage
or configuration. Run 'chronicle <command> --help' for a command's options.`;

/** package.json beside dist/ (or src/ under tsx): one version, the one npm publishes. */
function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const SERVICE_USAGE = {
  start: 'Usage: chronicle start [--config FILE]\n\nRuns the scheduler, every worker and the HTTP API in one process. Stops cleanly on SIGINT/SIGTERM.',
  worker: `Usage: chronicle worker [--queues ${QUEUE_NAMES.join(',')}] [--config FILE]\n\nRuns the processors of the named queues (all by default). Needs DATABASE_URL=postgres://… and a Redis shared with 'chronicle start'.`,
  migrate: 'Usage: chronicle migrate [--config FILE]\n\nApplies the store migrations not yet applied, in order, and prints them.',
};

/** Loaded on demand, so that `--help` or `timex` does not load the service's dependencies. */
const OFFLINE_COMMANDS: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  extract: async () => {
    const command = await import('./commands/extract.js');
    return { run: command.runExtract, usage: command.extractUsage };
  },
  timex: async () => {
    const command = await import('./commands/timex.js');
    return { run: command.runTimex, usage: command.timexUsage };
  },
  events: async () => {
    const command = await import('./commands/events.js');
    return { run: command.runEvents, usage: command.eventsUsage };
  },
  stories: async () => {
    const command = await import('./commands/stories.js');
    return { run: command.runStories, usage: command.storiesUsage };
  },
  reingest: async () => {
    const command = await import('./commands/reingest.js');
    return { run: command.runReingest, usage: command.reingestUsage };
  },
  ingest: async () => {
    const command = await import('./commands/ingest.js');
    return { run: command.runIngest, usage: command.ingestUsage };
  },
};

/** The longest a stop may take before the process exits anyway (the service contract is 10 s). */
const STOP_DEADLINE_MS = 9_500;

/** `chronicle events … | head`: a reader that stops reading ends the command quietly, as in any Unix tool. */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
}

async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  const io: CommandIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isTTY: Boolean(process.stderr.isTTY) };
  const [command, ...rest] = argv;
  if (!command) return printed(io, USAGE, 2);
  if (command === '--help' || command === '-h' || command === 'help') return printed(io, USAGE, 0);
  // `chronicle --version` and `chronicle <command> --version` (before any `--`).
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (options.includes('--version') || command === '-V') return printed(io, `chronicle ${version()}`, 0);
  const load = OFFLINE_COMMANDS[command];
  if (load) {
    const offline = await load();
    if (rest.includes('--help') || rest.includes('-h')) return printed(io, offline.usage, 0);
    try {
      return await offline.run(rest, io);
    } catch (error) {
      return failed(io, error);
    }
  }
  if (command === 'start' || command === 'worker' || command === 'migrate') return runServiceCommand(command, rest, io);
  io.stderr.write(`chronicle: unknown command "${command}"\n\n${USAGE}\n`);
  return 2;
}

/** One line naming the cause and the fix (cli-failure.ts); the stack only with LOG_LEVEL=debug. */
function failed(io: CommandIO, error: unknown): number {
  const failure = describeFailure(error);
  const details = failureDetails(error);
  if (details) io.stderr.write(`${details}\n`);
  return printed(io, `chronicle: ${failure.message}`, failure.exitCode);
}

/** Usage, help and error messages; an error's text may quote a URL, whose credentials are masked. */
function printed(io: CommandIO, text: string, code: number): number {
  (code === 0 ? io.stdout : io.stderr).write(`${code === 0 ? text : redactCredentials(text)}\n`);
  return code;
}

async function runServiceCommand(command: 'start' | 'worker' | 'migrate', argv: string[], io: CommandIO): Promise<number> {
  let values: { config?: string; queues?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { config: { type: 'string' }, help: { type: 'boolean', short: 'h' }, queues: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return printed(io, `${(error as Error).message}\n\n${SERVICE_USAGE[command]}`, 2);
  }
  if (values.help) return printed(io, SERVICE_USAGE[command], 0);
  if (values.queues !== undefined && command !== 'worker') return printed(io, `--queues: only 'chronicle worker' takes it\n\n${SERVICE_USAGE[command]}`, 2);
  const queues = parseQueues(values.queues);
  if (queues instanceof Error) return printed(io, `${queues.message}\n\n${SERVICE_USAGE[command]}`, 2);

  let config: Config;
  try {
    config = loadConfig(values.config ?? 'config/chronicle.yaml', { required: values.config !== undefined });
  } catch (error) {
    if (error instanceof ConfigError) return printed(io, `chronicle: bad configuration: ${error.message}`, 2);
    throw error;
  }
  const logger = createLogger();
  if (command === 'migrate') return migrateStore(config, logger, io);
  return runService(command, config, logger, queues, io);
}

function parseQueues(text: string | undefined): QueueName[] | Error | undefined {
  if (text === undefined) return undefined;
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(QUEUE_NAMES as readonly string[]).includes(name));
  if (unknown.length || names.length === 0) return new Error(`--queues: unknown queue "${unknown[0] ?? text}" (expected some of ${QUEUE_NAMES.join(',')})`);
  return names as QueueName[];
}

/** Refuses (exit 1) a PGlite store that a running process holds: its lock names the holder. */
async function migrateStore(config: Config, logger: Logger, io: CommandIO): Promise<number> {
  const { migrate } = await import('./store/migrations.js');
  const { openDatabase } = await import('./store/database.js');
  let db;
  try {
    db = await openDatabase(config.store.url, { logger });
  } catch (error) {
    return failed(io, error);
  }
  try {
    io.stdout.write(`${JSON.stringify({ applied: await migrate(db) })}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** dist/analysis-thread.js, built beside this file; absent when the CLI runs from its TypeScript sources. */
function builtAnalysisThread(): URL | undefined {
  const entry = new URL('./analysis-thread.js', import.meta.url);
  return existsSync(entry) ? entry : undefined;
}

async function runService(role: 'start' | 'worker', config: Config, logger: Logger, queues: QueueName[] | undefined, io: CommandIO): Promise<number> {
  const { startService } = await import('../workers/service.js');
  let service;
  try {
    service = await startService({ config, logger, role, queues, analysisThread: builtAnalysisThread() });
  } catch (error) {
    // 2 for the configuration, 1 for the machine's state (no Redis, the store in use, the port taken).
    return failed(io, error);
  }
  if (role === 'start') logStarted(config, logger, service);
  else logger.info({ role, redis: redactUrl(service.redisUrl) }, 'chronicle worker started');
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping');
      setTimeout(() => {
        logger.error('stop took too long; exiting');
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      resolve();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  await service.stop();
  logger.info('stopped');
  return 0;
}

/**
 * One line that tells a newcomer where to go: the page, the API docs, the queues, and what is
 * being followed; a warning when nothing is (an empty config polls nothing and says nothing).
 */
function logStarted(config: Config, logger: Logger, service: { redisUrl: string; counts?: { sources: number; webhooks: number } }): void {
  // A wildcard address is not one to type in a browser.
  const host = ['0.0.0.0', '::', ''].includes(config.api.host) ? 'localhost' : config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host;
  const base = `http://${host}:${config.api.port}`;
  const counts = service.counts ?? { sources: 0, webhooks: 0 };
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  logger.info(
    { timeline: `${base}/`, docs: `${base}/docs`, queues: `${base}/admin/queues`, sources: counts.sources, webhooks: counts.webhooks, redis: redactUrl(service.redisUrl) },
    `chronicle started: timeline ${base}/ · API docs ${base}/docs · queues ${base}/admin/queues · ${plural(counts.sources, 'source')}, ${plural(counts.webhooks, 'webhook')}`,
  );
  if (counts.sources === 0) {
    logger.warn('no source configured: nothing will be polled. Add one under sources: in the config file (see config/examples/), POST /v1/sources, or fetch one page with `chronicle ingest URL`');
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Exit even if a library left a handle open; the delay lets piped stdout drain first.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (error: unknown) => {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, isTTY: false };
    process.exitCode = failed(io, error);
  },
);

