import { pino, type Logger } from 'pino';
import { redactCredentials } from './redact.js';

export type { Logger };

/**
 * The service logger: JSON lines on stderr so that stdout stays free for CLI output. Every line
 * passes through redactCredentials on its way out, so that a URL with a password is masked
 * whichever field carries it: a config value, a job's URL, or the message of an error a library
 * (ioredis, pg, undici) built around the URL it was given.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'chronicle' }, hooks: { streamWrite: redactCredentials } }, pino.destination(2));
}

/** A child logger for one job, bound to its id and the URL it is about. */
export function jobLogger(parent: Logger, job: { id?: string; name: string }, url?: string): Logger {
  return parent.child({ jobId: job.id, job: job.name, ...(url ? { url } : {}) });
}
