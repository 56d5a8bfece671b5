import { describe, expect, it } from 'vitest';
import { headlineOfText } from '../../src/commands/stories.js';
import { extractEvents } from '../../src/events/extract-events.js';
import { articleProfile } from '../../src/stories/article-profile.js';
import { groupArticles } from '../../src/stories/group-articles.js';
import { SEED_DATES, seedText } from '../events/seeds.js';

/** The seed articles with their own publication dates (11-20 to 02-07: the story goes quiet for weeks). */
const seeds = Object.entries(SEED_DATES).map(([key, publishedAt]) => {
  const text = seedText(key);
  return { id: key, profile: articleProfile({ title: headlineOfText(text), text, events: extractEvents(text, { publishedAt }), publishedAt }) };
});

describe('the seed articles', () => {
  it('form one story titled after the peace talks, in publication order and in reverse', async () => {
    const chronological = [...seeds].sort((a, b) => (a.profile.publishedAt < b.profile.publishedAt ? -1 : 1));
    for (const order of [chronological, [...chronological].reverse(), seeds]) {
      const stories = await groupArticles(order);
      expect(stories).toHaveLength(1);
      expect(stories[0].members).toHaveLength(5);
      expect(stories[0].story.title).toMatch(/peace/i);
      expect(stories[0].story.firstSeenAt).toBe('2025-11-20');
      expect(stories[0].story.lastSeenAt).toBe('2026-02-07');
    }
  });
});
