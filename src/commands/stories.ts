import { readFile } from 'node:fs/promises';
import { extractEvents } from '../events/extract-events.js';
import { extractArticle } from '../extract/extract-article.js';
import { articleProfile } from '../stories/article-profile.js';
import { groupArticles } from '../stories/group-articles.js';
import type { ArticleProfile } from '../stories/story-types.js';
import { parseDatedFiles, readAll, writeJsonLine, type CommandIO } from './command-io.js';

export const storiesUsage = `Usage: chronicle stories [--published DATE] <file>…

Groups articles into the stories they belong to, as the service does, and prints one JSON line
per story: {story, title, inputs: [file, ...]} (title: its most central headline). Files are
taken in the order given, one at a time, as the service takes articles as they arrive.
Files ending in .html or .htm are extracted first (their headline and publication date are
used); other files are read as plain article text, headed by their first line that reads as a
headline. Without a date (--published, or the page's own) the dates the text gives relative
to it count for nothing. '-' reads standard input (HTML when it starts with a tag).
A file that fails prints {input, error} and the others go on (exit 1 at the end).
  --published DATE   the publication date of every file (YYYY-MM-DD or an ISO 8601 date-time)`;

export async function runStories(argv: string[], io: CommandIO, now: () => Date = () => new Date()): Promise<number> {
  let published: string | undefined;
  let files: string[];
  try {
    ({ published, files } = parseDatedFiles(argv));
  } catch (error) {
    io.stderr.write(`stories: ${(error as Error).message}\n\n${storiesUsage}\n`);
    return 2;
  }
  let failed = 0;
  const articles: Array<{ id: string; profile: ArticleProfile }> = [];
  for (const file of files) {
    try {
      articles.push({ id: file, profile: await profileOfFile(file, published, now, io) });
    } catch (error) {
      failed++;
      writeJsonLine(io.stdout, { input: file, error: describe(error, file) });
    }
  }
  for (const { story, members } of await groupArticles(articles)) writeJsonLine(io.stdout, { story: story.id, title: story.title, inputs: members });
  return failed > 0 ? 1 : 0;
}

/** The file as the process stage would see it: headline, text, events, then its profile. */
async function profileOfFile(file: string, published: string | undefined, now: () => Date, io: CommandIO): Promise<ArticleProfile> {
  const raw = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  let text = raw;
  let title = headlineOfText(raw);
  let pageDate: string | null = null;
  if (file === '-' ? /^\s*</.test(raw) : /\.html?$/i.test(file)) {
    const article = extractArticle(raw, { url: file });
    ({ text, title } = article);
    pageDate = article.publishedAt;
  }
  const known = published ?? pageDate;
  const publishedAt = known ?? now().toISOString();
  const events = extractEvents(text, { publishedAt });
  return articleProfile({ title, text, events, publishedAt, publishedAtKnown: known !== null && known !== undefined });
}

/**
 * Plain text has no headline field: its first line that reads as one, a line of five words or
 * more and at most 150 characters (a lead paragraph or a donation appeal is longer; a dateline
 * or "3 min read" is shorter), after any breadcrumb.
 */
export function headlineOfText(text: string): string | null {
  for (const line of text.split('\n')) {
    // "Home » world » Zelensky Announces …": a breadcrumb ends where the headline starts.
    const trimmed = line.replace(/^.*\s[»›]\s/u, '').trim();
    if (trimmed.length > 150) continue;
    if ((trimmed.match(/\p{L}+/gu) ?? []).length >= 5) return trimmed;
  }
  return null;
}

function describe(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  return (error as Error).message;
}
