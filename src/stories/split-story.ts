/**
 * Correcting an early wrong join: a story whose articles fall into two cohesive groups is two
 * stories, and the younger group leaves it.
 *
 * The first report of a look-alike happening (the Red Sox's offer to a player after the Angels')
 * resembles the story of the first as much as that story's own reports resemble each other, so
 * it joins it, and the reports that follow it join too. No threshold at join time tells it apart
 * without splitting one happening's reports elsewhere; but once a few reports of each have
 * gathered, the story's articles are two groups, each close within and farther across. So, after
 * every join (bounded: the story's most recent SPLIT_WINDOW articles):
 * 1. bisect the articles by their pairwise word cosines (kernel 2-means, seeded by the least
 *    alike pair: deterministic);
 * 2. keep the bisection when both groups hold at least SPLIT_MIN articles and the mean cosine
 *    across them is at most SPLIT_RATIO of the mean within them;
 * 3. unless both groups report the same day: their most named days (each named by two articles
 *    or more) within NEAR_DAYS of each other are one happening told from two angles (an actress's
 *    rehab: the clinic she was to enter and the one she entered, the same week);
 * 4. the group holding the story's oldest article of the window stays (with every older article),
 *    so that the story keeps its id; the other opens a story of its own.
 * Tuned on the development topics of bench/stories (1-8, and 5-12 for the rotated fold).
 */
import type { ArticleProfile } from './story-types.js';

/** The mean cosine across the two groups at most this share of the mean within them. */
export const SPLIT_RATIO = 0.8;
/** Each group holds at least this many articles: fewer make a noisy mean, and a story of few articles errs little. */
export const SPLIT_MIN = 5;
/** The story's most recent articles the bisection looks at: a bound on its cost (their pairs). */
export const SPLIT_WINDOW = 40;
/** Days this close are one moment (as story-match.ts's NEAR_DAYS). */
const NEAR_DAYS = 3;
/** A group's main day is named by at least this many of its articles. */
const MAIN_DAY_ARTICLES = 2;
const DAY_MS = 86_400_000;
const ROUNDS = 20;

export interface StoryMember {
  articleId: string;
  profile: Pick<ArticleProfile, 'terms' | 'days'>;
}

export interface StorySplit {
  /** The articles that leave the story for a new one, in the order given. */
  leave: string[];
  /** Mean word cosine within the two groups, and across them. */
  within: number;
  across: number;
}

/**
 * Whether the story's articles (in the order they joined, oldest first) are two stories, and if so
 * which articles leave it; null when they are one.
 */
export function splitStory(members: readonly StoryMember[]): StorySplit | null {
  const window = members.slice(-SPLIT_WINDOW);
  const n = window.length;
  if (n < 2 * SPLIT_MIN) return null;
  const sims = cosines(window.map((m) => m.profile.terms));
  const group = bisect(sims);
  if (!group) return null;
  const staying = group[0];
  const stay = window.filter((_, i) => group[i] === staying);
  const leave = window.filter((_, i) => group[i] !== staying);
  if (stay.length < SPLIT_MIN || leave.length < SPLIT_MIN) return null;
  const { within, across } = meanCosines(sims, group);
  if (across > SPLIT_RATIO * within) return null;
  if (sameMoment(stay, leave)) return null;
  return { leave: leave.map((m) => m.articleId), within, across };
}

/**
 * The word cosine of every two of the articles, through the window's own vocabulary (numbered
 * terms and a dense row per article, as looking terms up by name in every pair is what costs).
 */
