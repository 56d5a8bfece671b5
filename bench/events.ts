/**
 * Event extraction speed on one core (Node runs this on a single thread): 1,000-word articles
 * built from the seed articles' text (residue included, as the process stage gets it), run
 * through extractEvents; beside it, chrono-node alone parsing the same sentences — the cost of
 * finding dates without any of the news rules, actors, summaries or residue filtering.
 *
 *   npx tsx bench/events.ts [seed-dir]     default test/fixtures/seeds (copies of ../shared/seeds)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chrono from 'chrono-node';
import { extractEvents } from '../src/events/extract-events.js';
import { splitSentences } from '../src/events/split-sentences.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PUBLISHED: Record<string, string> = {
  '000': '2026-02-07', '001': '2025-12-22', '002': '2025-11-24', '003': '2025-11-21', '004': '2025-11-20',
};
const ARTICLE_WORDS = 1_000;
/** Run each system for at least this long, so that timer noise stays under a percent. */
const MIN_MS = 2_000;

interface Article { text: string; publishedAt: string; words: number; sentences: string[] }

// 1. Build ~1,000-word articles from the seeds, cutting at paragraph ends.
function buildArticles(dir: string): Article[] {
  const articles: Article[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const publishedAt = PUBLISHED[file.slice(0, 3)] ?? '2025-11-21';
    const paragraphs = readFileSync(join(dir, file), 'utf8').split(/\n\s*\n|\n/).filter((p) => p.trim());
    let current: string[] = [];
    let words = 0;
    const flush = (): void => {
      if (words === 0) return;
      const text = current.join('\n\n');
      articles.push({ text, publishedAt, words, sentences: splitSentences(text).map((s) => s.text) });
      current = [];
      words = 0;
    };
    for (const p of paragraphs) {
      current.push(p);
      words += p.split(/\s+/).filter(Boolean).length;
      if (words >= ARTICLE_WORDS) flush();
    }
    // A short tail is topped up with the file's start so every article is about 1,000 words.
    if (words > 0) {
      for (const p of paragraphs) {
        if (words >= ARTICLE_WORDS) break;
        current.push(p);
        words += p.split(/\s+/).filter(Boolean).length;
      }
      flush();
    }
  }
  return articles;
}

// 2. Time a system over all articles, repeated for at least MIN_MS.
function time(articles: Article[], run: (a: Article) => unknown): { ms: number; rounds: number } {
  for (const a of articles) run(a); // warm-up: JIT and regex compilation
  let rounds = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < MIN_MS) {
    for (const a of articles) run(a);
    rounds++;
  }
  return { ms: performance.now() - t0, rounds };
}

const dirArg = process.argv[2];
const dir = dirArg ? resolve(dirArg) : join(repoRoot, 'test', 'fixtures', 'seeds');
if (!existsSync(dir)) {
  console.error(`bench/events: seed articles not found at ${dir} (pass a directory of .txt articles)`);
  process.exit(1);
}
const articles = buildArticles(dir);
const words = articles.reduce((n, a) => n + a.words, 0);
const sentences = articles.reduce((n, a) => n + a.sentences.length, 0);
let events = 0;
for (const a of articles) events += extractEvents(a.text, { publishedAt: a.publishedAt }).length;

const ours = time(articles, (a) => extractEvents(a.text, { publishedAt: a.publishedAt }));
const base = time(articles, (a) => {
  const ref = new Date(`${a.publishedAt}T12:00:00Z`);
  for (const s of a.sentences) chrono.parse(s, ref);
});

function row(name: string, r: { ms: number; rounds: number }): string {
  const perRound = r.ms / r.rounds;
  const sentencesPerSecond = (sentences / perRound) * 1000;
  const msPer1000Words = (perRound / words) * ARTICLE_WORDS;
  return `${name.padEnd(34)} ${sentencesPerSecond.toFixed(0).padStart(12)} ${msPer1000Words.toFixed(2).padStart(22)}`;
}

console.log(`events bench: ${articles.length} articles, ${words} words, ${sentences} sentences, ${events} events (${dir})`);
console.log(`${'system (one core)'.padEnd(34)} ${'sentences/s'.padStart(12)} ${'ms per 1,000-word article'.padStart(22)}`);
console.log(row('chronicle extractEvents', ours));
console.log(row('chrono-node parse (dates only)', base));
const ms1000 = ((ours.ms / ours.rounds) / words) * ARTICLE_WORDS;
console.log(`target: ≤ 10 ms per 1,000-word article — ${ms1000 <= 10 ? 'met' : 'NOT met'} (${ms1000.toFixed(2)} ms)`);
