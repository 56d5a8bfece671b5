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
  events: readonly ExtractedEvent[];
}

/**
 * The story an article belongs to, inside the process stage's transaction: the one it was put in
 * before (re-processing never moves an article, so story ids stay stable across re-ingests), else
 * the story its profile joins or opens among the candidates the store's index gives, saved with
 * the article's index keys.
 */
export async function assignArticleStory(tx: Queryable, articleId: string, input: StoryInput): Promise<{ storyId: string; opened: boolean }> {
  const kept = await getArticleStoryId(tx, articleId);
  if (kept) return { storyId: kept, opened: false };
  const profile = articleProfile({
    title: input.title,
    text: input.text,
    actors: [...new Set(input.events.flatMap((event) => event.actors))],
    // Only day dates: a week or a month names no day the story happened on.
    days: [...new Set(input.events.filter((event) => event.granularity === 'day').map((event) => event.date))],
    publishedAt: input.publishedAt,
  });
  const assignment = await assignStory(profile, storeStoryCandidates(tx), { articleId, newId: () => newId('sto') });
  await saveStory(tx, assignment.story, storyIndexKeys(profile));
  await setArticleStory(tx, articleId, assignment.story.id);
  return { storyId: assignment.story.id, opened: assignment.opened };
}
