import { Writable } from 'node:stream';
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactCredentials } from './redact.js';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * `LOG_FORMAT` when set, else pretty lines for a person at a terminal and JSON lines for
 * everything else (a file, a pipe, journald, docker logs), which log collectors parse.
 */
export function chooseLogFormat(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stderr.isTTY)): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return isTTY ? 'pretty' : 'json';
}

/**
 * The service logger, on stderr so that stdout stays free for CLI output. Every line passes
 * through redactCredentials on its way out, so that a URL with a password is masked whichever
 * field carries it: a config value, a job's URL, or the message of an error a library (ioredis,
 * pg, undici) built around the URL it was given. `LOG_LEVEL`: trace, debug, info (default),
 * warn, error, fatal or silent.
 */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info', format: LogFormat = chooseLogFormat()): Logger {
  const destination: DestinationStream = format === 'pretty' ? prettyDestination(process.stderr) : pino.destination(2);
  return pino({ level, base: { service: 'chronicle' }, hooks: { streamWrite: redactCredentials } }, destination);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that the pretty line shows in its own place. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'service', 'pid', 'hostname', 'err']);

/**
 * One JSON log line as a person reads it: local time, level, message, then the other fields
 * as key=value ("12:04:31.207 WARN  job failed: HTTP 503 queue=fetch jobId=42"); an error's
 * stack on the lines below. Not JSON: for terminals only.
 */
export function prettyLine(json: string, now: (epochMs: number) => Date = (epochMs) => new Date(epochMs)): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const time = now(typeof entry.time === 'number' ? entry.time : Date.now());
  const clock = [time.getHours(), time.getMinutes(), time.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
  const level = (LEVEL_NAMES[entry.level as number] ?? String(entry.level)).padEnd(5);
  const fields = Object.entries(entry)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  const stack = err?.stack ? `\n${err.stack.replace(/^/gm, '    ')}` : err?.message ? ` err=${JSON.stringify(err.message)}` : '';
  const millis = String(time.getMilliseconds()).padStart(3, '0');
  return `${clock}.${millis} ${level} ${entry.msg ?? ''}${fields.length ? ` ${fields.join(' ')}` : ''}${stack}\n`;
}

function prettyDestination(out: NodeJS.WritableStream): DestinationStream {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const text = chunk.toString();
      out.write(text.split('\n').filter(Boolean).map((line) => prettyLine(line)).join(''));
      done();
    },
  });
}

/** A child logger for one job, bound to its id and the URL it is about. */
export function jobLogger(parent: Logger, job: { id?: string; name: string }, url?: string): Logger {
  return parent.child({ jobId: job.id, job: job.name, ...(url ? { url } : {}) });
}
