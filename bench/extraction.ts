/**
 * Extraction benchmark: scores chronicle's extractor on the article-extraction benchmark kept in
 * `../shared/bench/extraction/` (by the rule in its SCORING.md) beside the five peers' stored
 * outputs and beside bare @mozilla/readability on linkedom run in this same process, then prints
 * speed (ms/page, pages/s) and peak RSS for ours and for bare Readability.
 *
 *   npx tsx bench/extraction.ts [path] [--pages] [--rounds=3]
 *
 * `--pages` also prints every page's precision and recall for ours (for tuning). Speed and peak
 * RSS are measured in one child process per system and round, so that one system's heap does
 * not inflate the other's peak; the systems alternate and each keeps its fastest round.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/extract-article.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type System = 'ours' | 'readability';

// ---------------------------------------------------------------------------------------------
// The scoring rule of SCORING.md.

/** Step 1: letters, digits and underscore in any script; case kept, punctuation dropped. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Step 2: every run of 4 tokens as a multiset; 1–3 tokens give one shorter shingle. */
function shingles(tokens: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  const width = Math.min(4, tokens.length);
  for (let i = 0; i + width <= tokens.length; i++) {
    const key = tokens.slice(i, i + width).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  precision: number | null; // null: not counted in the precision mean
  recall: number | null; // null: not counted in the recall mean
  exact: boolean;
}

export function scorePage(truth: string, pred: string): PageScore {
  const trueTokens = tokenize(truth);
  const predTokens = tokenize(pred);
  const T = shingles(trueTokens);
  const P = shingles(predTokens);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, t] of T) {
    const p = P.get(s) ?? 0;
    tp += Math.min(t, p);
    fn += Math.max(0, t - p);
  }
  for (const [s, p] of P) fp += Math.max(0, p - (T.get(s) ?? 0));
  // Step 4: every page weighs the same.
  const total = tp + fp + fn;
  if (total > 0) {
    tp /= total;
    fp /= total;
    fn /= total;
  }
  const perfect = fp === 0 && fn === 0;
  // Step 5. An empty prediction has tp = fp = 0 and counts as precision 0 (SCORING.md).
  let precision: number | null;
  if (predTokens.length === 0) precision = trueTokens.length === 0 ? 1 : 0;
  else precision = perfect ? 1 : tp / (tp + fp);
  let recall: number | null;
  if (perfect) recall = 1;
  else if (tp + fn === 0) recall = null;
  else recall = tp / (tp + fn);
  const exact = trueTokens.length === predTokens.length && trueTokens.every((t, i) => t === predTokens[i]);
  return { precision, recall, exact };
}

export interface CorpusScore {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: number;
}

export function scoreCorpus(truth: Record<string, string>, pred: Record<string, string>): CorpusScore {
  const ids = Object.keys(truth);
  const precisions: number[] = [];
  const recalls: number[] = [];
  let exact = 0;
  for (const id of ids) {
    const s = scorePage(truth[id], pred[id] ?? '');
    if (s.precision !== null) precisions.push(s.precision);
    if (s.recall !== null) recalls.push(s.recall);
    if (s.exact) exact++;
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall, accuracy: ids.length ? exact / ids.length : 0, pages: ids.length };
}

// ---------------------------------------------------------------------------------------------
// The systems run here.

export function bareReadability(html: string): string {
  const { document } = parseHTML(html);
  const article = new Readability(document as unknown as Document).parse();
  return article?.textContent ?? '';
}

export function ours(html: string, url?: string): string {
  try {
    return extractArticle(html, { url }).text;
  } catch {
    return ''; // ExtractionError: no article found, scored as an empty prediction
  }
}

interface Page {
  id: string;
  html: string;
  url?: string;
}

function loadPages(dir: string): { pages: Page[]; truth: Record<string, string> } {
  const gt = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url?: string }
  >;
  const truth: Record<string, string> = {};
  const pages: Page[] = [];
  for (const id of Object.keys(gt).sort()) {
    truth[id] = gt[id].articleBody;
    pages.push({ id, html: readFileSync(path.join(dir, 'html', `${id}.html`), 'utf8'), url: gt[id].url });
  }
  return { pages, truth };
}

interface PassResult {
  outputs: Record<string, string>;
  ms: number;
  peakRssMb: number;
}

