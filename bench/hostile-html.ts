/**
 * Parse budgets on hostile pages: the time each parse of fetched HTML takes on a page of N
 * nested `<div>`s (the page of issue 10 that froze the service), the way it was done before
 * (a cheerio/parse5 tree of the page, or the extractor on the raw page) and the way it is done
 * now (a tag scan, a depth pre-scan, refusal before a tree), side by side. Also the content
 * hash's text pass on a page of unclosed `<`, before (regular expressions) and now.
 *
 *   npx tsx bench/hostile-html.ts [--limit SECONDS] [--depths 10000,20000,40000,100000]
 *
 * Each measurement runs in a child process of its own (a stuck parse cannot be interrupted in
 * JavaScript), killed after `--limit` seconds (default 30) and then shown as "> limit".
 * The pages are generated; no data set is read.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { extractArticle } from '../src/extract/extract-article.js';
import { compressRaw } from '../src/fetch/raw-body.js';
import { analyzeArticle } from '../src/pipeline/analyze-article.js';
import { findFeedLinks } from '../src/sources/autodiscover-feed.js';
import { canonicalFromHtml } from '../src/sources/canonical-url.js';
import { pageTextForHash } from '../src/sources/content-revision.js';
import { findListingLinks } from '../src/sources/find-listing-links.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const HEAD = '<title>t</title><link rel="canonical" href="https://news.example.com/world/talks"><link rel="alternate" type="application/rss+xml" href="/feed.xml">';

function deepPage(depth: number): string {
  const paragraph = `<p>${'On Thursday the delegations met again in Geneva and agreed to continue. '.repeat(5)}</p>`;
  return `<!doctype html><html><head>${HEAD}</head><body>${'<div>'.repeat(depth)}<a href="/2025/11/20/talks-resume-in-geneva">Talks</a>${paragraph}${'</div>'.repeat(depth)}</body></html>`;
}

const PAGE_URL = 'https://news.example.com/amp/world/talks';

/** The parses as they were before the budgets (commit af35643), for the "before" column. */
const BEFORE: Record<string, (html: string) => unknown> = {
  canonical: (html) => {
    const $ = cheerio.load(html.slice(0, 512_000));
    return $('link[rel]').filter((_, element) => ($(element).attr('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')).first().attr('href');
  },
  autodiscovery: (html) => {
    const $ = cheerio.load(html.slice(0, 1_000_000));
    return $('link[rel][href], a[rel][href]').length;
  },
  // findListingLinks parsed the whole page with cheerio, then walked anchors' ancestors.
  listing: (html) => {
    const $ = cheerio.load(html);
    return $('a[href]').toArray().map((anchor) => $(anchor).parents().length);
  },
  extraction: (html) => extractArticle(html, { url: PAGE_URL }),
  hash: (html) => html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<[^>]*>/g, ' '),
};

const AFTER: Record<string, (html: string) => unknown> = {
  canonical: (html) => canonicalFromHtml(html, PAGE_URL),
  autodiscovery: (html) => findFeedLinks(html, PAGE_URL),
  listing: (html) => findListingLinks(html, PAGE_URL),
  // The process stage's entry: decode, depth pre-scan, then extraction (refused when too deep).
  extraction: (html) => analyzeArticle({ raw: compressRaw(Buffer.from(html)), contentType: 'text/html', url: PAGE_URL, feedPublishedAt: null, fetchedAt: null }),
  hash: (html) => pageTextForHash(html),
};

const PAGES: Record<string, (size: number) => string> = {
  deep: deepPage,
  // `size` characters of "<" with no ">": each regex attempt scanned to the end.
  brackets: (size) => '<'.repeat(size),
};

// 1. Child mode: run one measurement and print its milliseconds (or the refusal it ended in).
function measureOne(which: 'before' | 'after', parse: string, page: string, size: number): void {
  const html = PAGES[page](size);
  const started = performance.now();
  let note = '';
  try {
    const result = (which === 'before' ? BEFORE : AFTER)[parse](html) as { kind?: string; code?: string } | undefined;
    if (result && result.kind === 'not-article') note = ` (${result.code})`;
  } catch (error) {
    note = ` (${(error as { code?: string }).code ?? (error as Error).name})`;
  }
  process.stdout.write(`${(performance.now() - started).toFixed(0)} ms${note}`);
}

// 2. Parent mode: each measurement in a child, killed at the limit.
function timed(which: 'before' | 'after', parse: string, page: string, size: number, limitSeconds: number): string {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', which, parse, page, String(size)], {
    timeout: limitSeconds * 1000,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.error || child.signal) return `> ${limitSeconds} s`;
  return child.stdout.trim() || `failed: ${child.stderr.split('\n')[0]}`;
}

function main(argv: string[]): void {
  if (argv[0] === '--one') return measureOne(argv[1] as 'before' | 'after', argv[2], argv[3], Number(argv[4]));
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const limit = Number(option('--limit') ?? 30);
  const depths = (option('--depths') ?? '10000,20000,40000,100000').split(',').map(Number);
  const rows: string[][] = [['parse', 'page', 'before', 'after']];
  for (const parse of ['canonical', 'autodiscovery', 'listing', 'extraction']) {
    for (const depth of depths) rows.push([parse, `${depth} nested divs`, timed('before', parse, 'deep', depth, limit), timed('after', parse, 'deep', depth, limit)]);
  }
  for (const size of [80_000, 1_000_000, 9_000_000]) rows.push(['content hash', `${size.toLocaleString('en')} × "<"`, timed('before', 'hash', 'brackets', size, limit), timed('after', 'hash', 'brackets', size, limit)]);
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column])).join('  ')}\n`);
}

main(process.argv.slice(2));
