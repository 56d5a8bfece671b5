import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Agent, interceptors, request } from 'undici';
import { errorCode } from '../errors.js';
import { extractArticle } from '../extract/extract-article.js';
import { decodeBody } from '../fetch/decode-body.js';
import { readAll, writeJsonLine, type CommandIO } from './command-io.js';

export const extractUsage = `Usage: chronicle extract <file|dir|url>…

Extracts the main text and metadata of article pages and prints one JSON line per input:
{input, url, title, byline, siteName, lang, publishedAt, text} (paragraphs separated by a
blank line). A directory stands for its *.html and *.htm files (sorted); a URL is fetched
(15 s timeout, 10 MB cap); '-' reads one page from standard input. An input that fails prints
{input, error} and the run goes on; the exit code is then 1.`;

// The design's fetch defaults (config fetch.timeoutMs, fetch.maxBytes, fetch.maxRedirects).
const TIMEOUT_MS = 15_000;
const MAX_BYTES = 10_000_000;
const MAX_REDIRECTS = 5;

interface Source {
  input: string;
  url?: string;
  load: () => Promise<string>;
}

export async function runExtract(argv: string[], io: CommandIO): Promise<number> {
  const inputs = argv.filter((a) => a !== '--');
  if (inputs.length === 0 || inputs.some((a) => a === '--help' || a === '-h')) {
    io.stderr.write(`${extractUsage}\n`);
    return inputs.length === 0 ? 2 : 0;
  }
  const unknown = inputs.find((a) => a.startsWith('-') && a !== '-');
  if (unknown) {
    io.stderr.write(`extract: unknown option ${unknown}\n\n${extractUsage}\n`);
    return 2;
  }
  let failed = 0;
  for (const input of inputs) {
    let sources: Source[];
    try {
      sources = await expand(input, io);
    } catch (error) {
      failed += 1;
      writeJsonLine(io.stdout, { input, error: describe(error) });
      continue;
    }
    for (const source of sources) {
      try {
        const html = await source.load();
        const a = extractArticle(html, { url: source.url });
        writeJsonLine(io.stdout, {
          input: source.input,
          url: a.url,
          title: a.title,
          byline: a.byline,
          siteName: a.siteName,
          lang: a.lang,
          publishedAt: a.publishedAt,
          text: a.text,
        });
      } catch (error) {
        failed += 1;
        writeJsonLine(io.stdout, { input: source.input, error: describe(error) });
      }
    }
  }
  return failed > 0 ? 1 : 0;
}

async function expand(input: string, io: CommandIO): Promise<Source[]> {
  if (input === '-') return [{ input, load: () => readAll(io.stdin) }];
  if (/^https?:\/\//i.test(input)) return [{ input, url: input, load: () => fetchPage(input) }];
  const info = await stat(input);
  if (!info.isDirectory()) return [{ input, load: () => readHtmlFile(input) }];
  const names = (await readdir(input)).filter((n) => /\.html?$/i.test(n)).sort();
  return names.map((n) => {
    const file = path.join(input, n);
    return { input: file, load: () => readHtmlFile(file) };
  });
}

/** Files are read as UTF-8; invalid bytes become U+FFFD instead of failing the input. */
async function readHtmlFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

async function fetchPage(url: string): Promise<string> {
  const dispatcher = new Agent({ headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS }).compose(
    interceptors.redirect({ maxRedirections: MAX_REDIRECTS }),
  );
  try {
    const res = await request(url, {
      dispatcher,
      headers: { 'user-agent': 'chronicle/1.0', accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.statusCode >= 400) {
      await res.body.dump();
      throw new Error(`HTTP ${res.statusCode}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        throw new Error(`response larger than ${MAX_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const contentType = res.headers['content-type'];
    return decodeBody(Buffer.concat(chunks), Array.isArray(contentType) ? contentType[0] : (contentType ?? null)).text;
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== 'INTERNAL') return `${code}: ${message}`;
  return message;
}
