/**
 * The story step of the process stage over the store (pipeline/article-story.ts's work: find the
 * candidates through story_keys, assign, save the story and its keys, set the article's story,
 * recount the story) on a store of 5,000 articles in 1,000 stories and on one of 100,000 articles
 * in 20,000 stories, beside a baseline run on the same stores in the same run: candidates by a
 * scan (every story seen within the look-back, scored in full), what a store without the key
 * index would do.
 *
 *   npm run bench:story-store [-- runs]      default 40 assignments per store and way
 *
 * The stored stories are synthetic: each has the index keys of a story (twelve terms, four
 * actors) drawn from the seed articles' own keys and a vocabulary of 20,000 other words, with a
 * Zipf-like skew so that some keys are common (as "ukraine" or "trump" are), and a last article
 * spread over two years (so that about half are within the one-year look-back). The articles
 * assigned are the five seed articles (test/fixtures/pages/seed-*), analysed once; each
 * assignment runs in a transaction rolled back afterwards, so every run meets the same store.
 * PGlite in memory; figures are wall time per article (median and 90th percentile).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressRaw } from '../src/fetch/raw-body.js';
import { analyzeArticle } from '../src/pipeline/analyze-article.js';
import type { Database, Queryable } from '../src/store/database.js';
import { openStore } from '../src/store/store.js';
import { refreshStoryCounts, saveStory, setArticleStory, storeStoryCandidates } from '../src/store/story-store.js';
import { articleProfile } from '../src/stories/article-profile.js';
import { assignStory, storyIndexKeys } from '../src/stories/assign-story.js';
import type { ArticleProfile, StoryCandidates, StoryProfile } from '../src/stories/story-types.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 40);
const SIZES = [
  { articles: 5_000, stories: 1_000 },
  { articles: 100_000, stories: 20_000 },
];
const VOCABULARY = 20_000;
const LOOKBACK_DAYS = 365;

// 1. The seed articles, analysed once, as the process stage would.
const pagesDir = join(repoRoot, 'test', 'fixtures', 'pages');
const seeds: { id: string; profile: ArticleProfile }[] = readdirSync(pagesDir)
  .filter((slug) => slug.startsWith('seed-'))
  .sort()
  .map((slug) => {
    const expected = JSON.parse(readFileSync(join(pagesDir, slug, 'expected.json'), 'utf8'));
    const html = readFileSync(join(pagesDir, slug, 'page.html'));
    const analysis = analyzeArticle({ raw: compressRaw(html), contentType: 'text/html', url: expected.url, feedPublishedAt: null, fetchedAt: null });
    if (analysis.kind !== 'article') throw new Error(`${slug}: ${analysis.message}`);
    const { extracted, events, publishedAt } = analysis;
    return { id: slug, profile: articleProfile({ title: extracted.title, text: extracted.text, events, publishedAt }) };
  });
const seedKeys = [...new Set(seeds.flatMap((seed) => storyIndexKeys(seed.profile)))];
const newest = Math.max(...seeds.map((seed) => Date.parse(seed.profile.publishedAt)));

// 2. Synthetic stories: deterministic pseudo-random keys, skewed towards the first words.
let state = 42;
const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const skewed = (n: number) => Math.floor(n * random() ** 3);
function syntheticStory(index: number): { story: StoryProfile; keys: string[] } {
  const terms: Record<string, number> = {};
  const actors: Record<string, number> = {};
  const keys = new Set<string>();
  while (keys.size < 16) {
    // One key in five is one of the seeds' own: those stories are the seeds' look-alikes.
    const key = random() < 0.2 ? seedKeys[skewed(seedKeys.length)] : `${keys.size < 12 ? 't' : 'a'}:w${skewed(VOCABULARY)}`;
    keys.add(key);
    if (key.startsWith('t:')) terms[key.slice(2)] = 1 + random();
    else actors[key.slice(2)] = 1 + random();
  }
  const lastSeenAt = new Date(newest - random() * 2 * 365 * 86_400_000).toISOString();
  return {
    story: { id: `sto_bench_${index}`, title: `Story ${index}`, terms, actors, days: {}, articleCount: 5, firstSeenAt: lastSeenAt, lastSeenAt, headlines: [{ title: `Story ${index}`, articleId: `art_${index}` }] },
    keys: [...keys],
  };
}

async function fill(db: Database, size: { articles: number; stories: number }): Promise<void> {
  for (let start = 0; start < size.stories; start += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, size.stories - start) }, (_, i) => syntheticStory(start + i));
    await db.query(
      `insert into stories (id, title, profile, first_seen_at, last_seen_at, article_count)
       select id, title, profile::jsonb, seen::timestamptz, seen::timestamptz, 5 from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as s(id, title, profile, seen)`,
      [batch.map((b) => b.story.id), batch.map((b) => b.story.title), batch.map((b) => JSON.stringify(b.story)), batch.map((b) => b.story.lastSeenAt)],
    );
    await db.query(
      `insert into story_keys (key, story_id, last_seen_at) select key, story_id, seen::timestamptz from unnest($1::text[], $2::text[], $3::text[]) as k(key, story_id, seen)
       on conflict do nothing`,
      [batch.flatMap((b) => b.keys), batch.flatMap((b) => b.keys.map(() => b.story.id)), batch.flatMap((b) => b.keys.map(() => b.story.lastSeenAt))],
    );
  }
  await db.query(
    `insert into articles (id, canonical_url, url, status, story_id)
     select 'art_bench_' || n, 'https://bench.example/' || n, 'https://bench.example/' || n, 'processed', 'sto_bench_' || (n % $2::integer)
     from generate_series(0, $1::integer - 1) as n`,
    [size.articles, size.stories],
  );
  // One article of the seeds' own, to assign.
  await db.query(`insert into articles (id, canonical_url, url) values ('art_seed', 'https://bench.example/seed', 'https://bench.example/seed')`);
  await db.query('analyze');
}

/** The baseline: every story seen within the look-back, read and scored (no key index). */
function scanCandidates(db: Queryable): StoryCandidates {
  return {
    near: async (_keys, since) => {
      const { rows } = await db.query<{ profile: StoryProfile }>('select profile from stories where last_seen_at >= $1', [since]);
      return rows.map((row) => (typeof row.profile === 'string' ? JSON.parse(row.profile) : row.profile));
    },
  };
}

