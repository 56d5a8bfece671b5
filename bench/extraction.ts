/**
 * Extraction benchmark over two corpora in one run, each scored by its own published rule, with
 * bare @mozilla/readability on linkedom run beside chronicle's extractor in the same run:
 *
 *   - `extraction/`: the article-extraction benchmark (93 pages, hand-made main text; shingle
 *     precision/recall/F1 and exact-match accuracy as its SCORING.md says), peers' stored outputs
 *     printed beside;
 *   - `extraction-web/`: trafilatura's evaluation corpus (489 pages; must-contain and
 *     must-not-contain snippets; precision/recall/F1/accuracy as its SCORING.md says).
 *
 *   npx tsx bench/extraction.ts [path] [--rounds=3] [--pages] [--dump=DIR]
 *
 * `path` holds `extraction/` and `extraction-web/` (default `../shared/bench`). Per corpus it
 * prints F1, precision, recall, accuracy, the count of empty results (and of those where bare
 * Readability has text), ms/page and peak RSS; then a site-fold cross-check: the pages of each
 * corpus grouped by registrable domain into 5 folds of whole sites, the figures per fold and their
 * spread, so that a rule fitted to a few sites shows as a fold that moves alone.
 *
 * Speed and peak RSS are measured in one child process per system, corpus and round, so that one
 * system's heap does not inflate the other's peak; the systems alternate and each keeps its
 * fastest round. `--pages` prints the worst pages of ours; `--dump=DIR` writes every output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { getDomain, getHostname } from 'tldts';
import { extractArticle } from '../src/extract/extract-article.js';
import { decodeBody } from '../src/fetch/decode-body.js';
import { exitWithUsageOnHelp } from './support/usage.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
type System = 'ours' | 'readability';
type CorpusName = 'article' | 'web';
const SYSTEMS: System[] = ['ours', 'readability'];
const FOLDS = 5;

// ---------------------------------------------------------------------------------------------
// The article benchmark's rule (extraction/SCORING.md).

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

function f1Of(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
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
  return { f1: f1Of(precision, recall), precision, recall, accuracy: ids.length ? exact / ids.length : 0, pages: ids.length };
}

// ---------------------------------------------------------------------------------------------
// trafilatura's evaluation rule (extraction-web/SCORING.md).

export interface SnippetCase {
  with: string[];
  without: string[];
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function countSnippets(c: SnippetCase, pred: string): SnippetCounts {
  const text = norm(pred);
  const n: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const s of c.with) {
    if (text.includes(norm(s))) n.tp++;
    else n.fn++;
  }
  for (const s of c.without) {
    if (text.includes(norm(s))) n.fp++;
    else n.tn++;
  }
  return n;
}

export function scoreSnippets(cases: Record<string, SnippetCase>, pred: Record<string, string>): CorpusScore {
  const sum: SnippetCounts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const id of Object.keys(cases)) {
    const n = countSnippets(cases[id], pred[id] ?? '');
    sum.tp += n.tp;
    sum.fn += n.fn;
    sum.fp += n.fp;
    sum.tn += n.tn;
  }
  const precision = sum.tp + sum.fp ? sum.tp / (sum.tp + sum.fp) : 0;
  const recall = sum.tp + sum.fn ? sum.tp / (sum.tp + sum.fn) : 0;
  const all = sum.tp + sum.fn + sum.fp + sum.tn;
  return { f1: f1Of(precision, recall), precision, recall, accuracy: all ? (sum.tp + sum.tn) / all : 0, pages: Object.keys(cases).length };
}

// ---------------------------------------------------------------------------------------------
// The corpora.

interface Page {
  id: string;
  html: string;
  url?: string;
}

interface Corpus {
  name: CorpusName;
  label: string;
  dir: string;
  pages: Page[];
  /** Site (registrable domain) of each page, for the folds. */
  site: Record<string, string>;
  score(pred: Record<string, string>, ids?: string[]): CorpusScore;
}

