import { describe, expect, it } from 'vitest';
import { articleProfile } from '../../src/stories/article-profile.js';
import { assignStory, joinStory, openStory, storyIndexKeys } from '../../src/stories/assign-story.js';
import { groupArticles } from '../../src/stories/group-articles.js';
import { MemoryStoryIndex } from '../../src/stories/memory-index.js';
import { actorAgreement, matchParts, nameKeys } from '../../src/stories/story-match.js';
import type { ArticleProfile } from '../../src/stories/story-types.js';

/** A hand-written article: its text names who did what, its events name the same people. */
function article(title: string, text: string, actors: string[], publishedAt = '2026-03-02T10:00:00Z'): ArticleProfile {
  const events = [{ date: publishedAt.slice(0, 10), granularity: 'day' as const, dateText: '', actors }];
  return articleProfile({ title, text, events, publishedAt });
}

const REID = [
  article('Tara Reid checks into rehab', 'Actress Tara Reid has checked into the Promises Treatment Center in Malibu, her publicist Jack Ketsoyan told People. Reid, the American Pie star, asked for privacy.', ['Tara Reid', 'Promises Treatment Center', 'Jack Ketsoyan']),
  article('Tara Reid enters Promises rehab in Malibu', 'The party girl Tara Reid entered rehab at Promises in Malibu on Monday, said her representative Jack Ketsoyan. Reid has not said why.', ['Tara Reid', 'Jack Ketsoyan', 'Malibu']),
  article('Publicist: Tara Reid in rehab', 'A publicist says Tara Reid has checked herself into rehab at the Promises Treatment Center. Reid starred in American Pie.', ['Tara Reid', 'Promises Treatment Center']),
];
// The same kind of happening, told in the same words: only who (and where) differs.
const LOHAN = [
  article('Lindsay Lohan checks into rehab', 'Actress Lindsay Lohan has checked into the Betty Ford Treatment Center in Malibu, her publicist Shawn Holley told People. Lohan, the Mean Girls star, asked for privacy.', ['Lindsay Lohan', 'Betty Ford Treatment Center', 'Shawn Holley']),
  article('Lindsay Lohan enters Betty Ford rehab in Malibu', 'The party girl Lindsay Lohan entered rehab at Betty Ford in Malibu on Monday, said her representative Shawn Holley. Lohan has not said why.', ['Lindsay Lohan', 'Shawn Holley', 'Malibu']),
  article('Publicist: Lindsay Lohan in rehab', 'A publicist says Lindsay Lohan has checked herself into rehab at the Betty Ford Treatment Center. Lohan starred in Mean Girls.', ['Lindsay Lohan', 'Betty Ford Treatment Center']),
];

