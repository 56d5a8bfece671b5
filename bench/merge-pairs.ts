/**
 * The merge decision judged pair by pair on real news, per fold: every two events of the
 * TimeLine trial topic whose dates could be one happening's (the pairs the merge looks at), with
 * the gold's word on them, and how the dedup rule decides each.
 *
 *   npx tsx bench/merge-pairs.ts [data-dir] [--list]      default ../shared/bench/events-timeline
 *
 * An event stands for the page sentences it is placed on (the data's own score.mjs placement).
 * A pair is the same happening when some gold row (gold.json or MEANTIME) has a mention in a
 * sentence of each; two happenings when both sentences are in gold rows and no row holds both;
 * unknown otherwise (the gold annotates its target entities' events only), and not counted. Pairs
 * of events placed on one sentence are left out (one sentence may tell several happenings; the
 * rule keeps them apart by date or clause). Half A and half B are the articles at odd and even
 * places, as in bench/timeline.ts: the weights of merge-score.ts are set on A and checked on B.
 * --list prints every pair that nothing keeps apart, and every pair of one happening, with its
 * evidence and score.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractArticle } from '../src/extract/extract-article.js';
import { extractEvents, type ExtractedEvent } from '../src/events/extract-events.js';
import { dateAgreement } from '../src/dedup/dates-agree.js';
import { isSameEvent } from '../src/dedup/same-event.js';
import { mergeEvidence, type MergeEvidence } from '../src/dedup/merge-evidence.js';
import { mergeScore } from '../src/dedup/merge-score.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dataDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(repoRoot, '..', 'shared', 'bench', 'events-timeline'));
const list = args.includes('--list');

interface Prepared { toks: string[] }
interface Gold { docs: Record<string, { file: string; dct: string }>; rows: Array<{ mentions: Array<{ doc: string | number; sentence: number }> }>; sents: Record<string, Prepared[]> }
interface Scorer {
  loadGold(file: string): Gold;
  tokens(s: string): string[];
  sentencesOf(c: Prepared, page: Prepared[]): Set<number>;
}
if (!existsSync(join(dataDir, 'gold.json'))) {
  console.error(`no benchmark data at ${dataDir}`);
  process.exit(1);
}
const scorer = (await import(pathToFileURL(join(dataDir, 'score.mjs')).href)) as Scorer;
const golds = ['gold.json', 'meantime-apple-gold.json'].filter((n) => existsSync(join(dataDir, n))).map((n) => scorer.loadGold(join(dataDir, n)));
const docs = golds[0].docs;
const ids = Object.keys(docs).sort((a, b) => Number(a) - Number(b));

/** Row keys per "doc-sentence", over both golds. */
const rowsAt = new Map<string, Set<string>>();
golds.forEach((gold, g) =>
  gold.rows.forEach((row, r) => {
    for (const m of row.mentions) {
      const key = `${m.doc}-${m.sentence}`;
      if (!rowsAt.has(key)) rowsAt.set(key, new Set());
      rowsAt.get(key)!.add(`${g}:${r}`);
    }
  }),
);

interface Placed { doc: string; event: ExtractedEvent; sentences: number[] }
function eventsOf(doc: string): Placed[] {
  const html = readFileSync(join(dataDir, docs[doc].file), 'utf8');
  const article = extractArticle(html, { url: docs[doc].file });
  const bag = (s: string) => {
    const toks = scorer.tokens(s);
    const b = new Map<string, number>();
    for (const t of toks) b.set(t, (b.get(t) ?? 0) + 1);
    return { toks, bag: b };
  };
  return extractEvents(article.text, { publishedAt: article.publishedAt ?? docs[doc].dct }).map((event) => ({
    doc,
    event,
    sentences: [...scorer.sentencesOf(bag(event.sentence) as Prepared, golds[0].sents[doc])],
  }));
}

function label(a: Placed, b: Placed): 'same' | 'two' | null {
  const rows = (p: Placed) => new Set(p.sentences.flatMap((s) => [...(rowsAt.get(`${p.doc}-${s}`) ?? [])]));
  const [ra, rb] = [rows(a), rows(b)];
  if (ra.size === 0 || rb.size === 0) return null;
  return [...ra].some((r) => rb.has(r)) ? 'same' : 'two';
}

interface Pair { a: Placed; b: Placed; gold: 'same' | 'two'; evidence: MergeEvidence; rule: boolean }
const told = (p: Placed) => ({ ...p.event, reportedIn: [p.doc] });
function pairsOf(fold: string[]): Pair[] {
  const placed = fold.flatMap(eventsOf);
  const pairs: Pair[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const [a, b] = [placed[i], placed[j]];
      if (a.doc === b.doc && a.sentences.some((s) => b.sentences.includes(s))) continue;
      if (dateAgreement(a.event, b.event) === 'no') continue;
      const gold = label(a, b);
      if (!gold) continue;
      pairs.push({ a, b, gold, evidence: mergeEvidence(told(a), told(b)), rule: isSameEvent(told(a), told(b)) });
    }
  }
  return pairs;
}

const folds: Array<[string, string[]]> = [
  ['half A (odd places, dev)', ids.filter((_, i) => i % 2 === 0)],
  ['half B (even places, held out)', ids.filter((_, i) => i % 2 === 1)],
];
const results = folds.map(([name, fold]) => [name, pairsOf(fold)] as const);

for (const [name, pairs] of results) {
  const count = (f: (p: Pair) => boolean) => pairs.filter(f).length;
  for (const scope of ['across articles', 'within an article'] as const) {
    const inScope = (p: Pair) => (p.a.doc !== p.b.doc) === (scope === 'across articles');
    const tp = count((p) => inScope(p) && p.rule && p.gold === 'same');
    const fp = count((p) => inScope(p) && p.rule && p.gold === 'two');
    const fn = count((p) => inScope(p) && !p.rule && p.gold === 'same');
    const tn = count((p) => inScope(p) && !p.rule && p.gold === 'two');
    const precision = tp + fp ? (tp / (tp + fp)).toFixed(3) : '–';
    const recall = tp + fn ? (tp / (tp + fn)).toFixed(3) : '–';
    console.log(`${name}, ${scope}: same ${tp + fn} / two ${fp + tn} pairs; merged ${tp} same, ${fp} two: precision ${precision}, recall ${recall}`);
  }
  const vetoed = pairs.filter((p) => p.evidence.contradiction !== null);
  const byKind = (gold: string) => {
    const counts = new Map<string, number>();
    for (const p of vetoed.filter((x) => x.gold === gold)) counts.set(p.evidence.contradiction!, (counts.get(p.evidence.contradiction!) ?? 0) + 1);
    return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
  };
  console.log(`  kept apart by a contradiction: same happening: ${byKind('same') || 'none'}; two: ${byKind('two') || 'none'}`);
  if (list) {
    for (const p of pairs.filter((x) => x.evidence.contradiction === null || x.gold === 'same')) {
      console.log(`  ${p.gold === 'same' ? (p.rule ? 'TP' : 'FN') : 'FP'} ${p.a.doc}-${p.a.sentences.join('/')} ${p.a.event.date} | ${p.b.doc}-${p.b.sentences.join('/')} ${p.b.event.date} score ${mergeScore(p.evidence).toFixed(2)}`);
      console.log(`     ${JSON.stringify(p.evidence)}`);
      console.log(`     a: ${p.a.event.summary.slice(0, 110)}\n     b: ${p.b.event.summary.slice(0, 110)}`);
    }
  }
}
