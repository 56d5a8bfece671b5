/**
 * Story grouping on news articles grouped by the happening they report (ECB+ topics, two
 * look-alike happenings each): B-cubed precision, recall and F1 of chronicle's grouping at the
 * happening level (and the topic level, for context), in three arrival orders, beside the plain
 * TF-IDF cosine baselines of the corpus's own scorer run on the same pages in the same run; then
 * the cost of one assignment, on the corpus and with 1,000 open stories in the index.
 *
 *   npm run bench:stories [-- data-dir]     default ../shared/bench/stories (from the repo root)
 *
 * Folds: the rules were tuned on topics 1-8 (dev); topics 9-12 are held out and printed apart;
 * the rotated fold (topics 5-12 against 1-4) checks a change the other way round.
 * Each page goes through what the service does with it: the article extractor, event extraction,
 * then articleProfile. The corpus gives no publication dates: where the extractor reads none in
 * the page (a dateline), the events' relative dates are guesses and articleProfile keeps only the
 * dates spelled out with their year; and all pages are taken to arrive at one instant (a batch),
 * so that no story fades within the run. Pages the extractor refuses are left out, and the scorer
 * counts them as stories of their own. The scorer (score.mjs: B-cubed, the baselines, the three
 * orders) is the corpus's, loaded at run time as data.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractArticle } from '../src/extract/extract-article.js';
import { extractEvents } from '../src/events/extract-events.js';
import { articleProfile } from '../src/stories/article-profile.js';
import { ABSORB_TRIES, absorbSingles } from '../src/stories/absorb-single.js';
import { assignStory, CANDIDATE_LIMIT, storyIndexKeys, storyOf } from '../src/stories/assign-story.js';
import { groupArticles } from '../src/stories/group-articles.js';
import { MemoryStoryIndex } from '../src/stories/memory-index.js';
import { MERGE_TRIES, storyToMerge } from '../src/stories/merge-stories.js';
import { REHOME_TRIES, rehomeMember } from '../src/stories/rehome-member.js';
import { SPLIT_WINDOW, splitStory } from '../src/stories/split-story.js';
import type { ArticleProfile } from '../src/stories/story-types.js';
import { exitWithUsageOnHelp } from './support/usage.js';

exitWithUsageOnHelp(import.meta.url);

interface Bcubed { p: number; r: number; f1: number }
interface Score { happening: Bcubed; topic: Bcubed; predictedGroups: number; goldGroups: number; missing: number }
interface Scorer {
  ORDERS: string[];
  SINGLE_LINK_T: number;
  ONLINE_T: number;
  readGold(file: string): Map<string, string>;
  scoreStories(stories: string[][], gold: Map<string, string>): Score;
  bcubed(pred: Map<string, string>, gold: Map<string, string>): Bcubed;
  orderOf(name: string, files: string[]): number[];
  readPage(file: string): { file: string; title: string; text: string };
  tfidf(texts: string[]): Array<Map<string, number>>;
  pairs(vecs: Array<Map<string, number>>): Array<[number, number, number]>;
  singleLink(n: number, sorted: Array<[number, number, number]>, t: number): number[];
  online(vecs: Array<Map<string, number>>, order: number[], t: number): number[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'bench', 'stories'));
const scorer = (await import(pathToFileURL(join(dataDir, 'score.mjs')).href)) as Scorer;
/** The instant every page arrives at (see the header): any fixed one does. */
const BATCH_AT = '2026-01-01T00:00:00.000Z';
const FOLDS: Array<{ name: string; topics: [number, number] }> = [
  { name: 'dev (topics 1-8)', topics: [1, 8] },
  { name: 'held-out (topics 9-12)', topics: [9, 12] },
  { name: 'all (topics 1-12)', topics: [1, 12] },
  // The rotated fold: a rule tuned on topics 5-12 must hold on 1-4 too.
  { name: 'rotated dev (topics 5-12)', topics: [5, 12] },
  { name: 'rotated held-out (topics 1-4)', topics: [1, 4] },
];
const SYNTHETIC_STORIES = 1_000;

