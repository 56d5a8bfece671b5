import { describe, expect, it } from 'vitest';
import { ABSORB_SHARE, absorbSingles } from '../../src/stories/absorb-single.js';
import { JOIN_THRESHOLD, storyOf } from '../../src/stories/assign-story.js';
import { likeItsArticles, storySimilarity } from '../../src/stories/story-match.js';
import { MemoryStoryIndex } from '../../src/stories/memory-index.js';
import type { Member } from '../../src/stories/rehome-member.js';
import type { ArticleProfile, StoryProfile } from '../../src/stories/story-types.js';

const AT = '2026-03-02T10:00:00.000Z';

/** A report of one happening: its own words (a different last one in each report) and its person. */
function report(person: 'reid' | 'lohan', k: number): Member {
  const own: Record<string, number> = person === 'reid' ? { reid: 0.6, promis: 0.4, malibu: 0.3 } : { lohan: 0.6, betty: 0.4, ford: 0.3 };
  const profile: ArticleProfile = { terms: { ...own, rehab: 0.4, [`${person}${k}`]: 0.3 }, actors: [person === 'reid' ? 'tara reid' : 'lindsay lohan'], days: [], publishedAt: AT, title: `${person} ${k}` };
  return { articleId: `${person}${k}`, profile };
}

/** An index of the given stories, and each story's members, as the offline grouping keeps them. */
function stories(...groups: Array<[string, Member[]]>): { index: MemoryStoryIndex; memberOf: (id: string) => Promise<Member | null>; get: (id: string) => StoryProfile } {
  const index = new MemoryStoryIndex();
  for (const [id, members] of groups) index.save(storyOf(id, members));
  const byId = new Map(groups);
  return { index, memberOf: async (id) => byId.get(id)?.[0] ?? null, get: (id) => index.get(id)! };
}

describe('absorbing stories of one article', () => {
  it('takes a story of one report of its happening, its article joining last, and leaves a look-alike\'s alone', async () => {
    const reid = [0, 1, 2, 3].map((k) => report('reid', k));
    const { index, memberOf, get } = stories(['s-reid', reid], ['s-early', [report('reid', 4)]], ['s-lohan', [report('lohan', 0)]]);
    const { absorbed, story } = await absorbSingles(get('s-reid'), index.all(), memberOf);
    expect(absorbed.map((a) => [a.storyId, a.member.articleId])).toEqual([['s-early', 'reid4']]);
    expect(story.id).toBe('s-reid');
    expect(story.articleCount).toBe(5);
    expect(story.headlines.map((h) => h.articleId)).toEqual(['reid0', 'reid1', 'reid2', 'reid3', 'reid4']);
  });

  it('leaves a story of one article that another story would take first', async () => {
    // The early report is told as the second Reid story's reports are: that story would take it first.
    const early = report('reid', 9);
    const closer = [0, 1, 2].map((k) => ({ ...early, articleId: `twin${k}` }));
    const { index, memberOf, get } = stories(['s-reid', [0, 1, 2, 3].map((k) => report('reid', k))], ['s-twin', closer], ['s-early', [early]]);
    expect((await absorbSingles(get('s-reid'), index.all(), memberOf)).absorbed).toEqual([]);
    expect((await absorbSingles(get('s-twin'), index.all(), memberOf)).absorbed.map((a) => a.storyId)).toEqual(['s-early']);
  });

  it('asks more of an absorbed article than of a join: no new report vouches for the move', async () => {
    // Its words meet each Reid report less than those meet each other (0.52 against 0.77): enough to join, not to be absorbed.
    const loose: Member = { articleId: 'loose', profile: { terms: { reid: 0.6, rehab: 0.4, party: 0.5, hollywood: 0.4 }, actors: ['tara reid'], days: [], publishedAt: AT, title: 'loose' } };
    const { index, memberOf, get } = stories(['s-reid', [0, 1, 2, 3].map((k) => report('reid', k))], ['s-loose', [loose]]);
    expect(likeItsArticles(loose.profile, get('s-reid'))).toBe(true);
    expect(likeItsArticles(loose.profile, get('s-reid'), ABSORB_SHARE)).toBe(false);
    expect(storySimilarity(loose.profile, get('s-reid'))).toBeGreaterThan(JOIN_THRESHOLD);
    expect((await absorbSingles(get('s-reid'), index.all(), memberOf)).absorbed).toEqual([]);
  });

  it('leaves larger stories alone, and a story whose article it cannot read', async () => {
    const { index, get } = stories(['s-reid', [0, 1, 2].map((k) => report('reid', k))], ['s-pair', [3, 4].map((k) => report('reid', k))], ['s-early', [report('reid', 5)]]);
    expect((await absorbSingles(get('s-reid'), index.all(), async () => null)).absorbed).toEqual([]);
    const { absorbed } = await absorbSingles(get('s-reid'), index.all(), async (id) => (id === 's-early' ? report('reid', 5) : null));
    expect(absorbed.map((a) => a.storyId)).toEqual(['s-early']);
  });
});
