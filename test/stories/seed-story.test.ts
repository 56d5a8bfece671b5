import { describe, expect, it } from 'vitest';
import { headlineOfText } from '../../src/commands/stories.js';
import { extractEvents } from '../../src/events/extract-events.js';
import { extractArticle } from '../../src/extract/extract-article.js';
import { articleProfile } from '../../src/stories/article-profile.js';
import { groupArticles } from '../../src/stories/group-articles.js';
import type { ArticleProfile } from '../../src/stories/story-types.js';
import { SEED_DATES, seedText } from '../events/seeds.js';
import { loadSeedPages } from '../support/news-site.js';

/** The seed articles as plain text with their own publication dates (11-20 to 02-07: the story goes quiet for weeks). */
const seedTexts = Object.entries(SEED_DATES).map(([key, publishedAt]) => {
  const text = seedText(key);
  return { id: key, profile: articleProfile({ title: headlineOfText(text), text, events: extractEvents(text, { publishedAt }), publishedAt }) };
});

/** The seed site's pages as the process stage sees them: extracted, dated by the page, their events, their profile. */
const seedPages = loadSeedPages().map((page) => {
  const article = extractArticle(page.html, { url: `https://news.example${page.path}` });
  const publishedAt = article.publishedAt ?? page.publishedAt;
  const events = extractEvents(article.text, { publishedAt });
  return { id: page.slug, profile: articleProfile({ title: article.title, text: article.text, events, publishedAt, publishedAtKnown: article.publishedAt !== null }) };
});

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) yield [items[i], ...rest];
}

async function expectOneStoryInEveryOrder(articles: Array<{ id: string; profile: ArticleProfile }>): Promise<void> {
  const dates = articles.map((a) => a.profile.publishedAt).sort();
  let orders = 0;
  for (const order of permutations(articles)) {
    orders++;
    const stories = await groupArticles(order);
    const arrival = order.map((a) => a.id).join(', ');
    expect(stories.map((s) => s.members.length), `arrival order ${arrival}`).toEqual([5]);
    expect(stories[0].story.title, `arrival order ${arrival}`).toMatch(/peace/i);
    expect([stories[0].story.firstSeenAt, stories[0].story.lastSeenAt]).toEqual([dates[0], dates[4]]);
  }
  expect(orders).toBe(120);
}

describe('the seed articles', () => {
  it('form one story titled after the peace talks in all 120 arrival orders, as the service reads the seed pages', async () => {
    expect(seedPages).toHaveLength(5);
    await expectOneStoryInEveryOrder(seedPages);
  });

  it('form one story titled after the peace talks in all 120 arrival orders, as plain text (chronicle stories)', async () => {
    await expectOneStoryInEveryOrder(seedTexts);
  });
});