// 1. Pages, gold, folds.
const pagesDir = join(dataDir, 'pages');
const files = readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort().map((f) => join(pagesDir, f));
const gold = scorer.readGold(join(dataDir, 'gold.json'));
const foldGold = FOLDS.map(({ topics: [lo, hi] }) => new Map([...gold].filter(([, g]) => inRange(Number(g.split('/')[0]), lo, hi))));

// 2. Each page as the service sees it: extracted, its events, its profile.
const started = performance.now();
const profiles = new Map<string, ArticleProfile>();
const refused: string[] = [];
for (const file of files) {
  const html = readFileSync(file, 'utf8');
  let article;
  try {
    article = extractArticle(html, { url: pathToFileURL(file).href });
  } catch {
    refused.push(basename(file));
    continue;
  }
  const publishedAt = article.publishedAt ?? BATCH_AT;
  const events = extractEvents(article.text, { publishedAt });
  const profile = articleProfile({ title: article.title, text: article.text, events, publishedAt, publishedAtKnown: article.publishedAt !== null });
  profiles.set(file, { ...profile, publishedAt: BATCH_AT });
}
const analysisMs = performance.now() - started;

// 3. chronicle's grouping in the three orders, timed per assignment (wall and CPU time: on a
//    shared machine the CPU time is the steadier), after one untimed run to warm the JIT up.
await groupArticles([...profiles].map(([f, profile]) => ({ id: basename(f), profile })));
const ours: Array<{ order: string; stories: string[][]; ms: number; cpuMs: number }> = [];
for (const order of scorer.ORDERS) {
  const sequence = scorer.orderOf(order, files).map((i) => files[i]).filter((f) => profiles.has(f));
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const grouped = await groupArticles(sequence.map((f) => ({ id: basename(f), profile: profiles.get(f)! })));
  const ms = (performance.now() - t0) / sequence.length;
  const cpuMs = cpuMsSince(c0) / sequence.length;
  ours.push({ order, stories: grouped.map((g) => g.members), ms, cpuMs });
}

// 4. The baselines of the corpus's scorer on the same pages: single-link, and online in the same orders.
const pages = files.map(scorer.readPage);
const vecs = scorer.tfidf(pages.map((p) => p.text));
const asStories = (labels: number[]) => {
  const groups = new Map<number, string[]>();
  labels.forEach((label, i) => groups.set(label, [...(groups.get(label) ?? []), basename(files[i])]));
  return [...groups.values()];
};
const singleLink = asStories(scorer.singleLink(files.length, scorer.pairs(vecs), scorer.SINGLE_LINK_T));
const online = scorer.ORDERS.map((order) => ({ order, stories: asStories(scorer.online(vecs, scorer.orderOf(order, files), scorer.ONLINE_T)) }));

// 5. Report, fold by fold.
const f3 = (x: number) => x.toFixed(3);
const line = (s: Score) =>
  `happening P ${f3(s.happening.p)} R ${f3(s.happening.r)} F1 ${f3(s.happening.f1)} | topic P ${f3(s.topic.p)} R ${f3(s.topic.r)} F1 ${f3(s.topic.f1)} | ${s.predictedGroups} stories / ${s.goldGroups} happenings`;