async function partition(articles: ArticleProfile[]): Promise<string[][]> {
  const grouped = await groupArticles(articles.map((profile) => ({ id: profile.title!, profile })));
  return grouped.map((g) => [...g.members].sort()).sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('story assignment', () => {
  it('joins reports of the same happening into one story', async () => {
    const stories = await partition(REID);
    expect(stories).toHaveLength(1);
  });

  it('keeps two look-alike happenings with other participants apart', async () => {
    const stories = await partition([...REID, ...LOHAN]);
    expect(stories).toEqual([LOHAN.map((a) => a.title!).sort(), REID.map((a) => a.title!).sort()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  });

  it('groups the same way whatever the arrival order', async () => {
    const all = [...REID, ...LOHAN];
    const orders = [all, [...all].reverse(), [LOHAN[1], REID[2], LOHAN[0], REID[0], LOHAN[2], REID[1]]];
    const groupings = await Promise.all(orders.map(partition));
    expect(groupings[1]).toEqual(groupings[0]);
    expect(groupings[2]).toEqual(groupings[0]);
  });

  it('scores a look-alike far below a report of the same happening', () => {
    const reid = REID.slice(1).reduce((story, a, k) => joinStory(story, a, `r${k}`), openStory('reid', REID[0], 'r'));
    const same = matchParts(REID[1], reid);
    const other = matchParts(LOHAN[0], reid);
    expect(same.similarity).toBeGreaterThan(2 * other.similarity);
    expect(other.conflict).toBe(true);
  });

  it('lets a story fade with the time since its last article', () => {
    const story = openStory('s', REID[0], 'r0');
    const soon = matchParts({ ...REID[1], publishedAt: '2026-03-03T10:00:00Z' }, story);
    const late = matchParts({ ...REID[1], publishedAt: '2026-09-03T10:00:00Z' }, story);
    expect(soon.fade).toBe(1);
    expect(late.similarity).toBeLessThan(soon.similarity / 2);
  });

  it('titles a story with its most central headline', () => {
    const headlines = [
      article('Weather: a sunny week ahead', 'Forecasters expect a sunny week. Tara Reid was seen in Malibu.', ['Tara Reid']),
      ...REID,
    ];
    let story = openStory('s', headlines[0], 'a0');
    headlines.slice(1).forEach((a, k) => (story = joinStory(story, a, `a${k + 1}`)));
    expect(story.title).toMatch(/Tara Reid/);
    expect(story.title).not.toMatch(/Weather/);
    expect(story.headlines).toHaveLength(4);
    expect(story.articleCount).toBe(4);
  });

  it('opens a new story below the threshold and names it by the id given', async () => {
    const index = new MemoryStoryIndex();
    const first = await assignStory(REID[0], index, { articleId: 'a1', newStoryId: () => 'story-1' });
    expect(first).toMatchObject({ opened: true, similarity: 0, story: { id: 'story-1', articleCount: 1 } });
    index.save(first.story);
    const second = await assignStory(REID[1], index, { articleId: 'a2', newStoryId: () => 'story-2' });
    expect(second.opened).toBe(false);
    expect(second.story.id).toBe('story-1');
    expect(second.similarity).toBeGreaterThan(0);
    const apart = await assignStory(LOHAN[0], index, { articleId: 'a3', newStoryId: () => 'story-3' });
    expect(apart).toMatchObject({ opened: true, story: { id: 'story-3' } });
  });
});

describe('story index keys and the in-memory index', () => {
  it('keys a profile by its heaviest terms and its actors by last word', () => {
    const keys = storyIndexKeys(REID[0]);
    expect(keys).toContain('a:reid');
    expect(keys.some((k) => k.startsWith('t:'))).toBe(true);
    const story = openStory('s', REID[0], 'a');
    expect(storyIndexKeys(story)).toContain('a:reid');
  });

  it('finds stories by shared keys, most shared first, within the time window and the limit', async () => {
    const index = new MemoryStoryIndex();
    index.save(openStory('reid', REID[0], 'a'));
    index.save(openStory('lohan', LOHAN[0], 'b'));
    index.save(openStory('old', { ...REID[1], publishedAt: '2020-01-01T00:00:00Z' }, 'c'));
    const near = await index.near(storyIndexKeys(REID[2]), '2025-01-01T00:00:00Z', 10);
    expect(near[0].id).toBe('reid');
    expect(near.map((s) => s.id)).not.toContain('old');
    expect(await index.near(storyIndexKeys(REID[2]), '2025-01-01T00:00:00Z', 1)).toHaveLength(1);
    expect(await index.near(['t:nothing-shares-this'], '2000-01-01T00:00:00Z', 10)).toEqual([]);
  });

  it('re-keys a story when it is saved again', async () => {
    const index = new MemoryStoryIndex();
    const story = openStory('s', REID[0], 'a');
    index.save(story);
    index.save({ ...story, terms: { lohan: 1 }, actors: { 'lindsay lohan': 1 } });
    expect(await index.near(['a:reid'], '2000-01-01T00:00:00Z', 10)).toEqual([]);
    expect((await index.near(['a:lohan'], '2000-01-01T00:00:00Z', 10)).map((s) => s.id)).toEqual(['s']);
    expect(index.size).toBe(1);
  });
});

describe('names between an article and a story', () => {
  it('meets a first name alone with the one person it starts, and not one that starts several', () => {
    const story = { actors: { 'lindsay lohan': 3, 'betty ford': 1 }, terms: { lohan: 0.5, rehab: 0.4 } };
    const alone = actorAgreement({ actors: ['lindsay', 'malibu'], terms: { lindsay: 0.5, malibu: 0.3 } }, story);
    const other = actorAgreement({ actors: ['tara', 'malibu'], terms: { tara: 0.5, malibu: 0.3 } }, story);
    expect(alone.agreement).toBeGreaterThan(other.agreement);
    // Both halves: the story names the article's "Lindsay", and the article names the story's Lindsay Lohan.
    expect(alone.agreement).toBeGreaterThan(0.5);
    const key = nameKeys(['president bush', 'president obama'], ['president']);
    expect(key('president')).toBe('president');
    expect(nameKeys(['lindsay lohan'])('lindsay')).toBe('lohan');
  });
});
