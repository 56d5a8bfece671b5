/**
 * A set of articles grouped into stories offline, one at a time in the order given, by the
 * assignment the service uses (assign-story.ts) over the in-memory index: what
 * `chronicle stories` prints and bench/stories.ts scores.
 */
import { assignStory, type AssignOptions } from './assign-story.js';
import { MemoryStoryIndex } from './memory-index.js';
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
  const members = new Map<string, string[]>();
  let opened = index.size;
  for (const { id, profile } of articles) {
    const { story } = await assignStory(profile, index, { ...options, articleId: id, newStoryId: () => `s${++opened}` });
    index.save(story);
    const list = members.get(story.id) ?? [];
    list.push(id);
    members.set(story.id, list);
  }
  return [...members].map(([id, list]) => ({ story: index.get(id)!, members: list }));
}
