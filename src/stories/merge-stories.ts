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
 * 2. of the first MERGE_TRIES of them in the index's order (most shared keys first), the one the
 *    story would take first, as an article, by the assignment's rules (storySimilarity at least the join threshold, its words
 *    like the story's articles);
 * 3. the smaller story's articles join the larger one (on a tie, the younger's join the older), in
 *    the order they joined their own, and the emptied story goes.
 * Two look-alikes differ in participants or in time (another host named a year later, another
 * offer ten days later): those stay apart.
 */
import { MAX_ACTORS } from './article-profile.js';
import { heaviest, JOIN_THRESHOLD } from './assign-story.js';
import { MAX_TERMS } from './distinctive-terms.js';
import { mainDayOf, sameDay } from './split-story.js';
import { likeItsArticles, nameKeys, storySimilarity } from './story-match.js';
import type { ArticleProfile, StoryProfile } from './story-types.js';

/** How many stories of the same moment and participant are compared as articles, in the index's order (each costs what scoring one candidate of an assignment does). */
export const MERGE_TRIES = 2;

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
  // 1. One moment, one leading participant: the first MERGE_TRIES of them in the index's order (most shared keys first).
  const sameMoment: StoryProfile[] = [];
  for (const other of near) {
    if (sameMoment.length === MERGE_TRIES) break;
    if (other.id === story.id) continue;
    const otherDay = mainDayOf(other.days);
    if (otherDay !== null && sameDay(day, otherDay) && leadingActor(other) === lead) sameMoment.push(other);
  }
  // 2. The one the story would take first, as an article.
  let best: StoryProfile | null = null;
  let bestScore = -1;
  for (const other of sameMoment) {
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

/**
 * A story compared as an article: its heaviest terms and actors, as many as an article keeps
 * (MAX_TERMS, MAX_ACTORS: enough to tell it, and what keeps the check cheap), the terms
 * normalised; its days; its last article's time.
 */
function storyAsArticle(story: StoryProfile): ArticleProfile {
  const terms = heaviest(story.terms, MAX_TERMS);
  const norm = Math.sqrt(terms.reduce((sum, term) => sum + story.terms[term] ** 2, 0)) || 1;
  const normalised: Record<string, number> = {};
  for (const term of terms) normalised[term] = story.terms[term] / norm;
  return {
    terms: normalised,
    actors: heaviest(story.actors, MAX_ACTORS),
    days: Object.keys(story.days),
    publishedAt: story.lastSeenAt,
    title: story.title,
  };
}

