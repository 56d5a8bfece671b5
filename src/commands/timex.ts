import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { tagTimexes } from '../events/tag-timexes.js';
import { parseDay } from '../events/timex/calendar.js';
import { readAll, writeJsonLine, type CommandIO } from './command-io.js';

export const timexUsage = `Usage: chronicle timex --dct YYYY-MM-DD [file|-]
       chronicle timex --batch [file|-]

Finds temporal expressions in plain English text and prints one JSON line per expression:
{start, end, text, type, value} (offsets are JS string indices; TimeML types and values),
with relative dates resolved against the document creation time.
  --dct DATE   the document's date (YYYY-MM-DD) that relative expressions are anchored on
  --batch      read JSON lines {id, dct, text} and print {id, timexes: [...]} per line;
               a bad line prints {id, error} and the run goes on
  file|-       input file, or standard input (the default)`;

interface TimexArgs { dct?: string; batch: boolean; input: string }

class UsageProblem extends Error {}

function parse(argv: string[]): TimexArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { dct: { type: 'string' }, batch: { type: 'boolean' } }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageProblem((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageProblem(`one input at most (got ${positionals.length})`);
  const batch = values.batch ?? false;
  if (batch && values.dct !== undefined) throw new UsageProblem('--dct: not with --batch (each line carries its own dct)');
  if (!batch && values.dct === undefined) throw new UsageProblem('--dct: required (the document date, YYYY-MM-DD)');
  if (values.dct !== undefined && !isDate(values.dct)) {
    throw new UsageProblem(`--dct: ${JSON.stringify(values.dct)} is not a valid date (expected YYYY-MM-DD, e.g. 2025-11-21)`);
  }
  return { dct: values.dct, batch, input: positionals[0] ?? '-' };
}

export async function runTimex(argv: string[], io: CommandIO): Promise<number> {
  let args: TimexArgs;
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`timex: ${(error as Error).message}\n\n${timexUsage}\n`);
    return 2;
  }
  try {
    if (args.batch) return await runBatch(args.input, io);
    const text = args.input === '-' ? await readAll(io.stdin) : await readFile(args.input, 'utf8');
    for (const timex of tagTimexes(text, args.dct!)) writeJsonLine(io.stdout, timex);
    return 0;
  } catch (error) {
    io.stderr.write(`timex: ${describe(error, args.input)}\n`);
    return 1;
  }
}

/** One line in, one line out, so a batch of any size streams through in constant memory. */
async function runBatch(input: string, io: CommandIO): Promise<number> {
  const stream = input === '-' ? io.stdin : Readable.from(await readFile(input, 'utf8'));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    writeJsonLine(io.stdout, batchLine(line));
  }
  return 0;
}

function batchLine(line: string): Record<string, unknown> {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    return { id: null, error: 'not a JSON object: expected {"id", "dct", "text"}' };
  }
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { id: null, error: 'not a JSON object: expected {"id", "dct", "text"}' };
  const { id = null, dct, text } = item as { id?: unknown; dct?: unknown; text?: unknown };
  if (typeof dct !== 'string' || !isDate(dct)) {
    return { id, error: `dct: ${JSON.stringify(dct ?? null)} is not a valid date (expected YYYY-MM-DD)` };
  }
  if (typeof text !== 'string') return { id, error: 'text: expected a string' };
  return { id, timexes: tagTimexes(text, dct) };
}

/** Exactly YYYY-MM-DD, and a day that exists. */
function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && parseDay(value) !== null;
}

function describe(error: unknown, input: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${input}: no such file`;
  if (code === 'EISDIR') return `${input}: is a directory`;
  return (error as Error).message;
}