function cosines(termSets: ReadonlyArray<Record<string, number>>): number[][] {
  const vocabulary = new Map<string, number>();
  const vectors = termSets.map((terms) => {
    const entries = Object.entries(terms);
    const ids = new Int32Array(entries.length);
    const weights = new Float64Array(entries.length);
    let norm = 0;
    entries.forEach(([term, w], k) => {
      let id = vocabulary.get(term);
      if (id === undefined) vocabulary.set(term, (id = vocabulary.size));
      ids[k] = id;
      weights[k] = w;
      norm += w * w;
    });
    return { ids, weights, norm: Math.sqrt(norm) };
  });
  const row = new Float64Array(vocabulary.size);
  const sims = vectors.map(() => new Array<number>(vectors.length).fill(0));
  vectors.forEach((a, i) => {
    a.ids.forEach((id, k) => (row[id] = a.weights[k]));
    sims[i][i] = 1;
    for (let j = i + 1; j < vectors.length; j++) {
      const b = vectors[j];
      let dot = 0;
      for (let k = 0; k < b.ids.length; k++) dot += row[b.ids[k]] * b.weights[k];
      sims[i][j] = sims[j][i] = a.norm && b.norm ? dot / (a.norm * b.norm) : 0;
    }
    a.ids.forEach((id) => (row[id] = 0));
  });
  return sims;
}

/**
 * Two groups by kernel 2-means on the similarities: each article goes to the group it is on
 * average closer to, from the least alike pair as seeds, until nothing moves. Null when all end
 * in one group.
 */
function bisect(sims: number[][]): number[] | null {
  const n = sims.length;
  let [a, b, least] = [0, 1, Infinity];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (sims[i][j] < least) [a, b, least] = [i, j, sims[i][j]];
  let group = sims.map((row) => (row[a] >= row[b] ? 0 : 1));
  for (let round = 0; round < ROUNDS; round++) {
    const next = sims.map((row, i) => (meanTo(row, group, i, 0) >= meanTo(row, group, i, 1) ? 0 : 1));
    if (next.every((g, i) => g === group[i])) break;
    group = next;
  }
  return group.some((g) => g !== group[0]) ? group : null;
}

/** An article's mean similarity to the other articles of a group. */
function meanTo(row: readonly number[], group: readonly number[], self: number, which: number): number {
  let sum = 0;
  let count = 0;
  for (let j = 0; j < row.length; j++) {
    if (j === self || group[j] !== which) continue;
    sum += row[j];
    count++;
  }
  return count ? sum / count : 0;
}

function meanCosines(sims: number[][], group: readonly number[]): { within: number; across: number } {
  let [within, withinPairs, across, acrossPairs] = [0, 0, 0, 0];
  for (let i = 0; i < sims.length; i++) {
    for (let j = i + 1; j < sims.length; j++) {
      if (group[i] === group[j]) [within, withinPairs] = [within + sims[i][j], withinPairs + 1];
      else [across, acrossPairs] = [across + sims[i][j], acrossPairs + 1];
    }
  }
  return { within: withinPairs ? within / withinPairs : 0, across: acrossPairs ? across / acrossPairs : 0 };
}

/** Whether both groups' main days are known and within NEAR_DAYS of each other. */
function sameMoment(a: readonly StoryMember[], b: readonly StoryMember[]): boolean {
  const [dayA, dayB] = [mainDay(a), mainDay(b)];
  return dayA !== null && dayB !== null && sameDay(dayA, dayB);
}

/** The day most of a group's articles tell of (the earlier on a tie), when at least MAIN_DAY_ARTICLES do. */
function mainDay(members: readonly StoryMember[]): string | null {
  const counts = new Map<string, number>();
  for (const m of members) for (const day of new Set(m.profile.days)) counts.set(day, (counts.get(day) ?? 0) + 1);
  return mainDayOf(counts);
}

/**
 * The day most articles tell of (the earlier on a tie), from how many articles tell of each (a
 * story's days are these counts), when at least MAIN_DAY_ARTICLES do; null when none does.
 */
export function mainDayOf(counts: ReadonlyMap<string, number> | Record<string, number>): string | null {
  let [best, most] = [null as string | null, 0];
  for (const [day, count] of counts instanceof Map ? counts : Object.entries(counts)) if (count > most || (count === most && best !== null && day < best)) [best, most] = [day, count];
  return most >= MAIN_DAY_ARTICLES ? best : null;
}

/** Whether two days are one moment: within NEAR_DAYS of each other. */
export function sameDay(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= NEAR_DAYS * DAY_MS;
}
