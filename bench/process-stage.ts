/**
 * CPU per page of the pipeline's own work on one article, fetch stage and process stage, without
 * the queue, the network or the store: the path as it is beside the path as it was before the
 * fetch stage stopped reading pages (issue 14), over the same pages in the same run.
 *
 *   npx tsx bench/process-stage.ts [html-dir] [--rounds=3]     default ../shared/bench/extraction/html
 *
 * - before: the fetch stage decoded every page, read its rel=canonical (a head scan), hashed its
 *   text (pageTextForHash: three passes over the page) and kept it at brotli quality 5; the
 *   process stage decompressed, decoded, extracted and dated it.
 * - now: the fetch stage keeps the bytes at brotli quality 1; the process stage does all the rest
 *   in its one pass (analyzeArticle: revision hash from extraction's pass, canonical from the head).
 * Each path runs over every page per round, the paths alternating; each keeps its fastest round.
 * CPU time is the process's user + system time (garbage collection included), per page.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { extractArticle } from '../src/extract/extract-article.js';
import { extractEvents } from '../src/events/extract-events.js';
import { decodeBody } from '../src/fetch/decode-body.js';
import { compressRaw, decompressRaw } from '../src/fetch/raw-body.js';
import { analyzeArticle } from '../src/pipeline/analyze-article.js';
import { canonicalFromHtml } from '../src/sources/canonical-url.js';
import { contentHash, pageTextForHash } from '../src/sources/content-revision.js';
import { htmlNestingDepth, MAX_HTML_DEPTH } from '../src/sources/html-depth.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(repoRoot, '../shared/bench/extraction/html'));
const rounds = Number(args.find((arg) => arg.startsWith('--rounds='))?.slice(9) ?? 3);
if (!existsSync(dir)) {
  console.error(`no pages at ${dir} (pass a directory of .html files)`);
  process.exit(2);
}

const URL_OF_PAGE = 'https://news.example.com/world/2025/11/24/story';
const FETCHED_AT = '2025-11-24T12:00:00.000Z';
const pages = readdirSync(dir).filter((file) => file.endsWith('.html')).sort().map((file) => readFileSync(path.join(dir, file)));
const CONTENT_TYPE = 'text/html';

// 1. The two paths, page bytes in, what the store would keep out.
/** Before: brotli quality 5, as raw-body.ts kept it until then. */
function compressQuality5(bytes: Buffer): Buffer {
  return brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

function before(bytes: Buffer): number {
  // Fetch stage: the fetcher decoded every body; canonical, text hash, compression.
  const text = decodeBody(bytes, CONTENT_TYPE).text;
  canonicalFromHtml(text, URL_OF_PAGE);
  contentHash(pageTextForHash(text));
  const kept = compressQuality5(bytes);
  // Process stage, as analyze-article.ts was: decompress, decode, depth check, extract, date.
  const html = decodeBody(decompressRaw(kept), CONTENT_TYPE).text;
  if (htmlNestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) return kept.length;
  try {
    const article = extractArticle(html, { url: URL_OF_PAGE });
    extractEvents(article.text, { publishedAt: article.publishedAt ?? FETCHED_AT });
  } catch {
    // not an article: as the process stage, recorded and done
  }
  return kept.length;
}

function now(bytes: Buffer): number {
  // Fetch stage: bytes only. Process stage: everything else, in one pass.
  const kept = compressRaw(bytes);
  analyzeArticle({ raw: kept, contentType: CONTENT_TYPE, url: URL_OF_PAGE, fetchedUrl: URL_OF_PAGE, feedPublishedAt: null, fetchedAt: FETCHED_AT });
  return kept.length;
}

// 2. Time them, alternating, fastest round each.
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function round(run: (bytes: Buffer) => number): { msPerPage: number; keptBytes: number } {
  const start = cpuMs();
  let keptBytes = 0;
  for (const page of pages) keptBytes += run(page);
  return { msPerPage: (cpuMs() - start) / pages.length, keptBytes };
}

const paths = { before, now } as const;
const best: Record<keyof typeof paths, { msPerPage: number; keptBytes: number }> = {
  before: { msPerPage: Infinity, keptBytes: 0 },
  now: { msPerPage: Infinity, keptBytes: 0 },
};
round(now); // warm-up: JIT and the extractor's lazy tables, for neither path's benefit
for (let index = 0; index < rounds; index += 1) {
  for (const name of index % 2 === 0 ? (['before', 'now'] as const) : (['now', 'before'] as const)) {
    const result = round(paths[name]);
    if (result.msPerPage < best[name].msPerPage) best[name] = result;
  }
}

// 3. Print them side by side.
const rawBytes = pages.reduce((sum, page) => sum + page.length, 0);
console.log(`${pages.length} pages from ${dir}, ${(rawBytes / pages.length / 1024).toFixed(0)} KB each on average; fastest of ${rounds} rounds`);
console.log('path     CPU ms/page   kept bytes (share of raw)');
for (const name of ['before', 'now'] as const) {
  console.log(`${name.padEnd(8)} ${best[name].msPerPage.toFixed(2).padStart(11)}   ${((100 * best[name].keptBytes) / rawBytes).toFixed(1)}%`);
}
console.log(`now / before: ${(best.now.msPerPage / best.before.msPerPage).toFixed(3)}`);
