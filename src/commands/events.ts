import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extractEvents, type ExtractedEvent } from '../events/extract-events.js';
import { extractArticle } from '../extract/extract-article.js';
import { dateAgreement, isFinerDate } from '../dedup/dates-agree.js';
import { findSameEvent, type ComparableEvent } from '../dedup/same-event.js';
import { parseDatedFiles, readAll, writeJsonLine, type CommandIO } from './command-io.js';

export const eventsUsage = `Usage: chronicle events [--published DATE] <file>…

Prints one JSON line per dated event each article reports:
{id, date, granularity, dateBasis, modality, summary, actors, dateText, sentence, sourceCount,
 mentionCount, sources: [{url, site, publishedAt}], mentions: [{url, sentence}], firstSeenAt}
Files ending in .html or .htm are extracted first (their publication date is used unless
--published is given); other files are read as plain article text and need --published.
'-' reads standard input (HTML when it starts with a tag). Exits 1 if any input failed.
The same event told by several files is printed once, with every file among its sources
(the service's deduplication rule).
A file that fails prints {input, error} and the others go on (exit 1 at the end).
  --published DATE   the publication date (YYYY-MM-DD or an ISO 8601 date-time)`;

/** The design's event shape, offline: one source (the file), one mention. */
export interface OfflineEvent extends ExtractedEvent {
  id: string;
  sourceCount: number;
  mentionCount: number;
  sources: Array<{ url: string; site: string | null; publishedAt: string }>;
  /** Every telling of the event: which file and which sentence (a merged event keeps them all). */
  mentions: Array<{ url: string; sentence: string }>;
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
    ({ published, files } = parseDatedFiles(argv));
  } catch (error) {
    io.stderr.write(`events: ${(error as Error).message}\n\n${eventsUsage}\n`);
    return 2;
  }
  let failed = 0;
  const merged: OfflineEvent[] = [];
  const tellings = new Map<OfflineEvent, ComparableEvent[]>();
  for (const file of files) {
    try {
      for (const event of await eventsOfFile(file, published, now, io)) mergeInto(merged, event, tellings);
    } catch (error) {
      failed++;
      writeJsonLine(io.stdout, { input: file, error: describe(error, file) });
    }
  }
  for (const event of merged) writeJsonLine(io.stdout, shown(event));
  return failed > 0 ? 1 : 0;
}

/** The event as printed: `openerNamed` is the merge's evidence (the service keeps it unshown too), not the event's shape. */
function shown(event: OfflineEvent): Omit<OfflineEvent, 'openerNamed'> {
  const { openerNamed: _evidence, ...rest } = event;
  return rest;
}

/**
 * Adds one file's event, or its mention to the same event already told by another file. A new
 * report is compared with every telling of a merged event, not only its first: the same launch
 * told as "launched the iTunes Music Store on April 28" and "launched the iTunes Music Store in
 * 2003" meets a third report that is close to one of them and not the other.
 */
function mergeInto(merged: OfflineEvent[], event: OfflineEvent, tellings: Map<OfflineEvent, ComparableEvent[]>): void {
  // The dedup rule weighs whether one file tells both (`reportedIn`).
  const told = (e: OfflineEvent): ComparableEvent => ({ ...e, reportedIn: e.sources.map((source) => source.url) });
  const candidates: ComparableEvent[] = [];
  const owners: OfflineEvent[] = [];
  const report = told(event);
  for (const stored of merged) {
    // A telling keeps the date its own text gave, but the event's date is the finest any telling
    // gave: "expected in October" joined by "received on Monday" (October 15) is no longer a
    // candidate for a flight on October 25, which lies inside October too. The service compares
    // with the stored event, whose date is already the finer one.
    if (dateAgreement(report, stored) === 'no') continue;
    for (const telling of tellings.get(stored) ?? []) {
      candidates.push({ ...telling, reportedIn: stored.sources.map((source) => source.url) });
      owners.push(stored);
    }
  }
  const match = findSameEvent(report, candidates);
  const same = match ? owners[candidates.indexOf(match)] : null;
  if (!same) {
    merged.push(event);
    tellings.set(event, [told(event)]);
    return;
  }
  tellings.get(same)!.push(told(event));
  // The finer date wins ("2008-10-06" over one outlet's "2008-W41"); the id stays.
  if (isFinerDate(event, same)) Object.assign(same, { date: event.date, granularity: event.granularity, dateBasis: event.dateBasis, dateText: event.dateText });
  same.mentionCount += 1;
  same.mentions.push(...event.mentions);
  if (!same.sources.some((source) => source.url === event.sources[0].url)) same.sources.push(...event.sources);
  same.sourceCount = same.sources.length;
  same.actors = [...new Set([...same.actors, ...event.actors])];
}

/** `-` is standard input: HTML when it starts with a tag, else plain text. */
async function eventsOfFile(file: string, published: string | undefined, now: () => Date, io: CommandIO): Promise<OfflineEvent[]> {
  const raw = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  let text = raw;
  let publishedAt = published;
  let site: string | null = null;
  if (file === '-' ? /^\s*</.test(raw) : /\.html?$/i.test(file)) {
    const article = extractArticle(raw, { url: file });
    text = article.text;
    site = article.siteName;
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
    sources: [{ url: file, site, publishedAt: publishedAt! }],
    mentions: [{ url: file, sentence: event.sentence }],
    firstSeenAt,
  }));
}

function describe(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  return (error as Error).message;
}
