import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { extractEvents, publicationDay, type ExtractedEvent } from '../events/extract-events.js';
import { extractArticle } from '../extract/extract-article.js';
import { writeJsonLine, type CommandIO } from './command-io.js';

export const eventsUsage = `Usage: chronicle events [--published DATE] <file>…

Prints one JSON line per dated event each article reports:
{id, date, granularity, modality, summary, actors, dateText, sentence, sourceCount,
 mentionCount, sources: [{url, site, publishedAt}], firstSeenAt}
Files ending in .html or .htm are extracted first (their publication date is used unless
--published is given); other files are read as plain article text and need --published.
A file that fails prints {input, error} and the others go on (exit 1 at the end).
  --published DATE   the publication date (YYYY-MM-DD or an ISO 8601 date-time)`;

/** The design's event shape, offline: one source (the file), one mention. */
export interface OfflineEvent extends ExtractedEvent {
  id: string;
  sourceCount: number;
  mentionCount: number;
  sources: Array<{ url: string; site: string | null; publishedAt: string }>;
  firstSeenAt: string;
}

/** A stable id for an event: the same date and summary give the same id on every run. */
export function offlineEventId(event: Pick<ExtractedEvent, 'date' | 'summary'>): string {
  return createHash('sha256').update(`${event.date}\n${event.summary}`).digest('hex').slice(0, 24);
}

export async function runEvents(argv: string[], io: CommandIO, now: () => Date = () => new Date()): Promise<number> {
  let published: string | undefined;
  let files: string[];
  try {
    ({ published, files } = parse(argv));
  } catch (error) {
    io.stderr.write(`events: ${(error as Error).message}\n\n${eventsUsage}\n`);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      for (const event of await eventsOfFile(file, published, now)) writeJsonLine(io.stdout, event);
    } catch (error) {
      failed++;
      writeJsonLine(io.stdout, { input: file, error: describe(error, file) });
    }
  }
  return failed > 0 ? 1 : 0;
}

function parse(argv: string[]): { published?: string; files: string[] } {
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

async function eventsOfFile(file: string, published: string | undefined, now: () => Date): Promise<OfflineEvent[]> {
  const raw = await readFile(file, 'utf8');
  let text = raw;
  let publishedAt = published;
  if (/\.html?$/i.test(file)) {
    const article = extractArticle(raw, { url: file });
    text = article.text;
    publishedAt = published ?? article.publishedAt ?? undefined;
    if (!publishedAt) throw new Error('no publication date found in the page; pass --published YYYY-MM-DD');
  }
  if (!publishedAt) throw new Error('plain text has no publication date; pass --published YYYY-MM-DD');
  const firstSeenAt = now().toISOString();
  return extractEvents(text, { publishedAt }).map((event) => ({
    id: offlineEventId(event),
    ...event,
    sourceCount: 1,
    mentionCount: 1,
    sources: [{ url: file, site: null, publishedAt: publishedAt! }],
    firstSeenAt,
  }));
}

function describe(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  return (error as Error).message;
}
