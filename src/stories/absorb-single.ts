/**
 * Correcting an early opening: a story of one article that the story just joined would now take
 * first is absorbed by it.
 *
 * An article that arrives before the story of its happening resembles it (the story held one or
 * two look-alike reports then, or a look-alike's, so it fell short of joining or of being like
 * its articles) opens a story of its own, and nothing joins that story later: its happening's
 * reports go to the story that has grown around them. Nothing undoes it, since the corrections
 * after a join look at the story joined (split-story.ts, rehome-member.ts). So, after a join:
 * 1. among the stories the joining article was compared with (the assignment's candidates), those
 *    of one article that are like the story's articles, most alike in words first, at most
 *    ABSORB_TRIES of them;
 * 2. each one's article joins the story when the assignment's rules would put it there now, and
 *    more surely than a join: it is like the story's articles by ABSORB_SHARE, scores at least
 *    the join threshold, and none of the other candidates it is like scores higher;
 * 3. the story grows with each absorbed article, and the emptied story goes.
 * It asks the question the article faced at arrival again, with the story as it is now.
 */
import { JOIN_THRESHOLD, joinStory } from './assign-story.js';
import type { Member } from './rehome-member.js';
import { cosine, likeItsArticles, storySimilarity } from './story-match.js';
import type { StoryProfile } from './story-types.js';

/** How many stories of one article are asked again after a join, most alike first (each reads one article): 1 and 5 group the bench alike. */
export const ABSORB_TRIES = 1;

/**
 * An absorbed article must be this close to the story's articles, as a share of how close they are
 * to each other: more than a join asks (story-match.ts: COHESION_SHARE), since no new report
 * vouches for the move. At the join's share, a look-alike's first report (one that opened a story
 * of its own) went to the other happening's story once a report telling of both had joined it
 * (the two offers of test/pipeline/story-assignment.int.test.ts, grouped offline in 600 random
 * orders: at 0.6 some did, at 0.7 and 0.8 none); 0.7 and 0.8 keep the bench's gains, 0.9 loses them.
 */
export const ABSORB_SHARE = 0.8;

export interface Absorption {
  /** The story of one article that goes. */
  storyId: string;
  member: Member;
}

/**
 * The stories of one article the story would absorb now, in the order to absorb them, and the
 * story after it has; none when nothing moves. `near` are the stories the article that joined was
 * compared with (the assignment's candidates: no index look-up of its own); `memberOf` reads a
 * story's one article (with the profile it was compared by), asked only for the stories tried.
 */
export async function absorbSingles(
  story: StoryProfile,
  near: readonly StoryProfile[],
  memberOf: (storyId: string) => Promise<Member | null>,
): Promise<{ absorbed: Absorption[]; story: StoryProfile }> {
  // 1. The stories of one article among them that are like the story's articles, most alike in
  //    words first: a story of one article is its article's profile, so none is read to rank them.
  const singles = near
    .filter((other) => other.id !== story.id && other.articleCount === 1 && likeItsArticles(other, story, ABSORB_SHARE))
    .map((other) => ({ other, words: cosine(other.terms, story.terms) }))
    .sort((a, b) => b.words - a.words || (a.other.id < b.other.id ? -1 : 1));
  // 2. and 3. Each joins when the rules put it here and none of the other stories would take it first.
  let current = story;
  const absorbed: Absorption[] = [];
  for (const { other } of singles.slice(0, ABSORB_TRIES)) {
    const member = await memberOf(other.id);
    if (!member || !likeItsArticles(member.profile, current, ABSORB_SHARE)) continue;
    const { profile } = member;
    const score = storySimilarity(profile, current);
    if (score < JOIN_THRESHOLD) continue;
    const better = near.some((r) => r.id !== current.id && r.id !== other.id && likeItsArticles(profile, r) && storySimilarity(profile, r) > score);
    if (better) continue;
    absorbed.push({ storyId: other.id, member });
    current = joinStory(current, profile, member.articleId);
  }
  return { absorbed, story: current };
}