function siteOf(url: string | undefined, fallback: string): string {
  if (url && /^https?:/i.test(url)) return getDomain(url) ?? getHostname(url) ?? fallback;
  // Some evaldata keys are not URLs ("hard::iwr.de.IWR-Pressedienst.html"): the site is the
  // shortest leading run of the file name's labels that ends in a public suffix.
  const labels = fallback.replace(/^hard::/, '').split(/[-_]/)[0].split('.');
  for (let n = 2; n <= labels.length; n++) {
    const domain = getDomain(`http://${labels.slice(0, n).join('.')}/`);
    if (domain) return domain;
  }
  return fallback;
}

function pick<T>(record: Record<string, T>, ids: string[] | undefined): Record<string, T> {
  if (!ids) return record;
  const out: Record<string, T> = {};
  for (const id of ids) out[id] = record[id];
  return out;
}

function loadArticleCorpus(dir: string): Corpus {
  const gt = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url?: string }
  >;
  const truth: Record<string, string> = {};
  const site: Record<string, string> = {};
  const pages: Page[] = [];
  for (const id of Object.keys(gt).sort()) {
    truth[id] = gt[id].articleBody;
    site[id] = siteOf(gt[id].url, id);
    pages.push({ id, html: readFileSync(path.join(dir, 'html', `${id}.html`), 'utf8'), url: gt[id].url });
  }
  return {
    name: 'article',
    label: 'article benchmark (extraction/)',
    dir,
    pages,
    site,
    score: (pred, ids) => scoreCorpus(pick(truth, ids), pred),
  };
}

