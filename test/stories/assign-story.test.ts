import { describe, expect, it } from 'vitest';
import { articleProfile } from '../../src/stories/article-profile.js';
import { assignStory, JOIN_THRESHOLD, joinStory, openStory, storyIndexKeys } from '../../src/stories/assign-story.js';
import { groupArticles } from '../../src/stories/group-articles.js';
import { MemoryStoryIndex } from '../../src/stories/memory-index.js';
import { actorAgreement, cosine, likeItsArticles, matchParts, nameKeys } from '../../src/stories/story-match.js';
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

  it('keeps how alike a story\'s articles are: the sum of their pairs\' word cosines', () => {
    const story = REID.slice(1).reduce((s, a, k) => joinStory(s, a, `r${k}`), openStory('reid', REID[0], 'r'));
    const pairs = cosine(REID[0].terms, REID[1].terms) + cosine(REID[0].terms, REID[2].terms) + cosine(REID[1].terms, REID[2].terms);
    expect(story.cohesion?.pairs).toBe(3);
    expect(story.cohesion?.sum).toBeCloseTo(pairs, 3);
  });

  it('lets an article into a story only if it is about as close to its articles as they are to each other', async () => {
    const profile = (terms: Record<string, number>): ArticleProfile => ({ terms, actors: ['tara reid'], days: [], publishedAt: '2026-03-02T10:00:00Z', title: null });
    const build = (id: string, list: ArticleProfile[]) => list.slice(1).reduce((s, a, k) => joinStory(s, a, `${id}${k}`), openStory(id, list[0], id));
    // Three reports told alike (cosine 1 between each two), and three that share only "reid" (0.5).
    const tight = build('tight', [0, 1, 2].map(() => profile({ reid: 0.6, rehab: 0.6, promis: 0.5292 })));
    const loose = build('loose', [profile({ reid: 0.7071, rehab: 0.7071 }), profile({ reid: 0.7071, promis: 0.7071 }), profile({ reid: 0.7071, malibu: 0.7071 })]);
    expect(tight.cohesion?.sum).toBeCloseTo(3, 2);
    expect(loose.cohesion?.sum).toBeCloseTo(1.5, 2);
    // An article that shares "reid" and little else: as close to the loose story's articles as they are to each other, not to the tight one's.
    const other = profile({ reid: 0.7, party: 0.7141 });
    expect(likeItsArticles(other, loose)).toBe(true);
    expect(likeItsArticles(other, tight)).toBe(false);
    // The threshold alone would let it into either; the tight story's cohesion keeps it out.
    expect(matchParts(other, tight).similarity).toBeGreaterThan(JOIN_THRESHOLD);
    for (const [story, opened] of [[tight, true], [loose, false]] as const) {
      const index = new MemoryStoryIndex();
      index.save(story);
      expect((await assignStory(other, index, { articleId: 'x', newStoryId: () => 'new' })).opened).toBe(opened);
    }
    // A story of one article, or one kept before cohesion was, says nothing yet.
    expect(likeItsArticles(other, openStory('one', profile({ reid: 0.6, rehab: 0.6, promis: 0.5292 }), 'o'))).toBe(true);
    expect(likeItsArticles(other, { ...tight, cohesion: undefined })).toBe(true);
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

  it('takes a name that ends in a body or a place for no person: it leads to no conflict', () => {
    // The same bombing: the story leads with the bank, the article with the lieutenant who spoke.
    const story = { actors: { 'west coast bank': 3, woodburn: 2 }, terms: { woodburn: 0.5, bomb: 0.4, coast: 0.3 } };
    const report = { actors: ['lieutenant hastings', 'woodburn'], terms: { hasting: 0.5, woodburn: 0.4, bomb: 0.3, coast: 0.3 } };
    expect(actorAgreement(report, story).conflict).toBe(false);
    // A person in the story's lead, whom the article does not name, still conflicts with the article's own.
    const person = { actors: { 'tony thompson': 3, woodburn: 2 }, terms: { woodburn: 0.5, bomb: 0.4, thompson: 0.3 } };
    expect(actorAgreement(report, person).conflict).toBe(true);
  });

  it('takes a name that ends in a role for no person: it leads to no conflict', () => {
    // The same firing: the story leads with the coach hired, the report with the coach fired, as the actor finder left him.
    const story = { actors: { 'maurice cheeks': 3, 'jim obrien': 2 }, terms: { chek: 0.5, obrien: 0.4, sixer: 0.3 } };
    const report = { actors: ['portland trailblazers coach', 'jim obrien'], terms: { coach: 0.6, obrien: 0.4, sixer: 0.3 } };
    expect(actorAgreement(report, story).conflict).toBe(false);
    const person = { actors: ['tony thompson', 'jim obrien'], terms: { thompson: 0.6, obrien: 0.4, sixer: 0.3 } };
    expect(actorAgreement(person, story).conflict).toBe(true);
  });
});
