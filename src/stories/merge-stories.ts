/**
 * Correcting two stories of one moment: a story that the story just joined is about the same
 * moment and the same participant as, and would take as it would take an article, is one story
 * with it.
 *
 * Two reports of one happening that arrive first and tell it from two angles (an actress checks
 * into one clinic, and into another the next day) can each open a story, and each story then
 * gathers the reports of its angle: no single article is out of place, so neither the rehome nor
 * the absorb corrections (rehome-member.ts, absorb-single.ts) join them, and the split
 * (split-story.ts) would never have made two stories of them: it keeps two groups whose main days
 * are one moment together. So, after a join, among the stories the joining article was compared
 * with (the assignment's candidates):
 * 1. those whose main day (split-story.ts: mainDayOf, named by two articles or more) is one moment
 *    with the story's, and whose leading participant is the story's (names compared as
 *    story-match.ts compares them);
 * 2. the one the story would take first, as an article, by the assignment's rules (storySimilarity
 *    at least the join threshold, its words like the story's articles);
 * 3. the smaller story's articles join the larger one (on a tie, the younger's join the older), in
 *    the order they joined their own, and the emptied story goes.
 * Two look-alikes differ in participants or in time (another host named a year later, another
 * offer ten days later): those stay apart.
 */
import { JOIN_THRESHOLD } from './assign-story.js';
import { mainDayOf, sameDay } from './split-story.js';
import { likeItsArticles, nameKeys, storySimilarity } from './story-match.js';
import type { ArticleProfile, StoryProfile } from './story-types.js';

export interface StoryMerge {
  /** The story that stays, with its id. */
  keep: StoryProfile;
  /** The story whose articles join it, and that goes. */
  go: StoryProfile;
  similarity: number;
}

/** The story among `near` that is one with `story`, and which of the two stays; null when none is. */
export function storyToMerge(story: StoryProfile, near: readonly StoryProfile[]): StoryMerge | null {
  const day = mainDayOf(story.days);
  if (day === null) return null;
  const lead = leadingActor(story);
  let best: StoryProfile | null = null;
  let bestScore = -1;
  for (const other of near) {
    if (other.id === story.id) continue;
    // 1. One moment, one leading participant.
    const otherDay = mainDayOf(other.days);
    if (otherDay === null || !sameDay(day, otherDay) || leadingActor(other) !== lead) continue;
    // 2. Taken as an article would be.
    const asArticle = storyAsArticle(other);
    if (!likeItsArticles(asArticle, story)) continue;
    const score = storySimilarity(asArticle, story);
    if (score > bestScore || (score === bestScore && best && other.firstSeenAt < best.firstSeenAt)) [best, bestScore] = [other, score];
  }
  if (!best || bestScore < JOIN_THRESHOLD) return null;
  // 3. The larger stays.
  const otherStays = best.articleCount > story.articleCount || (best.articleCount === story.articleCount && best.firstSeenAt < story.firstSeenAt);
  return otherStays ? { keep: best, go: story, similarity: bestScore } : { keep: story, go: best, similarity: bestScore };
}

/** The most weighted participant of a story, by last word as stories compare names ("Lohan" and "Lindsay Lohan" are one); null when it names none. */
export function leadingActor(story: Pick<StoryProfile, 'actors'>): string | null {
  const key = nameKeys(Object.keys(story.actors));
  const weights = new Map<string, number>();
  for (const [name, w] of Object.entries(story.actors)) weights.set(key(name), (weights.get(key(name)) ?? 0) + w);
  let [lead, most] = [null as string | null, 0];
  for (const [name, w] of weights) if (w > most || (w === most && lead !== null && name < lead)) [lead, most] = [name, w];
  return lead;
}

/** A story compared as an article: its terms normalised, its actors by weight, its days, its last article's time. */
function storyAsArticle(story: StoryProfile): ArticleProfile {
  const norm = Math.sqrt(Object.values(story.terms).reduce((sum, w) => sum + w * w, 0)) || 1;
  return {
    terms: Object.fromEntries(Object.entries(story.terms).map(([term, w]) => [term, w / norm])),
    actors: Object.entries(story.actors)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([name]) => name),
    days: Object.keys(story.days),
    publishedAt: story.lastSeenAt,
    title: story.title,
  };
}