console.log(`stories benchmark: ${files.length} pages in ${dataDir}; ${refused.length} refused by the extractor (scored as stories of their own: ${refused.join(', ') || 'none'})`);
console.log(`analysis (extract, events, profile): ${(analysisMs / files.length).toFixed(1)} ms a page\n`);
FOLDS.forEach((fold, k) => {
  const g = foldGold[k];
  console.log(`== ${fold.name}: ${g.size} pages`);
  const mine = ours.map((o) => ({ order: o.order, score: scorer.scoreStories(o.stories, g) }));
  for (const { order, score } of mine) console.log(`  chronicle, order ${order.padEnd(7)} ${line(score)}`);
  const base = online.map((o) => ({ order: o.order, score: scorer.scoreStories(o.stories, g) }));
  for (const { order, score } of base) console.log(`  baseline online T ${scorer.ONLINE_T}, ${order.padEnd(7)} ${line(score)}`);
  const sl = scorer.scoreStories(singleLink, g);
  console.log(`  baseline single-link T ${scorer.SINGLE_LINK_T}       ${line(sl)}`);
  const f1s = mine.map((m) => m.score.happening.f1);
  const mean = f1s.reduce((a, b) => a + b, 0) / f1s.length;
  const baseF1s = base.map((b) => b.score.happening.f1);
  console.log(
    `  -> chronicle happening F1 mean ${f3(mean)} (spread over orders ${f3(Math.max(...f1s) - Math.min(...f1s))}, least agreement between two orders' groupings ${f3(leastAgreement(ours.map((o) => o.stories), g))}); ` +
      `single-link baseline ${f3(sl.happening.f1)} (${signed(mean - sl.happening.f1)}); online baseline mean ${f3(baseF1s.reduce((a, b) => a + b, 0) / baseF1s.length)} (spread ${f3(Math.max(...baseF1s) - Math.min(...baseF1s))})\n`,
  );
});

// 6. Cost of one assignment: on the corpus, and with 1,000 open stories in the index.
console.log(`assignment on the corpus, ms an article (wall/CPU): ${ours.map((o) => `${o.order} ${o.ms.toFixed(3)}/${o.cpuMs.toFixed(3)}`).join(', ')}`);
const synthetic = await syntheticRun([...profiles.values()]);
console.log(
  `assignment with ${SYNTHETIC_STORIES.toLocaleString('en')} open stories in the index: ${synthetic.ms.toFixed(3)} ms wall, ${synthetic.cpuMs.toFixed(3)} ms CPU an article ` +
    `(goal <= 5 ms; ${synthetic.candidates.toFixed(1)} candidates scored an article)`,
);

const splitCheck = splitCheckCost([...profiles.values()]);
const rehomeCheck = await rehomeCheckCost([...profiles.values()], synthetic.index);
const absorbCheck = await absorbCheckCost([...profiles.values()]);
const mergeCheck = mergeCheckCost([...profiles.values()]);
console.log(
  `split check after a join to a story of ${SPLIT_WINDOW} articles (the most it looks at): ${splitCheck.ms.toFixed(3)} ms wall, ${splitCheck.cpuMs.toFixed(3)} ms CPU; ` +
    `rehome check of its ${REHOME_TRIES} least fitting members against the ${SYNTHETIC_STORIES.toLocaleString('en')} stories' index: ${rehomeCheck.ms.toFixed(3)} ms wall, ${rehomeCheck.cpuMs.toFixed(3)} ms CPU; ` +
    `absorb check of the stories of one article among the candidates (${ABSORB_TRIES} asked again): ${absorbCheck.ms.toFixed(3)} ms wall, ${absorbCheck.cpuMs.toFixed(3)} ms CPU; ` +
    `merge check of the ${CANDIDATE_LIMIT} candidates (${MERGE_TRIES} compared as articles): ${mergeCheck.ms.toFixed(3)} ms wall, ${mergeCheck.cpuMs.toFixed(3)} ms CPU ` +
    `(so at most ${(synthetic.cpuMs + splitCheck.cpuMs + rehomeCheck.cpuMs + absorbCheck.cpuMs + mergeCheck.cpuMs).toFixed(3)} ms CPU an article with all four)`,
);

/** The least B-cubed F1 between the groupings of two orders (1 = the same grouping). */
function leastAgreement(groupings: string[][][], g: Map<string, string>): number {
  const asMap = (stories: string[][]) => {
    const m = new Map<string, string>();
    stories.forEach((s, k) => s.forEach((f) => g.has(f) && m.set(f, `s${k}`)));
    for (const f of g.keys()) if (!m.has(f)) m.set(f, `missing:${f}`);
    return m;
  };
  let least = 1;
  for (let a = 0; a < groupings.length; a++) for (let b = a + 1; b < groupings.length; b++) least = Math.min(least, scorer.bcubed(asMap(groupings[a]), asMap(groupings[b])).f1);
  return least;
}

