/**
 * Dated events on real news, beside the two naive baselines, in one run: the SemEval-2015 Task 4
 * "TimeLine" trial topic (30 Wikinews articles about Apple, gold timelines), scored by the data's
 * own score.mjs exactly as its run.sh does.
 *
 *   npm run build && npx tsx bench/timeline.ts [data-dir]   default ../shared/bench/events-timeline
 *
 * Systems: chronicle (`node dist/cli.js events` over all pages at once, so that articles merge);
 * chrono-node on every body sentence (each date it finds is one event of that sentence); every body
 * sentence dated its publication day. Because the topic is the only development data, the figures
 * are also given on two halves of it (articles by id, alternately), each run on its own: a rule
 * tuned on one half is checked on the other.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as chrono from 'chrono-node';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'bench', 'events-timeline'));

interface Doc { dct: string; file: string; corpus: string }
interface Figures { sentenceRecall: number | null; dayAcc: number | null; monthAcc: number | null; yearAcc: number | null; pairRecall: number | null; mergePrecision: number | null }
interface Counts { events: number; docs: number; pairs: number; pairsMerged: number; mSame: number; mPartly: number; mConflict: number }
interface GoldRow { mentions: Array<{ doc: string | number }>; docs: string[] }
interface Gold { docs: Record<string, Doc>; rows: GoldRow[]; rawRows: Record<string, number>; sents: Record<string, unknown> }
interface Scorer {
  loadGold(file: string): Gold;
  pageSentences(html: string): string[];
  run(options: { gold: Gold; label: string; merged: Record<string, string> }): { figures: Figures; counts: Counts };
}

// 1. The data and its scorer.
if (!existsSync(join(dataDir, 'gold.json'))) {
  console.error(`no benchmark data at ${dataDir} (give the folder as the first argument)`);
  process.exit(1);
}
if (!existsSync(join(repoRoot, 'dist', 'cli.js'))) {
  console.error('dist/cli.js not found: run npm run build first');
  process.exit(1);
}
const scorer = (await import(pathToFileURL(join(dataDir, 'score.mjs')).href)) as Scorer;
const golds = ['gold.json', 'meantime-apple-gold.json'].filter((name) => existsSync(join(dataDir, name)));
const allDocs = scorer.loadGold(join(dataDir, golds[0])).docs;
const ids = Object.keys(allDocs).sort((a, b) => Number(a) - Number(b));
const parts: Array<[string, string[]]> = [
  ['whole topic', ids],
  // The merge weights (src/dedup/merge-score.ts) were set on half A; half B is held out.
  ['half A (odd places, dev)', ids.filter((_, i) => i % 2 === 0)],
  ['half B (even places, held out)', ids.filter((_, i) => i % 2 === 1)],
];
const work = mkdtempSync(join(tmpdir(), 'chronicle-timeline-'));

// 2. The three systems' events for a set of articles, as JSON Lines files the scorer reads.
function chronicleEvents(docs: string[], out: string): void {
  // In run.sh's order (its shell glob: file names sorted as text), so that both print the same
  // figures: merging is greedy, and the order of the articles can change which events meet.
  const pages = docs.map((d) => join(dataDir, allDocs[d].file)).sort();
  const stdout = execFileSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'events', ...pages], { maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(out, stdout);
}

function baselineEvents(docs: string[], out: string, date: (sentence: string, dct: string) => string[]): void {
  const lines: string[] = [];
  for (const d of docs) {
    const doc = allDocs[d];
    const page = join(dataDir, doc.file);
    // 0 is the headline, 1 the dateline: the baselines read the body.
    const body = scorer.pageSentences(readFileSync(page, 'utf8')).slice(2);
    body.forEach((sentence, i) => {
      for (const value of date(sentence, doc.dct)) {
        lines.push(JSON.stringify({ id: `${d}-${i}-${value}`, date: value, summary: sentence, sentence, mentionCount: 1, sources: [{ url: page }] }));
      }
    });
  }
  writeFileSync(out, `${lines.join('\n')}\n`);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Every date chrono-node finds, at the precision it is certain of (else its resolved day). */
function chronoDates(sentence: string, dct: string): string[] {
  return chrono.parse(sentence, new Date(`${dct}T12:00:00Z`)).map(({ start }) => {
    const [y, m, d] = [start.get('year'), start.get('month'), start.get('day')];
    if (start.isCertain('day') || !start.isCertain('year')) return `${y}-${pad(m ?? 1)}-${pad(d ?? 1)}`;
    if (start.isCertain('month')) return `${y}-${pad(m ?? 1)}`;
    return String(y);
  });
}

// 3. Score one gold restricted to a set of articles (rows keep their mentions in those articles).
function goldFor(name: string, docs: string[]): Gold {
  const gold = scorer.loadGold(join(dataDir, name));
  const keep = new Set(docs);
  const rows = gold.rows
    .map((row) => ({ ...row, mentions: row.mentions.filter((m) => keep.has(String(m.doc))) }))
    .filter((row) => row.mentions.length > 0)
    .map((row) => ({ ...row, docs: [...new Set(row.mentions.map((m) => String(m.doc)))] }));
  return { ...gold, docs: Object.fromEntries(docs.map((d) => [d, gold.docs[d]])), rows };
}

const SYSTEMS: Array<[string, (docs: string[], out: string) => void]> = [
  ['chronicle', chronicleEvents],
  ['chrono-node per sentence', (docs, out) => baselineEvents(docs, out, chronoDates)],
  ['publication day', (docs, out) => baselineEvents(docs, out, (_s, dct) => [dct])],
];

const f = (v: number | null): string => (v == null ? '  –  ' : v.toFixed(3));
for (const [part, docs] of parts) {
  const files = SYSTEMS.map(([name, make], i) => {
    const out = join(work, `${part.replace(/\W+/g, '-')}-${i}.jsonl`);
    make(docs, out);
    return [name, out] as const;
  });
  for (const name of golds) {
    const gold = goldFor(name, docs);
    console.log(`\n${part} — ${name} (${docs.length} articles, ${gold.rows.length} rows)`);
    console.log('| system | found | day exact | month | year | pairs merged | merge precision | events/article |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [system, file] of files) {
      const { figures: x, counts: c } = scorer.run({ gold, label: system, merged: { apple: file } });
      const pairs = c.pairs ? `${f(x.pairRecall)} (${c.pairsMerged}/${c.pairs})` : '–';
      const merges = c.mSame + c.mPartly + c.mConflict;
      console.log(
        `| ${system} | ${f(x.sentenceRecall)} | ${f(x.dayAcc)} | ${f(x.monthAcc)} | ${f(x.yearAcc)} | ${pairs} | ${merges ? `${f(x.mergePrecision)} (${c.mSame}/${merges})` : '–'} | ${(c.events / c.docs).toFixed(1)} |`,
      );
    }
  }
}
rmSync(work, { recursive: true, force: true });
