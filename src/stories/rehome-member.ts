/**
 * Correcting an early wrong join one article at a time: a story's member that fits it least is
 * assigned again against the stories as they are now, and moves when another story would take it
 * before its own would.
 *
 * When a story holds one or two articles, a report of a look-alike happening can resemble it
 * enough to join, and stays there while the story grows into its own happening: too few to split
 * off (split-story.ts), and no later article undoes it. Once the stories of both happenings have
 * grown, the question the article faced at arrival has a better answer. So, after a join:
 * 1. among the story's recent members (not the one that just joined), the REHOME_TRIES whose
 *    words are least like the rest of the story (their dot product with the story's summed terms,
 *    their own share taken out), least first;
 * 2. the story without it, and the candidates the index gives for it (the assignment's own
 *    rules: storySimilarity, likeItsArticles, the join threshold);
 * 3. it moves when another story takes it and scores it above the story it is in would, were it
 *    to arrive now, and that story has gathered at least as many articles as its own: the happening
 *    it reports has grown around others; moving a member to a smaller story would feed a
 *    fragment of the happening its own story reports (two stories of one happening that grew
 *    apart) or a look-alike's first few reports.
 * Tuned on the development topics of bench/stories (1-8, and 5-12 for the rotated fold).
 */
import { actorRankWeight, dot, likeItsArticles, storySimilarity } from './story-match.js';
import { CANDIDATE_LIMIT, JOIN_THRESHOLD, LOOKBACK_DAYS, storyIndexKeys } from './assign-story.js';
import type { ArticleProfile, StoryCandidates, StoryProfile } from './story-types.js';

/** A story smaller than this is not checked: with one other member, the story is that member. */
export const REHOME_MIN = 3;
/** How many of the least fitting members are tried, least first (each costs one index look-up): tuned on the development topics. */
export const REHOME_TRIES = 2;

export interface Member {
  articleId: string;
  profile: ArticleProfile;
}

export interface Rehome {
  articleId: string;
  /** The story the member moves to (its profile before the move). */
  to: StoryProfile;
  similarity: number;
}

/**
 * Whether one of the least fitting of the story's members (in join order; `justJoined` is left
 * alone) belongs to another story now: the first that does; null when they stay.
 */
export async function rehomeMember(story: StoryProfile, members: readonly Member[], justJoined: string, candidates: StoryCandidates): Promise<Rehome | null> {
  if (members.length < REHOME_MIN) return null;
  // 1. The least fitting members, least first.
  const fits = members
    .filter((m) => m.articleId !== justJoined)
    .map((m) => ({ m, fit: dot(m.profile.terms, story.terms) - dot(m.profile.terms, m.profile.terms) }))
    .sort((a, b) => a.fit - b.fit);
  for (const { m } of fits.slice(0, REHOME_TRIES)) {
    const to = betterStory(m.profile, story, await candidates.near(storyIndexKeys(m.profile), lookbackStart(m.profile.publishedAt), CANDIDATE_LIMIT));
    if (to) return { articleId: m.articleId, to: to.story, similarity: to.score };
  }
  return null;
}

/** 2. and 3.: the story among the candidates that would take the member before its own would, if any. */
function betterStory(profile: ArticleProfile, story: StoryProfile, near: readonly StoryProfile[]): { story: StoryProfile; score: number } | null {
  let best: StoryProfile | null = null;
  let bestScore = -1;
  for (const other of near) {
    // Only a story at least as large may take it (3.): the others are not scored.
    if (other.id === story.id || other.articleCount < story.articleCount || !likeItsArticles(profile, other)) continue;
    const score = storySimilarity(profile, other);
    if (score > bestScore || (score === bestScore && best && other.firstSeenAt < best.firstSeenAt)) [best, bestScore] = [other, score];
  }
  if (!best || bestScore < JOIN_THRESHOLD) return null;
  if (bestScore <= storySimilarity(profile, withoutArticle(story, profile))) return null;
  return { story: best, score: bestScore };
}

function lookbackStart(publishedAt: string): string {
  const since = new Date(Date.parse(publishedAt) - LOOKBACK_DAYS * 86_400_000);
  return Number.isNaN(since.getTime()) ? '1970-01-01T00:00:00.000Z' : since.toISOString();
}

/** A story's profile with one article's share taken out (terms, actors, days, count and cohesion): what it would be without it. */
export function withoutArticle(story: StoryProfile, profile: ArticleProfile): StoryProfile {
  const terms = { ...story.terms };
  for (const [term, w] of Object.entries(profile.terms)) {
    if (!(term in terms)) continue;
    const left = terms[term] - w;
    if (left > 1e-6) terms[term] = left;
    else delete terms[term];
  }
  const actors = { ...story.actors };
  profile.actors.forEach((name, rank) => {
    if (!(name in actors)) return;
    const left = actors[name] - actorRankWeight(rank);
    if (left > 1e-6) actors[name] = left;
    else delete actors[name];
  });
  const days = { ...story.days };
  for (const day of profile.days) if (days[day] !== undefined && --days[day] <= 0) delete days[day];
  const cohesion = story.cohesion && { sum: story.cohesion.sum - dot(profile.terms, terms), pairs: story.cohesion.pairs - (story.articleCount - 1) };
  return { ...story, terms, actors, days, cohesion, articleCount: story.articleCount - 1 };
}