/**
 * 1,000 open stories of one article each, whose words and actors are drawn from the corpus's own
 * (a fixed pseudo-random draw), so that an article's index keys meet many of them, as in a busy
 * store; then every corpus article assigned against them: the mean time one assignment takes.
 */
async function syntheticRun(real: ArticleProfile[]): Promise<{ ms: number; cpuMs: number; candidates: number; index: MemoryStoryIndex }> {
  let seed = 20261201;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const vocabulary = [...new Set(real.flatMap((p) => Object.keys(p.terms)))].sort();
  const people = [...new Set(real.flatMap((p) => p.actors))].sort();
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)];
  const fake = (): ArticleProfile => {
    const terms: Record<string, number> = {};
    for (let i = 0; i < 40; i++) terms[pick(vocabulary)] = Math.round(rnd() * 3000) / 10_000;
    return { terms, actors: [pick(people), pick(people), pick(people)], days: ['2025-12-30'], publishedAt: BATCH_AT, title: `${pick(vocabulary)} ${pick(vocabulary)} ${pick(vocabulary)}` };
  };
  const index = new MemoryStoryIndex();
  const nothing = { near: async () => [] };
  for (let s = 0; s < SYNTHETIC_STORIES; s++) index.save((await assignStory(fake(), nothing, { articleId: `f${s}`, newStoryId: () => `f${s}` })).story);
  let opened = 0;
  let candidates = 0;
  const counted = { near: async (keys: readonly string[], since: string, limit: number) => {
    const found = await index.near(keys, since, limit);
    candidates += found.length;
    return found;
  } };
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  for (const [k, profile] of real.entries()) {
    const { story } = await assignStory(profile, counted, { articleId: `r${k}`, newStoryId: () => `r${++opened}` });
    index.save(story);
  }
  return { ms: (performance.now() - t0) / real.length, cpuMs: cpuMsSince(c0) / real.length, candidates: candidates / real.length, index };
}

/**
 * The worst cost of the split check (split-story.ts) an assignment adds: a story at its window,
 * SPLIT_WINDOW corpus articles taken in turn, checked as after a join (timed over 50 checks, after one untimed pass).
 */
function splitCheckCost(real: ArticleProfile[]): { ms: number; cpuMs: number } {
  const runs = 50;
  const stories = Array.from({ length: runs }, (_, k) =>
    Array.from({ length: SPLIT_WINDOW }, (_, i) => ({ articleId: `a${i}`, profile: real[(k * 7 + i) % real.length] })),
  );
  for (const members of stories) splitStory(members); // untimed, to warm the JIT up
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  for (const members of stories) splitStory(members);
  return { ms: (performance.now() - t0) / runs, cpuMs: cpuMsSince(c0) / runs };
}

/**
 * The cost of the rehome check (rehome-member.ts) an assignment adds when the story does not
 * split: stories of SPLIT_WINDOW corpus articles, each's REHOME_TRIES least fitting members
 * assigned again against the synthetic run's stories (both tried and every candidate scored: the
 * worst case; timed over 50 checks, after one untimed pass).
 */
async function rehomeCheckCost(real: ArticleProfile[], synthetic: MemoryStoryIndex): Promise<{ ms: number; cpuMs: number }> {
  const runs = 50;
  // The synthetic stories made as large as any story, so that every candidate is scored (the worst case).
  const index = new MemoryStoryIndex();
  for (const story of synthetic.all()) index.save({ ...story, articleCount: Number.MAX_SAFE_INTEGER });
  const checks = Array.from({ length: runs }, (_, k) => {
    const members = Array.from({ length: SPLIT_WINDOW }, (_, i) => ({ articleId: `m${k}-${i}`, profile: real[(k * 7 + i) % real.length] }));
    return { story: storyOf(`m${k}`, members), members };
  });
  for (const { story, members } of checks) await rehomeMember(story, members, '', index); // untimed, to warm the JIT up
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  for (const { story, members } of checks) await rehomeMember(story, members, '', index);
  return { ms: (performance.now() - t0) / runs, cpuMs: cpuMsSince(c0) / runs };
}

