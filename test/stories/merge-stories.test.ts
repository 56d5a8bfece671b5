import { describe, expect, it } from 'vitest';
import { storyOf } from '../../src/stories/assign-story.js';
import { groupArticles } from '../../src/stories/group-articles.js';
import { leadingActor, storyToMerge } from '../../src/stories/merge-stories.js';
import type { ArticleProfile, StoryProfile } from '../../src/stories/story-types.js';

const AT = '2026-03-02T10:00:00.000Z';

/**
 * A report of an actress entering rehab, told from one of two angles (the clinic she was to enter,
 * the one she entered): the angle's own words, the words both tell, her name, and the day it tells of.
 */
function report(angle: 'first' | 'second', k: number, person = 'lindsay lohan', day = angle === 'first' ? '2026-03-01' : '2026-03-02'): { articleId: string; profile: ArticleProfile } {
  const own: Record<string, number> = angle === 'first' ? { morningsid: 0.3, malibu: 0.3 } : { betty: 0.3, ford: 0.3 };
  const last = person.slice(person.lastIndexOf(' ') + 1);
  const profile: ArticleProfile = { terms: { ...own, [last]: 0.6, rehab: 0.5, clinic: 0.3, [`${angle}${k}`]: 0.2 }, actors: [person], days: [day], publishedAt: AT, title: `${angle} ${k}` };
  return { articleId: `${angle}${k}`, profile };
}

function story(id: string, reports: ReturnType<typeof report>[]): StoryProfile {
  return storyOf(id, reports);
}

describe('merging two stories of one moment', () => {
  it('merges a story of the same main day and leading person, the larger staying', () => {
    const first = story('s-first', [0, 1, 2].map((k) => report('first', k)));
    const second = story('s-second', [0, 1, 2, 3].map((k) => report('second', k)));
    const merge = storyToMerge(first, [first, second]);
    expect(merge?.keep.id).toBe('s-second');
    expect(merge?.go.id).toBe('s-first');
    // Asked from the other side, the same two, the same way round.
    expect(storyToMerge(second, [first])).toMatchObject({ keep: { id: 's-second' }, go: { id: 's-first' } });
  });

  it('keeps the older of two stories of one size', () => {
    const older = story('s-older', [0, 1].map((k) => report('first', k)));
    const younger = { ...story('s-younger', [0, 1].map((k) => report('second', k))), firstSeenAt: '2026-03-02T11:00:00.000Z' };
    expect(storyToMerge(younger, [older])).toMatchObject({ keep: { id: 's-older' }, go: { id: 's-younger' } });
  });

  it('leaves a story of another moment: a look-alike days later', () => {
    const first = story('s-first', [0, 1, 2].map((k) => report('first', k)));
    const later = story('s-later', [0, 1, 2].map((k) => report('second', k, 'lindsay lohan', '2026-03-12')));
    expect(storyToMerge(first, [later])).toBeNull();
  });

  it('leaves a story led by another person the same day', () => {
    const first = story('s-first', [0, 1, 2].map((k) => report('first', k)));
    const other = story('s-other', [0, 1, 2].map((k) => report('second', k, 'tara reid')));
    expect(leadingActor(other)).toBe('reid');
    expect(storyToMerge(first, [other])).toBeNull();
  });

  it('needs a main day on both sides: one named by two articles at least', () => {
    const first = story('s-first', [0, 1, 2].map((k) => report('first', k)));
    const lone = story('s-lone', [report('second', 0), report('second', 1, 'lindsay lohan', '2026-03-05')]);
    expect(storyToMerge(first, [lone])).toBeNull();
    const undated = story('s-undated', [0, 1].map((k) => ({ ...report('second', k), profile: { ...report('second', k).profile, days: [] } })));
    expect(storyToMerge(first, [undated])).toBeNull();
  });

  it('groups the two angles into one story offline when each opened its own first', async () => {
    // The second angle's first report tells only of a later day, far from the first's: it opens a story, and the
    // second angle's next reports, whose own words the first's reports share too little of, join it. Once both
    // stories name their main day (a day apart), they are one.
    const angle = (side: 'a' | 'b', k: number, day: string) => {
      const terms: Record<string, number> = side === 'a' ? { morningsid: 0.3, malibu: 0.3 } : { betty: 0.3, ford: 0.3 };
      Object.assign(terms, { lohan: 0.4, rehab: 0.28 }, Object.fromEntries([0, 1, 2].map((u) => [`${side}${k}w${u}`, 0.4])));
      return { id: `${side}${k}`, profile: { terms, actors: ['lindsay lohan'], days: [day], publishedAt: AT, title: `${side} ${k}` } };
    };
    const articles = [angle('a', 0, '2026-03-01'), angle('b', 0, '2026-04-15'), angle('a', 1, '2026-03-01'), angle('b', 1, '2026-03-02'), angle('a', 2, '2026-03-01'), angle('b', 2, '2026-03-02')];
    const grouped = await groupArticles(articles);
    expect(grouped).toHaveLength(1);
    expect(new Set(grouped[0].members)).toEqual(new Set(articles.map((a) => a.id)));
    expect(grouped[0].story.articleCount).toBe(6);
  });
});