function loadWebCorpus(dir: string): Corpus {
  const data = JSON.parse(readFileSync(path.join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; with: string[]; without: string[] }
  >;
  const cases: Record<string, SnippetCase> = {};
  const site: Record<string, string> = {};
  const pages: Page[] = [];
  for (const url of Object.keys(data).sort()) {
    const entry = data[url];
    const id = entry.file;
    cases[id] = { with: entry.with ?? [], without: entry.without ?? [] };
    site[id] = siteOf(url, url);
    // The pages are stored as served: decoded here as the fetcher decodes them (no header kept).
    const bytes = gunzipSync(readFileSync(path.join(dir, 'html', `${entry.file}.gz`)));
    pages.push({ id, html: decodeBody(bytes, null).text, url });
  }
  return {
    name: 'web',
    label: "trafilatura's evaluation corpus (extraction-web/)",
    dir,
    pages,
    site,
    score: (pred, ids) => scoreSnippets(pick(cases, ids), pred),
  };
}

function loadCorpus(root: string, name: CorpusName): Corpus | null {
  const dir = path.join(root, name === 'article' ? 'extraction' : 'extraction-web');
  if (name === 'article' && existsSync(path.join(dir, 'ground-truth.json'))) return loadArticleCorpus(dir);
  if (name === 'web' && existsSync(path.join(dir, 'evaldata.json'))) return loadWebCorpus(dir);
  return null;
}

// ---------------------------------------------------------------------------------------------
// The systems run here.

export function bareReadability(html: string): string {
  const { document } = parseHTML(html);
  try {
    const article = new Readability(document as unknown as Document).parse();
    return article?.textContent ?? '';
  } catch {
    return '';
  }
}

export function ours(html: string, url?: string): string {
  try {
    return extractArticle(html, { url }).text;
  } catch {
    return ''; // ExtractionError: no article found, scored as an empty prediction
  }
}

interface PassResult {
  outputs: Record<string, string>;
  /** Wall-clock time of the pass. */
  ms: number;
  /** CPU time of the pass (user + system): what the work costs, whatever else the machine runs. */
  cpuMs: number;
  peakRssMb: number;
}

/** One timed pass of one system over all pages of a corpus (run inside a child process). */
function runPass(system: System, pages: Page[]): PassResult {
  const outputs: Record<string, string> = {};
  const run = system === 'ours' ? (p: Page) => ours(p.html, p.url) : (p: Page) => bareReadability(p.html);
  // Warm-up on a few pages so that JIT compilation does not count against either system.
  for (const p of pages.slice(0, 5)) run(p);
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (const p of pages) outputs[p.id] = run(p);
  const cpu = process.cpuUsage(cpu0);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // maxRSS is the true peak of this process (kilobytes), not a sample.
  return { outputs, ms, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

function passInChild(system: System, root: string, corpus: CorpusName): PassResult {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, [...process.execArgv, self, root, `--pass=${system}`, `--corpus=${corpus}`], {
    cwd: repoRoot,
    maxBuffer: 512 * 1024 * 1024,
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`${system} pass on ${corpus} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as PassResult;
}

/** The faster of two rounds (wall and CPU each), with the higher of their peak RSS (peak over all rounds). */
function best(a: PassResult, b: PassResult): PassResult {
  const fast = a.ms <= b.ms ? a : b;
  return { ...fast, cpuMs: Math.min(a.cpuMs, b.cpuMs), peakRssMb: Math.max(a.peakRssMb, b.peakRssMb) };
}

// ---------------------------------------------------------------------------------------------
// Site folds.

/** A stable fold for a site (FNV-1a of its name), so a site's pages always fall together. */
function foldOf(site: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < site.length; i++) {
    h ^= site.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % FOLDS;
}

function foldIds(corpus: Corpus): string[][] {
  const folds: string[][] = Array.from({ length: FOLDS }, () => []);
  for (const p of corpus.pages) folds[foldOf(corpus.site[p.id])].push(p.id);
  return folds;
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

const hasText = (s: string | undefined) => tokenize(s ?? '').length > 0;

function report(corpus: Corpus, passes: Record<System, PassResult>, rounds: number, showPages: boolean): string[] {
  const out: string[] = [];
  const { pages } = corpus;
  out.push(`## ${corpus.label}: ${pages.length} pages, ${new Set(Object.values(corpus.site)).size} sites, from ${corpus.dir}`);
  out.push('');
  out.push('| system | F1 | precision | recall | accuracy | empty | empty where the other has text |');
  out.push('|---|---|---|---|---|---|---|');
  const labels: Record<System, string> = { ours: 'chronicle (ours)', readability: 'readability 0.6.0 on linkedom (same run)' };
  for (const system of SYSTEMS) {
    const other = system === 'ours' ? 'readability' : 'ours';
    const s = corpus.score(passes[system].outputs);
    const empty = pages.filter((p) => !hasText(passes[system].outputs[p.id]));
    const emptyVsOther = empty.filter((p) => hasText(passes[other].outputs[p.id]));
    out.push(
      `| ${labels[system]} | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.accuracy, 3)} | ${empty.length} | ${emptyVsOther.length} |`,
    );
  }
  if (corpus.name === 'article') {
    const peersDir = path.join(corpus.dir, 'peers');
    const peerFiles = existsSync(peersDir) ? readdirSync(peersDir) : [];
    for (const [file, label] of PEERS) {
      if (!peerFiles.includes(`${file}.json`)) continue;
      const data = JSON.parse(readFileSync(path.join(peersDir, `${file}.json`), 'utf8')) as Record<string, { articleBody?: string }>;
      const pred: Record<string, string> = {};
      for (const p of pages) pred[p.id] = data[p.id]?.articleBody ?? '';
      const s = corpus.score(pred);
      out.push(`| ${label} (stored) | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(s.accuracy, 3)} | | |`);
    }
  }
  out.push('');
  out.push('| system | ms/page (wall) | CPU ms/page | pages/s | peak RSS (MB) |');
  out.push('|---|---|---|---|---|');
  for (const system of SYSTEMS) {
    const p = passes[system];
    const msPage = p.ms / pages.length;
    out.push(`| ${labels[system]} | ${fmt(msPage, 2)} | ${fmt(p.cpuMs / pages.length, 2)} | ${fmt(1000 / msPage, 1)} | ${fmt(p.peakRssMb, 0)} |`);
  }
  out.push(
    `speed ratio (readability / ours): wall ${fmt(passes.readability.ms / passes.ours.ms, 2)}, ` +
      `CPU ${fmt(passes.readability.cpuMs / passes.ours.cpuMs, 2)} (fastest of ${rounds} alternating rounds each; ` +
      `on a shared machine the CPU figure is the steadier); peak RSS ours/readability: ` +
      `${fmt(passes.ours.peakRssMb / passes.readability.peakRssMb, 2)}`,
  );
  out.push('');
  out.push(...foldReport(corpus, passes));
  if (showPages) out.push('', ...worstPages(corpus, passes));
  return out;
}

function foldReport(corpus: Corpus, passes: Record<System, PassResult>): string[] {
  const out: string[] = [];
  out.push(`site folds (${FOLDS} folds of whole sites, by registrable domain):`);
  out.push('| fold | sites | pages | F1 ours | P ours | R ours | F1 readability | ours − readability |');
  out.push('|---|---|---|---|---|---|---|---|');
  const f1s: number[] = [];
  const gains: number[] = [];
  for (const [i, ids] of foldIds(corpus).entries()) {
    if (ids.length === 0) continue;
    const s = corpus.score(passes.ours.outputs, ids);
    const r = corpus.score(passes.readability.outputs, ids);
    f1s.push(s.f1);
    gains.push(s.f1 - r.f1);
    const sites = new Set(ids.map((id) => corpus.site[id])).size;
    out.push(`| ${i} | ${sites} | ${ids.length} | ${fmt(s.f1)} | ${fmt(s.precision)} | ${fmt(s.recall)} | ${fmt(r.f1)} | ${fmt(s.f1 - r.f1)} |`);
  }
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const sd = Math.sqrt(f1s.reduce((a, b) => a + (b - mean) ** 2, 0) / f1s.length);
  out.push(
    `fold spread of ours: F1 min ${fmt(Math.min(...f1s))} max ${fmt(Math.max(...f1s))} ` +
      `(spread ${fmt(spread(f1s))}, sd ${fmt(sd)}); gain over readability per fold: min ${fmt(Math.min(...gains))} max ${fmt(Math.max(...gains))}`,
  );
  return out;
}

/** The pages where ours does worst (for tuning), with bare Readability's figure beside. */
function worstPages(corpus: Corpus, passes: Record<System, PassResult>): string[] {
  const rows = corpus.pages.map((p) => {
    const o = corpus.score(passes.ours.outputs, [p.id]);
    const r = corpus.score(passes.readability.outputs, [p.id]);
    return { id: p.id, site: corpus.site[p.id], o, r };
  });
  rows.sort((a, b) => a.o.f1 - a.r.f1 - (b.o.f1 - b.r.f1) || a.o.f1 - b.o.f1);
  const out = ['| page | site | F1 ours | P | R | F1 readability |', '|---|---|---|---|---|---|'];
  for (const row of rows.slice(0, 40)) {
    out.push(`| ${row.id.slice(0, 40)} | ${row.site} | ${fmt(row.o.f1, 3)} | ${fmt(row.o.precision, 3)} | ${fmt(row.o.recall, 3)} | ${fmt(row.r.f1, 3)} |`);
  }
  return out;
}

function main(): number {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const rootArg = args.find((a) => !a.startsWith('--'));
  const root = path.resolve(repoRoot, rootArg ?? '../shared/bench');
  const passSystem = flag('pass') as System | undefined;
  if (passSystem) {
    const corpus = loadCorpus(root, flag('corpus') as CorpusName);
    if (!corpus) return 1;
    process.stdout.write(JSON.stringify(runPass(passSystem, corpus.pages)));
    return 0;
  }

  const corpora = (['article', 'web'] as CorpusName[]).map((name) => loadCorpus(root, name)).filter((c): c is Corpus => !!c);
  if (corpora.length === 0) {
    process.stderr.write(
      `no extraction corpus at ${root} (expected extraction/ground-truth.json or extraction-web/evaldata.json); ` +
        'pass the folder that holds them: npx tsx bench/extraction.ts <path>\n',
    );
    return 1;
  }
  const rounds = Number(flag('rounds') ?? 3);
  const dump = flag('dump');
  const out: string[] = [];
  for (const corpus of corpora) {
    // Alternate the two systems over several rounds and keep each one's fastest round, so that
    // load from other processes on the machine does not favour whichever ran in a quiet moment.
    const passes = {} as Record<System, PassResult>;
    for (let r = 0; r < rounds; r++) {
      for (const system of SYSTEMS) {
        const p = passInChild(system, root, corpus.name);
        passes[system] = passes[system] ? best(passes[system], p) : p;
      }
    }
    out.push(...report(corpus, passes, rounds, args.includes('--pages')), '');
    if (dump) {
      mkdirSync(dump, { recursive: true });
      for (const system of SYSTEMS) writeFileSync(path.join(dump, `${corpus.name}-${system}.json`), JSON.stringify(passes[system].outputs));
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  exitWithUsageOnHelp(import.meta.url);
  process.exitCode = main();
}