class Rollback extends Error {}

async function assignOnce(db: Database, profile: ArticleProfile, way: 'index' | 'scan'): Promise<number> {
  const started = performance.now();
  try {
    await db.transaction(async (tx) => {
      const candidates = way === 'index' ? storeStoryCandidates(tx) : scanCandidates(tx);
      // The scan scores every story it read: a limit as large as the store.
      const assignment = await assignStory(profile, candidates, { articleId: 'art_seed', newStoryId: () => 'sto_bench_new', limit: way === 'index' ? undefined : Number.MAX_SAFE_INTEGER, lookbackDays: LOOKBACK_DAYS });
      await saveStory(tx, assignment.story, storyIndexKeys(assignment.story));
      await setArticleStory(tx, 'art_seed', assignment.story.id);
      await refreshStoryCounts(tx, assignment.story.id);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return performance.now() - started;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

console.log(`story step over the store (PGlite in memory), ${RUNS} assignments of the seed articles per store and way, ms per article`);
console.log('store                              | index: median   p90 | scan (baseline): median   p90');
for (const size of SIZES) {
  const db = await openStore('pglite://memory');
  await fill(db, size);
  const figures: Record<'index' | 'scan', number[]> = { index: [], scan: [] };
  // Warm-up, then the two ways interleaved so that both meet the same machine load.
  for (const seed of seeds) for (const way of ['index', 'scan'] as const) await assignOnce(db, seed.profile, way);
  for (let run = 0; run < RUNS; run += 1) {
    const seed = seeds[run % seeds.length];
    for (const way of ['index', 'scan'] as const) figures[way].push(await assignOnce(db, seed.profile, way));
  }
  const label = `${size.articles.toLocaleString('en')} articles, ${size.stories.toLocaleString('en')} stories`.padEnd(34);
  const f = (ms: number) => ms.toFixed(1).padStart(6);
  console.log(`${label} | ${f(quantile(figures.index, 0.5))} ${f(quantile(figures.index, 0.9))} | ${f(quantile(figures.scan, 0.5))} ${f(quantile(figures.scan, 0.9))}`);
  await db.close();
}
