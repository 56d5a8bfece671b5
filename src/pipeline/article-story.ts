import type { Queryable } from '../store/database.js';
import { newId } from '../store/ids.js';
import { getArticleStoryId, getStoryMembers, moveStoryArticles, refreshStoryCounts, rejoinStory, removeEmptiedStory, saveStory, setArticleStory, storeStoryCandidates } from '../store/story-store.js';
import { absorbSingles } from '../stories/absorb-single.js';
import { storyToMerge } from '../stories/merge-stories.js';
import { assignStory, joinStory, storyIndexKeys, storyOf } from '../stories/assign-story.js';
import { REHOME_MIN, rehomeMember } from '../stories/rehome-member.js';
import { SPLIT_MIN, SPLIT_WINDOW, splitStory } from '../stories/split-story.js';
import type { ArticleProfile, StoryProfile } from '../stories/story-types.js';

/**
 * The story an article belongs to, inside the process stage's transaction: the one it was put in
 * before (re-processing never moves an article, so story ids stay stable across re-ingests), else
 * the story its profile joins or opens among the candidates the store's index gives, saved with
 * the story's index keys (those the offline index keeps too, so that both group alike). After a
 * join, the story may split in two (splitAfterJoin): the article's story is then the one it ended
 * in; else one of its earlier members may move to another story (rehomeAfterJoin), stories
 * of one article it would now take first are absorbed (absorbAfterJoin), and a story of the same
 * moment and participant is merged with it (mergeAfterJoin): the article's story is then the one
 * that stays.
 */
export async function assignArticleStory(
  tx: Queryable,
  articleId: string,
  profile: ArticleProfile,
  /** The story the article is in, when the caller read it in this transaction already. */
  inStory?: string | null,
): Promise<{ storyId: string; opened: boolean }> {
  const kept = inStory !== undefined ? inStory : await getArticleStoryId(tx, articleId);
  if (kept) return { storyId: kept, opened: false };
  const assignment = await assignStory(profile, storeStoryCandidates(tx), { articleId, newStoryId: () => newId('sto') });
  await saveStory(tx, assignment.story, storyIndexKeys(assignment.story));
  await setArticleStory(tx, articleId, assignment.story.id, profile);
  if (assignment.opened) return { storyId: assignment.story.id, opened: true };
  const split = await splitAfterJoin(tx, assignment.story);
  if (split) return { storyId: split.leave.includes(articleId) ? split.storyId : assignment.story.id, opened: false };
  const grown = await absorbAfterJoin(tx, await rehomeAfterJoin(tx, assignment.story, articleId), assignment.candidates);
  const merged = await mergeAfterJoin(tx, grown, assignment.candidates.filter((c) => !grown.absorbed.has(c.id)));
  return { storyId: merged ?? assignment.story.id, opened: false };
}

/**
 * The last correction, as the offline grouping makes it when the story did not split
 * (stories/absorb-single.ts): stories of one article that this story would now take first give
 * it their article (its most recent, with the events it first reported), and go.
 */
async function absorbAfterJoin(tx: Queryable, story: StoryProfile, near: readonly StoryProfile[]): Promise<{ story: StoryProfile; absorbed: Set<string> }> {
  const memberOf = async (storyId: string) => (await getStoryMembers(tx, storyId, 1))[0] ?? null;
  const { absorbed, story: grown } = await absorbSingles(story, near, memberOf);
  if (absorbed.length === 0) return { story, absorbed: new Set() };
  for (const { storyId, member } of absorbed) {
    await rejoinStory(tx, member.articleId, storyId, story.id);
    await removeEmptiedStory(tx, storyId, story.id);
  }
  await saveStory(tx, grown, storyIndexKeys(grown));
  await refreshStoryCounts(tx, story.id);
  return { story: grown, absorbed: new Set(absorbed.map((a) => a.storyId)) };
}