/**
 * The cost of the absorb check (absorb-single.ts) an assignment adds when the story does not
 * split: stories of SPLIT_WINDOW corpus articles, each with the candidates an article of it finds
 * among 1,000 stories of one corpus article each (the corpus over again: found by the index before
 * the check, as the assignment finds them), alike in words, so that each check reads an article
 * and asks it again (the worst case; timed over 50 checks, after one untimed pass).
 */
async function absorbCheckCost(real: ArticleProfile[]): Promise<{ ms: number; cpuMs: number }> {
  const runs = 50;
  const singles = new MemoryStoryIndex();
  const memberOf = new Map<string, { articleId: string; profile: ArticleProfile }>();
  for (let s = 0; s < SYNTHETIC_STORIES; s++) {
    const member = { articleId: `one${s}`, profile: real[s % real.length] };
    singles.save(storyOf(`one${s}`, [member]));
    memberOf.set(`one${s}`, member);
  }
  const checks = await Promise.all(
    Array.from({ length: runs }, async (_, k) => {
      const members = Array.from({ length: SPLIT_WINDOW }, (_, i) => ({ articleId: `m${k}-${i}`, profile: real[(k * 7 + i) % real.length] }));
      const near = await singles.near(storyIndexKeys(members[SPLIT_WINDOW - 1].profile), '1970-01-01T00:00:00.000Z', CANDIDATE_LIMIT);
      return { story: storyOf(`m${k}`, members), near };
    }),
  );
  const read = async (id: string) => memberOf.get(id) ?? null;
  for (const { story, near } of checks) await absorbSingles(story, near, read); // untimed, to warm the JIT up
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  for (const { story, near } of checks) await absorbSingles(story, near, read);
  return { ms: (performance.now() - t0) / runs, cpuMs: cpuMsSince(c0) / runs };
}

/**
 * The cost of the merge check (merge-stories.ts) an assignment adds when the story does not split:
 * stories of SPLIT_WINDOW corpus articles, each with CANDIDATE_LIMIT candidate stories of two corpus
 * articles, all made to tell of the story's day, the first of them led by another person and the
 * last MERGE_TRIES by the story's, so that every candidate is checked and MERGE_TRIES are compared
 * as articles (the worst case; timed over 50 checks, after one untimed pass).
 */
function mergeCheckCost(real: ArticleProfile[]): { ms: number; cpuMs: number } {
  const runs = 50;
  const alike = (profile: ArticleProfile, lead: string): ArticleProfile => ({ ...profile, days: ['2025-12-30'], actors: [lead, ...profile.actors] });
  const checks = Array.from({ length: runs }, (_, k) => {
    const member = (i: number, lead = 'one person') => ({ articleId: `g${k}-${i}`, profile: alike(real[(k * 7 + i) % real.length], lead) });
    const story = storyOf(`g${k}`, Array.from({ length: SPLIT_WINDOW }, (_, i) => member(i)));
    const near = Array.from({ length: CANDIDATE_LIMIT }, (_, j) => {
      const lead = j < CANDIDATE_LIMIT - MERGE_TRIES ? 'another person' : 'one person';
      return storyOf(`c${k}-${j}`, [member(SPLIT_WINDOW + 2 * j, lead), member(SPLIT_WINDOW + 2 * j + 1, lead)]);
    });
    return { story, near };
  });
  for (const { story, near } of checks) storyToMerge(story, near); // untimed, to warm the JIT up
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  for (const { story, near } of checks) storyToMerge(story, near);
  return { ms: (performance.now() - t0) / runs, cpuMs: cpuMsSince(c0) / runs };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function inRange(x: number, lo: number, hi: number): boolean {
  return x >= lo && x <= hi;
}

function signed(x: number): string {
  return `${x >= 0 ? '+' : ''}${f3(x)}`;
}
