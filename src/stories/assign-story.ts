/**
 * Incremental story assignment: an article joins the story it most resembles, or opens one.
 *
 * 1. ask the candidate index for the recent stories that share index keys with the article
 *    (storyIndexKeys: its heaviest terms and its actors), never a scan of every story;
 * 2. score each (story-match.ts) and take the best of those the article is about as close to
 *    as their own articles are to each other (likeItsArticles);
 * 3. at or above the threshold the article joins it (joinStory: terms, actors and days summed,
 *    dates widened, headline kept, the most central headline made the title); below it the
 *    article opens a story of its own (openStory).
 *
 * Order: a story's profile is the sum of its articles' profiles (terms, rank-weighted actors,
 * days), so it depends little on the order they joined in; what keeps an early wrong join from
 * snowballing is that a look-alike's article conflicts with the story's leading person
 * (story-match.ts) rather than a high threshold, which would split a happening's reports; and a
 * wrong join that gathers followers anyway is undone later, when the story's articles have become
 * two cohesive groups (split-story.ts), and one that stays a minority is moved to the story
 * that would now take it first (rehome-member.ts); an article that opened a story of its own
 * too early is absorbed by the story that has grown to take it (absorb-single.ts). What arrival
 * order still changes is measured by bench/stories.ts (three orders).
 */
import { actorRankWeight, dot, lastWord, likeItsArticles, storySimilarity } from './story-match.js';
import { tokensOf } from './distinctive-terms.js';
import type { ArticleProfile, StoryAssignment, StoryCandidates, StoryProfile } from './story-types.js';

export interface AssignOptions {
  /** The article's id, kept beside its headline. */
  articleId: string;
  /** The id of a story this article opens. */
  newStoryId: () => string;
  /** Similarity at or above which the article joins (default JOIN_THRESHOLD). */
  threshold?: number;
  /** How many candidates to score (default CANDIDATE_LIMIT). */
  limit?: number;
  /** How far back a story may have been last seen and still be joined (default LOOKBACK_DAYS). */
  lookbackDays?: number;
}

/** Tuned on the development topics 1-8 of bench/stories (topics 9-12 held out). */
export const JOIN_THRESHOLD = 0.25;
/** Enough that the best story is among them: stories sharing no key score near zero anyway. */
export const CANDIDATE_LIMIT = 20;
/** Past this a story has faded below any threshold (story-match.ts: 14 days, then halving every 120: a year leaves 0.13, under JOIN_THRESHOLD even for a perfect match). */
export const LOOKBACK_DAYS = 365;
/** The terms a story keeps: its articles' heaviest, enough for any article's 40 to meet. */
export const STORY_TERMS = 120;
export const STORY_ACTORS = 40;
/** Headlines kept to choose the title from: past this the least central make way. */
export const STORY_HEADLINES = 50;
const KEY_TERMS = 12;
const KEY_ACTORS = 4;

export async function assignStory(profile: ArticleProfile, candidates: StoryCandidates, options: AssignOptions): Promise<StoryAssignment> {
  // 1. Candidates.
  const since = new Date(Date.parse(profile.publishedAt) - (options.lookbackDays ?? LOOKBACK_DAYS) * 86_400_000);
  const near = await candidates.near(storyIndexKeys(profile), Number.isNaN(since.getTime()) ? '1970-01-01T00:00:00.000Z' : since.toISOString(), options.limit ?? CANDIDATE_LIMIT);
  // 2. The best of them; ties go to the older story, so that a re-run gives the same answer.
  let best: StoryProfile | null = null;
  let bestScore = -1;
  for (const story of near) {
    if (!likeItsArticles(profile, story)) continue;
    const score = storySimilarity(profile, story);
    if (score > bestScore || (score === bestScore && best && story.firstSeenAt < best.firstSeenAt)) {
      best = story;
      bestScore = score;
    }
  }
  // 3. Join, or open.
  if (best && bestScore >= (options.threshold ?? JOIN_THRESHOLD)) {
    return { story: joinStory(best, profile, options.articleId), opened: false, similarity: bestScore, candidates: near };
  }
  return { story: openStory(options.newStoryId(), profile, options.articleId), opened: true, similarity: 0, candidates: near };
}

/**
 * The keys a story is found by, and an article looks it up by: its heaviest terms ("t:") and its
 * leading actors ("a:", by last word, as story-match.ts compares them). The store's index table
 * and memory-index.ts keep exactly these.
 */
export function storyIndexKeys(profile: Pick<ArticleProfile, 'terms'> & { actors: readonly string[] | Record<string, number> }): string[] {
  const actors = Array.isArray(profile.actors) ? profile.actors : heaviest(profile.actors as Record<string, number>, KEY_ACTORS * 2);
  const terms = heaviest(profile.terms, KEY_TERMS).map((t) => `t:${t}`);
  const names = [...new Set(actors.map(lastWord))].slice(0, KEY_ACTORS).map((a) => `a:${a}`);
  return [...terms, ...names];
}

export function openStory(id: string, profile: ArticleProfile, articleId: string): StoryProfile {
  const empty: StoryProfile = {
    id,
    title: profile.title ?? '',
    terms: {},
    actors: {},
    days: {},
    articleCount: 0,
    firstSeenAt: profile.publishedAt,
    lastSeenAt: profile.publishedAt,
    headlines: [],
  };
  return joinStory(empty, profile, articleId);
}