/**
 * The correction after the others, as the offline grouping makes it (stories/merge-stories.ts):
 * a story among the assignment's candidates (but those just absorbed) of the same moment and
 * participant as the story is one with it: the smaller one's articles join the larger, with their
 * events, the larger is rebuilt from both stories' articles (its own first, each in the order they
 * joined), and the smaller is retired as a pointer to it. A story with articles kept without a
 * profile (before migration 11) is left as it is. Gives the id of the story that stays, or null
 * when none merged.
 */
async function mergeAfterJoin(tx: Queryable, grown: { story: StoryProfile }, near: readonly StoryProfile[]): Promise<string | null> {
  const merge = storyToMerge(grown.story, near);
  if (!merge) return null;
  const [kept, going] = [await getStoryMembers(tx, merge.keep.id), await getStoryMembers(tx, merge.go.id)];
  if (kept.length !== merge.keep.articleCount || going.length !== merge.go.articleCount) return null;
  const merged = storyOf(merge.keep.id, [...kept, ...going]);
  await saveStory(tx, merged, storyIndexKeys(merged));
  await moveStoryArticles(tx, merge.go.id, merge.keep.id, going.map((m) => m.articleId));
  await removeEmptiedStory(tx, merge.go.id, merge.keep.id);
  await refreshStoryCounts(tx, merge.keep.id);
  return merge.keep.id;
}

/**
 * The other correction, as the offline grouping does it when the story did not split
 * (stories/rehome-member.ts): one of the least fitting of the story's recent members, other than the
 * article that just joined, moves to a story at least as large that would now take it first,
 * with the events it first reported; its story is rebuilt from the articles left, in the order
 * they joined, and the other takes it as its most recent article. A story with articles kept
 * without a profile (before migration 11) is left as it is. Gives the story as it now is.
 */
async function rehomeAfterJoin(tx: Queryable, story: StoryProfile, articleId: string): Promise<StoryProfile> {
  if (story.articleCount < REHOME_MIN) return story; // too few to check: no need to read them
  const moved = await rehomeMember(story, await getStoryMembers(tx, story.id, SPLIT_WINDOW), articleId, storeStoryCandidates(tx));
  if (!moved) return story;
  const members = await getStoryMembers(tx, story.id);
  const member = members.find((m) => m.articleId === moved.articleId);
  if (!member || members.length !== story.articleCount) return story;
  const stays = storyOf(story.id, members.filter((m) => m !== member));
  const joined = joinStory(moved.to, member.profile, member.articleId);
  await saveStory(tx, stays, storyIndexKeys(stays));
  await saveStory(tx, joined, storyIndexKeys(joined));
  await rejoinStory(tx, member.articleId, story.id, joined.id);
  await refreshStoryCounts(tx, story.id);
  await refreshStoryCounts(tx, joined.id);
  return stays;
}

/**
 * The correction of an early wrong join (stories/split-story.ts), as the offline grouping does
 * it: the story's most recent articles checked after each join; when they are two stories, the
 * younger group leaves for a new story with the events its articles first reported, and both
 * stories are rebuilt from their articles' profiles in the order they joined. The story keeps its
 * id (the older group's). A story with articles kept without a profile (before migration 11) is
 * never split: it could not be rebuilt.
 */
async function splitAfterJoin(tx: Queryable, story: StoryProfile): Promise<{ storyId: string; leave: string[] } | null> {
  if (story.articleCount < 2 * SPLIT_MIN) return null; // too few to split: no need to read them
  const split = splitStory(await getStoryMembers(tx, story.id, SPLIT_WINDOW));
  if (!split) return null;
  const members = await getStoryMembers(tx, story.id);
  if (members.length !== story.articleCount) return null;
  const leaving = new Set(split.leave);
  const stays = storyOf(story.id, members.filter((m) => !leaving.has(m.articleId)));
  const leaves = storyOf(newId('sto'), members.filter((m) => leaving.has(m.articleId)));
  await saveStory(tx, leaves, storyIndexKeys(leaves));
  await saveStory(tx, stays, storyIndexKeys(stays));
  await moveStoryArticles(tx, story.id, leaves.id, split.leave);
  await refreshStoryCounts(tx, story.id);
  await refreshStoryCounts(tx, leaves.id);
  return { storyId: leaves.id, leave: split.leave };
}