/** One timed pass of one system over all pages (run inside a child process). */
function runPass(system: System, pages: Page[]): PassResult {
  const outputs: Record<string, string> = {};
  const run = system === 'ours' ? (p: Page) => ours(p.html, p.url) : (p: Page) => bareReadability(p.html);
  // Warm-up on a few pages so that JIT compilation does not count against either system.
  for (const p of pages.slice(0, 5)) run(p);
  const start = process.hrtime.bigint();
  for (const p of pages) outputs[p.id] = run(p);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // maxRSS is the true peak of this process (kilobytes), not a sample.
  return { outputs, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function passInChild(system: System, dir: string): PassResult {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, self, dir, `--pass=${system}`], {
    cwd: repoRoot,
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`${system} pass failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as PassResult;
}

/** The faster of two rounds, with the higher of their peak RSS (peak over all rounds). */
function best(a: PassResult, b: PassResult): PassResult {
  const fast = a.ms <= b.ms ? a : b;
  return { ...fast, peakRssMb: Math.max(a.peakRssMb, b.peakRssMb) };
}

// ---------------------------------------------------------------------------------------------

const PEERS: Array<[string, string]> = [
  ['AutoExtract', 'AutoExtract (commercial)'],
  ['rs_trafilatura', 'rs_trafilatura'],
  ['trafilatura', 'trafilatura 2.0.0'],
  ['readability_js', 'readability_js 0.6.0 (jsdom)'],
  ['newspaper', 'newspaper4k'],
];

function fmt(n: number, digits = 4): string {
  return n.toFixed(digits);
}

function main(): number {
  const args = process.argv.slice(2);
  const passArg = args.find((a) => a.startsWith('--pass='));
  const showPages = args.includes('--pages');
  const dirArg = args.find((a) => !a.startsWith('--'));
  const dir = path.resolve(repoRoot, dirArg ?? '../shared/bench/extraction');
  if (!existsSync(path.join(dir, 'ground-truth.json')) || !existsSync(path.join(dir, 'html'))) {
    process.stderr.write(
      `extraction benchmark not found at ${dir} (expected ground-truth.json and html/); ` +
        'pass its path: npx tsx bench/extraction.ts <path>\n',
    );
    return 1;
  }
  const { pages, truth } = loadPages(dir);

  if (passArg) {
    const system = passArg.slice('--pass='.length) as System;
    process.stdout.write(JSON.stringify(runPass(system, pages)));
    return 0;
  }

  // Alternate the two systems over several rounds and keep each one's fastest round, so that
  // load from other processes on the machine does not favour whichever ran in a quiet moment.
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3);
  let oursPass = passInChild('ours', dir);
  let barePass = passInChild('readability', dir);
  for (let r = 1; r < rounds; r++) {
    oursPass = best(oursPass, passInChild('ours', dir));
    barePass = best(barePass, passInChild('readability', dir));
  }
  const rows: Array<[string, CorpusScore]> = [
    ['chronicle (ours)', scoreCorpus(truth, oursPass.outputs)],
    ['readability 0.6.0 on linkedom (same run)', scoreCorpus(truth, barePass.outputs)],
  ];
  const peersDir = path.join(dir, 'peers');
  const peerFiles = existsSync(peersDir) ? readdirSync(peersDir) : [];
  for (const [file, label] of PEERS) {
    if (!peerFiles.includes(`${file}.json`)) continue;
    const data = JSON.parse(readFileSync(path.join(peersDir, `${file}.json`), 'utf8')) as Record<
      string,
      { articleBody?: string }
    >;
    const pred: Record<string, string> = {};
    for (const id of Object.keys(truth)) pred[id] = data[id]?.articleBody ?? '';
    rows.push([label, scoreCorpus(truth, pred)]);
  }

  const out: string[] = [];
  out.push(`extraction benchmark: ${pages.length} pages from ${dir}`);
  out.push('');
  out.push('| system | F1 | precision | recall | accuracy |');
  out.push('|---|---|---|---|---|');
  for (const [label, s] of rows) {
    out.push(`| ${label} | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.accuracy, 3)} |`);
  }
  out.push('');
  out.push('| system | ms/page | pages/s | peak RSS (MB) |');
  out.push('|---|---|---|---|');
  for (const [label, p] of [
    ['chronicle (ours)', oursPass],
    ['readability 0.6.0 on linkedom', barePass],
  ] as Array<[string, PassResult]>) {
    const msPage = p.ms / pages.length;
    out.push(`| ${label} | ${fmt(msPage, 2)} | ${fmt(1000 / msPage, 1)} | ${fmt(p.peakRssMb, 0)} |`);
  }
  out.push('');
  out.push(`speed ratio (readability ms / ours ms): ${fmt(barePass.ms / oursPass.ms, 2)} (fastest of ${rounds} alternating rounds each)`);
  if (showPages) {
    out.push('');
    out.push('| page | P | R | exact | ours tokens | truth tokens |');
    for (const p of pages) {
      const s = scorePage(truth[p.id], oursPass.outputs[p.id] ?? '');
      out.push(
        `| ${p.id.slice(0, 10)} | ${fmt(s.precision ?? 1, 3)} | ${fmt(s.recall ?? 1, 3)} | ${s.exact ? 'yes' : ''} | ` +
          `${tokenize(oursPass.outputs[p.id] ?? '').length} | ${tokenize(truth[p.id]).length} |`,
      );
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