/**
 * The story of these articles alone, under this id, as if they had joined it in this order: what
 * is left of a story when some of its articles leave it (split-story.ts), and the story they open.
 */
export function storyOf(id: string, articles: ReadonlyArray<{ articleId: string; profile: ArticleProfile }>): StoryProfile {
  const [first, ...rest] = articles;
  return rest.reduce((story, a) => joinStory(story, a.profile, a.articleId), openStory(id, first.profile, first.articleId));
}

/** The story with the article added: a new object, the given one is left as it was. */
export function joinStory(story: StoryProfile, profile: ArticleProfile, articleId: string): StoryProfile {
  const terms = { ...story.terms };
  for (const [term, w] of Object.entries(profile.terms)) terms[term] = round((terms[term] ?? 0) + w);
  const actors = { ...story.actors };
  profile.actors.forEach((name, rank) => (actors[name] = round((actors[name] ?? 0) + actorRankWeight(rank))));
  // The article's cosines with each of the story's articles: its dot product with their summed terms.
  const cohesion = { sum: round((story.cohesion?.sum ?? 0) + dot(profile.terms, story.terms)), pairs: (story.cohesion?.pairs ?? 0) + story.articleCount };
  const days = { ...story.days };
  for (const day of profile.days) days[day] = (days[day] ?? 0) + 1;
  const next: StoryProfile = {
    ...story,
    terms: top(terms, STORY_TERMS),
    actors: top(actors, STORY_ACTORS),
    days,
    cohesion,
    articleCount: story.articleCount + 1,
    firstSeenAt: earlier(story.firstSeenAt, profile.publishedAt),
    lastSeenAt: later(story.lastSeenAt, profile.publishedAt),
    headlines: profile.title ? [...story.headlines, { title: profile.title, articleId }] : story.headlines,
  };
  return withCentralTitle(next);
}

/**
 * The title is the most central headline: the one whose words the other headlines repeat most
 * (the gist the outlets agree on: five reports of peace talks that each lead with their own
 * detail share "Ukraine", "peace", "plan", "talks"), per word of it, so that a long headline
 * does not win by length. Between headlines the others agree with alike (one or two headlines),
 * the one closest to the story's terms; then the earlier, so the title does not flicker.
 */
export function withCentralTitle(story: StoryProfile): StoryProfile {
  if (story.headlines.length === 0) return story;
  const shared = new Map<string, number>();
  for (const h of story.headlines) for (const word of wordsOf(h)) shared.set(word, (shared.get(word) ?? 0) + 1);
  const scored = story.headlines.map((h, index) => ({ h, index, agreed: agreement(h, shared), score: headlineCentrality(h, story.terms) }));
  scored.sort((a, b) => b.agreed - a.agreed || b.score - a.score || a.index - b.index);
  const headlines = scored.length > STORY_HEADLINES ? scored.slice(0, STORY_HEADLINES).sort((a, b) => a.index - b.index).map((s) => s.h) : story.headlines;
  return { ...story, headlines, title: scored[0].h.title };
}

/** A story's headlines are scored again at every join: their words are kept per headline. */
const headlineWords = new WeakMap<object, Set<string>>();

function wordsOf(headline: StoryProfile['headlines'][number]): Set<string> {
  let words = headlineWords.get(headline);
  if (!words) headlineWords.set(headline, (words = new Set(tokensOf(headline.title))));
  return words;
}

/** How many other headlines repeat each word of this one, per word (rounded, so near-ties go to the terms). */
function agreement(headline: StoryProfile['headlines'][number], shared: ReadonlyMap<string, number>): number {
  const words = wordsOf(headline);
  if (words.size === 0) return 0;
  let others = 0;
  for (const word of words) others += (shared.get(word) ?? 1) - 1;
  return Math.round((others / Math.sqrt(words.size)) * 100) / 100;
}

/** The cosine of a headline's words (each once) with the story's terms. */
function headlineCentrality(headline: StoryProfile['headlines'][number], terms: Record<string, number>): number {
  const words = wordsOf(headline);
  if (words.size === 0) return 0;
  let dot = 0;
  for (const word of words) dot += terms[word] ?? 0;
  return dot / Math.sqrt(words.size);
}

function ranked(weights: Record<string, number>): string[] {
  return Object.entries(weights)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k]) => k);
}

/** The n heaviest keys, heaviest first (ties by key), without sorting them all. */
export function heaviest(weights: Record<string, number>, n: number): string[] {
  const best: Array<[string, number]> = [];
  for (const [key, w] of Object.entries(weights)) {
    if (best.length === n && !before(key, w, best[n - 1])) continue;
    let i = best.length === n ? n - 1 : best.length;
    while (i > 0 && before(key, w, best[i - 1])) {
      best[i] = best[i - 1];
      i--;
    }
    best[i] = [key, w];
  }
  return best.map(([key]) => key);
}

function before(key: string, w: number, other: [string, number]): boolean {
  return w > other[1] || (w === other[1] && key < other[0]);
}

/**
 * The n heaviest weights; pruned only once half as many again have gathered, so that a story
 * that gains a few terms a join is not sorted at every join.
 */
function top(weights: Record<string, number>, n: number): Record<string, number> {
  const keys = Object.keys(weights);
  if (keys.length <= n + n / 2) return weights;
  return Object.fromEntries(ranked(weights).slice(0, n).map((k) => [k, weights[k]]));
}

function earlier(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
