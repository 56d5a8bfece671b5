import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { publicationDay } from '../events/extract-events.js';

/**
 * What a CLI command talks to. Commands return their exit code: 0 done, 1 failed at run time,
 * 2 bad usage (they print their usage to stderr first). Offline commands print JSON Lines.
 */
export interface CommandIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

export type Command = (argv: string[], io: CommandIO) => Promise<number>;

export function writeJsonLine(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value)}\n`);
}

/** All of a stream as UTF-8 text (`-` as an input reads standard input). */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The arguments of the offline commands that read pages: `[--published DATE] FILE…`. */
export function parseDatedFiles(argv: string[]): { published?: string; files: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options: { published: { type: 'string' } }, strict: true, allowPositionals: true });
  if (values.published !== undefined) {
    try {
      publicationDay(values.published);
    } catch {
      throw new Error(`--published: ${JSON.stringify(values.published)} is not a valid date (expected YYYY-MM-DD or an ISO 8601 date-time)`);
    }
  }
  if (positionals.length === 0) throw new Error('give at least one file');
  return { published: values.published, files: positionals };
}
