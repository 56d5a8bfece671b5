import { describe, expect, it } from 'vitest';
import { storyOf } from '../../src/stories/assign-story.js';
import { MemoryStoryIndex } from '../../src/stories/memory-index.js';
import { rehomeMember, withoutArticle } from '../../src/stories/rehome-member.js';
import type { ArticleProfile } from '../../src/stories/story-types.js';

const AT = '2026-03-02T10:00:00.000Z';

/** A report of one of two look-alike happenings: the words of their kind, and a few of its own happening's. */
function report(happening: 'a' | 'b', k: number): ArticleProfile {
  const terms: Record<string, number> = { teixeira: 0.4, offer: 0.3, contract: 0.3, baseball: 0.3, agent: 0.2 };
  const own = happening === 'a' ? ['angels', 'anaheim', 'reagins', 'moreno', 'eight', 'years'] : ['redsox', 'boston', 'henry', 'epstein', 'fenway', 'yankees'];
  for (let i = 0; i < 4; i++) terms[own[(k + i) % own.length]] = 0.35;
  return { terms, actors: ['mark teixeira'], days: [], publishedAt: AT, title: `${happening} ${k}` };
}

const member = (happening: 'a' | 'b', k: number) => ({ articleId: `${happening}${k}`, profile: report(happening, k) });
const reports = (happening: 'a' | 'b', from: number, to: number) => Array.from({ length: to - from }, (_, k) => member(happening, from + k));

/** A story that took a look-alike's report early (b0 before a0…a4), and the look-alike's own story. */
function stories(otherSize: number) {
  const members = [member('b', 0), ...reports('a', 0, 5)];
  const story = storyOf('s1', members);
  const other = storyOf('s2', reports('b', 1, 1 + otherSize));
  const index = new MemoryStoryIndex();
  index.save(story);
  index.save(other);
  return { story, members, index };
}

describe('moving an early wrong member to the story that would now take it', () => {
  it("moves the look-alike's report to its own happening's story once that has grown as large", async () => {
    const { story, members, index } = stories(6);
    const moved = await rehomeMember(story, members, 'a4', index);
    expect(moved?.articleId).toBe('b0');
    expect(moved?.to.id).toBe('s2');
  });

  it('leaves it while the other story is smaller than its own: a fragment or a first few reports', async () => {
    const { story, members, index } = stories(4);
    expect(await rehomeMember(story, members, 'a4', index)).toBeNull();
  });

  it('never moves the article that just joined, nor a member of one happening', async () => {
    const { story, members, index } = stories(6);
    expect(await rehomeMember(story, members, 'b0', index)).toBeNull();
    const lookAlike = new MemoryStoryIndex();
    lookAlike.save(storyOf('s2', reports('b', 1, 7)));
    const one = reports('a', 0, 6);
    expect(await rehomeMember(storyOf('s3', one), one, 'a5', lookAlike)).toBeNull();
  });

  it("takes one article's share out of a story's profile", () => {
    const members = reports('a', 0, 4);
    const without = withoutArticle(storyOf('s1', members), members[3].profile);
    const rebuilt = storyOf('s1', members.slice(0, 3));
    expect(without.articleCount).toBe(3);
    for (const [term, w] of Object.entries(rebuilt.terms)) expect(without.terms[term]).toBeCloseTo(w, 3);
    expect(Object.keys(without.terms).sort()).toEqual(Object.keys(rebuilt.terms).sort());
    expect(without.cohesion!.sum).toBeCloseTo(rebuilt.cohesion!.sum, 3);
    expect(without.cohesion!.pairs).toBe(rebuilt.cohesion!.pairs);
  });
});
