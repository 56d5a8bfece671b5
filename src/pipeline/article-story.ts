import type { ExtractedEvent } from '../events/extract-events.js';
import type { Queryable } from '../store/database.js';
import { newId } from '../store/ids.js';
import { getArticleStoryId, saveStory, setArticleStory, storeStoryCandidates } from '../store/story-store.js';
import { articleProfile } from '../stories/article-profile.js';
import { assignStory, storyIndexKeys } from '../stories/assign-story.js';

/** What the story step reads of the analysed article. */
export interface StoryInput {
  title: string | null;
  text: string;
  publishedAt: string;
  /** False when publishedAt is the fetch time (the page and the feed gave none). */
  publishedAtKnown: boolean;
  events: readonly ExtractedEvent[];
}

/**
 * The story an article belongs to, inside the process stage's transaction: the one it was put in
 * before (re-processing never moves an article, so story ids stay stable across re-ingests), else
 * the story its profile joins or opens among the candidates the store's index gives, saved with
 * the story's index keys (those the offline index keeps too, so that both group alike).
 */
export async function assignArticleStory(tx: Queryable, articleId: string, input: StoryInput): Promise<{ storyId: string; opened: boolean }> {
  const kept = await getArticleStoryId(tx, articleId);
  if (kept) return { storyId: kept, opened: false };
  const profile = articleProfile({ title: input.title, text: input.text, events: input.events, publishedAt: input.publishedAt, publishedAtKnown: input.publishedAtKnown });
  const assignment = await assignStory(profile, storeStoryCandidates(tx), { articleId, newStoryId: () => newId('sto') });
  await saveStory(tx, assignment.story, storyIndexKeys(assignment.story));
  await setArticleStory(tx, articleId, assignment.story.id);
  return { storyId: assignment.story.id, opened: assignment.opened };
}
