/**
 * The candidate index in memory, for the CLI and the benchmark: the same keys as the store's
 * (storyIndexKeys), an inverted map from key to stories, so that finding candidates costs what
 * the article's keys cost and not what the number of stories does.
 */
import { storyIndexKeys } from './assign-story.js';
import type { StoryCandidates, StoryProfile } from './story-types.js';

export class MemoryStoryIndex implements StoryCandidates {
  private readonly stories = new Map<string, StoryProfile>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly byKey = new Map<string, Set<string>>();

  /** Adds a story or replaces it with its newer profile (its keys may have changed). */
  save(story: StoryProfile): void {
    for (const key of this.keysOf.get(story.id) ?? []) this.byKey.get(key)?.delete(story.id);
    const keys = storyIndexKeys(story);
    for (const key of keys) {
      let ids = this.byKey.get(key);
      if (!ids) this.byKey.set(key, (ids = new Set()));
      ids.add(story.id);
    }
    this.keysOf.set(story.id, keys);
    this.stories.set(story.id, story);
  }

  async near(keys: readonly string[], since: string, limit: number): Promise<StoryProfile[]> {
    const shared = new Map<string, number>();
    for (const key of new Set(keys)) for (const id of this.byKey.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    const sinceMs = Date.parse(since);
    return [...shared]
      .map(([id, n]) => ({ story: this.stories.get(id)!, n }))
      .filter(({ story }) => !(Date.parse(story.lastSeenAt) < sinceMs))
      .sort((a, b) => b.n - a.n || (a.story.id < b.story.id ? -1 : 1))
      .slice(0, limit)
      .map(({ story }) => story);
  }

  /** Forgets a story (one whose articles all went to another: absorb-single.ts). */
  remove(id: string): void {
    for (const key of this.keysOf.get(id) ?? []) this.byKey.get(key)?.delete(id);
    this.keysOf.delete(id);
    this.stories.delete(id);
  }

  get(id: string): StoryProfile | undefined {
    return this.stories.get(id);
  }

  /** Every story, in the order they were opened. */
  all(): StoryProfile[] {
    return [...this.stories.values()];
  }

  get size(): number {
    return this.stories.size;
  }
}
