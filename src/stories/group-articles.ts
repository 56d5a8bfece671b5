/**
 * A set of articles grouped into stories offline, one at a time in the order given, by the
 * assignment the service uses (assign-story.ts) over the in-memory index, with the corrections of
 * early wrong joins after each join (split-story.ts: a story that became two; else
 * rehome-member.ts: a member another story would now take first, then absorb-single.ts: stories
 * of one article it would now take first, then merge-stories.ts: a story of the same moment and
 * participant): what `chronicle stories` prints and bench/stories.ts scores.
 */
import { assignStory, joinStory, storyOf, type AssignOptions } from './assign-story.js';
import { absorbSingles } from './absorb-single.js';
import { MemoryStoryIndex } from './memory-index.js';
import { storyToMerge } from './merge-stories.js';
import { rehomeMember } from './rehome-member.js';
import { SPLIT_WINDOW, splitStory, type StoryMember } from './split-story.js';
import type { ArticleProfile, StoryProfile } from './story-types.js';

export interface GroupedStory {
  story: StoryProfile;
  /** The ids of its articles, in the order they joined. */
  members: string[];
}

export async function groupArticles(
  articles: ReadonlyArray<{ id: string; profile: ArticleProfile }>,
  options: Pick<AssignOptions, 'threshold' | 'limit' | 'lookbackDays'> & { index?: MemoryStoryIndex } = {},
): Promise<GroupedStory[]> {
  const index = options.index ?? new MemoryStoryIndex();
  const members = new Map<string, Array<StoryMember & { profile: ArticleProfile }>>();
  let opened = index.size;
  const newStoryId = () => `s${++opened}`;
  for (const { id, profile } of articles) {
    const { story, opened: isNew, candidates } = await assignStory(profile, index, { ...options, articleId: id, newStoryId });
    index.save(story);
    const list = [...(members.get(story.id) ?? []), { articleId: id, profile }];
    members.set(story.id, list);
    if (isNew) continue;
    // The story may now be two: the younger group leaves it for a story of its own.
    const split = splitStory(list);
    if (!split) {
      // Else one of its least fitting members may belong to another story now: it moves there, last to join it.
      const moved = await rehomeMember(story, list.slice(-SPLIT_WINDOW), id, index);
      if (moved) {
        const member = list.find((m) => m.articleId === moved.articleId)!;
        const stay = list.filter((m) => m !== member);
        index.save(storyOf(story.id, stay));
        index.save(joinStory(moved.to, member.profile, member.articleId));
        members.set(story.id, stay);
        members.set(moved.to.id, [...(members.get(moved.to.id) ?? []), member]);
      }
      // And stories of one article it would now take first join it, last.
      const singles = await absorbSingles(index.get(story.id)!, candidates, async (storyId) => members.get(storyId)?.[0] ?? null);
      for (const { storyId, member } of singles.absorbed) {
        index.remove(storyId);
        members.delete(storyId);
        members.set(story.id, [...members.get(story.id)!, member]);
      }
      if (singles.absorbed.length > 0) index.save(singles.story);
      // And a story of the same moment and participant among the candidates is one with it.
      const merge = storyToMerge(index.get(story.id)!, candidates.filter((c) => index.get(c.id) !== undefined));
      // (Only when both are as they were compared: a candidate that took a rehomed member since is left, as the service leaves it.)
      const [kept, going] = merge ? [members.get(merge.keep.id)!, members.get(merge.go.id)!] : [[], []];
      if (merge && kept.length === merge.keep.articleCount && going.length === merge.go.articleCount) {
        const all = [...kept, ...going];
        index.remove(merge.go.id);
        index.save(storyOf(merge.keep.id, all));
        members.delete(merge.go.id);
        members.set(merge.keep.id, all);
      }
      continue;
    }
    const leaving = new Set(split.leave);
    const [stay, leave] = [list.filter((m) => !leaving.has(m.articleId)), list.filter((m) => leaving.has(m.articleId))];
    const other = newStoryId();
    index.save(storyOf(story.id, stay));
    index.save(storyOf(other, leave));
    members.set(story.id, stay);
    members.set(other, leave);
  }
  return [...members].map(([id, list]) => ({ story: index.get(id)!, members: list.map((m) => m.articleId) }));
}
