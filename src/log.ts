import { pino, type Logger } from 'pino';

export type { Logger };

/** The service logger: JSON lines on stderr so that stdout stays free for CLI output. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'chronicle' } }, pino.destination(2));
}

/** A child logger for one job, bound to its id and the URL it is about. */
export function jobLogger(parent: Logger, job: { id?: string; name: string }, url?: string): Logger {
  return parent.child({ jobId: job.id, job: job.name, ...(url ? { url } : {}) });
}
