import { describe, expect, it } from 'vitest';
import { groupArticles } from '../../src/stories/group-articles.js';
import { SPLIT_MIN, SPLIT_WINDOW, splitStory, type StoryMember } from '../../src/stories/split-story.js';
import type { ArticleProfile } from '../../src/stories/story-types.js';

const AT = '2026-03-02T10:00:00.000Z';

/**
 * A report of one of two look-alike happenings: the words of their kind (shared by both), a few
 * of its own happening's words (a different few in each report) and its own days.
 */
function report(happening: 'a' | 'b', k: number, days: string[] = []): ArticleProfile {
  const terms: Record<string, number> = { teixeira: 0.4, offer: 0.3, contract: 0.3, baseball: 0.3, agent: 0.2 };
  const own = happening === 'a' ? ['angels', 'anaheim', 'reagins', 'moreno', 'eight', 'years'] : ['redsox', 'boston', 'henry', 'epstein', 'fenway', 'yankees'];
  for (let i = 0; i < 4; i++) terms[own[(k + i) % own.length]] = 0.35;
  return { terms, actors: ['mark teixeira'], days, publishedAt: AT, title: `${happening} ${k}` };
}

const member = (happening: 'a' | 'b', k: number, days: string[] = []): StoryMember & { profile: ArticleProfile } => ({ articleId: `${happening}${k}`, profile: report(happening, k, days) });
const reports = (happening: 'a' | 'b', n: number, days: string[] = []) => Array.from({ length: n }, (_, k) => member(happening, k, days));

describe('splitting a story whose articles are two happenings', () => {
  it('lets the younger of two cohesive groups leave, so that the story keeps its first article and its id', () => {
    const members = [...reports('a', 6), ...reports('b', 6)];
    const split = splitStory(members);
    expect(split?.leave).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    expect(split!.across).toBeLessThan(split!.within);
  });

  it('finds the groups whatever order their articles joined in', () => {
    const [a, b] = [reports('a', 6), reports('b', 6)];
    const interleaved = a.flatMap((m, k) => [m, b[k]]);
    expect(splitStory(interleaved)?.leave).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
    expect(splitStory([b[0], ...a, ...b.slice(1)])?.leave).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('leaves one happening told in varied words as one story', () => {
    expect(splitStory(reports('a', 12))).toBeNull();
  });

  it('does not split off a group too small to tell', () => {
    expect(splitStory([...reports('a', 8), ...reports('b', SPLIT_MIN - 1)])).toBeNull();
  });

  it('keeps two groups that report the same days as one happening told from two angles', () => {
    const members = [...reports('a', 6, ['2026-03-01']), ...reports('b', 6, ['2026-03-02'])];
    expect(splitStory(members)).toBeNull();
    const apart = [...reports('a', 6, ['2026-03-01']), ...reports('b', 6, ['2026-06-20'])];
    expect(splitStory(apart)?.leave).toHaveLength(6);
  });

  it('looks at the most recent articles only (a bound on its cost)', () => {
    const old = Array.from({ length: SPLIT_WINDOW }, (_, k) => member('a', k));
    const members = [...reports('b', 6).map((m) => ({ ...m, articleId: `old-${m.articleId}` })), ...old];
    expect(splitStory(members)).toBeNull();
  });
});

describe('grouping with the split', () => {
  it('parts a look-alike whose first reports joined the first story once enough of them have arrived', async () => {
    const arrivals = [...reports('a', 6), ...reports('b', 6)].map((m) => ({ id: m.articleId, profile: m.profile }));
    const without = await groupArticles(arrivals.slice(0, 8));
    expect(without.map((g) => g.members)).toEqual([['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'b0', 'b1']]);
    const grouped = await groupArticles(arrivals);
    expect(grouped.map((g) => g.members)).toEqual([
      ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'],
      ['b0', 'b1', 'b2', 'b3', 'b4', 'b5'],
    ]);
    expect(grouped[0].story.id).toBe('s1');
    expect(grouped[0].story.articleCount).toBe(6);
    expect(grouped[1].story.articleCount).toBe(6);
    expect(grouped[1].story.headlines.map((h) => h.articleId)).toEqual(['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  });
});
